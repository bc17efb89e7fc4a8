/**
 * `POST /credentials/issue` read, checked, signed (in a signing worker, the compiled module) and
 * stored without the route's middleware chain (`routes/issue-credential-fast.ts`) answers exactly
 * as the chain does: the same 201 headers and body layout, the same stored record, a proof that is
 * the stock signature of the stored credential; every refusal is the chain's own answer and
 * stores nothing; what it cannot issue (the catalogue form, a stopped worker) the chain issues.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { join } from 'node:path';
import { type SigningKey, signCredential } from '@repo/core';
import { loadPinnedContexts } from '@repo/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_KEY, type IssuerApp, startIssuerApp, TOKENS } from '../../../test/helpers/issuer-app.ts';
import { readAnswer, tempDataDir } from '../../../test/helpers/issuer-process.ts';
import { createApp } from '../src/app.ts';
import { idempotencyStorageKey } from '../src/http/idempotency.ts';
import type { IssueOneRequest } from '../src/workers/sign-messages.ts';
import { createSigningPool, type SigningPool } from '../src/workers/signing-pool.ts';
import { buildSignWorker } from '../src/workers/worker-bundle.ts';
import { expectNothingStored, ob3 } from './support.ts';

let issuer: IssuerApp;
let pool: SigningPool;
let server: Server;
let url: string;
/** What the workers were asked; `stopped` makes the next ones fail as a stopped worker does. */
const seen = { issueOne: 0, signed: 0, stopped: false };
const temp = tempDataDir();

beforeAll(async () => {
  issuer = await startIssuerApp();
  const script = await buildSignWorker(join(temp.dir, 'workers', 'sign-worker.mjs'));
  pool = await createSigningPool({ keys: EXAMPLE_KEY, contexts: loadPinnedContexts(), size: 1, script });
  // Until a worker is ready the fast path signs in this thread; these tests are about the worker.
  while (!pool.ready) await new Promise((resolve) => setTimeout(resolve, 20));
  const watched: SigningPool = Object.assign(Object.create(pool), {
    issueOne(request: IssueOneRequest) {
      seen.issueOne++;
      if (seen.stopped) return Promise.reject(new Error('A signing worker stopped (exit code 1).'));
      return pool.issueOne(request).then((outcome) => {
        if (outcome.type === 'signed') seen.signed++;
        return outcome;
      });
    },
  });
  server = createServer(createApp({ ...issuer.deps, signingPool: watched }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => {
    server?.close(() => resolve());
    server?.closeAllConnections();
  });
  await pool?.close();
  await issuer?.close();
  temp.cleanup();
});

/**
 * POST /credentials/issue; `chain` sends it through the route's chain (`Content-Encoding:
 * identity`, which the fast path leaves to the chain's body reader).
 */
async function post(body: unknown, options: { key?: string; type?: string; chain?: boolean } = {}) {
  const headers: Record<string, string> = {
    'content-type': options.type ?? 'application/json',
    authorization: `Bearer ${TOKENS.full}`,
  };
  if (options.key) headers['idempotency-key'] = `"${options.key}"`;
  if (options.chain) headers['content-encoding'] = 'identity';
  const res = await fetch(`${url}/credentials/issue`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return readAnswer(res);
}

/** The answer's headers that do not change from one request to the next. */
function stableHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((v, k) => {
    if (k !== 'date' && k !== 'content-length') out[k] = v;
  });
  return out;
}

/** Text with what differs between two issues of one body (id, indexes, signature) made alike. */
function alike(text: string, id: string): string {
  return text
    .replaceAll(id, 'ID')
    .replaceAll(encodeURIComponent(id), 'ID')
    .replace(/"statusListIndex":"\d+"/g, '"statusListIndex":"N"')
    .replace(/#\d+"/g, '#N"')
    .replace(/"index":\d+/g, '"index":N')
    .replace(/"proofValue":"[^"]+"/g, '"proofValue":"P"');
}

type Answer = Awaited<ReturnType<typeof post>>;

/**
 * The fast path's 201 (`fast`) against the chain's (`chain`) for the same body: the same headers,
 * and the same answer text and stored record but for the id, indexes and signature; the record
 * holds the credential answered. Gives both ids and the fast path's record.
 */
async function expectAnsweredAsChain(fast: Answer, chain: Answer) {
  const fastId = fast.json.verifiableCredential.id as string;
  const chainId = chain.json.verifiableCredential.id as string;
  expect(stableHeaders(fast.headers)).toEqual(stableHeaders(chain.headers));
  expect(alike(fast.text, fastId)).toBe(alike(chain.text, chainId));
  const fastRecord = await issuer.deps.store.getRecord(fastId);
  const chainRecord = await issuer.deps.store.getRecord(chainId);
  expect(fastRecord?.credential).toEqual(fast.json.verifiableCredential);
  expect(alike(JSON.stringify(fastRecord), fastId)).toBe(alike(JSON.stringify(chainRecord), chainId));
  return { fastId, chainId, fastRecord };
}

describe('POST /credentials/issue without the middleware chain (issue 12)', () => {
  it('S10 the first credential, whose status lists are not open yet, is issued by the chain; no list is left empty', async () => {
    const res = await post({ credential: ob3() });
    expect(res.status, res.text).toBe(201);
    // The worker had no index for it (none is taken before a list is open) and gave it back.
    expect(seen.issueOne).toBe(1);
    expect(issuer.deps.registry.usage()).toEqual({ revocation: [1], suspension: [1], lifecycle: [1] });
  });

  it('answers and stores as the chain does, with the stock signature', async () => {
    const before = seen.issueOne;
    const fast = await post({ credential: ob3() });
    expect(fast.status, fast.text).toBe(201);
    expect(seen.issueOne).toBe(before + 1);
    const chain = await post({ credential: ob3() }, { chain: true });
    expect(chain.status, chain.text).toBe(201);
    expect(seen.issueOne).toBe(before + 1);

    const { fastRecord } = await expectAnsweredAsChain(fast, chain);
    expect(fastRecord?.statuses.map((s) => s.purpose)).toEqual(['revocation', 'suspension', 'lifecycle']);

    // Ed25519 is deterministic: the stock pipeline signing the stored credential at the proof's
    // time gives the same proof, byte for byte.
    const { proof, ...unsigned } = fast.json.verifiableCredential;
    const stock = await signCredential(unsigned, {
      key: issuer.deps.key as SigningKey,
      documentLoader: issuer.deps.documentLoader,
      now: new Date(proof.created),
    });
    expect(JSON.stringify(stock)).toBe(JSON.stringify(fast.json.verifiableCredential));
  });

  it('a credential with both a proof and a JWT (di+jwt): the enveloped JWT answered is the one stored', async () => {
    const before = seen.issueOne;
    const res = await post({ credential: ob3(), options: { format: 'di+jwt' } });
    expect(res.status, res.text).toBe(201);
    expect(seen.issueOne).toBe(before + 1);
    const record = await issuer.deps.store.getRecord(res.json.verifiableCredential.id);
    expect(record?.credential).toEqual(res.json.verifiableCredential);
    expect(res.json.envelopedVerifiableCredential.id).toBe(`data:application/vc+jwt,${record?.jwt}`);
    expect(Object.keys(record ?? {})).toEqual([
      'id',
      'credential',
      'statuses',
      'issuedBy',
      'issuedAt',
      'jwt',
      'revoked',
      'suspended',
      'updatedAt',
    ]);
  });

  it('I3 I6 I7 refuses as the chain does, and stores nothing', async () => {
    const bad: Array<[string, string]> = [
      ['not JSON', '{"credential":'],
      ['a duplicate member', `{"credential":${JSON.stringify(ob3())},"credential":{}}`],
      ['a forbidden key', `{"credential":{"__proto__":{}}}`],
      ['an unknown request field', JSON.stringify({ credential: ob3(), colour: 'red' })],
      [
        'another issuer',
        JSON.stringify({ credential: { ...ob3(), issuer: { id: 'did:example:else', type: ['Profile'] } } }),
      ],
      ['a schema error', JSON.stringify({ credential: { ...ob3(), name: 7 } })],
      ['a proof', JSON.stringify({ credential: { ...ob3(), proof: { type: 'DataIntegrityProof' } } })],
      ['an array body', '[]'],
    ];
    for (const [what, body] of bad) {
      const before = seen.issueOne;
      const fast = await expectNothingStored(issuer.deps, () => post(body));
      // A body without "credential" is read here as the catalogue form: refused without a worker.
      expect(seen.issueOne, what).toBe(before + (body.includes('"credential"') ? 1 : 0));
      const chain = await expectNothingStored(issuer.deps, () => post(body, { chain: true }));
      expect(fast.status, what).toBeGreaterThanOrEqual(400);
      expect({ status: fast.status, body: fast.text }, what).toEqual({ status: chain.status, body: chain.text });
      expect(stableHeaders(fast.headers), what).toEqual(stableHeaders(chain.headers));
    }
  });

  it('the catalogue form (achievement + recipient) is issued by a worker from documents read here, as the chain issues it', async () => {
    const achievement = 'https://college.example/achievements/fast-path';
    const created = await fetch(`${url}/achievements`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.full}` },
      body: JSON.stringify({
        id: achievement,
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: 'Fast path',
        description: 'Issued without the chain.',
        criteria: { narrative: 'Be quick.' },
      }),
    });
    expect(created.status, await created.text()).toBe(201);
    const recipient = { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' };
    const body = { achievement, recipient, fields: { creditsEarned: 3 } };
    await post({ credential: ob3() }); // the status lists are open (the first credential of a list is the chain's)

    const before = { ...seen };
    const fast = await post(body);
    expect(fast.status, fast.text).toBe(201);
    expect(seen.signed).toBe(before.signed + 1);
    const chain = await post(body, { chain: true });
    expect(chain.status, chain.text).toBe(201);
    expect(seen.signed).toBe(before.signed + 1);
    await expectAnsweredAsChain(fast, chain);

    // An email recipient (a salted hash: not comparable byte for byte) is issued there too.
    const email = await post({ achievement, recipient: { email: 'ada@example.org' } });
    expect(email.status, email.text).toBe(201);
    expect(seen.signed).toBe(before.signed + 2);
    expect((await issuer.deps.store.getRecord(email.json.verifiableCredential.id))?.credential).toEqual(
      email.json.verifiableCredential,
    );

    // A refusal read here goes straight to the chain (no worker asked) and is its answer; nothing stored.
    for (const refused of [
      { achievement: `${achievement}/unknown`, recipient },
      { achievement, achievementVersion: 9, recipient },
      { achievement },
    ]) {
      const asked = seen.issueOne;
      const res = await expectNothingStored(issuer.deps, () => post(refused));
      expect(seen.issueOne).toBe(asked);
      const viaChain = await expectNothingStored(issuer.deps, () => post(refused, { chain: true }));
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect({ status: res.status, body: res.text }).toEqual({ status: viaChain.status, body: viaChain.text });
    }
  });

  it('the catalogue form reads the catalogue as it is now: a changed achievement or profile is in the very next credential', async () => {
    const achievement = 'https://college.example/achievements/kept';
    const send = (method: string, path: string, body: unknown) =>
      fetch(`${url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.full}` },
        body: JSON.stringify(body),
      });
    const definition = (name: string) => ({
      id: achievement,
      type: ['Achievement'],
      achievementType: 'Certificate',
      name,
      description: 'Kept in memory.',
      criteria: { narrative: 'Be remembered.' },
    });
    const issued = async (body: Record<string, unknown>) => {
      const signed = seen.signed;
      const res = await post({
        recipient: { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
        ...body,
      });
      expect(res.status, res.text).toBe(201);
      expect(seen.signed).toBe(signed + 1); // issued by the fast path, from the documents it read
      const vc = res.json.verifiableCredential;
      return { achievement: vc.credentialSubject.achievement.name, issuer: vc.issuer.name };
    };
    await post({ credential: ob3() }); // the status lists are open (the first credential of a list is the chain's)
    expect((await send('POST', '/achievements', definition('Kept 1'))).status).toBe(201);
    expect((await send('PUT', '/issuer', { name: 'College One' })).status).toBe(200);
    // Twice (a cache of documents would answer the second).
    expect(await issued({ achievement })).toEqual({ achievement: 'Kept 1', issuer: 'College One' });
    expect(await issued({ achievement })).toEqual({ achievement: 'Kept 1', issuer: 'College One' });
    // A new version of the achievement: the next credential has it; version 1 is still issued by number.
    const path = `/achievements/${encodeURIComponent(achievement)}`;
    expect((await send('PUT', path, definition('Kept 2'))).status).toBe(201);
    expect(await issued({ achievement })).toEqual({ achievement: 'Kept 2', issuer: 'College One' });
    expect(await issued({ achievement, achievementVersion: 1 })).toEqual({
      achievement: 'Kept 1',
      issuer: 'College One',
    });
    // A changed profile, twice: each next credential has it.
    expect((await send('PUT', '/issuer', { name: 'College Two' })).status).toBe(200);
    expect(await issued({ achievement })).toEqual({ achievement: 'Kept 2', issuer: 'College Two' });
    expect((await send('PUT', '/issuer', { name: 'College Three' })).status).toBe(200);
    expect(await issued({ achievement })).toEqual({ achievement: 'Kept 2', issuer: 'College Three' });
    // The same answers as the chain, which reads the store.
    const chain = await post(
      { achievement, recipient: { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' } },
      { chain: true },
    );
    expect(chain.json.verifiableCredential.issuer.name).toBe('College Three');
    expect(chain.json.verifiableCredential.credentialSubject.achievement.name).toBe('Kept 2');
  });

  it('Idempotency-Key: issued here, the answer stored as the chain stores it; a retry is the replay, another body 422, a key in use 409', async () => {
    const keyOf = (key: string) => idempotencyStorageKey({ name: 'full', scopes: [] }, key);
    const body = { credential: ob3() };
    await post(body); // the status lists are open (the first credential of a list is the chain's)
    const before = { ...seen };
    const fastKey = randomUUID();
    const fast = await post(body, { key: fastKey });
    expect(fast.status, fast.text).toBe(201);
    expect(seen.signed).toBe(before.signed + 1);
    const chainKey = randomUUID();
    const chain = await post(body, { key: chainKey, chain: true });
    expect(chain.status, chain.text).toBe(201);
    expect(seen.signed).toBe(before.signed + 1);
    const { fastId, chainId } = await expectAnsweredAsChain(fast, chain);
    const stored = await issuer.deps.store.getIdempotency(keyOf(fastKey));
    const chainStored = await issuer.deps.store.getIdempotency(keyOf(chainKey));
    expect(stored?.body).toEqual(fast.json);
    const times = (text: string) => text.replace(/"createdAt":"[^"]+"/, '').replace(/"expiresAt":\d+/, '');
    expect(times(alike(JSON.stringify(stored), fastId))).toBe(times(alike(JSON.stringify(chainStored), chainId)));

    // A retry: the first answer again (the chain replays it), nothing issued or stored.
    const retry = await expectNothingStored(issuer.deps, () => post(body, { key: fastKey }));
    expect(seen.issueOne).toBe(before.issueOne + 1);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.json).toEqual(fast.json);
    // The same key with another body: 422, nothing done.
    const reused = await expectNothingStored(issuer.deps, () =>
      post({ credential: { ...ob3(), name: 'Other' } }, { key: fastKey }),
    );
    expect(reused.status, reused.text).toBe(422);
    expect(reused.json.title).toBe('IDEMPOTENCY_KEY_REUSED');
    // Two at once with one new key: one is issued, the other is 409 (or the replay, if it came after).
    const racing = randomUUID();
    const both = await Promise.all([post(body, { key: racing }), post(body, { key: racing })]);
    const statuses = both.map((r) => r.status).sort();
    expect([
      [201, 409],
      [201, 201],
    ]).toContainEqual(statuses);
    if (statuses[1] === 201) expect(both[0]!.json).toEqual(both[1]!.json);
    // A malformed key: the chain's 400.
    const malformed = await fetch(`${url}/credentials/issue`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${TOKENS.full}`,
        'idempotency-key': 'bare',
      },
      body: JSON.stringify(body),
    });
    expect(malformed.status).toBe(400);
    // A body that is not a JSON object (the worker, which fingerprints the body it parses, signs
    // nothing): the chain's 400, nothing stored, and the key is free again for the next request.
    const arrayKey = randomUUID();
    const signedBefore = seen.signed;
    const notObject = await expectNothingStored(issuer.deps, () => post('[1]', { key: arrayKey }));
    expect(notObject.status, notObject.text).toBe(400);
    expect(seen.signed).toBe(signedBefore);
    expect(await issuer.deps.store.getIdempotency(keyOf(arrayKey))).toBeUndefined();
    const after = await post(body, { key: arrayKey });
    expect(after.status, after.text).toBe(201);
    expect(seen.signed).toBe(signedBefore + 1);
  });

  it('I13 an id already issued → 409 at /credential/id, as the chain answers; nothing more stored', async () => {
    const id = `urn:uuid:${randomUUID()}`;
    expect((await post({ credential: { ...ob3(), id } })).status).toBe(201);
    const again = await expectNothingStored(issuer.deps, () => post({ credential: { ...ob3(), id } }));
    expect(again.status, again.text).toBe(409);
    expect(again.json).toMatchObject({ title: 'CONFLICT', pointer: '/credential/id' });
  });

  it('a stopped worker: the chain issues it; a credential with fewer entries gives the other indexes back', async () => {
    seen.stopped = true;
    try {
      const res = await post({ credential: ob3() });
      expect(res.status, res.text).toBe(201);
      expect(await issuer.deps.store.getRecord(res.json.verifiableCredential.id)).toBeDefined();
    } finally {
      seen.stopped = false;
    }
    const before = issuer.deps.registry.usage();
    const res = await post({ credential: ob3(), options: { credentialStatus: [] } });
    expect(res.status, res.text).toBe(201);
    expect(issuer.deps.registry.usage()).toEqual(before);
  });

  it('I1 a body cut short (the client goes away): nothing signed, nothing stored, the next request is served', async () => {
    const before = seen.issueOne;
    const body = JSON.stringify({ credential: ob3() });
    const port = new URL(url).port;
    await expectNothingStored(issuer.deps, async () => {
      const socket = connect(Number(port), '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(
        `POST /credentials/issue HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
          `Authorization: Bearer ${TOKENS.full}\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 100)}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { status: 0 };
    });
    expect(seen.issueOne).toBe(before);
    const next = await post({ credential: ob3() });
    expect(next.status, next.text).toBe(201);
    expect(seen.issueOne).toBe(before + 1);
  });

  it('a pool whose workers are not ready yet is started, not waited for: this thread signs meanwhile', async () => {
    const asked = { warm: 0, issueOne: 0 };
    const starting = Object.create(pool, {
      ready: { value: false },
      warm: { value: () => void asked.warm++ },
      issueOne: { value: () => Promise.reject(new Error(`not ready (${++asked.issueOne})`)) },
    }) as SigningPool;
    const other = createServer(createApp({ ...issuer.deps, signingPool: starting }));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(other.address() as AddressInfo).port}/credentials/issue`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.full}` },
        body: JSON.stringify({ credential: ob3() }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const body = (await res.json()) as { verifiableCredential: { id: string } };
      expect(await issuer.deps.store.getRecord(body.verifiableCredential.id)).toBeDefined();
      expect(asked).toEqual({ warm: 1, issueOne: 0 });
    } finally {
      await new Promise<void>((resolve) => {
        other.close(() => resolve());
        other.closeAllConnections();
      });
    }
  });
});
