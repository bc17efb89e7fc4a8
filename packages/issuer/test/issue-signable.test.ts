import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import {
  buildDeps,
  ConfigError,
  createApp,
  type IssuerStore,
  loadConfig,
  loadKeySet,
  openLevelStore,
} from '@repo/issuer';
import { loadPinnedContexts } from '@repo/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXAMPLE_KEY,
  FROZEN_NOW,
  type IssuerApp,
  PUBLIC_BASE_URL,
  silentLogger,
  startIssuerApp,
  TOKEN_ENTRIES,
  TOKENS,
} from '../../../test/helpers/issuer-app.ts';
import { tempDataDir } from '../../../test/helpers/issuer-process.ts';
import { call, expectNothingStored, expectProblem, ob3, plainV2 } from './support.ts';

const V2 = 'https://www.w3.org/ns/credentials/v2';
const OB = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2';

let issuer: IssuerApp;
beforeAll(async () => {
  issuer = await startIssuerApp();
});
afterAll(async () => {
  await issuer?.close();
});

const issue = (credential: unknown) => call(issuer.url, 'POST', '/credentials/issue', { credential }, TOKENS.full);

describe('Input canonicalisation cannot sign faithfully is refused at issue time (issue 9)', () => {
  it.each<[string, (c: Record<string, any>) => void, string]>([
    [
      '−0 (JCS and RDF write 0)',
      (c) => (c.credentialSubject.achievement.creditsAvailable = -0),
      '/credential/credentialSubject/achievement/creditsAvailable',
    ],
    [
      '0.10000000000000002 (RDF canonicalisation writes 1.0E-1, as for 0.1)',
      (c) => (c.credentialSubject.achievement.creditsAvailable = 0.10000000000000002),
      '/credential/credentialSubject/achievement/creditsAvailable',
    ],
    [
      '1e-7 (RDF canonicalisation writes the integer 0)',
      (c) => (c.credentialSubject.achievement.creditsAvailable = 1e-7),
      '/credential/credentialSubject/achievement/creditsAvailable',
    ],
    [
      'null (JSON-LD drops it)',
      (c) => (c.credentialSubject.achievement.description = null),
      '/credential/credentialSubject/achievement/description',
    ],
    [
      'null in a list',
      (c) => (c.credentialSubject.achievement.tag = ['a', null]),
      '/credential/credentialSubject/achievement/tag/1',
    ],
    [
      'an empty list (JSON-LD drops it)',
      (c) => (c.credentialSubject.achievement.alignment = []),
      '/credential/credentialSubject/achievement/alignment',
    ],
    [
      'a value repeated in a list (RDF keeps it once)',
      (c) => (c.credentialSubject.achievement.tag = ['maintenance', 'safety', 'maintenance']),
      '/credential/credentialSubject/achievement/tag/2',
    ],
  ])('%s → 422 DATA_LOSS_DETECTION_ERROR naming the pointer, nothing stored', async (_name, edit, pointer) => {
    const credential = ob3();
    edit(credential);
    // JSON.stringify writes −0 as 0: send the text "-0" itself.
    const body = JSON.stringify({ credential }, (_k, v) => (Object.is(v, -0) ? '__MINUS_ZERO__' : v)).replace(
      '"__MINUS_ZERO__"',
      '-0',
    );
    const res = await expectNothingStored(issuer.deps, () =>
      call(issuer.url, 'POST', '/credentials/issue', body, TOKENS.full),
    );
    expectProblem(res, 422, 'DATA_LOSS_DETECTION_ERROR', pointer);
  });

  it('numbers canonicalisation carries (6, 6.5, 1.5e-7) are signed and verify', async () => {
    for (const n of [6, 6.5, 1.5e-7]) {
      const credential = ob3();
      credential.credentialSubject.achievement.creditsAvailable = n;
      const res = await issue(credential);
      expect(res.status, res.text).toBe(201);
      const v = await call(issuer.url, 'POST', '/credentials/verify', res.json);
      expect(v.json.verified, v.text).toBe(true);
    }
  });
});

describe('VC 2.0 §6.1 "Restrictions on JSON-LD" at issue time: a JSON reader sees what is signed', () => {
  it.each<[string, (c: Record<string, any>) => void, string]>([
    ['"@nest" hiding a second name', (c) => (c['@nest'] = { name: 'Hidden' }), '/credential/@nest'],
    ['"@included"', (c) => (c['@included'] = [{ id: 'did:example:x', name: 'x' }]), '/credential/@included'],
    [
      '"@type" beside type',
      (c) => (c.credentialSubject['@type'] = 'AchievementSubject'),
      '/credential/credentialSubject/@type',
    ],
    ['"@id" beside id', (c) => (c.credentialSubject['@id'] = 'did:example:other'), '/credential/credentialSubject/@id'],
    [
      'a blank-node id (canonicalisation relabels it)',
      (c) => (c.issuer.image = { id: '_:img', type: 'Image' }),
      '/credential/issuer/image/id',
    ],
  ])('%s → 422 MALFORMED_VALUE_ERROR naming the pointer', async (_name, edit, pointer) => {
    const credential = ob3();
    edit(credential);
    const res = await expectNothingStored(issuer.deps, () => issue(credential));
    expectProblem(res, 422, 'MALFORMED_VALUE_ERROR', pointer);
  });
});

describe('Data Integrity 1.0 §2.4.1: inline contexts at issue time', () => {
  it.each<[string, unknown[], string]>([
    ['an inline @vocab', [V2, OB, { '@vocab': 'https://example.org/#' }], '/credential/@context/2/@vocab'],
    [
      'a redefined Open Badges term',
      [V2, OB, { Achievement: 'https://example.org/#Achievement' }],
      '/credential/@context/2/Achievement',
    ],
    [
      'a new term on the VC vocabulary',
      [V2, OB, { awardedBy: 'https://www.w3.org/2018/credentials#issuer' }],
      '/credential/@context/2/awardedBy',
    ],
    ['a keyword alias', [V2, OB, { kind: '@type' }], '/credential/@context/2/kind'],
  ])('%s → 422 CONTEXT_NOT_ALLOWED naming the pointer', async (_name, context, pointer) => {
    const credential = { ...ob3(), '@context': context };
    const res = await expectNothingStored(issuer.deps, () => issue(credential));
    expectProblem(res, 422, 'CONTEXT_NOT_ALLOWED', pointer);
  });

  it('an inline context that only defines new terms is signed and verifies', async () => {
    const credential = {
      ...plainV2(issuer.deps.key.controller),
      '@context': [
        V2,
        { ExampleCredential: 'https://example.org/#ExampleCredential', motto: 'https://example.org/#motto' },
      ],
      type: ['VerifiableCredential', 'ExampleCredential'],
      credentialSubject: { id: 'did:example:subject-1', motto: 'Keep it running' },
    };
    const res = await issue(credential);
    expect(res.status, res.text).toBe(201);
    const v = await call(issuer.url, 'POST', '/credentials/verify', res.json);
    expect(v.json.verified, v.text).toBe(true);
  });
});

/** An in-process issuer whose contexts include the W3C examples v2 context (as CONTEXTS_FILE adds it). */
async function issuerWithExamplesContext(allowTestingContexts: boolean | undefined) {
  const temp = tempDataDir();
  const store: IssuerStore = await openLevelStore(join(temp.dir, 'db'));
  const contexts = new Map<string, unknown>(loadPinnedContexts());
  contexts.set(EXAMPLES_V2, { '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' } });
  const deps = await buildDeps({
    store,
    key: await loadKeySet(EXAMPLE_KEY),
    logger: silentLogger(),
    contexts,
    clock: () => new Date(FROZEN_NOW),
    config: {
      publicBaseUrl: PUBLIC_BASE_URL,
      tokens: TOKEN_ENTRIES,
      statusListTtlMs: 300_000,
      defaultStatusPurposes: ['revocation', 'suspension'],
      renewableLifecycle: false,
      bodyLimit: 512 * 1024,
      maxDepth: 32,
      ...(allowTestingContexts === undefined ? {} : { allowTestingContexts }),
    },
  });
  const server: Server = createServer(createApp(deps));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    deps,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.close();
      temp.cleanup();
    },
  };
}

describe('The W3C testing contexts (examples v2: @vocab) are refused unless the operator allows them', () => {
  const examplesCredential = (issuerId: string) => ({
    '@context': [V2, EXAMPLES_V2],
    type: ['VerifiableCredential', 'ExampleDegreeCredential'],
    issuer: issuerId,
    credentialSubject: {
      id: 'did:example:subject-1',
      degree: { type: 'ExampleBachelorDegree', name: 'Bachelor of Science' },
    },
  });

  it('by default (configured through CONTEXTS_FILE, not allowed): issue → 422 CONTEXT_NOT_ALLOWED, nothing stored', async () => {
    const app = await issuerWithExamplesContext(undefined);
    try {
      // The first issuance opens the status lists; measure after it.
      const warm = await call(app.url, 'POST', '/credentials/issue', { credential: ob3() }, TOKENS.full);
      expect(warm.status, warm.text).toBe(201);
      const res = await expectNothingStored(app.deps, () =>
        call(
          app.url,
          'POST',
          '/credentials/issue',
          { credential: examplesCredential(app.deps.key.controller) },
          TOKENS.full,
        ),
      );
      expectProblem(res, 422, 'CONTEXT_NOT_ALLOWED');
      expect(res.json.detail).toContain(EXAMPLES_V2);
    } finally {
      await app.close();
    }
  });

  it('allowed (ALLOW_TESTING_CONTEXTS): issued and verified; the same credential is refused by an issuer that does not allow them', async () => {
    const allowing = await issuerWithExamplesContext(true);
    const strict = await issuerWithExamplesContext(false);
    try {
      const res = await call(
        allowing.url,
        'POST',
        '/credentials/issue',
        { credential: examplesCredential(allowing.deps.key.controller) },
        TOKENS.full,
      );
      expect(res.status, res.text).toBe(201);
      const ok = await call(allowing.url, 'POST', '/credentials/verify', res.json);
      expect(ok.json.verified, ok.text).toBe(true);
      const refused = await call(strict.url, 'POST', '/credentials/verify', res.json);
      expect(refused.status).toBe(422);
      expect(refused.json.problems.map((p: any) => p.title)).toContain('CONTEXT_NOT_ALLOWED');
    } finally {
      await allowing.close();
      await strict.close();
    }
  });
});

describe('ALLOW_TESTING_CONTEXTS configuration', () => {
  const load = (env: Record<string, string>) => {
    const dir = tempDataDir();
    try {
      return loadConfig({ DATA_DIR: dir.dir, ...env }, dir.dir);
    } finally {
      dir.cleanup();
    }
  };
  it('defaults to false', () => {
    expect(load({}).allowTestingContexts).toBe(false);
  });
  it('true is announced as development material', () => {
    const config = load({ ALLOW_TESTING_CONTEXTS: 'true' });
    expect(config.allowTestingContexts).toBe(true);
    expect(config.development.join(' ')).toContain('ALLOW_TESTING_CONTEXTS');
  });
  it('anything but true/false is a configuration problem', () => {
    expect(() => load({ ALLOW_TESTING_CONTEXTS: 'yes' })).toThrow(ConfigError);
  });
});
