/**
 * The issuers the OpenAPI probes run against and small set-ups on them (credentials, awards in each
 * state, share links, OID4VCI tokens and key proofs), all over real HTTP on 127.0.0.1.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGuardedFetch, generateSigningKey } from '@repo/core';
import { createApp, getShare, rotateKeySet } from '@repo/issuer';
import { exportJWK, SignJWT } from 'jose';
import { awardTemplate, OB3_CERTIFICATION, offerTokenOf } from '../helpers/awards.ts';
import { FROZEN_NOW, type IssuerApp, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { readAnswer } from '../helpers/issuer-process.ts';

/** An HTTP answer as the probes read it. */
export interface Answer {
  url: string;
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** What a probe sends. */
export interface Send {
  json?: unknown;
  body?: string | Buffer;
  type?: string;
  token?: string;
  headers?: Record<string, string>;
}

/** The did:web of the second issuer (with a P-256 key, for the did:web document and ecdsa-sd-2023). */
export const WEB_DID = 'did:web:issuer.example.test';
/** The worker the certification is about. */
export const WORKER = OB3_CERTIFICATION.credentialSubject.id as string;
/** A well-formed offer or share token that opens nothing. */
export const UNKNOWN_TOKEN = 'A'.repeat(43);
/** Share tokens of another service's credential pages: one answers a redirect, one never answers. */
export const REDIRECTING = 'R'.repeat(43);
export const SILENT = 'S'.repeat(43);
/** A JSON body larger than the 512 KB limit (I1). */
export const TOO_LARGE = JSON.stringify({ padding: 'x'.repeat(600 * 1024) });

/** One request to `base + path`. */
export async function send(base: string, method: string, path: string, options: Send = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | Buffer | undefined = options.body;
  if (options.json !== undefined) body = JSON.stringify(options.json);
  if (body !== undefined) headers['content-type'] = options.type ?? 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await fetch(base + path, { method, headers, body, redirect: 'manual' });
  return { url: base + path, ...(await readAnswer(res)) };
}

/** The issuers and the set-ups the probes share. */
export interface World {
  main: IssuerApp;
  web: IssuerApp;
  /**
   * The main issuer's app again, on its own port, whose verify page fetches "public" addresses from
   * {@link World.remote} (a loopback server, through the guarded fetch's test-only options).
   */
  fetching: { url: string };
  /**
   * `http://badges.example.test:<port>`, another service's credential pages: the one of
   * {@link REDIRECTING} answers a redirect, the one of {@link SILENT} never answers.
   */
  remote: string;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 for `handler`, and how to stop it. */
async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ port: number; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

const stop = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

/**
 * Starts the issuers: the main one as `startIssuerApp({ loopbackPublicBaseUrl: true })` (did:key), and
 * a did:web one with an Ed25519 and a P-256 key (its DID document route exists only for did:web).
 */
export async function startWorld(): Promise<World> {
  const main = await startIssuerApp({ loopbackPublicBaseUrl: true });
  const { serialized } = await generateSigningKey({ didWeb: WEB_DID, fragment: 'key-1' });
  const keys = await rotateKeySet(serialized, { now: FROZEN_NOW, algorithm: 'P-256', add: true });
  const web = await startIssuerApp({ loopbackPublicBaseUrl: true, key: keys as never });
  const remote = await listen((req, res) => {
    if (req.url?.startsWith(`/c/${REDIRECTING}/`)) res.writeHead(302, { location: 'https://elsewhere.example/' }).end();
    // SILENT's page is never answered: the guarded fetch gives up after its time limit.
  });
  const fetchPublic = createGuardedFetch({
    allowHttp: true,
    unsafeAllowPrivateForTests: ['127.0.0.1'],
    lookup: async () => [{ address: '127.0.0.1', family: 4 }],
    timeoutMs: 300,
  });
  const fetching = await listen(createApp({ ...main.deps, fetchPublic }));
  return {
    main,
    web,
    fetching: { url: `http://127.0.0.1:${fetching.port}` },
    remote: `http://badges.example.test:${remote.port}`,
    async close() {
      await stop(fetching.server);
      await stop(remote.server);
      await main.close();
      await web.close();
    },
  };
}

/** An Open Badges credential of the main issuer (the certification fixture), `change` applied. */
export function certification(change: (credential: Record<string, any>) => void = () => {}): Record<string, any> {
  const credential = structuredClone(OB3_CERTIFICATION);
  change(credential);
  return credential;
}

/** Issues on `issuer` and answers the issue answer's body. */
export async function issue(
  issuer: IssuerApp,
  credential: Record<string, any> = certification(),
  options?: Record<string, unknown>,
): Promise<Record<string, any>> {
  const res = await send(issuer.url, 'POST', '/credentials/issue', {
    json: { credential, ...(options && { options }) },
    token: TOKENS.full,
  });
  if (res.status !== 201) throw new Error(`issue: ${res.status} ${res.text}`);
  return res.json;
}

/** A continuing-education course credential about the worker (counts toward the renewal pathway). */
export function ceCourse(): Record<string, any> {
  return certification((c) => {
    c.name = 'Electrical safety refresher';
    delete c.validUntil;
    c.credentialSubject.achievement = {
      id: 'https://skills-council.example/achievements/ce-electrical-safety',
      type: ['Achievement'],
      achievementType: 'Course',
      name: 'Electrical safety refresher',
      description: 'Arc-flash and lockout/tagout refresher.',
      criteria: { narrative: 'Attended the refresher.' },
      tag: ['continuing-education'],
    };
  });
}

/** A renewal pathway for the certification: one continuing-education course renews it. */
export function renewalPathway(): Record<string, any> {
  const achievement = OB3_CERTIFICATION.credentialSubject.achievement;
  return {
    type: 'Pathway',
    id: 'https://skills-council.example/pathways/openapi-test-renewal',
    name: 'Recertification (test)',
    description: 'One continuing-education course renews the certification.',
    destination: { kind: 'renewal', achievement },
    requirement: {
      type: 'AllOf',
      id: 'ce',
      name: 'Continuing education',
      children: [
        {
          type: 'Component',
          id: 'ce-course',
          name: 'A continuing-education course',
          match: { achievementTypes: ['Course'], tags: ['continuing-education'] },
        },
      ],
    },
    renewal: { achievementId: achievement.id, validityPeriod: 'P3Y', renewalWindow: 'P6M', gracePeriod: 'P90D' },
  };
}

/** A pathway nobody here completes (for evaluation). */
export function safetyPathway(id = 'https://college.example/pathways/openapi-test-safety'): Record<string, any> {
  return {
    type: 'Pathway',
    id,
    name: 'Safety basics (test)',
    description: 'One safety course.',
    destination: {
      kind: 'certificate',
      achievement: {
        id: 'https://college.example/achievements/safety-basics',
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: 'Safety basics',
        description: 'Completed the safety courses.',
        criteria: { narrative: 'One safety course.' },
      },
    },
    requirement: {
      type: 'AllOf',
      id: 'root',
      name: 'Safety courses',
      children: [
        {
          type: 'Component',
          id: 'osha-10',
          name: 'OSHA 10-hour',
          match: { achievementTypes: ['Course'], tags: ['safety'] },
        },
      ],
    },
  };
}

/** An award on the main issuer (Ada, with an email unless `recipient` says otherwise) and its offer token. */
export async function newAward(
  issuer: IssuerApp,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; token: string; offer: Record<string, any> }> {
  const res = await send(issuer.url, 'POST', '/awards', {
    json: { credential: awardTemplate(), recipient: { name: 'Ada Lovelace', email: 'ada@example.org' }, ...extra },
    token: TOKENS.full,
  });
  if (res.status !== 201) throw new Error(`award: ${res.status} ${res.text}`);
  return { id: res.json.award.id, token: offerTokenOf(res.json.offer.exchangeUrl), offer: res.json.offer };
}

/** The same-origin form post a browser makes from the offer page (Fetch Metadata). */
export const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };

/** An award claimed as a file from its page, its credential id and the credential's share token. */
export async function claimedAward(
  issuer: IssuerApp,
): Promise<{ id: string; token: string; credentialId: string; shareToken: string }> {
  const award = await newAward(issuer);
  const res = await send(issuer.url, 'POST', `/interactions/${award.token}/file`, { headers: SAME_ORIGIN });
  if (res.status !== 303) throw new Error(`claim: ${res.status} ${res.text}`);
  const state = await send(issuer.url, 'GET', `/awards/${award.id}`, { token: TOKENS.full });
  const credentialId = state.json.award.claim.credentialId as string;
  const share = await getShare(issuer.deps, credentialId);
  return { ...award, credentialId, shareToken: share!.token };
}

/** A withdrawn award's offer token. */
export async function withdrawnAward(issuer: IssuerApp): Promise<string> {
  const award = await newAward(issuer);
  const res = await send(issuer.url, 'POST', `/awards/${award.id}/withdraw`, { token: TOKENS.full });
  if (res.status !== 200) throw new Error(`withdraw: ${res.status} ${res.text}`);
  return award.token;
}

/** A share token of a credential issued directly (`options`: how it is secured, e.g. `format: "jwt"`). */
export async function sharedCredential(issuer: IssuerApp, options?: Record<string, unknown>): Promise<string> {
  const id = `urn:uuid:${randomUUID()}`;
  await issue(
    issuer,
    certification((c) => {
      c.id = id;
    }),
    options,
  );
  const res = await send(issuer.url, 'POST', `/credentials/${encodeURIComponent(id)}/share`, {
    json: { enabled: true },
    token: TOKENS.full,
  });
  if (res.status !== 200) throw new Error(`share: ${res.status} ${res.text}`);
  return new URL(res.json.shareUrl).pathname.split('/').pop()!;
}

/** An OID4VCI access token for a fresh award's pre-authorized code. */
export async function accessToken(issuer: IssuerApp): Promise<string> {
  const award = await newAward(issuer);
  const res = await send(issuer.url, 'POST', '/oid4vci/token', {
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
      'pre-authorized_code': award.token,
    }).toString(),
    type: 'application/x-www-form-urlencoded',
  });
  if (res.status !== 200) throw new Error(`token: ${res.status} ${res.text}`);
  return res.json.access_token;
}

/** An OID4VCI §F.1 key proof JWT (a bare Ed25519 JWK in the header) over a fresh c_nonce. */
export async function keyProof(issuer: IssuerApp): Promise<string> {
  const nonce = (await send(issuer.url, 'POST', '/oid4vci/nonce')).json.c_nonce as string;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = await exportJWK(publicKey);
  return new SignJWT({ nonce })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'openid4vci-proof+jwt', jwk })
    .setAudience(issuer.deps.config.publicBaseUrl)
    .setIssuedAt(Math.floor(FROZEN_NOW.getTime() / 1000))
    .sign(privateKey);
}
