import { createHash } from 'node:crypto';
import { VcError } from '@repo/core';
import { type IssuerStore, loadConfig } from '@repo/issuer';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FROZEN_NOW,
  type IssuerApp,
  type IssuerAppOptions,
  startIssuerApp,
  storedState,
  TOKENS,
} from '../../../test/helpers/issuer-app.ts';
import { readAnswer, tempDataDir } from '../../../test/helpers/issuer-process.ts';
import { canonicalJson, parseIdempotencyKey } from '../src/http/idempotency.ts';
import type { IssuedWrite } from '../src/store/types.ts';
import { expectNothingStored, expectProblem, ob3 } from './support.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(options: IssuerAppOptions = {}): Promise<IssuerApp> {
  const issuer = await startIssuerApp(options);
  cleanups.push(() => issuer.close());
  return issuer;
}

type Answer = { status: number; headers: Headers; json: any; text: string };

/** POSTs JSON with an optional `Idempotency-Key` field value (sent as given). */
async function post(
  issuer: IssuerApp,
  path: string,
  body: unknown,
  options: { key?: string | string[]; token?: string; raw?: string } = {},
): Promise<Answer> {
  const headers = new Headers({
    'content-type': 'application/json',
    authorization: `Bearer ${options.token ?? TOKENS.full}`,
  });
  for (const k of typeof options.key === 'string' ? [options.key] : (options.key ?? []))
    headers.append('idempotency-key', k);
  const res = await fetch(issuer.url + path, { method: 'POST', headers, body: options.raw ?? JSON.stringify(body) });
  return readAnswer(res);
}

const issue = (issuer: IssuerApp, credential: unknown, options: Parameters<typeof post>[3] = {}) =>
  post(issuer, '/credentials/issue', { credential }, options);

/** Where the answer of `key` for the token named `caller` is stored. */
const storageKey = (caller: string, key: string) => createHash('sha256').update(`${caller}\n${key}`).digest('hex');

describe('Idempotency-Key on issuing (draft-ietf-httpapi-idempotency-key-header; SECURITY-CHECKLIST I13, F1)', () => {
  it('I13 a retried issue with the same key and body creates one credential and gets the first answer again, status and body', async () => {
    const issuer = await start();
    const credential = ob3();
    const before = await storedState(issuer.deps);
    const first = await issue(issuer, credential, { key: '"retry-0001"' });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const after = await storedState(issuer.deps);
    expect(after.records).toBe(before.records + 1);

    const again = await expectNothingStored(issuer.deps, () => issue(issuer, credential, { key: '"retry-0001"' }));
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.text).toBe(first.text);

    // The same JSON with other key order and white space is the same request (canonical JSON).
    const reordered = Object.fromEntries(Object.entries(credential).reverse());
    const spaced = await expectNothingStored(issuer.deps, () =>
      issue(issuer, undefined, { key: ' "retry-0001" ', raw: JSON.stringify({ credential: reordered }, null, 2) }),
    );
    expect(spaced.status).toBe(201);
    expect(spaced.text).toBe(first.text);
    // Without a key, the same request issues another credential.
    const unkeyed = await issue(issuer, credential);
    expect(unkeyed.json.verifiableCredential.id).not.toBe(first.json.verifiableCredential.id);
  });

  it('I13 the same key with another body, or on another endpoint → 422 IDEMPOTENCY_KEY_REUSED, and nothing is stored', async () => {
    const issuer = await start();
    expect((await issue(issuer, ob3(), { key: '"reuse-0001"' })).status).toBe(201);
    const changed = { ...ob3(), name: 'Another certification' };
    const refused = await expectNothingStored(issuer.deps, () => issue(issuer, changed, { key: '"reuse-0001"' }));
    expectProblem(refused, 422, 'IDEMPOTENCY_KEY_REUSED');
    const renew = await expectNothingStored(issuer.deps, () =>
      post(issuer, '/credentials/renew', { credentialId: 'urn:uuid:x' }, { key: '"reuse-0001"' }),
    );
    expectProblem(renew, 422, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('keys belong to their caller: another token with the same key issues its own credential', async () => {
    const issuer = await start();
    const a = await issue(issuer, ob3(), { key: '"shared-0001"' });
    const b = await issue(issuer, ob3(), { key: '"shared-0001"', token: TOKENS.issueOnly });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
    expect(b.json.verifiableCredential.id).not.toBe(a.json.verifiableCredential.id);
  });

  it.each([
    ['a token, not a string', 'retry-0001'],
    ['an empty string', '""'],
    ['two fields', ['"a"', '"b"']],
    ['an unterminated string', '"abc'],
    ['single quotes', "'abc'"],
    ['a bad escape', '"a\\x"'],
    ['a tab inside', '"a\tb"'],
    ['a byte sequence', ':YWJj:'],
    ['an integer', '42'],
    ['a malformed parameter', '"abc";=1'],
    ['more than 255 characters', `"${'k'.repeat(256)}"`],
  ])('a malformed key (%s) → 400, nothing stored', async (_name, key) => {
    const issuer = await start();
    const res = await expectNothingStored(issuer.deps, () => issue(issuer, ob3(), { key }));
    expectProblem(res, 400, 'MALFORMED_VALUE_ERROR');
    expect(res.json.detail).toMatch(/Idempotency-Key/);
  });

  it('sf-string syntax: escapes, parameters (ignored) and surrounding spaces are accepted', () => {
    expect(parseIdempotencyKey('"8e03978e-40d5-43e8-bc93-6894a57f9324"')).toBe('8e03978e-40d5-43e8-bc93-6894a57f9324');
    expect(parseIdempotencyKey('"a\\"b\\\\c"')).toBe('a"b\\c');
    expect(parseIdempotencyKey('"abc";ttl=60;x;y="z";t=tok;d=1.5;b=?0;s=:YQ==:')).toBe('abc');
    expect(parseIdempotencyKey('  "abc"  ')).toBe('abc');
    expect(parseIdempotencyKey(`"${'k'.repeat(255)}"`)).toHaveLength(255);
    expect(parseIdempotencyKey('"abc" "def"')).toBeUndefined();
    expect(parseIdempotencyKey('"abc", "def"')).toBeUndefined();
    expect(canonicalJson({ b: [1, { d: null, c: 'é' }], a: true })).toBe('{"a":true,"b":[1,{"c":"é","d":null}]}');
  });

  it('a request still in flight with the same key → 409 IDEMPOTENCY_KEY_IN_USE; once answered, the retry gets that answer', async () => {
    let release!: () => void;
    let entered!: () => void;
    let gate: Promise<void> | undefined;
    const reached = new Promise<void>((r) => {
      entered = r;
    });
    const issuer = await start({
      wrapStore: (store): IssuerStore => ({
        ...store,
        async putIssued(write: IssuedWrite) {
          if (gate) {
            entered();
            await gate;
          }
          return store.putIssued(write);
        },
      }),
    });
    gate = new Promise<void>((r) => {
      release = r;
    });
    const pending = issue(issuer, ob3(), { key: '"slow-0001"' });
    await reached;
    const concurrent = await issue(issuer, ob3(), { key: '"slow-0001"' });
    expectProblem(concurrent, 409, 'IDEMPOTENCY_KEY_IN_USE');
    release();
    gate = undefined;
    const first = await pending;
    expect(first.status).toBe(201);
    const retry = await issue(issuer, ob3(), { key: '"slow-0001"' });
    expect(retry.status).toBe(201);
    expect(retry.text).toBe(first.text);
    expect((await storedState(issuer.deps)).records).toBe(1);
  });

  it('F1 the answer is stored in the same atomic write as the record; a failed write stores neither, and the retry with the same key issues', async () => {
    const writes: IssuedWrite[] = [];
    let fail = true;
    const issuer = await start({
      wrapStore: (store): IssuerStore => ({
        ...store,
        async putIssued(write: IssuedWrite) {
          writes.push(write);
          if (fail)
            throw new VcError('INSUFFICIENT_STORAGE', 'The issuer has run out of disk space; nothing was stored.');
          return store.putIssued(write);
        },
      }),
    });
    const full = await issue(issuer, ob3(), { key: '"disk-0001"' });
    expectProblem(full, 507, 'INSUFFICIENT_STORAGE');
    expect(await issuer.deps.store.getIdempotency(storageKey('full', 'disk-0001'))).toBeUndefined();
    expect((await storedState(issuer.deps)).records).toBe(0);
    fail = false;
    const retry = await issue(issuer, ob3(), { key: '"disk-0001"' });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    expect(writes).toHaveLength(2);
    const write = writes[1]!;
    expect(write.records.map((r) => r.id)).toEqual([retry.json.verifiableCredential.id]);
    expect(write.idempotency).toMatchObject({
      key: storageKey('full', 'disk-0001'),
      entry: { status: 201, body: retry.json, created: [retry.json.verifiableCredential.id] },
    });
  });

  it('a refused request leaves no answer behind: the corrected retry with the same key is processed', async () => {
    const issuer = await start();
    const wrong = { ...ob3(), issuer: { ...ob3().issuer, id: 'did:example:someone-else' } };
    expect((await issue(issuer, wrong, { key: '"fix-0001"' })).status).toBe(422);
    const fixed = await issue(issuer, ob3(), { key: '"fix-0001"' });
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get('idempotent-replayed')).toBeNull();
  });

  it('answers expire after 24 hours (default): the key may then be used again, and expired answers are purged', async () => {
    let now = FROZEN_NOW.getTime();
    const issuer = await start({ clock: () => new Date(now) });
    const first = await issue(issuer, ob3(), { key: '"ttl-0001"' });
    now += 60 * 60 * 1000;
    expect((await issue(issuer, ob3(), { key: '"ttl-0002"' })).status).toBe(201);
    now = FROZEN_NOW.getTime() + 24 * 60 * 60 * 1000 - 1;
    expect((await issue(issuer, ob3(), { key: '"ttl-0001"' })).headers.get('idempotent-replayed')).toBe('true');
    now = FROZEN_NOW.getTime() + 24 * 60 * 60 * 1000 + 1;
    expect(await issuer.deps.store.purgeIdempotency(now)).toBe(1);
    expect(await issuer.deps.store.getIdempotency(storageKey('full', 'ttl-0001'))).toBeUndefined();
    expect(await issuer.deps.store.getIdempotency(storageKey('full', 'ttl-0002'))).toBeDefined();
    const reused = await issue(issuer, { ...ob3(), name: 'Another' }, { key: '"ttl-0001"' });
    expect(reused.status).toBe(201);
    expect(reused.json.verifiableCredential.id).not.toBe(first.json.verifiableCredential.id);
    // An answer whose key was re-used after it expired is the new one: a later purge keeps it.
    expect(await issuer.deps.store.purgeIdempotency(now)).toBe(0);
    expect(await issuer.deps.store.getIdempotency(storageKey('full', 'ttl-0001'))).toMatchObject({
      created: [reused.json.verifiableCredential.id],
    });
  });

  it('IDEMPOTENCY_TTL_MS configures how long answers are kept (default 24 h, at least a minute)', async () => {
    expect(loadConfig({}).idempotencyTtlMs).toBe(24 * 60 * 60 * 1000);
    expect(loadConfig({ IDEMPOTENCY_TTL_MS: '3600000' }).idempotencyTtlMs).toBe(3_600_000);
    expect(() => loadConfig({ IDEMPOTENCY_TTL_MS: '0' })).toThrow(/IDEMPOTENCY_TTL_MS/);
    let now = FROZEN_NOW.getTime();
    const issuer = await start({ clock: () => new Date(now) });
    issuer.deps.config.idempotencyTtlMs = 60_000;
    const first = await issue(issuer, ob3(), { key: '"short-0001"' });
    expect(await issuer.deps.store.getIdempotency(storageKey('full', 'short-0001'))).toMatchObject({
      expiresAt: now + 60_000,
    });
    now += 60_000;
    const later = await issue(issuer, ob3(), { key: '"short-0001"' });
    expect(later.headers.get('idempotent-replayed')).toBeNull();
    expect(later.json.verifiableCredential.id).not.toBe(first.json.verifiableCredential.id);
  });

  it('F1 answers survive a restart', async () => {
    const data = tempDataDir();
    cleanups.push(data.cleanup);
    let issuer = await startIssuerApp({ dataDir: data.dir });
    const first = await issue(issuer, ob3(), { key: '"restart-0001"' });
    await issuer.close();
    issuer = await start({ dataDir: data.dir });
    const again = await expectNothingStored(issuer.deps, () => issue(issuer, ob3(), { key: '"restart-0001"' }));
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expectProblem(
      await issue(issuer, { ...ob3(), name: 'Other' }, { key: '"restart-0001"' }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
  });
});
