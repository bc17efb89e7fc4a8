import { type DocumentLoader, MIN_LIST_BITS, type SigningKey } from '@repo/core';
import {
  type Check,
  type CredentialVerification,
  checkStatus,
  createVerifier,
  StatusListCache,
  type VerifierOptions,
} from '@repo/verifier';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestKey,
  createTestLoader,
  FROZEN_NOW,
  frozenClock,
  signedOb3Credential,
  signedStatusList,
  statusListServer,
} from '../../../../test/helpers/credential-factory.ts';
import {
  CERT_BASE,
  certificationStatus,
  LIFECYCLE,
  LIFECYCLE_MESSAGES,
  lifecycleEntry,
  lifecycleListUrl,
  revocationListUrl,
  signedLifecycleList,
  suspensionListUrl,
} from '../../../../test/helpers/lifecycle-fixtures.ts';

const LIST_URL = lifecycleListUrl();

let key: SigningKey;
let documentLoader: DocumentLoader;
let didResolver: ReturnType<typeof createTestLoader>['didResolver'];

beforeAll(async () => {
  ({ documentLoader, didResolver } = createTestLoader());
  key = await createTestKey();
});

function statusCheck(r: CredentialVerification): Check {
  const check = r.checks.find((c) => c.id === 'status');
  if (!check) throw new Error('no status check');
  return check;
}

function entriesOf(r: CredentialVerification): Array<{ value: number; message?: string }> {
  return (statusCheck(r).details?.entries ?? []) as Array<{ value: number; message?: string }>;
}

function world(options: Partial<VerifierOptions> = {}) {
  const server = statusListServer();
  const verifier = createVerifier({
    now: frozenClock().now,
    didResolver,
    fetchStatusList: server.fetchStatusList,
    checkSchema: false,
    ...options,
  });
  return { server, verifier };
}

/** A certification whose only status is the lifecycle entry at `index`. */
function withLifecycle(entry: Record<string, unknown> = lifecycleEntry()) {
  return signedOb3Credential(key, documentLoader, { credentialStatus: entry });
}

describe('Bitstring Status List v1.0 §2.1 statusPurpose "message" with statusSize 2 (the lifecycle entry)', () => {
  it('the fixture is the issuer entry exactly', () => {
    expect(lifecycleEntry(123, 'https://certs.example.test')).toEqual({
      id: 'https://certs.example.test/status/lifecycle/0#123',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'message',
      statusSize: 2,
      statusListIndex: '123',
      statusListCredential: 'https://certs.example.test/status/lifecycle/0',
      statusMessage: [
        { status: '0x0', message: 'active' },
        { status: '0x1', message: 'suspended' },
        { status: '0x2', message: 'revoked' },
        { status: '0x3', message: 'superseded' },
      ],
    });
  });

  it('§3.2 steps 10 and 14: value 0x0 "active" → status passed, lifecycle current, verified', async () => {
    const { server, verifier } = world();
    server.publish(LIST_URL, await signedLifecycleList({ key, documentLoader, values: { 122: 3, 124: 2 } }));
    const r = await verifier.verifyCredential(await withLifecycle());
    expect(r.problems).toEqual([]);
    expect(statusCheck(r)).toMatchObject({
      status: 'passed',
      message: 'The issuer has not revoked or suspended this credential.',
      details: { entries: [{ statusPurpose: 'message', statusListIndex: '123', value: 0, message: 'active' }] },
    });
    expect(statusCheck(r).details).not.toHaveProperty('superseded');
    expect(r.lifecycle?.state).toBe('current');
    expect(r.verified).toBe(true);
  });

  it('value 0x1 "suspended" → CREDENTIAL_SUSPENDED with the 1-bit sentence, lifecycle suspended', async () => {
    const { server, verifier } = world();
    server.publish(LIST_URL, await signedLifecycleList({ key, documentLoader, values: { 123: LIFECYCLE.suspended } }));
    const r = await verifier.verifyCredential(await withLifecycle());
    expect(statusCheck(r)).toMatchObject({
      status: 'failed',
      problem: {
        title: 'CREDENTIAL_SUSPENDED',
        detail: 'This credential is suspended by its issuer for now.',
        pointer: '/credentialStatus',
      },
      details: { entries: [{ value: 1, message: 'suspended' }] },
    });
    expect(r.problems.map((p) => p.title)).toEqual(['CREDENTIAL_SUSPENDED']);
    expect(r.lifecycle).toMatchObject({
      state: 'suspended',
      message: 'This credential is suspended by its issuer for now.',
    });
    expect(r.verified).toBe(false);
  });

  it('value 0x2 "revoked" → CREDENTIAL_REVOKED with the 1-bit sentence, lifecycle revoked', async () => {
    const { server, verifier } = world();
    server.publish(LIST_URL, await signedLifecycleList({ key, documentLoader, values: { 123: LIFECYCLE.revoked } }));
    const r = await verifier.verifyCredential(await withLifecycle());
    expect(statusCheck(r)).toMatchObject({
      status: 'failed',
      problem: { title: 'CREDENTIAL_REVOKED', detail: 'This credential was revoked by its issuer.' },
    });
    expect(r.lifecycle).toMatchObject({ state: 'revoked', message: 'This credential was revoked by its issuer.' });
    expect(r.verified).toBe(false);
  });

  it('value 0x3 "superseded" → not a failure: status passed, lifecycle superseded without supersededBy', async () => {
    const { server, verifier } = world();
    server.publish(LIST_URL, await signedLifecycleList({ key, documentLoader, values: { 123: LIFECYCLE.superseded } }));
    const r = await verifier.verifyCredential(await withLifecycle());
    expect(r.problems).toEqual([]);
    expect(statusCheck(r)).toMatchObject({
      status: 'passed',
      details: { superseded: true, entries: [{ value: 3, message: 'superseded' }] },
    });
    expect(r.lifecycle).toEqual({
      state: 'superseded',
      message: 'Superseded by a newer credential; ask the holder for the current one.',
    });
    expect(r.verified).toBe(true);
  });

  it('reads every value 0..3 from one list, entry by entry (§3.2 step 10: index × statusSize)', async () => {
    const { server, verifier } = world();
    server.publish(
      LIST_URL,
      await signedLifecycleList({ key, documentLoader, values: { 0: 0, 1: 1, 2: 2, 3: 3, 131071: 3 } }),
    );
    const states: string[] = [];
    for (const index of [0, 1, 2, 3, 131_071]) {
      const r = await verifier.verifyCredential(await withLifecycle(lifecycleEntry(index)));
      const entry = entriesOf(r)[0];
      expect(entry?.message).toBe(LIFECYCLE_MESSAGES[entry!.value]?.message);
      states.push(r.lifecycle!.state);
    }
    expect(states).toEqual(['current', 'suspended', 'revoked', 'superseded', 'superseded']);
    expect(server.calls).toEqual([LIST_URL]); // fetched once, then cached
  });

  it('other messages are reported in the details only (§2.1: their handling is for implementers to define)', async () => {
    const { server, verifier } = world();
    const url = `${CERT_BASE}/status/review/0`;
    server.publish(url, await signedLifecycleList({ key, documentLoader, url, values: { 9: 1 } }));
    const r = await verifier.verifyCredential(
      await withLifecycle({
        ...lifecycleEntry(9),
        id: `${url}#9`,
        statusListCredential: url,
        statusMessage: [
          { status: '0x0', message: 'pending_review' },
          { status: '0x1', message: 'accepted' },
          { status: '0x2', message: 'rejected' },
          { status: '0x3', message: 'undefined' },
        ],
      }),
    );
    expect(statusCheck(r)).toMatchObject({
      status: 'passed',
      details: { entries: [{ value: 1, message: 'accepted' }] },
    });
    expect(r.lifecycle?.state).toBe('current');
    expect(r.verified).toBe(true);
  });

  it('the three entries of a certification together: all clear → verified; one set → that one decides', async () => {
    const { server, verifier } = world();
    server.publish(revocationListUrl(), await signedStatusList({ key, documentLoader, url: revocationListUrl() }));
    server.publish(
      suspensionListUrl(),
      await signedStatusList({ key, documentLoader, url: suspensionListUrl(), purpose: 'suspension', set: [7] }),
    );
    server.publish(LIST_URL, await signedLifecycleList({ key, documentLoader, values: { 8: LIFECYCLE.superseded } }));
    const clear = await verifier.verifyCredential(
      await signedOb3Credential(key, documentLoader, { credentialStatus: certificationStatus(123) }),
    );
    expect(clear.problems).toEqual([]);
    expect(entriesOf(clear)).toHaveLength(3);
    expect(clear.lifecycle?.state).toBe('current');

    const suspended = await verifier.verifyCredential(
      await signedOb3Credential(key, documentLoader, { credentialStatus: certificationStatus(7) }),
    );
    expect(statusCheck(suspended).problem).toMatchObject({
      title: 'CREDENTIAL_SUSPENDED',
      pointer: '/credentialStatus/1',
    });
    expect(suspended.lifecycle?.state).toBe('suspended');

    const superseded = await verifier.verifyCredential(
      await signedOb3Credential(key, documentLoader, { credentialStatus: certificationStatus(8) }),
    );
    expect(superseded.verified).toBe(true);
    expect(superseded.lifecycle?.state).toBe('superseded');
  });
});

describe('Bitstring Status List v1.0 §2.1 statusMessage: 2^statusSize "0x…" entries, else MALFORMED_VALUE_ERROR', () => {
  const entry = lifecycleEntry(5);
  const messages = entry.statusMessage as Array<Record<string, unknown>>;
  const cases: Array<[string, unknown, string]> = [
    ['absent with statusSize 2 ("MUST be present if statusSize is greater than 1")', undefined, ''],
    ['not an array', { status: '0x0', message: 'active' }, ''],
    ['3 entries for 4 values', messages.slice(0, 3), ''],
    ['5 entries for 4 values', [...messages, { status: '0x4', message: 'extra' }], ''],
    ['a status without "0x"', [{ status: '0', message: 'active' }, ...messages.slice(1)], '/0/status'],
    ['a status that is not hexadecimal', [...messages.slice(0, 3), { status: '0x3g', message: 'x' }], '/3/status'],
    ['a status as a number', [{ status: 0, message: 'active' }, ...messages.slice(1)], '/0/status'],
    ['a value given twice', [...messages.slice(0, 3), { status: '0x02', message: 'revoked' }], '/3/status'],
    ['a value beyond 2 bits', [...messages.slice(0, 3), { status: '0x4', message: 'x' }], '/3/status'],
    ['a message that is not a string', [...messages.slice(0, 3), { status: '0x3', message: 3 }], '/3/message'],
    ['a null element', [...messages.slice(0, 3), null], '/3/status'],
  ];
  for (const [name, statusMessage, where] of cases) {
    it(`${name} → MALFORMED_VALUE_ERROR at /credentialStatus/statusMessage${where}, nothing fetched`, async () => {
      const { server, verifier } = world();
      server.publish(LIST_URL, await signedLifecycleList({ key, documentLoader }));
      const bad: Record<string, unknown> = { ...entry };
      if (statusMessage === undefined) delete bad.statusMessage;
      else bad.statusMessage = statusMessage;
      const r = await verifier.verifyCredential(await withLifecycle(bad));
      expect(r.checks.find((c) => c.id === 'proof')?.status).toBe('passed');
      expect(statusCheck(r)).toMatchObject({
        status: 'failed',
        problem: { title: 'MALFORMED_VALUE_ERROR', pointer: `/credentialStatus/statusMessage${where}` },
      });
      expect(r.verified).toBe(false);
      expect(server.calls).toEqual([]);
    });
  }

  it('statusMessage "MAY be present if statusSize is 1": two entries are read; three are malformed', async () => {
    const ctx = () => ({
      issuer: key.controller,
      now: FROZEN_NOW,
      skewSeconds: 60,
      documentLoader,
      fetchStatusList: statusListServer().fetchStatusList,
      cache: new StatusListCache(),
      trustedStatusListIssuers: [] as string[],
    });
    const oneBit = {
      ...lifecycleEntry(5),
      statusSize: 1,
      statusMessage: [
        { status: '0x0', message: 'unset' },
        { status: '0x1', message: 'set' },
        { status: '0x2', message: 'too many' },
      ],
    };
    expect(await checkStatus({ credentialStatus: oneBit }, ctx())).toMatchObject({
      status: 'failed',
      problem: { title: 'MALFORMED_VALUE_ERROR', pointer: '/credentialStatus/statusMessage' },
    });

    const { server, verifier } = world();
    const url = `${CERT_BASE}/status/flag/0`;
    server.publish(url, await signedStatusList({ key, documentLoader, url, purpose: 'message', set: [5] }));
    const r = await verifier.verifyCredential(
      await withLifecycle({
        ...oneBit,
        id: `${url}#5`,
        statusListCredential: url,
        statusMessage: oneBit.statusMessage.slice(0, 2),
      }),
    );
    expect(statusCheck(r)).toMatchObject({ status: 'passed', details: { entries: [{ value: 1, message: 'set' }] } });
  });
});

describe('Bitstring Status List v1.0 §3.2 step 9: a statusSize 2 list holds at least 131,072 entries (262,144 bits)', () => {
  it('131,072 bits (65,536 two-bit entries) → STATUS_LIST_LENGTH_ERROR (S3)', async () => {
    const { server, verifier } = world();
    server.publish(LIST_URL, await signedLifecycleList({ key, documentLoader, lengthBits: MIN_LIST_BITS }));
    const r = await verifier.verifyCredential(await withLifecycle());
    expect(statusCheck(r)).toMatchObject({
      status: 'failed',
      problem: { title: 'STATUS_LIST_LENGTH_ERROR', pointer: '/credentialStatus/statusListCredential' },
    });
    expect(statusCheck(r).problem?.detail).toContain('65536 entries of 2 bits');
    expect(r.verified).toBe(false);
  });

  it('262,136 bits (one entry short) → STATUS_LIST_LENGTH_ERROR; 262,144 bits → read', async () => {
    const short = world();
    short.server.publish(
      LIST_URL,
      await signedLifecycleList({ key, documentLoader, lengthBits: MIN_LIST_BITS * 2 - 8 }),
    );
    expect(statusCheck(await short.verifier.verifyCredential(await withLifecycle())).problem?.title).toBe(
      'STATUS_LIST_LENGTH_ERROR',
    );
    const full = world();
    full.server.publish(LIST_URL, await signedLifecycleList({ key, documentLoader }));
    expect(statusCheck(await full.verifier.verifyCredential(await withLifecycle())).status).toBe('passed');
  });

  it('§3.2 step 10: index 131,071 is the last entry; 131,072 → RANGE_ERROR', async () => {
    const { server, verifier } = world();
    server.publish(LIST_URL, await signedLifecycleList({ key, documentLoader, values: { 131071: 2 } }));
    const last = await verifier.verifyCredential(await withLifecycle(lifecycleEntry(131_071)));
    expect(statusCheck(last).problem?.title).toBe('CREDENTIAL_REVOKED');
    const past = await verifier.verifyCredential(await withLifecycle(lifecycleEntry(131_072)));
    expect(statusCheck(past)).toMatchObject({
      status: 'failed',
      problem: { title: 'RANGE_ERROR', pointer: '/credentialStatus/statusListIndex' },
    });
  });

  it('a revocation entry with statusSize 2 on a 262,144-bit list: any non-zero value → CREDENTIAL_REVOKED', async () => {
    const { server, verifier } = world();
    const url = revocationListUrl();
    server.publish(
      url,
      await signedStatusList({
        key,
        documentLoader,
        url,
        statusSize: 2,
        lengthBits: MIN_LIST_BITS * 2,
        set: [{ index: 8, value: 3 }],
      }),
    );
    const r = await verifier.verifyCredential(
      await withLifecycle({
        ...lifecycleEntry(8),
        id: `${url}#8`,
        statusPurpose: 'revocation',
        statusListCredential: url,
        // The purpose decides: a revocation entry is revoked by any non-zero value, whatever its message.
        statusMessage: [
          { status: '0x0', message: 'valid' },
          { status: '0x1', message: 'revoked: key compromise' },
          { status: '0x2', message: 'revoked: error' },
          { status: '0x3', message: 'superseded' },
        ],
      }),
    );
    expect(statusCheck(r).problem?.title).toBe('CREDENTIAL_REVOKED');
    expect(r.lifecycle?.state).toBe('revoked');
  });
});
