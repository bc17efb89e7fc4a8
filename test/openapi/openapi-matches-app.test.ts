// The OpenAPI 3.1 description at GET /openapi.json is kept true against the running app: the
// document validates against the OpenAPI Initiative's own JSON Schemas (OAS 3.1.0 §4 "OpenAPI
// Document", schema iteration 2022-10-07 — something we did not write), every route the app
// registers is documented with the same methods and nothing else is, every documented status code
// of every operation is produced by a real request (a documented status without a probe fails), and
// each answer has a documented media type and matches its documented schema.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PROBLEM_CODES } from '@repo/core';
import { SCOPES } from '@repo/issuer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AWARD_BODY,
  DERIVE_BODY,
  EVALUATE_BODY,
  ISSUE_BODY,
  RENEW_BODY,
  STATUS_UPDATE_BODY,
} from '../../packages/issuer/src/http/request-schemas.ts';
import { type IssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { OAS_DIALECT, OAS_SCHEMA, openApiAjv, schemaChecker } from './openapi-schema.ts';
import { batchProbes } from './probes-batch.ts';
import { catalogueProbes } from './probes-catalogue.ts';
import { coreProbes, type ProbeTable } from './probes-core.ts';
import { deliveryProbes } from './probes-delivery.ts';
import { recordProbes } from './probes-records.ts';
import { verifyPageProbes } from './probes-verify-page.ts';
import { type Answer, send, startWorld, type World } from './world.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

let w: World;
let doc: any;
let webDoc: any;

beforeAll(async () => {
  w = await startWorld();
  doc = (await send(w.main.url, 'GET', '/openapi.json')).json;
  webDoc = (await send(w.web.url, 'GET', '/openapi.json')).json;
}, 60_000);
afterAll(async () => {
  await w?.close();
});

/** `METHOD /path` of every operation of a document (paths in OpenAPI template form). */
function documentedOperations(document: any): string[] {
  return Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => METHODS.includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
}

/** `METHOD /path` of every route registered on the app (as `http/method-guard.ts` reads them). */
function registeredRoutes(issuer: IssuerApp): string[] {
  const stack = (issuer.app.router as unknown as { stack: Array<{ route?: { path: unknown; methods: object } }> })
    .stack;
  const out = new Set<string>();
  for (const { route } of stack) {
    if (!route) continue;
    for (const path of Array.isArray(route.path) ? route.path : [route.path]) {
      for (const method of Object.keys(route.methods)) {
        out.add(`${method.toUpperCase()} ${String(path).replace(/:(\w+)/g, '{$1}')}`);
      }
    }
  }
  return [...out];
}

/** Follows a local `$ref` (`#/components/…`). */
function resolve(document: any, value: any): any {
  if (!value || typeof value.$ref !== 'string') return value;
  return value.$ref
    .slice(2)
    .split('/')
    .reduce((node: any, key: string) => node[key.replaceAll('~1', '/').replaceAll('~0', '~')], document);
}

describe('OpenAPI 3.1 description (GET /openapi.json) against the OpenAPI Initiative schemas', () => {
  it('OAS 3.1.0 §4.8.1: openapi "3.1.0", the base dialect, the service as its server; validates against schema 2022-10-07', async () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.jsonSchemaDialect).toBe(OAS_DIALECT);
    expect(doc.servers).toEqual([{ url: w.main.url, description: 'This service.' }]);
    const validate = openApiAjv().getSchema(OAS_SCHEMA)!;
    for (const document of [doc, webDoc]) {
      expect(validate(document), JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toBe(true);
    }
  });

  it('the bundled schemas are the published ones (SHA-256 of their parsed JSON, test/fixtures/openapi/README.md)', () => {
    const digest = (name: string) =>
      createHash('sha256')
        .update(
          JSON.stringify(JSON.parse(readFileSync(new URL(`../fixtures/openapi/${name}`, import.meta.url), 'utf8'))),
        )
        .digest('hex');
    expect(digest('schema.json')).toBe('2dceaa6b13fe7edbafbe080a6896919571c98f18bda1862a4fcc2c88ecfdaa03');
    expect(digest('dialect-base.schema.json')).toBe('dd347056fa7b4fae77bb83ee8f7857a85d6c837a75c5d6971c92037cf07d0429');
    expect(digest('meta-base.schema.json')).toBe('19bc51d017e080b11329d896cc5ac29db8f96b9566468adcd1f1248f3c43f051');
  });

  it('the validator refuses a broken document (a response without a description, OAS 3.1.0 §4.8.17)', () => {
    const broken = structuredClone(doc);
    delete broken.paths['/challenges'].post.responses['200'].description;
    expect(openApiAjv().getSchema(OAS_SCHEMA)!(broken)).toBe(false);
  });

  it('OAS 3.1.0 §4.8.24: every Schema Object follows the OpenAPI base dialect (JSON Schema 2020-12)', () => {
    const dialect = openApiAjv().getSchema(OAS_DIALECT)!;
    const schemas: Array<[string, unknown]> = [];
    const walk = (node: any, at: string) => {
      if (!node || typeof node !== 'object') return;
      for (const [k, v] of Object.entries(node)) {
        if (k === 'schema' && v && typeof v === 'object' && !at.includes('/schema')) schemas.push([`${at}/schema`, v]);
        else walk(v, `${at}/${k}`);
      }
    };
    walk(doc.paths, '#/paths');
    for (const [name, schema] of Object.entries(doc.components.schemas))
      schemas.push([`#/components/schemas/${name}`, schema]);
    expect(schemas.length).toBeGreaterThan(150);
    const invalid = schemas.filter(([, s]) => !dialect(s)).map(([at]) => at);
    expect(invalid).toEqual([]);
  });

  it('request bodies are the JSON Schemas the routes validate with (http/request-schemas.ts), not copies that can drift', () => {
    const body = (path: string, method = 'post', type = 'application/json') =>
      doc.paths[path][method].requestBody.content[type].schema;
    expect(body('/credentials/issue')).toEqual(ISSUE_BODY);
    expect(body('/credentials/status')).toEqual(STATUS_UPDATE_BODY);
    expect(body('/credentials/renew')).toEqual(RENEW_BODY);
    expect(body('/credentials/derive')).toEqual(DERIVE_BODY);
    expect(body('/pathways/{id}/evaluate')).toEqual(EVALUATE_BODY);
    expect(body('/awards')).toEqual(AWARD_BODY);
  });

  it('RFC 9457 problems list every code of PROBLEM_CODES; the bearer scheme names every scope of SCOPES', () => {
    expect(doc.components.schemas.Problem.properties.title.enum).toEqual(Object.keys(PROBLEM_CODES));
    for (const scope of Object.values(SCOPES)) {
      expect(doc.components.securitySchemes.issuerToken.description).toContain(scope);
    }
    const scopesUsed = documentedOperations(doc).flatMap((op) => {
      const [method, path] = op.split(' ');
      return (doc.paths[path!][method!.toLowerCase()].security ?? []).flatMap((r: any) => r.issuerToken ?? []);
    });
    expect(new Set(scopesUsed)).toEqual(new Set(Object.values(SCOPES)));
  });
});

describe('the examples are true', () => {
  const examples = () =>
    documentedOperations(doc).flatMap((op) => {
      const [method, path] = op.split(' ');
      const content = doc.paths[path!][method!.toLowerCase()].requestBody?.content ?? {};
      return Object.entries(content as Record<string, any>)
        .filter(([, media]) => media.example !== undefined)
        .map(([type, media]) => ({ op, method: method!, path: path!, type, media }));
    });

  it('every request example matches its request schema', () => {
    const check = schemaChecker(doc);
    const all = examples();
    expect(all.length).toBeGreaterThan(10);
    const failing = all
      .map(({ op, type, media }) => [`${op} ${type}`, check(media.schema, media.example)] as const)
      .filter(([, errors]) => errors.length > 0);
    expect(failing).toEqual([]);
  });

  it('the main examples work as they are: issue → 201, award → 201, publish a pathway → 201, verify → a result', async () => {
    const example = (path: string) => doc.paths[path].post.requestBody.content['application/json'].example;
    const full = { token: TOKENS.full };
    const issued = await send(w.main.url, 'POST', '/credentials/issue', {
      json: example('/credentials/issue'),
      ...full,
    });
    expect(issued.status, issued.text).toBe(201);
    const award = await send(w.main.url, 'POST', '/awards', { json: example('/awards'), ...full });
    expect(award.status, award.text).toBe(201);
    const pathway = await send(w.main.url, 'POST', '/pathways', { json: example('/pathways'), ...full });
    expect(pathway.status, pathway.text).toBe(201);
    // The example's proof value is shortened ("z3FXQ…"): a result that says the proof failed, not a 400.
    const verified = await send(w.main.url, 'POST', '/credentials/verify', { json: example('/credentials/verify') });
    expect(verified.status).toBe(422);
    expect(verified.json.checks.find((c: any) => c.id === 'proof').status).toBe('failed');
  });
});

describe('every route of the running app is documented, and only those', () => {
  it.each([
    ['did:key issuer', () => [w.main, doc] as const],
    ['did:web issuer (its DID document route)', () => [w.web, webDoc] as const],
  ])('%s: the same METHOD + path pairs in app.router.stack and in the document', (_name, get) => {
    const [issuer, document] = get();
    const routes = registeredRoutes(issuer).sort();
    const documented = documentedOperations(document).sort();
    expect(routes.length).toBeGreaterThan(60);
    expect(
      routes.filter((r) => !documented.includes(r)),
      'routes the document does not describe',
    ).toEqual([]);
    expect(
      documented.filter((d) => !routes.includes(d)),
      'documented operations the app does not have',
    ).toEqual([]);
  });
});

describe('every documented status of every operation is produced by the app', () => {
  /** The probe table, with a CORS pre-flight probe for every documented OPTIONS operation. */
  function table(): ProbeTable {
    const probes: ProbeTable = {
      ...coreProbes(w),
      ...deliveryProbes(w),
      ...verifyPageProbes(w),
      ...catalogueProbes(w),
      ...recordProbes(w),
      ...batchProbes(w),
    };
    for (const [document, issuer] of [
      [doc, w.main],
      [webDoc, w.web],
    ] as const) {
      for (const op of documentedOperations(document).filter((o) => o.startsWith('OPTIONS '))) {
        const path = op.slice('OPTIONS '.length).replace(/\{\w+\}/g, 'x');
        probes[op] = {
          '204': () =>
            send(issuer.url, 'OPTIONS', path, {
              headers: { origin: 'https://verifier.example', 'access-control-request-method': 'GET' },
            }),
        };
      }
    }
    return probes;
  }

  /** Every documented `METHOD /path` and status (`default` is the unexpected failure, not a status). */
  function documentedStatuses(): string[] {
    const out = new Set<string>();
    for (const document of [doc, webDoc]) {
      for (const op of documentedOperations(document)) {
        const [method, path] = op.split(' ');
        for (const status of Object.keys(document.paths[path!][method!.toLowerCase()].responses)) {
          if (status !== 'default') out.add(`${op} ${status}`);
        }
      }
    }
    return [...out];
  }

  it('the probe table covers every documented status, and probes nothing undocumented', () => {
    const probes = table();
    const covered = Object.entries(probes).flatMap(([op, byStatus]) => Object.keys(byStatus).map((s) => `${op} ${s}`));
    const documented = documentedStatuses();
    expect(documented.length).toBeGreaterThan(150);
    expect(
      documented.filter((d) => !covered.includes(d)),
      'documented but never produced',
    ).toEqual([]);
    expect(
      covered.filter((c) => !documented.includes(c)),
      'produced but not documented',
    ).toEqual([]);
  });

  it('each probe gets its documented status, a documented media type, and a body matching the documented schema', async () => {
    const probes = table();
    const failures: string[] = [];
    const checkers = new Map([doc, webDoc].map((d) => [d, schemaChecker(d)]));
    let validated = 0;
    for (const [op, byStatus] of Object.entries(probes)) {
      for (const [status, probe] of Object.entries(byStatus)) {
        const answer: Answer = await probe();
        const document = answer.url.startsWith(w.web.url) ? webDoc : doc;
        const [method, path] = op.split(' ');
        const response = resolve(document, document.paths[path!]?.[method!.toLowerCase()]?.responses?.[status]);
        const where = `${op} → ${status}`;
        if (answer.status !== Number(status)) {
          failures.push(`${where}: got ${answer.status} ${answer.text.slice(0, 200)}`);
          continue;
        }
        if (!response?.content) continue;
        const type = (answer.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
        const media = response.content[type];
        if (!media) {
          failures.push(`${where}: media type ${type} not among ${Object.keys(response.content).join(', ')}`);
          continue;
        }
        // A problem's code (its title) must be one the response's description names.
        const codes = [...String(response.description).matchAll(/`([A-Z][A-Z_]+)`/g)].map((m) => m[1]);
        if (type === 'application/problem+json' && !codes.includes(answer.json?.title)) {
          failures.push(
            `${where}: problem ${answer.json?.title} is not among the documented codes ${codes.join(', ')}`,
          );
        }
        if (!/json|^application\/vc$/.test(type) || !media.schema) continue;
        const errors = checkers.get(document)!(media.schema, JSON.parse(answer.text));
        validated++;
        if (errors.length > 0) failures.push(`${where}: body does not match its schema: ${errors.join('; ')}`);
      }
    }
    expect(failures).toEqual([]);
    expect(validated).toBeGreaterThan(130);
  }, 180_000);
});
