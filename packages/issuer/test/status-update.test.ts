import { decodeList, MIN_LIST_BITS, readStatus } from '@repo/core';
import { createVerifier } from '@repo/verifier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FROZEN_NOW, type IssuerApp, startIssuerApp, TOKENS } from '../../../test/helpers/issuer-app.ts';
import { call, expectProblem, ob3 } from './support.ts';

type Action = 'revoked' | 'suspended' | 'unsuspended';

const update = (issuer: IssuerApp, credentialId: string, ...statuses: Action[]) =>
  call(
    issuer.url,
    'POST',
    '/credentials/status',
    { credentialId, credentialStatus: statuses.map((status) => ({ type: 'BitstringStatusListEntry', status })) },
    TOKENS.full,
  );

async function issueMany(issuer: IssuerApp, count: number, options?: unknown): Promise<Record<string, any>[]> {
  const out: Record<string, any>[] = [];
  for (let i = 0; i < count; i++) {
    const res = await call(
      issuer.url,
      'POST',
      '/credentials/issue',
      options === undefined ? { credential: ob3() } : { credential: ob3(), options },
      TOKENS.full,
    );
    expect(res.status, res.text).toBe(201);
    out.push(res.json.verifiableCredential);
  }
  return out;
}

/** GET a published list over HTTP; its credential and decoded bits. */
async function publishedList(issuer: IssuerApp, purpose: string, list = 0) {
  const res = await fetch(`${issuer.url}/status/${purpose}/${list}`);
  expect(res.status).toBe(200);
  const credential: any = await res.json();
  return { credential, bits: decodeList(credential.credentialSubject.encodedList) };
}

const entryOf = (vc: Record<string, any>, purpose: string) =>
  (vc.credentialStatus as any[]).find((s) => s.statusPurpose === purpose);
const bitOf = (bits: Uint8Array, vc: Record<string, any>, purpose: string) =>
  readStatus(bits, Number(entryOf(vc, purpose).statusListIndex));

function countSetBits(bits: Uint8Array): number {
  let n = 0;
  for (const byte of bits) for (let b = byte; b; b >>= 1) n += b & 1;
  return n;
}

const verifier = () =>
  createVerifier({
    now: () => new Date(FROZEN_NOW),
    fetchStatusList: () => Promise.reject(new Error('no status list fetch expected')),
  });

describe('Status list indexes (SECURITY-CHECKLIST S10)', () => {
  let issuer: IssuerApp;
  let issued: Record<string, any>[];
  beforeAll(async () => {
    issuer = await startIssuerApp();
    issued = await issueMany(issuer, 100);
  });
  afterAll(async () => {
    await issuer?.close();
  });

  it('S10 100 issued credentials have 100 distinct, randomly spread indexes per purpose in lists of ≥ 131,072 entries', async () => {
    for (const purpose of ['revocation', 'suspension']) {
      const indexes = issued.map((vc) => {
        const entry = entryOf(vc, purpose);
        expect(entry.statusListCredential).toBe(`https://issuer.example.test/status/${purpose}/0`);
        expect(entry.id).toBe(`${entry.statusListCredential}#${entry.statusListIndex}`);
        expect(entry.statusListIndex).toMatch(/^(0|[1-9]\d*)$/);
        return Number(entry.statusListIndex);
      });
      expect(new Set(indexes).size).toBe(100);
      expect(indexes.every((i) => i >= 0 && i < MIN_LIST_BITS)).toBe(true);
      // Random, not sequential: neither in issue order nor packed together.
      const sorted = [...indexes].sort((a, b) => a - b);
      expect(indexes).not.toEqual(sorted);
      expect(sorted.at(-1)! - sorted[0]!).toBeGreaterThan(10_000);
      const { bits } = await publishedList(issuer, purpose);
      expect(bits.length * 8).toBeGreaterThanOrEqual(MIN_LIST_BITS);
    }
    expect(issuer.deps.registry.usage()).toEqual({ revocation: [100], suspension: [100], lifecycle: [100] });
  });

  it('S10 a credential has its own index in the revocation, suspension and lifecycle lists, each recorded once', async () => {
    const record = await issuer.deps.store.getRecord(issued[0]!.id);
    expect(record?.statuses.map((s) => s.purpose)).toEqual(['revocation', 'suspension', 'lifecycle']);
    expect(record?.statuses.map((s) => s.index)).toEqual([
      Number(entryOf(issued[0]!, 'revocation').statusListIndex),
      Number(entryOf(issued[0]!, 'suspension').statusListIndex),
      Number(entryOf(issued[0]!, 'message').statusListIndex),
    ]);
  });
});

describe('S10 when a list is full, a new list is opened; no index is ever handed out twice', () => {
  it('S10 with 8-entry lists, 20 credentials use lists 0, 1 and 2 with no repeated (list, index)', async () => {
    const issuer = await startIssuerApp({ listSize: 8, defaultStatusPurposes: ['revocation'] });
    try {
      const issued = await issueMany(issuer, 20);
      const slots = issued.map(
        (vc) => `${vc.credentialStatus.statusListCredential}#${vc.credentialStatus.statusListIndex}`,
      );
      expect(new Set(slots).size).toBe(20);
      expect(issuer.deps.registry.usage().revocation).toEqual([8, 8, 4]);
    } finally {
      await issuer.close();
    }
  });
});

describe('Revocation is final, suspension is not (SECURITY-CHECKLIST S11)', () => {
  let issuer: IssuerApp;
  beforeAll(async () => {
    issuer = await startIssuerApp();
  });
  afterAll(async () => {
    await issuer?.close();
  });

  it('S11 suspension can be set and cleared, and the published list and the verify endpoint follow', async () => {
    const [vc] = await issueMany(issuer, 1);
    expect(bitOf((await publishedList(issuer, 'suspension')).bits, vc!, 'suspension')).toBe(0);

    const suspended = await update(issuer, vc!.id, 'suspended');
    expect(suspended.status, suspended.text).toBe(200);
    expect(suspended.json).toMatchObject({ credentialId: vc!.id, suspended: true, revoked: false });
    expect(bitOf((await publishedList(issuer, 'suspension')).bits, vc!, 'suspension')).toBe(1);
    let verified = await call(issuer.url, 'POST', '/credentials/verify', { verifiableCredential: vc });
    expect(verified.status).toBe(422);
    expect(verified.json.problems.map((p: any) => p.title)).toEqual(['CREDENTIAL_SUSPENDED']);

    const reinstated = await update(issuer, vc!.id, 'unsuspended');
    expect(reinstated.status).toBe(200);
    expect(reinstated.json.suspended).toBe(false);
    expect(bitOf((await publishedList(issuer, 'suspension')).bits, vc!, 'suspension')).toBe(0);
    verified = await call(issuer.url, 'POST', '/credentials/verify', { verifiableCredential: vc });
    expect(verified.status, verified.text).toBe(200);

    expect((await update(issuer, vc!.id, 'suspended')).status).toBe(200);
    expect(bitOf((await publishedList(issuer, 'suspension')).bits, vc!, 'suspension')).toBe(1);
    expect((await issuer.deps.store.getRecord(vc!.id))?.suspended).toBe(true);
  });

  it('S11 revocation cannot be undone: unsuspend/suspend after revoke → 409, the bit and the record stay', async () => {
    const [vc] = await issueMany(issuer, 1);
    const revoked = await update(issuer, vc!.id, 'revoked');
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.json).toMatchObject({ revoked: true, suspended: false });
    const record = await issuer.deps.store.getRecord(vc!.id);

    for (const action of ['unsuspended', 'suspended'] as const) {
      const res = await update(issuer, vc!.id, action);
      expectProblem(res, 409, 'CONFLICT');
    }
    expectProblem(await update(issuer, vc!.id, 'revoked', 'unsuspended'), 409, 'CONFLICT');
    expect(await issuer.deps.store.getRecord(vc!.id)).toEqual(record);
    expect(bitOf((await publishedList(issuer, 'revocation')).bits, vc!, 'revocation')).toBe(1);

    // Revoking again is harmless and changes nothing.
    const again = await update(issuer, vc!.id, 'revoked');
    expect(again.status).toBe(200);
    expect(again.json.updatedAt).toBe(record?.updatedAt);
    const verified = await call(issuer.url, 'POST', '/credentials/verify', { verifiableCredential: vc });
    expect(verified.json.problems.map((p: any) => p.title)).toEqual(['CREDENTIAL_REVOKED']);
  });

  it('S11 a suspended credential can still be revoked; then it can no longer be reinstated', async () => {
    const [vc] = await issueMany(issuer, 1);
    expect((await update(issuer, vc!.id, 'suspended')).status).toBe(200);
    expect((await update(issuer, vc!.id, 'revoked')).status).toBe(200);
    expectProblem(await update(issuer, vc!.id, 'unsuspended'), 409, 'CONFLICT');
    expect(await issuer.deps.store.getRecord(vc!.id)).toMatchObject({ revoked: true, suspended: true });
  });

  it('a credential issued without a suspension entry cannot be suspended (409), and is unchanged', async () => {
    const [vc] = await issueMany(issuer, 1, {
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
    });
    const before = await issuer.deps.store.getRecord(vc!.id);
    expectProblem(await update(issuer, vc!.id, 'suspended'), 409, 'CONFLICT');
    expect(await issuer.deps.store.getRecord(vc!.id)).toEqual(before);
  });

  it.each([
    [
      'an unknown credential',
      {
        credentialId: 'urn:uuid:00000000-0000-4000-8000-000000000000',
        credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }],
      },
      404,
      'NOT_FOUND',
    ],
    [
      'an unknown status',
      { credentialId: 'urn:uuid:x', credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'deleted' }] },
      400,
      'MALFORMED_VALUE_ERROR',
    ],
    ['an empty status list', { credentialId: 'urn:uuid:x', credentialStatus: [] }, 400, 'MALFORMED_VALUE_ERROR'],
    [
      'a wrong entry type',
      { credentialId: 'urn:uuid:x', credentialStatus: [{ type: 'StatusList2021Entry', status: 'revoked' }] },
      400,
      'MALFORMED_VALUE_ERROR',
    ],
    [
      'an extra field',
      {
        credentialId: 'urn:uuid:x',
        credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked', statusListIndex: '3' }],
      },
      400,
      'MALFORMED_VALUE_ERROR',
    ],
    [
      'no credentialId',
      { credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }] },
      400,
      'MALFORMED_VALUE_ERROR',
    ],
  ])('a status update with %s → %i', async (_name, body, status, title) => {
    const before = issuer.deps.registry.usage();
    const res = await call(issuer.url, 'POST', '/credentials/status', body, TOKENS.full);
    expectProblem(res, status, title);
    expect(issuer.deps.registry.usage()).toEqual(before);
  });
});

describe('Concurrent status updates (SECURITY-CHECKLIST F4)', () => {
  let issuer: IssuerApp;
  beforeAll(async () => {
    issuer = await startIssuerApp({ defaultStatusPurposes: ['revocation'] });
  });
  afterAll(async () => {
    await issuer?.close();
  });

  it('F4 100 concurrent revocations of 100 credentials in one list → all 100 bits in the next published list; its proof verifies', async () => {
    const issued = await issueMany(issuer, 100);
    const lists = new Set(issued.map((vc) => vc.credentialStatus.statusListCredential));
    expect([...lists]).toEqual(['https://issuer.example.test/status/revocation/0']);
    // A signed copy is cached before the change: the next copy must carry every new bit.
    const before = await publishedList(issuer, 'revocation');
    expect(countSetBits(before.bits)).toBe(0);

    const answers = await Promise.all(issued.map((vc) => update(issuer, vc.id, 'revoked')));
    expect(answers.map((a) => a.status)).toEqual(issued.map(() => 200));

    const after = await publishedList(issuer, 'revocation');
    for (const vc of issued) expect(readStatus(after.bits, Number(vc.credentialStatus.statusListIndex))).toBe(1);
    expect(countSetBits(after.bits)).toBe(100);
    expect(after.credential.proof.proofValue).not.toBe(before.credential.proof.proofValue);
    const result = await verifier().verifyCredential(after.credential);
    expect(result.problems).toEqual([]);
    expect(result.verified).toBe(true);

    for (const vc of issued) expect((await issuer.deps.store.getRecord(vc.id))?.revoked).toBe(true);
    const one = await call(issuer.url, 'POST', '/credentials/verify', { verifiableCredential: issued[57] });
    expect(one.json.problems.map((p: any) => p.title)).toEqual(['CREDENTIAL_REVOKED']);
  });

  it('F4 concurrent revocations interleaved with list fetches lose no bit', async () => {
    const issued = await issueMany(issuer, 20);
    const work: Promise<unknown>[] = [];
    for (const vc of issued) {
      work.push(update(issuer, vc.id, 'revoked'));
      work.push(fetch(`${issuer.url}/status/revocation/0`).then((r) => r.arrayBuffer()));
    }
    await Promise.all(work);
    const { bits } = await publishedList(issuer, 'revocation');
    for (const vc of issued) expect(readStatus(bits, Number(vc.credentialStatus.statusListIndex))).toBe(1);
    expect(countSetBits(bits)).toBe(120);
  });
});
