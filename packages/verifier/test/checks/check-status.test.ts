import { type DocumentLoader, decodeList, encodeList, NetError, type SigningKey, VcError } from '@repo/core';
import {
  checkStatus,
  createStatusListFetcher,
  createVerifier,
  StatusListCache,
  type VerifierOptions,
} from '@repo/verifier';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestKey,
  createTestLoader,
  FROZEN_NOW,
  OB_V3P0,
  STATUS_BASE,
  signedOb3Credential,
  signedStatusList,
  statusEntry,
  statusListServer,
  VC_V2,
} from '../../../../test/helpers/credential-factory.ts';
import { spyOnNetwork } from '../network-spy.ts';
import { expectStatus, statusCheck, statusWorld } from '../status-assertions.ts';
import { loadVectors } from '../vectors.ts';

const REVOCATION_URL = `${STATUS_BASE}/revocation/0`;
const SUSPENSION_URL = `${STATUS_BASE}/suspension/0`;

let key: SigningKey;
let other: SigningKey;
let documentLoader: DocumentLoader;
let didResolver: ReturnType<typeof createTestLoader>['didResolver'];

beforeAll(async () => {
  ({ documentLoader, didResolver } = createTestLoader());
  [key, other] = await Promise.all([createTestKey(), createTestKey()]);
});

/** A verifier over an in-memory status-list server and a frozen clock. */
function world(options: Partial<VerifierOptions> = {}) {
  return statusWorld(didResolver, options);
}

describe('Bitstring Status List v1.0 §3.4 validate algorithm', () => {
  it('reads a clear bit as "not revoked" (status passed, verified)', async () => {
    const { server, verifier } = world();
    server.publish(REVOCATION_URL, await signedStatusList({ key, documentLoader, url: REVOCATION_URL, set: [3] }));
    const credential = await signedOb3Credential(key, documentLoader, {
      credentialStatus: statusEntry({ index: '4' }),
    });
    const r = await verifier.verifyCredential(credential);
    expect(r.problems).toEqual([]);
    expect(statusCheck(r)).toMatchObject({
      status: 'passed',
      details: { entries: [{ statusPurpose: 'revocation', statusListIndex: '4', value: 0 }] },
    });
    expect(r.verified).toBe(true);
  });

  it('S1 revocation bit set → CREDENTIAL_REVOKED (authentic, but revoked)', async () => {
    const { server, verifier } = world();
    server.publish(REVOCATION_URL, await signedStatusList({ key, documentLoader, url: REVOCATION_URL, set: [4] }));
    const credential = await signedOb3Credential(key, documentLoader, {
      credentialStatus: statusEntry({ index: '4' }),
    });
    const r = await verifier.verifyCredential(credential);
    expectStatus(r, 'failed', 'CREDENTIAL_REVOKED');
    expect(statusCheck(r).problem?.pointer).toBe('/credentialStatus');
  });

  it('S1 revocation found through the second of two entries (revocation + suspension lists)', async () => {
    const { server, verifier } = world();
    server.publish(
      SUSPENSION_URL,
      await signedStatusList({ key, documentLoader, url: SUSPENSION_URL, purpose: 'suspension' }),
    );
    server.publish(
      REVOCATION_URL,
      await signedStatusList({ key, documentLoader, url: REVOCATION_URL, set: [131_071] }),
    );
    const credential = await signedOb3Credential(key, documentLoader, {
      credentialStatus: [statusEntry({ index: '131071', purpose: 'suspension' }), statusEntry({ index: '131071' })],
    });
    const r = await verifier.verifyCredential(credential);
    expectStatus(r, 'failed', 'CREDENTIAL_REVOKED');
    expect(statusCheck(r).problem?.pointer).toBe('/credentialStatus/1');
  });

  it('S2 suspended → CREDENTIAL_SUSPENDED; the cached list is used within its ttl; re-published clear + ttl passed → verified', async () => {
    const { server, clock, verifier } = world();
    server.publish(
      SUSPENSION_URL,
      await signedStatusList({
        key,
        documentLoader,
        url: SUSPENSION_URL,
        purpose: 'suspension',
        set: [7],
        ttl: 60_000,
      }),
    );
    const credential = await signedOb3Credential(key, documentLoader, {
      credentialStatus: statusEntry({ index: '7', purpose: 'suspension' }),
    });

    expectStatus(await verifier.verifyCredential(credential), 'failed', 'CREDENTIAL_SUSPENDED');
    expect(server.calls).toEqual([SUSPENSION_URL]);

    // The issuer reinstates: the list is re-published with the bit clear.
    server.publish(
      SUSPENSION_URL,
      await signedStatusList({ key, documentLoader, url: SUSPENSION_URL, purpose: 'suspension', ttl: 60_000 }),
    );
    clock.advance(59_999);
    expectStatus(await verifier.verifyCredential(credential), 'failed', 'CREDENTIAL_SUSPENDED');
    expect(server.calls).toHaveLength(1);

    clock.advance(1); // ttl (60 s) has passed
    const r = await verifier.verifyCredential(credential);
    expect(r.problems).toEqual([]);
    expect(statusCheck(r).status).toBe('passed');
    expect(r.verified).toBe(true);
    expect(server.calls).toHaveLength(2);

    // …and the fresh list is cached again.
    expect((await verifier.verifyCredential(credential)).verified).toBe(true);
    expect(server.calls).toHaveLength(2);
  });

  it('S2 a list without ttl is cached for the default 300 000 ms; statusListCache.clear() forces a fetch', async () => {
    const { server, clock, verifier } = world();
    server.publish(
      SUSPENSION_URL,
      await signedStatusList({ key, documentLoader, url: SUSPENSION_URL, purpose: 'suspension', set: [9], ttl: null }),
    );
    const credential = await signedOb3Credential(key, documentLoader, {
      credentialStatus: statusEntry({ index: '9', purpose: 'suspension' }),
    });
    expectStatus(await verifier.verifyCredential(credential), 'failed', 'CREDENTIAL_SUSPENDED');
    server.publish(
      SUSPENSION_URL,
      await signedStatusList({ key, documentLoader, url: SUSPENSION_URL, purpose: 'suspension', ttl: null }),
    );
    clock.advance(299_999);
    expectStatus(await verifier.verifyCredential(credential), 'failed', 'CREDENTIAL_SUSPENDED');
    expect(server.calls).toHaveLength(1);
    verifier.statusListCache.clear(SUSPENSION_URL);
    expect((await verifier.verifyCredential(credential)).verified).toBe(true);
    expect(server.calls).toHaveLength(2);
  });

  it('S3 list shorter than 131,072 entries → STATUS_LIST_LENGTH_ERROR', async () => {
    const { server, verifier } = world();
    server.publish(
      REVOCATION_URL,
      await signedStatusList({ key, documentLoader, url: REVOCATION_URL, lengthBits: 131_064 }),
    );
    const credential = await signedOb3Credential(key, documentLoader, {
      credentialStatus: statusEntry({ index: '1' }),
    });
    expectStatus(await verifier.verifyCredential(credential), 'failed', 'STATUS_LIST_LENGTH_ERROR');
  });

  it('S3 exactly 131,072 entries is long enough', async () => {
    const { server, verifier } = world();
    server.publish(
      REVOCATION_URL,
      await signedStatusList({ key, documentLoader, url: REVOCATION_URL, lengthBits: 131_072 }),
    );
    const credential = await signedOb3Credential(key, documentLoader, {
      credentialStatus: statusEntry({ index: '1' }),
    });
    expect((await verifier.verifyCredential(credential)).verified).toBe(true);
  });

  it('S4 a list whose bits were changed after signing (bad proof) → STATUS_VERIFICATION_ERROR, never "revoked" or "valid"', async () => {
    const { server, verifier } = world();
    const list = await signedStatusList({ key, documentLoader, url: REVOCATION_URL });
    const bits = decodeList(list.credentialSubject.encodedList);
    bits[0] = 0x80; // index 0 set
    list.credentialSubject.encodedList = encodeList(bits);
    server.publish(REVOCATION_URL, list);
    const credential = await signedOb3Credential(key, documentLoader, {
      credentialStatus: statusEntry({ index: '0' }),
    });
    const r = await verifier.verifyCredential(credential);
    expectStatus(r, 'failed', 'STATUS_VERIFICATION_ERROR');
    expect(statusCheck(r).problem?.detail).toMatch(/proof/);
  });

  it('S4 a list without a proof → STATUS_VERIFICATION_ERROR', async () => {
    const { server, verifier } = world();
    const { proof: _proof, ...unsigned } = await signedStatusList({ key, documentLoader, url: REVOCATION_URL });
    server.publish(REVOCATION_URL, unsigned);
    const credential = await signedOb3Credential(key, documentLoader, {
      credentialStatus: statusEntry({ index: '0' }),
    });
    expectStatus(await verifier.verifyCredential(credential), 'failed', 'STATUS_VERIFICATION_ERROR');
  });

  it('S4 a tampered list is not cached: the genuine list published next is used at once', async () => {
    const { server, verifier } = world();
    const list = await signedStatusList({ key, documentLoader, url: REVOCATION_URL, set: [2] });
    server.publish(REVOCATION_URL, { ...list, validFrom: '2026-05-01T00:00:00Z' });
    const credential = await signedOb3Credential(key, documentLoader, {
      credentialStatus: statusEntry({ index: '2' }),
    });
    expectStatus(await verifier.verifyCredential(credential), 'failed', 'STATUS_VERIFICATION_ERROR');
    server.publish(REVOCATION_URL, list);
    expectStatus(await verifier.verifyCredential(credential), 'failed', 'CREDENTIAL_REVOKED');
    expect(server.calls).toHaveLength(2);
  });

  it('S4 a list signed by another issuer → STATUS_VERIFICATION_ERROR', async () => {
    const { server, verifier } = world();
    server.publish(REVOCATION_URL, await signedStatusList({ key: other, documentLoader, url: REVOCATION_URL }));
    const credential = await signedOb3Credential(key, documentLoader, {
      credentialStatus: statusEntry({ index: '0' }),
    });
    const r = await verifier.verifyCredential(credential);
    expectStatus(r, 'failed', 'STATUS_VERIFICATION_ERROR');
    expect(statusCheck(r).problem?.detail).toMatch(/someone other than the credential issuer/);
  });

  it('S4 …unless that issuer is in trustedStatusListIssuers: then its list is read', async () => {
    const { server, verifier } = world({ trustedStatusListIssuers: [other.controller] });
    server.publish(
      REVOCATION_URL,
      await signedStatusList({ key: other, documentLoader, url: REVOCATION_URL, set: [0] }),
    );
    const revoked = await signedOb3Credential(key, documentLoader, { credentialStatus: statusEntry({ index: '0' }) });
    expectStatus(await verifier.verifyCredential(revoked), 'failed', 'CREDENTIAL_REVOKED');
    const fine = await signedOb3Credential(key, documentLoader, { credentialStatus: statusEntry({ index: '1' }) });
    expect((await verifier.verifyCredential(fine)).verified).toBe(true);
  });

  it('S4 a list naming the credential issuer but signed by another key → STATUS_VERIFICATION_ERROR, even with that key trusted', async () => {
    const { server, verifier } = world({ trustedStatusListIssuers: [other.controller] });
    server.publish(
      REVOCATION_URL,
      await signedStatusList({ key: other, documentLoader, url: REVOCATION_URL, issuer: key.controller }),
    );
    const credential = await signedOb3Credential(key, documentLoader, {
      credentialStatus: statusEntry({ index: '0' }),
    });
    expectStatus(await verifier.verifyCredential(credential), 'failed', 'STATUS_VERIFICATION_ERROR');
  });

  it('S4 a list cached for one issuer does not vouch for another issuer’s credential', async () => {
    const { server, verifier } = world();
    server.publish(REVOCATION_URL, await signedStatusList({ key, documentLoader, url: REVOCATION_URL }));
    const mine = await signedOb3Credential(key, documentLoader, { credentialStatus: statusEntry({ index: '0' }) });
    expect((await verifier.verifyCredential(mine)).verified).toBe(true);
    const theirs = await signedOb3Credential(other, documentLoader, { credentialStatus: statusEntry({ index: '0' }) });
    expectStatus(await verifier.verifyCredential(theirs), 'failed', 'STATUS_VERIFICATION_ERROR');
    expect(server.calls).toHaveLength(1); // answered from the cache, still refused
  });

  it('S4 an expired status list → STATUS_VERIFICATION_ERROR', async () => {
    const { server, verifier } = world();
    server.publish(
      REVOCATION_URL,
      await signedStatusList({
        key,
        documentLoader,
        url: REVOCATION_URL,
        validFrom: '2026-01-01T00:00:00Z',
        validUntil: '2026-05-01T00:00:00Z',
      }),
    );
    const credential = await signedOb3Credential(key, documentLoader, {
      credentialStatus: statusEntry({ index: '0' }),
    });
    expectStatus(await verifier.verifyCredential(credential), 'failed', 'STATUS_VERIFICATION_ERROR');
  });

  it('S4 a cached list is not used past its own validUntil, even within its ttl', async () => {
    const { server, clock, verifier } = world();
    server.publish(
      REVOCATION_URL,
      await signedStatusList({
        key,
        documentLoader,
        url: REVOCATION_URL,
        validFrom: '2026-06-01T00:00:00Z',
        validUntil: '2026-06-01T12:01:00Z',
        ttl: 3_600_000,
      }),
    );
    const credential = await signedOb3Credential(key, documentLoader, {
      credentialStatus: statusEntry({ index: '0' }),
    });
    expect((await verifier.verifyCredential(credential)).verified).toBe(true);
    clock.advance(120_000); // validUntil + 60 s skew is the last accepted instant
    expect((await verifier.verifyCredential(credential)).verified).toBe(true);
    clock.advance(1);
    expectStatus(await verifier.verifyCredential(credential), 'failed', 'STATUS_VERIFICATION_ERROR');
  });

  it('S4 a signed credential that is not a BitstringStatusListCredential → STATUS_VERIFICATION_ERROR', async () => {
    const { server, verifier } = world();
    server.publish(REVOCATION_URL, await signedOb3Credential(key, documentLoader));
    const credential = await signedOb3Credential(key, documentLoader, {
      credentialStatus: statusEntry({ index: '0' }),
    });
    expectStatus(await verifier.verifyCredential(credential), 'failed', 'STATUS_VERIFICATION_ERROR');
  });

  it('S5 entry statusPurpose "suspension" pointing at a revocation-only list → STATUS_VERIFICATION_ERROR', async () => {
    const { server, verifier } = world();
    server.publish(REVOCATION_URL, await signedStatusList({ key, documentLoader, url: REVOCATION_URL, set: [0] }));
    const credential = await signedOb3Credential(key, documentLoader, {
      credentialStatus: statusEntry({ index: '0', purpose: 'suspension', url: REVOCATION_URL }),
    });
    const r = await verifier.verifyCredential(credential);
    expectStatus(r, 'failed', 'STATUS_VERIFICATION_ERROR');
    expect(statusCheck(r).problem?.pointer).toBe('/credentialStatus/statusPurpose');
  });

  it('S5 a list with several purposes serves each of them', async () => {
    const { server, verifier } = world();
    const url = `${STATUS_BASE}/both/0`;
    server.publish(
      url,
      await signedStatusList({ key, documentLoader, url, purpose: ['revocation', 'suspension'], set: [5] }),
    );
    const credential = await signedOb3Credential(key, documentLoader, {
      credentialStatus: statusEntry({ index: '5', purpose: 'suspension', url }),
    });
    expectStatus(await verifier.verifyCredential(credential), 'failed', 'CREDENTIAL_SUSPENDED');
  });

  it('§2.1 wider entries (statusSize 2) are read with their statusMessage; a non-zero "message" status is not a failure', async () => {
    const { server, verifier } = world();
    const url = `${STATUS_BASE}/message/0`;
    server.publish(
      url,
      await signedStatusList({
        key,
        documentLoader,
        url,
        purpose: 'message',
        statusSize: 2,
        set: [{ index: 3, value: 2 }],
      }),
    );
    const credential = await signedOb3Credential(key, documentLoader, {
      credentialStatus: {
        ...statusEntry({ index: '3', purpose: 'message', url, statusSize: 2 }),
        statusMessage: [
          { status: '0x0', message: 'pending review' },
          { status: '0x1', message: 'accepted' },
          { status: '0x2', message: 'rejected' },
          { status: '0x3', message: 'undefined' },
        ],
      },
    });
    const r = await verifier.verifyCredential(credential);
    expect(statusCheck(r)).toMatchObject({
      status: 'passed',
      details: { entries: [{ statusPurpose: 'message', value: 2, message: 'rejected' }] },
    });
    expect(r.verified).toBe(true);
  });

  it('§2.1 a revocation entry with statusSize 2 and a non-zero value → CREDENTIAL_REVOKED', async () => {
    const { server, verifier } = world();
    server.publish(
      REVOCATION_URL,
      await signedStatusList({
        key,
        documentLoader,
        url: REVOCATION_URL,
        statusSize: 2,
        set: [{ index: 8, value: 1 }],
      }),
    );
    const credential = await signedOb3Credential(key, documentLoader, {
      credentialStatus: {
        ...statusEntry({ index: '8', statusSize: 2 }),
        statusMessage: [
          { status: '0x0', message: 'valid' },
          { status: '0x1', message: 'revoked' },
          { status: '0x2', message: 'revoked (fraud)' },
          { status: '0x3', message: 'revoked (error)' },
        ],
      },
    });
    expectStatus(await verifier.verifyCredential(credential), 'failed', 'CREDENTIAL_REVOKED');
  });

  describe('S6 statusListIndex must be a plain base-10 string within the list (Bitstring Status List v1.0 §2.1)', () => {
    const vectors = loadVectors<{ statusListIndex: unknown; statusSize?: number }>('status');

    it('has the shared vectors', () => {
      const inputs = vectors.map((v) => v.input.statusListIndex);
      for (const required of ['-1', '0x10', '1e3', ' 5', '5.0', 5, '131072']) expect(inputs).toContain(required);
    });

    for (const v of vectors) {
      it(`${v.file}: ${v.title}`, async () => {
        const { server, verifier } = world();
        server.publish(
          REVOCATION_URL,
          await signedStatusList({ key, documentLoader, url: REVOCATION_URL, statusSize: v.input.statusSize ?? 1 }),
        );
        // Signed with the index as it is: editing the index after signing would break the proof and skip the status check.
        const entry: Record<string, unknown> = {
          ...statusEntry({ index: 0 }),
          statusListIndex: v.input.statusListIndex,
        };
        if (v.input.statusSize !== undefined) {
          entry.statusSize = v.input.statusSize;
          // §2.1: statusMessage MUST be present when statusSize > 1, one per possible value.
          entry.statusMessage = Array.from({ length: 2 ** v.input.statusSize }, (_, i) => ({
            status: `0x${i.toString(16)}`,
            message: `state ${i}`,
          }));
        }
        const credential = await signedOb3Credential(key, documentLoader, { credentialStatus: entry });
        const r = await verifier.verifyCredential(credential);
        if (v.expected.status === 'passed') {
          expect(r.problems).toEqual([]);
          expect(statusCheck(r).status).toBe('passed');
          expect(r.verified).toBe(true);
        } else {
          expectStatus(r, 'failed', v.expected.code!);
          expect(statusCheck(r).problem?.pointer).toBe('/credentialStatus/statusListIndex');
        }
      });
    }

    it('a malformed index is refused before anything is fetched', async () => {
      const { server, verifier } = world();
      const credential = await signedOb3Credential(key, documentLoader, {
        credentialStatus: statusEntry({ index: '0x10' }),
      });
      expectStatus(await verifier.verifyCredential(credential), 'failed', 'MALFORMED_VALUE_ERROR');
      expect(server.calls).toEqual([]);
    });
  });

  describe('S7 a list that cannot be retrieved → STATUS_RETRIEVAL_ERROR, could-not-check, never accepted', () => {
    let network: ReturnType<typeof spyOnNetwork> | undefined;
    afterEach(() => {
      network?.restore();
      network = undefined;
    });

    const failingFetchers: Array<[string, (url: string) => Promise<unknown>]> = [
      ['the fetcher throws (unreachable)', async () => Promise.reject(new Error('ECONNREFUSED'))],
      ['the fetcher throws HTTP 503', async () => Promise.reject(new Error('HTTP 503'))],
      [
        'the fetcher times out (NetError timeout)',
        async () => Promise.reject(new NetError('timeout', 'Gave up on the request after 10000 ms.')),
      ],
      ['the fetcher returns a string (not JSON)', async () => '<html>Service Unavailable</html>'],
      [
        'the fetcher returns JSON text instead of a parsed object',
        async () => '{"type":["BitstringStatusListCredential"]}',
      ],
      ['the fetcher returns null', async () => null],
      ['the fetcher returns an array', async () => []],
      ['the fetcher returns a number', async () => 42],
    ];
    for (const [name, fetchStatusList] of failingFetchers) {
      it(`${name} → could-not-check`, async () => {
        const verifier = createVerifier({ now: () => FROZEN_NOW, didResolver, fetchStatusList, checkSchema: false });
        const credential = await signedOb3Credential(key, documentLoader, {
          credentialStatus: statusEntry({ index: '0' }),
        });
        expectStatus(await verifier.verifyCredential(credential), 'could-not-check', 'STATUS_RETRIEVAL_ERROR');
      });
    }

    it('createStatusListFetcher: a non-200 answer or a body that is not JSON → could-not-check', async () => {
      const answers = [
        { status: 204, headers: {}, body: Buffer.alloc(0), json: () => null },
        {
          status: 200,
          headers: {},
          body: Buffer.from('not json'),
          json: () => {
            throw new VcError('PARSING_ERROR', 'The body is not JSON.');
          },
        },
      ];
      for (const answer of answers) {
        const verifier = createVerifier({
          now: () => FROZEN_NOW,
          didResolver,
          fetchStatusList: createStatusListFetcher(async () => answer),
          checkSchema: false,
        });
        const credential = await signedOb3Credential(key, documentLoader, {
          credentialStatus: statusEntry({ index: '0' }),
        });
        expectStatus(await verifier.verifyCredential(credential), 'could-not-check', 'STATUS_RETRIEVAL_ERROR');
      }
    });

    it('the default guarded fetch refuses an http:// list (and an IP literal) without any network request', async () => {
      network = spyOnNetwork();
      const verifier = createVerifier({ now: () => FROZEN_NOW, didResolver, checkSchema: false });
      for (const url of ['http://status.example.test/lists/revocation/0', 'https://127.0.0.1/lists/revocation/0']) {
        const credential = await signedOb3Credential(key, documentLoader, {
          credentialStatus: statusEntry({ index: '0', url }),
        });
        const r = await verifier.verifyCredential(credential);
        expectStatus(r, 'could-not-check', 'STATUS_RETRIEVAL_ERROR');
        expect(statusCheck(r).problem?.detail).toMatch(/Refused a request/);
      }
      expect(network.attempts()).toEqual([]);
    });

    it('(control) the network spies do see the default fetch reach for an https list', async () => {
      network = spyOnNetwork();
      const verifier = createVerifier({ now: () => FROZEN_NOW, didResolver, checkSchema: false });
      const credential = await signedOb3Credential(key, documentLoader, {
        credentialStatus: statusEntry({ index: '0' }),
      });
      expectStatus(await verifier.verifyCredential(credential), 'could-not-check', 'STATUS_RETRIEVAL_ERROR');
      expect(network.attempts().length).toBeGreaterThan(0);
    });

    it('one entry could not be checked, the other passed → could-not-check overall', async () => {
      const { server, verifier } = world();
      server.publish(REVOCATION_URL, await signedStatusList({ key, documentLoader, url: REVOCATION_URL }));
      const credential = await signedOb3Credential(key, documentLoader, {
        credentialStatus: [statusEntry({ index: '0', purpose: 'suspension' }), statusEntry({ index: '0' })],
      });
      expectStatus(await verifier.verifyCredential(credential), 'could-not-check', 'STATUS_RETRIEVAL_ERROR');
    });
  });

  describe('unknown status types → could-not-check, never passed', () => {
    it('1EdTechRevocationList (signed, OB 3.0 extensions context) → could-not-check, nothing fetched', async () => {
      const { server, verifier } = world();
      const credential = await signedOb3Credential(key, documentLoader, {
        '@context': [VC_V2, OB_V3P0, 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'],
        credentialStatus: { id: 'https://status.example.test/1edtech/revocations', type: '1EdTechRevocationList' },
      });
      const r = await verifier.verifyCredential(credential);
      expectStatus(r, 'could-not-check', 'STATUS_VERIFICATION_ERROR');
      expect(statusCheck(r).problem?.pointer).toBe('/credentialStatus/type');
      expect(server.calls).toEqual([]);
    });

    it('StatusList2021Entry → could-not-check (checkStatus)', async () => {
      const server = statusListServer();
      const check = await checkStatus(
        {
          credentialStatus: {
            id: 'https://example.com/credentials/status/3#94567',
            type: 'StatusList2021Entry',
            statusPurpose: 'revocation',
            statusListIndex: '94567',
            statusListCredential: 'https://example.com/credentials/status/3',
          },
        },
        {
          issuer: key.controller,
          now: FROZEN_NOW,
          skewSeconds: 60,
          documentLoader,
          fetchStatusList: server.fetchStatusList,
          cache: new StatusListCache(),
          trustedStatusListIssuers: [],
        },
      );
      expect(check).toMatchObject({
        id: 'status',
        status: 'could-not-check',
        problem: { title: 'STATUS_VERIFICATION_ERROR' },
      });
      expect(server.calls).toEqual([]);
    });

    it('an unknown entry next to a clear revocation entry still makes the result could-not-check', async () => {
      const { server, verifier } = world();
      server.publish(REVOCATION_URL, await signedStatusList({ key, documentLoader, url: REVOCATION_URL }));
      const credential = await signedOb3Credential(key, documentLoader, {
        '@context': [VC_V2, OB_V3P0, 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'],
        credentialStatus: [
          { id: 'https://status.example.test/1edtech/revocations', type: '1EdTechRevocationList' },
          statusEntry({ index: '0' }),
        ],
      });
      expectStatus(await verifier.verifyCredential(credential), 'could-not-check', 'STATUS_VERIFICATION_ERROR');
    });
  });

  describe('malformed entries (checkStatus)', () => {
    const ctx = () => ({
      issuer: key.controller,
      now: FROZEN_NOW,
      skewSeconds: 60,
      documentLoader,
      fetchStatusList: statusListServer().fetchStatusList,
      cache: new StatusListCache(),
      trustedStatusListIssuers: [] as string[],
    });
    const base = statusEntry({ index: '1' });
    const cases: Array<[string, unknown, string]> = [
      ['a string entry', 'revoked', '/credentialStatus'],
      ['a null entry', null, '/credentialStatus'],
      ['no statusPurpose', { ...base, statusPurpose: undefined }, '/credentialStatus/statusPurpose'],
      [
        'statusListCredential not a URL',
        { ...base, statusListCredential: 'lists/0' },
        '/credentialStatus/statusListCredential',
      ],
      ['statusSize 0', { ...base, statusSize: 0 }, '/credentialStatus/statusSize'],
      ['statusSize "2"', { ...base, statusSize: '2' }, '/credentialStatus/statusSize'],
    ];
    for (const [name, entry, pointer] of cases) {
      it(`${name} → MALFORMED_VALUE_ERROR at ${pointer}`, async () => {
        const check = await checkStatus({ credentialStatus: entry }, ctx());
        expect(check).toMatchObject({
          id: 'status',
          status: 'failed',
          problem: { title: 'MALFORMED_VALUE_ERROR', pointer },
        });
      });
    }

    it('no credentialStatus → skipped', async () => {
      expect((await checkStatus({}, ctx())).status).toBe('skipped');
    });
  });
});
