/**
 * A small, fully local world for the pathway and recertification demo and tests: two issuer
 * services (a skills council that certifies and renews, a community college that runs the degree
 * pathway), a few other organisations that sign their own credentials, and one worker.
 *
 * Everything is offline: every organisation has a `did:web` (or the example `did:key`) resolved
 * from memory, and each service reads the other's status lists and refresh URLs over loopback.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createDidResolver,
  createDocumentLoader,
  generateSigningKey,
  importSigningKey,
  type SigningKey,
  signCredential,
} from '@repo/core';
import { type AppDeps, buildDeps, createApp, didDocumentOf, hashToken, openLevelStore, SCOPES } from '@repo/issuer';
import { loadPinnedContexts, type Pathway, type RenewalPolicy } from '@repo/schemas';
import { createVerifier } from '@repo/verifier';
import pino from 'pino';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TOKEN = 'demo-token-0123456789abcdef';
export const WORKER = 'did:example:worker-dana-reyes';
const V2 = 'https://www.w3.org/ns/credentials/v2';
const OB = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** The shipped example pathways. */
export function examplePathway(name: 'manufacturing-aas' | 'cimt-recertification'): Pathway {
  return JSON.parse(readFileSync(join(ROOT, 'schemas', 'pathways', `${name}.json`), 'utf8'));
}

/** A mutable clock shared by the services and the worker's credentials. */
export interface DemoClock {
  now: () => Date;
  set(iso: string): void;
}
export function demoClock(start: string): DemoClock {
  let t = new Date(start);
  return { now: () => new Date(t), set: (iso) => (t = new Date(iso)) };
}

/** The organisations of the demo, by role. */
export interface Orgs {
  council: SigningKey;
  college: SigningKey;
  alliance: SigningKey;
  guild: SigningKey;
  safety: SigningKey;
  military: SigningKey;
  academy: SigningKey;
}

async function didWebKey(did: string): Promise<SigningKey> {
  return importSigningKey((await generateSigningKey({ didWeb: did })).serialized);
}

/** Fresh keys for every organisation; the council uses the repository's example key. */
export async function createOrgs(): Promise<Orgs> {
  return {
    council: await importSigningKey(JSON.parse(readFileSync(join(ROOT, 'keys-example', 'issuer-key.json'), 'utf8'))),
    college: await didWebKey('did:web:registrar.lakeshore-valley.example'),
    alliance: await didWebKey('did:web:precision-machining-alliance.example'),
    guild: await didWebKey('did:web:makers-guild.example'),
    safety: await didWebKey('did:web:workplace-safety-institute.example'),
    military: await didWebKey('did:web:service-training-records.example'),
    academy: await didWebKey('did:web:electrical-safety-academy.example'),
  };
}

/** A DID resolver that knows every organisation's `did:web` document (and did:key offline). */
export function orgResolver(orgs: Orgs) {
  const docs = new Map(Object.values(orgs).map((k) => [k.controller, didDocumentOf(k)]));
  return createDidResolver({
    extra: {
      web: async (did: string) => {
        const doc = docs.get(did);
        return doc
          ? {
              didResolutionMetadata: { contentType: 'application/did+json' },
              didDocument: doc as never,
              didDocumentMetadata: {},
            }
          : { didResolutionMetadata: { error: 'notFound' }, didDocument: null, didDocumentMetadata: {} };
      },
    },
  });
}

/** What an Open Badges credential in the demo says. */
export interface Award {
  achievementId: string;
  name: string;
  achievementType: string;
  fieldOfStudy?: string;
  tags?: string[];
  credits?: number;
  awardedDate: string;
  validUntil?: string;
  /** A percentage result (e.g. a course grade). */
  percent?: number;
  alignment?: Array<{ targetName: string; targetUrl: string }>;
}

/** An unsigned OB 3.0 credential for the worker. */
export function award(issuer: SigningKey, issuerName: string, a: Award, subject = WORKER): Record<string, unknown> {
  const achievement: Record<string, unknown> = {
    id: a.achievementId,
    type: ['Achievement'],
    achievementType: a.achievementType,
    name: a.name,
    description: `${a.name}.`,
    criteria: { narrative: `Met the requirements of ${a.name}.` },
  };
  if (a.fieldOfStudy) achievement.fieldOfStudy = a.fieldOfStudy;
  if (a.tags) achievement.tag = a.tags;
  if (a.credits !== undefined) achievement.creditsAvailable = a.credits;
  if (a.alignment) achievement.alignment = a.alignment.map((x) => ({ type: ['Alignment'], ...x }));
  const credentialSubject: Record<string, unknown> = { id: subject, type: ['AchievementSubject'], achievement };
  if (a.percent !== undefined) {
    const rd = `${a.achievementId}#final-grade`;
    achievement.resultDescription = [
      { id: rd, type: ['ResultDescription'], name: 'Final grade', resultType: 'Percent' },
    ];
    credentialSubject.result = [{ type: ['Result'], resultDescription: rd, value: String(a.percent) }];
  }
  const credential: Record<string, unknown> = {
    '@context': [V2, OB],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: a.name,
    issuer: { id: issuer.controller, type: ['Profile'], name: issuerName },
    validFrom: a.awardedDate,
    awardedDate: a.awardedDate,
    credentialSubject,
  };
  if (a.validUntil) credential.validUntil = a.validUntil;
  return credential;
}

let counter = 0;
/** Signs a credential directly with an organisation's key (organisations that run no service here). */
export async function signAs(
  key: SigningKey,
  credential: Record<string, unknown>,
  now: Date,
): Promise<Record<string, any>> {
  const documentLoader = createDocumentLoader({ contexts: loadPinnedContexts() });
  const id = `urn:uuid:00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
  return signCredential({ id, ...credential }, { key, documentLoader, now });
}

/**
 * Reads JSON at a public URL of the demo world from the service that owns it, over loopback
 * (`routes`: public base URL → loopback URL). Anything outside the world is refused, not fetched.
 */
function loopbackJson(routes: ReadonlyMap<string, string>): (url: string) => Promise<unknown> {
  return async (url) => {
    for (const [base, local] of routes) {
      if (!url.startsWith(`${base}/`)) continue;
      const res = await fetch(local + url.slice(base.length));
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      return res.json();
    }
    throw new Error(`${url} is outside the demo world; not fetched.`);
  };
}

/** One running issuer service. */
export interface Service {
  name: string;
  url: string;
  publicBaseUrl: string;
  deps: AppDeps;
  call(method: string, path: string, body?: unknown, token?: string | null): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

/** Starts an issuer service in this process on 127.0.0.1 with a real LevelDB in a temporary folder. */
export async function startService(options: {
  name: string;
  key: SigningKey;
  publicBaseUrl: string;
  clock: DemoClock;
  orgs: Orgs;
  /** Public base URL → loopback URL of every service, for cross-service reads. */
  routes: Map<string, string>;
}): Promise<Service> {
  const dir = mkdtempSync(join(tmpdir(), `demo-${options.name}-`));
  const store = await openLevelStore(join(dir, 'db'));
  const deps = await buildDeps({
    store,
    key: options.key,
    contexts: loadPinnedContexts(),
    logger: pino({ level: 'silent' }),
    clock: options.clock.now,
    didResolver: orgResolver(options.orgs),
    fetchForeignJson: loopbackJson(options.routes),
    config: {
      publicBaseUrl: options.publicBaseUrl,
      tokens: [{ name: `${options.name}-staff`, sha256: hashToken(TOKEN), scopes: Object.values(SCOPES) }],
      statusListTtlMs: 300_000,
      defaultStatusPurposes: ['revocation', 'suspension'],
      renewableLifecycle: true,
      bodyLimit: 1024 * 1024,
      maxDepth: 32,
    },
  });
  const server: Server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  options.routes.set(options.publicBaseUrl, url);
  return {
    name: options.name,
    url,
    publicBaseUrl: options.publicBaseUrl,
    deps,
    async call(method, path, body, token = TOKEN) {
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await fetch(url + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await new Promise((r) => server.close(r));
      server.closeAllConnections();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The demo world: organisations, the two services and the shared clock. */
export interface World {
  clock: DemoClock;
  orgs: Orgs;
  council: Service;
  college: Service;
  close(): Promise<void>;
}

export async function createWorld(start = '2026-09-01T12:00:00Z'): Promise<World> {
  const clock = demoClock(start);
  const orgs = await createOrgs();
  const routes = new Map<string, string>();
  const council = await startService({
    name: 'council',
    key: orgs.council,
    publicBaseUrl: 'https://council.example.test',
    clock,
    orgs,
    routes,
  });
  const college = await startService({
    name: 'college',
    key: orgs.college,
    publicBaseUrl: 'https://registrar.lakeshore-valley.example',
    clock,
    orgs,
    routes,
  });
  return {
    clock,
    orgs,
    council,
    college,
    async close() {
      await council.close();
      await college.close();
    },
  };
}

/** Issues through a service's HTTP API and returns the signed credential. */
export async function issueVia(service: Service, credential: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await service.call('POST', '/credentials/issue', { credential });
  if (res.status !== 201)
    throw new Error(`${service.name} refused to issue (${res.status}): ${JSON.stringify(res.json)}`);
  return res.json.verifiableCredential;
}

const COUNCIL = 'Midwest Industrial Skills Council (example)';
const COLLEGE = 'Lakeshore Valley Community College (example)';

/** The worker's record: every credential Dana holds, by what it is. */
export async function danasCredentials(world: World): Promise<Record<string, Record<string, any>>> {
  const { orgs, council, college, clock } = world;
  const now = clock.now();
  const course = (id: string, name: string, fieldOfStudy: string, awardedDate: string, percent?: number) =>
    issueVia(
      college,
      award(orgs.college, COLLEGE, {
        achievementId: `https://lakeshore-valley.example/courses/${id}`,
        name,
        achievementType: 'Course',
        fieldOfStudy,
        credits: 3,
        awardedDate,
        ...(percent === undefined ? {} : { percent }),
      }),
    );
  const micro = (
    key: SigningKey,
    issuerName: string,
    id: string,
    name: string,
    fieldOfStudy: string,
    tags: string[],
    awardedDate: string,
  ) =>
    signAs(
      key,
      award(key, issuerName, {
        achievementId: id,
        name,
        achievementType: 'MicroCredential',
        fieldOfStudy,
        tags,
        credits: 3,
        awardedDate,
      }),
      now,
    );
  return {
    cimt: await issueVia(
      council,
      award(orgs.council, COUNCIL, {
        achievementId: 'https://skills-council.example/achievements/cimt-level-1',
        name: 'Certified Industrial Maintenance Technician — Level 1',
        achievementType: 'Certification',
        fieldOfStudy: 'Industrial Maintenance',
        awardedDate: '2024-05-15T00:00:00Z',
        validUntil: '2027-05-15T00:00:00Z',
      }),
    ),
    productionAssociate: await issueVia(
      council,
      award(orgs.council, COUNCIL, {
        achievementId: 'https://skills-council.example/achievements/production-associate',
        name: 'Certified Production Associate',
        achievementType: 'Certification',
        awardedDate: '2023-11-02T00:00:00Z',
        alignment: [
          {
            targetName: 'Certified Production Associate',
            targetUrl: 'https://skills-council.example/credentials/production-associate',
          },
        ],
      }),
    ),
    cnc: await signAs(
      orgs.alliance,
      award(orgs.alliance, 'Precision Machining Alliance (example)', {
        achievementId: 'https://precision-machining-alliance.example/achievements/cnc-operator-level-1',
        name: 'CNC Operator — Level 1',
        achievementType: 'Certification',
        awardedDate: '2025-03-20T00:00:00Z',
      }),
      now,
    ),
    plc: await micro(
      orgs.guild,
      'Makers Guild Training (example)',
      'https://makers-guild.example/badges/plc-fundamentals',
      'PLC Fundamentals',
      'Industrial Automation',
      ['plc'],
      '2025-06-10T00:00:00Z',
    ),
    robotics: await micro(
      orgs.guild,
      'Makers Guild Training (example)',
      'https://makers-guild.example/badges/industrial-robotics',
      'Industrial Robotics Basics',
      'Robotics',
      ['robotics'],
      '2025-09-22T00:00:00Z',
    ),
    safety: await signAs(
      orgs.safety,
      award(orgs.safety, 'Workplace Safety Institute (example)', {
        achievementId: 'https://workplace-safety-institute.example/achievements/general-industry-30-hour',
        name: 'General Industry Safety — 30 Hour',
        achievementType: 'Certificate',
        awardedDate: '2022-08-01T00:00:00Z',
      }),
      now,
    ),
    composition: await course('engl-110', 'College Composition', 'English', '2025-12-15T00:00:00Z', 88),
    math: await course('math-115', 'Technical Mathematics', 'Mathematics', '2025-12-15T00:00:00Z'),
    writing: await course('engl-120', 'Technical Writing', 'English', '2026-05-10T00:00:00Z'),
    oral: await course('comm-105', 'Oral Communication', 'Communication', '2026-05-10T00:00:00Z'),
    psychology: await course('psyc-101', 'Introduction to Psychology', 'Psychology', '2026-05-10T00:00:00Z'),
    history: await course('hist-120', 'American History', 'History', '2026-05-10T00:00:00Z'),
    capstone: await course(
      'amt-290',
      'Advanced Manufacturing Capstone',
      'Advanced Manufacturing',
      '2026-08-20T00:00:00Z',
    ),
  };
}

/** Continuing-education credentials for the CIMT renewal (6 credits each). */
export async function danasContinuingEducation(
  world: World,
  awardedDate = '2026-10-01T00:00:00Z',
): Promise<Array<Record<string, any>>> {
  const { orgs, clock } = world;
  const topics: Array<[string, string]> = [
    ['electrical-safety-refresher', 'Electrical Safety'],
    ['mechanical-drives', 'Mechanical Systems'],
    ['motor-controls', 'Electrical Systems'],
    ['hydraulics-update', 'Fluid Power'],
    ['plc-troubleshooting', 'Industrial Automation'],
  ];
  const out: Array<Record<string, any>> = [];
  for (const [id, field] of topics) {
    out.push(
      await signAs(
        orgs.academy,
        award(orgs.academy, 'Electrical Safety Academy (example)', {
          achievementId: `https://electrical-safety-academy.example/ce/${id}`,
          name: `${field} (CE)`,
          achievementType: 'Course',
          fieldOfStudy: field,
          tags: ['continuing-education'],
          credits: 6,
          awardedDate,
        }),
        clock.now(),
      ),
    );
  }
  return out;
}

/**
 * An employer's verifier, as a third party would run it: it resolves the organisations' DIDs and
 * reads both services' status lists and refresh URLs (over loopback here), knows the CIMT renewal
 * policy, and follows refresh services.
 */
export function employerVerifier(world: World, renewalPolicies: RenewalPolicy[] = []) {
  const fetchJson = loopbackJson(new Map([world.council, world.college].map((s) => [s.publicBaseUrl, s.url])));
  return createVerifier({
    now: world.clock.now,
    didResolver: orgResolver(world.orgs),
    fetchStatusList: fetchJson,
    fetchRefresh: fetchJson,
    refresh: true,
    renewalPolicies,
  });
}
