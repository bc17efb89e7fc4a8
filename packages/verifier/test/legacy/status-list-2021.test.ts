/**
 * Legacy W3C CCG "Status List 2021" (verify only). Sections are those of "Verifiable Credential
 * Status List v2021" (CCG report; W3C FPWD 2023-04-27): §2.1 StatusList2021Entry, §2.2
 * StatusList2021Credential, §3.2 Validate Algorithm, §3.4 Bitstring Expansion Algorithm, §5.1
 * Bitstring Encoding.
 */
import { type DocumentLoader, decodeList, encodeList, MIN_LIST_BITS, type SigningKey, VcError } from '@repo/core';
import {
  checkStatus,
  createVerifier,
  type StatusCheckContext,
  StatusListCache,
  type VerifierOptions,
} from '@repo/verifier';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestKey,
  createTestLoader,
  FROZEN_NOW,
  OB_V3P0,
  signedOb3Credential,
  signedStatusList,
  statusEntry,
  statusListServer,
  VC_V2,
} from '../../../../test/helpers/credential-factory.ts';
import {
  listBits,
  SL2021_BASE,
  STATUS_LIST_2021_V1,
  signedStatusList2021,
  signedVc11Credential,
  statusList2021Entry,
  VC_V1,
} from '../../../../test/helpers/legacy-fixtures.ts';
import { expectStatus, statusCheck, statusWorld } from '../status-assertions.ts';

const OB_EXTENSIONS = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
const REVOCATION_URL = `${SL2021_BASE}/revocation/0`;
const SUSPENSION_URL = `${SL2021_BASE}/suspension/0`;
/** Status List 2021 §2.2 Example 2, unchanged: 131,072 clear bits. */
const SPEC_EXAMPLE_ENCODED_LIST = 'H4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA';

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

/** A `checkStatus` context over `server` (no proof check of the credential itself). */
function ctx(server: ReturnType<typeof statusListServer>): StatusCheckContext {
  return {
    issuer: key.controller,
    now: FROZEN_NOW,
    skewSeconds: 60,
    documentLoader,
    fetchStatusList: server.fetchStatusList,
    cache: new StatusListCache(),
    trustedStatusListIssuers: [],
  };
}

/** A signed VC 1.1 credential of `key` with `credentialStatus`. */
function credentialWith(credentialStatus: unknown, overrides: Record<string, unknown> = {}) {
  return signedVc11Credential(key, documentLoader, { credentialStatus, ...overrides });
}

describe('Status List 2021 §3.2 validate algorithm (StatusList2021Entry, verify only)', () => {
  it('reads a clear bit as "not revoked": status passed, verified, the entry reported', async () => {
    const { server, verifier } = world();
    server.publish(REVOCATION_URL, await signedStatusList2021({ key, documentLoader, url: REVOCATION_URL, set: [3] }));
    const r = await verifier.verifyCredential(await credentialWith(statusList2021Entry({ index: '4' })));
    expect(r.problems).toEqual([]);
    expect(statusCheck(r)).toMatchObject({
      status: 'passed',
      message: 'The issuer has not revoked or suspended this credential.',
      details: {
        entries: [
          {
            type: 'StatusList2021Entry',
            statusPurpose: 'revocation',
            statusListIndex: '4',
            statusListCredential: REVOCATION_URL,
            value: 0,
          },
        ],
      },
    });
    expect(r.verified).toBe(true);
    expect(server.calls).toEqual([REVOCATION_URL]);
  });

  it('S1 revocation bit set → CREDENTIAL_REVOKED, the same sentence as Bitstring Status List', async () => {
    const { server, verifier } = world();
    server.publish(REVOCATION_URL, await signedStatusList2021({ key, documentLoader, url: REVOCATION_URL, set: [4] }));
    const r = await verifier.verifyCredential(await credentialWith(statusList2021Entry({ index: '4' })));
    expectStatus(r, 'failed', 'CREDENTIAL_REVOKED');
    expect(statusCheck(r).problem).toMatchObject({
      detail: 'This credential was revoked by its issuer.',
      pointer: '/credentialStatus',
    });
    expect(r.lifecycle?.state).toBe('revoked');
  });

  it('S1 the last index (131,071) of a 16 KB list is read', async () => {
    const { server, verifier } = world();
    server.publish(
      REVOCATION_URL,
      await signedStatusList2021({ key, documentLoader, url: REVOCATION_URL, set: [131_071] }),
    );
    const r = await verifier.verifyCredential(await credentialWith(statusList2021Entry({ index: '131071' })));
    expectStatus(r, 'failed', 'CREDENTIAL_REVOKED');
  });

  it('S2 suspended → CREDENTIAL_SUSPENDED; cached 300 s (no ttl in 2021 lists); reinstated + 300 s → verified', async () => {
    const { server, clock, verifier } = world();
    server.publish(
      SUSPENSION_URL,
      await signedStatusList2021({ key, documentLoader, url: SUSPENSION_URL, purpose: 'suspension', set: [7] }),
    );
    const credential = await credentialWith(statusList2021Entry({ index: '7', purpose: 'suspension' }));
    const first = await verifier.verifyCredential(credential);
    expectStatus(first, 'failed', 'CREDENTIAL_SUSPENDED');
    expect(statusCheck(first).problem?.detail).toBe('This credential is suspended by its issuer for now.');
    expect(first.lifecycle?.state).toBe('suspended');
    // The issuer lifts the suspension.
    server.publish(
      SUSPENSION_URL,
      await signedStatusList2021({ key, documentLoader, url: SUSPENSION_URL, purpose: 'suspension' }),
    );
    clock.advance(299_000);
    expectStatus(await verifier.verifyCredential(credential), 'failed', 'CREDENTIAL_SUSPENDED');
    expect(server.calls).toHaveLength(1);
    clock.advance(1_000);
    const later = await verifier.verifyCredential(credential);
    expect(later.verified).toBe(true);
    expect(server.calls).toHaveLength(2);
  });

  it('S2 a list is cached no longer than its VC 1.1 expirationDate', async () => {
    const { server, clock, verifier } = world({ clockSkewSeconds: 0 });
    server.publish(
      SUSPENSION_URL,
      await signedStatusList2021({
        key,
        documentLoader,
        url: SUSPENSION_URL,
        purpose: 'suspension',
        expirationDate: '2026-06-01T12:01:00Z',
      }),
    );
    const credential = await credentialWith(statusList2021Entry({ index: '7', purpose: 'suspension' }));
    expect((await verifier.verifyCredential(credential)).verified).toBe(true);
    clock.advance(61_000);
    // Fetched again, and now the list itself has expired: not accepted.
    const r = await verifier.verifyCredential(credential);
    expect(server.calls).toHaveLength(2);
    expectStatus(r, 'failed', 'STATUS_VERIFICATION_ERROR');
    expect(statusCheck(r).problem?.detail).toMatch(/not currently valid/);
  });

  it('S3 an uncompressed list shorter than 16 KB (131,064 bits) → STATUS_LIST_LENGTH_ERROR', async () => {
    const { server, verifier } = world();
    server.publish(
      REVOCATION_URL,
      await signedStatusList2021({ key, documentLoader, url: REVOCATION_URL, lengthBits: MIN_LIST_BITS - 8 }),
    );
    const r = await verifier.verifyCredential(await credentialWith(statusList2021Entry({ index: '4' })));
    expectStatus(r, 'failed', 'STATUS_LIST_LENGTH_ERROR');
  });

  it('S4 a list whose proof does not verify (encodedList changed after signing) → STATUS_VERIFICATION_ERROR', async () => {
    const { server, verifier } = world();
    const list = await signedStatusList2021({ key, documentLoader, url: REVOCATION_URL, set: [4] });
    list.credentialSubject.encodedList = encodeList(listBits(), { multibase: false });
    server.publish(REVOCATION_URL, list);
    const r = await verifier.verifyCredential(await credentialWith(statusList2021Entry({ index: '4' })));
    expectStatus(r, 'failed', 'STATUS_VERIFICATION_ERROR');
    expect(statusCheck(r).problem?.detail).toMatch(/own proof does not verify/);
  });

  it('S4 an unsigned list → STATUS_VERIFICATION_ERROR', async () => {
    const { server, verifier } = world();
    const { proof: _proof, ...unsigned } = await signedStatusList2021({ key, documentLoader, url: REVOCATION_URL });
    server.publish(REVOCATION_URL, unsigned);
    const r = await verifier.verifyCredential(await credentialWith(statusList2021Entry({ index: '4' })));
    expectStatus(r, 'failed', 'STATUS_VERIFICATION_ERROR');
  });

  it('S4 a list signed by another issuer → STATUS_VERIFICATION_ERROR, unless that issuer is allow-listed', async () => {
    const list = await signedStatusList2021({ key: other, documentLoader, url: REVOCATION_URL, set: [4] });
    const plain = world();
    plain.server.publish(REVOCATION_URL, list);
    const credential = await credentialWith(statusList2021Entry({ index: '4' }));
    const r = await plain.verifier.verifyCredential(credential);
    expectStatus(r, 'failed', 'STATUS_VERIFICATION_ERROR');
    expect(statusCheck(r).problem?.detail).toBe(
      'The status list was issued by someone other than the credential issuer.',
    );
    const trusting = world({ trustedStatusListIssuers: [other.controller] });
    trusting.server.publish(REVOCATION_URL, list);
    expectStatus(await trusting.verifier.verifyCredential(credential), 'failed', 'CREDENTIAL_REVOKED');
  });

  it('S5 the entry is "suspension" but the list is a "revocation" list → STATUS_VERIFICATION_ERROR', async () => {
    const { server, verifier } = world();
    server.publish(REVOCATION_URL, await signedStatusList2021({ key, documentLoader, url: REVOCATION_URL }));
    const r = await verifier.verifyCredential(
      await credentialWith(statusList2021Entry({ index: '4', purpose: 'suspension', url: REVOCATION_URL })),
    );
    expectStatus(r, 'failed', 'STATUS_VERIFICATION_ERROR');
    expect(statusCheck(r).problem).toMatchObject({
      detail: 'The status list is not a "suspension" list.',
      pointer: '/credentialStatus/statusPurpose',
    });
  });

  it('S5 §2.2 credentialSubject.statusPurpose "MUST be a string": a list of purposes matches nothing', async () => {
    const { server, verifier } = world();
    server.publish(
      REVOCATION_URL,
      await signedStatusList2021({ key, documentLoader, url: REVOCATION_URL, purpose: ['revocation', 'suspension'] }),
    );
    const r = await verifier.verifyCredential(await credentialWith(statusList2021Entry({ index: '4' })));
    expectStatus(r, 'failed', 'STATUS_VERIFICATION_ERROR');
  });

  it('S6 statusListIndex past the end → RANGE_ERROR', async () => {
    const { server, verifier } = world();
    server.publish(REVOCATION_URL, await signedStatusList2021({ key, documentLoader, url: REVOCATION_URL }));
    const r = await verifier.verifyCredential(await credentialWith(statusList2021Entry({ index: '131072' })));
    expectStatus(r, 'failed', 'RANGE_ERROR');
    expect(statusCheck(r).problem?.pointer).toBe('/credentialStatus/statusListIndex');
  });

  it('S6 a signed credential with statusListIndex "0x10" → MALFORMED_VALUE_ERROR, nothing fetched', async () => {
    const { server, verifier } = world();
    const r = await verifier.verifyCredential(await credentialWith(statusList2021Entry({ index: '0x10' })));
    expectStatus(r, 'failed', 'MALFORMED_VALUE_ERROR');
    expect(server.calls).toEqual([]);
  });

  it.each([
    ['-1', '-1'],
    ['hexadecimal', '0x10'],
    ['exponent', '1e3'],
    ['leading space', ' 5'],
    ['decimal point', '5.0'],
    ['leading zero', '05'],
    ['empty', ''],
    ['a number', 5],
  ])('S6 statusListIndex %s (%j) → MALFORMED_VALUE_ERROR, nothing fetched (checkStatus)', async (_name, index) => {
    const server = statusListServer();
    const check = await checkStatus(
      { '@context': [VC_V1, STATUS_LIST_2021_V1], credentialStatus: statusList2021Entry({ index }) },
      ctx(server),
    );
    expect(check).toMatchObject({
      status: 'failed',
      problem: { title: 'MALFORMED_VALUE_ERROR', pointer: '/credentialStatus/statusListIndex' },
    });
    expect(server.calls).toEqual([]);
  });

  it('S7 list unreachable → could-not-check STATUS_RETRIEVAL_ERROR (never "not revoked")', async () => {
    const { verifier } = world();
    const r = await verifier.verifyCredential(await credentialWith(statusList2021Entry({ index: '4' })));
    expectStatus(r, 'could-not-check', 'STATUS_RETRIEVAL_ERROR');
  });

  it('S7 list not JSON (the fetcher answers a string) → could-not-check STATUS_RETRIEVAL_ERROR', async () => {
    const { server, verifier } = world();
    server.publish(REVOCATION_URL, '<html>status</html>');
    const r = await verifier.verifyCredential(await credentialWith(statusList2021Entry({ index: '4' })));
    expectStatus(r, 'could-not-check', 'STATUS_RETRIEVAL_ERROR');
  });

  it('S7 list 5xx or timeout (the fetcher throws) → could-not-check STATUS_RETRIEVAL_ERROR', async () => {
    const credential = await credentialWith(statusList2021Entry({ index: '4' }));
    for (const error of [new Error('HTTP 503'), new VcError('STATUS_RETRIEVAL_ERROR', 'timed out after 10 s')]) {
      const verifier = createVerifier({
        now: () => FROZEN_NOW,
        didResolver,
        checkSchema: false,
        fetchStatusList: async () => {
          throw error;
        },
      });
      expectStatus(await verifier.verifyCredential(credential), 'could-not-check', 'STATUS_RETRIEVAL_ERROR');
    }
  });
});

describe('Status List 2021 §2.2 StatusList2021Credential', () => {
  it('the spec\'s own encodedList (Example 2, "H4sIAAAAAAAAA-3BMQ…") is 131,072 clear bits → passed', async () => {
    expect(decodeList(SPEC_EXAMPLE_ENCODED_LIST, MIN_LIST_BITS, { multibase: false }).length * 8).toBe(131_072);
    const { server, verifier } = world();
    server.publish(
      REVOCATION_URL,
      await signedStatusList2021({ key, documentLoader, url: REVOCATION_URL, encodedList: SPEC_EXAMPLE_ENCODED_LIST }),
    );
    const r = await verifier.verifyCredential(await credentialWith(statusList2021Entry({ index: '94567' })));
    expect(statusCheck(r).status).toBe('passed');
    expect(r.verified).toBe(true);
  });

  it('§5.1 index 0 is the left-most bit of the first byte (0x80), index 7 the right-most', async () => {
    const bits = new Uint8Array(MIN_LIST_BITS / 8);
    bits[0] = 0x80;
    const { server, verifier } = world();
    server.publish(
      REVOCATION_URL,
      await signedStatusList2021({
        key,
        documentLoader,
        url: REVOCATION_URL,
        encodedList: encodeList(bits, { multibase: false }),
      }),
    );
    expectStatus(
      await verifier.verifyCredential(await credentialWith(statusList2021Entry({ index: '0' }))),
      'failed',
      'CREDENTIAL_REVOKED',
    );
    expect((await verifier.verifyCredential(await credentialWith(statusList2021Entry({ index: '7' })))).verified).toBe(
      true,
    );
  });

  it('§3.4 encodedList with the multibase "u" prefix (the Bitstring Status List form) → MALFORMED_VALUE_ERROR', async () => {
    const { server, verifier } = world();
    server.publish(
      REVOCATION_URL,
      await signedStatusList2021({ key, documentLoader, url: REVOCATION_URL, encodedList: encodeList(listBits()) }),
    );
    const r = await verifier.verifyCredential(await credentialWith(statusList2021Entry({ index: '4' })));
    expectStatus(r, 'failed', 'MALFORMED_VALUE_ERROR');
    expect(statusCheck(r).problem?.detail).toMatch(/multibase prefix "u"/);
  });

  it('§3.4 encodedList with base64 padding, the standard base64 alphabet, or not GZIP → MALFORMED_VALUE_ERROR', async () => {
    const plain = encodeList(listBits(), { multibase: false });
    const padded = plain + '='.repeat((4 - (plain.length % 4)) % 4 || 4);
    const standard = Buffer.from(plain, 'base64url').toString('base64');
    expect(standard).toMatch(/[+/=]/);
    for (const encodedList of [padded, standard, Buffer.from('not gzip at all').toString('base64url')]) {
      const { server, verifier } = world();
      server.publish(
        REVOCATION_URL,
        await signedStatusList2021({ key, documentLoader, url: REVOCATION_URL, encodedList }),
      );
      const r = await verifier.verifyCredential(await credentialWith(statusList2021Entry({ index: '4' })));
      expectStatus(r, 'failed', 'MALFORMED_VALUE_ERROR');
    }
  });

  it('the list must include type StatusList2021Credential: a BitstringStatusListCredential → STATUS_VERIFICATION_ERROR', async () => {
    const { server, verifier } = world();
    server.publish(REVOCATION_URL, await signedStatusList({ key, documentLoader, url: REVOCATION_URL, set: [4] }));
    const r = await verifier.verifyCredential(await credentialWith(statusList2021Entry({ index: '4' })));
    expectStatus(r, 'failed', 'STATUS_VERIFICATION_ERROR');
    expect(statusCheck(r).problem?.detail).toBe('The status list is not a StatusList2021Credential.');
  });

  it('credentialSubject.type "MUST be StatusList2021" (the string) → STATUS_VERIFICATION_ERROR otherwise', async () => {
    const { server, verifier } = world();
    server.publish(
      REVOCATION_URL,
      await signedStatusList2021({
        key,
        documentLoader,
        url: REVOCATION_URL,
        edit: (list) => {
          // Same meaning in JSON-LD, but not the string the spec (and @digitalbazaar/vc-status-list) asks for.
          list.credentialSubject.type = ['StatusList2021'];
        },
      }),
    );
    const r = await verifier.verifyCredential(await credentialWith(statusList2021Entry({ index: '4' })));
    expectStatus(r, 'failed', 'STATUS_VERIFICATION_ERROR');
    expect(statusCheck(r).problem?.detail).toBe('The status list credentialSubject must be a StatusList2021.');
  });

  it('a list whose types come from another context (not the Status List 2021 one) → STATUS_VERIFICATION_ERROR', async () => {
    const { server, verifier } = world();
    const elsewhere = 'https://vocab.example.test/not-status-list#';
    server.publish(
      REVOCATION_URL,
      await signedStatusList2021({
        key,
        documentLoader,
        url: REVOCATION_URL,
        set: [4],
        edit: (list) => {
          // Same JSON, other meaning: the terms map to another vocabulary.
          list['@context'] = [
            VC_V1,
            {
              StatusList2021Credential: `${elsewhere}StatusList2021Credential`,
              StatusList2021: `${elsewhere}StatusList2021`,
              statusPurpose: `${elsewhere}statusPurpose`,
              encodedList: `${elsewhere}encodedList`,
            },
          ];
        },
      }),
    );
    const r = await verifier.verifyCredential(await credentialWith(statusList2021Entry({ index: '4' })));
    expectStatus(r, 'failed', 'STATUS_VERIFICATION_ERROR');
    expect(statusCheck(r).problem?.detail).toBe(
      `The status list does not use the context ${STATUS_LIST_2021_V1} that defines StatusList2021Credential.`,
    );
  });

  it('a list whose issuanceDate is in the future → STATUS_VERIFICATION_ERROR', async () => {
    const { server, verifier } = world();
    server.publish(
      REVOCATION_URL,
      await signedStatusList2021({ key, documentLoader, url: REVOCATION_URL, issuanceDate: '2026-06-02T00:00:00Z' }),
    );
    const r = await verifier.verifyCredential(await credentialWith(statusList2021Entry({ index: '4' })));
    expectStatus(r, 'failed', 'STATUS_VERIFICATION_ERROR');
  });

  it('a list verified as one format is never read as the other from the cache (same URL, both ways)', async () => {
    const { server, verifier } = world();
    // A Bitstring Status List at the URL, verified and cached through a BitstringStatusListEntry…
    server.publish(REVOCATION_URL, await signedStatusList({ key, documentLoader, url: REVOCATION_URL }));
    const bsl = await signedOb3Credential(key, documentLoader, {
      credentialStatus: statusEntry({ index: '4', url: REVOCATION_URL }),
    });
    expect((await verifier.verifyCredential(bsl)).verified).toBe(true);
    // …is not a StatusList2021Credential for a StatusList2021Entry pointing at it.
    const legacy = await credentialWith(statusList2021Entry({ index: '4' }));
    const r = await verifier.verifyCredential(legacy);
    expectStatus(r, 'failed', 'STATUS_VERIFICATION_ERROR');
    expect(statusCheck(r).problem?.detail).toBe('The status list is not a StatusList2021Credential.');

    // And the other way round.
    const other2 = world();
    other2.server.publish(REVOCATION_URL, await signedStatusList2021({ key, documentLoader, url: REVOCATION_URL }));
    expect((await other2.verifier.verifyCredential(legacy)).verified).toBe(true);
    const back = await other2.verifier.verifyCredential(bsl);
    expectStatus(back, 'failed', 'STATUS_VERIFICATION_ERROR');
    expect(statusCheck(back).problem?.detail).toBe('The status list is not a BitstringStatusListCredential.');
    expect(other2.server.calls).toEqual([REVOCATION_URL]);
  });
});

describe('Status List 2021 §2.1 StatusList2021Entry (checked before anything is fetched)', () => {
  const at = '/credentialStatus';

  it('needs the Status List 2021 context in the credential: without it → could-not-check naming the type, nothing fetched', async () => {
    const server = statusListServer();
    for (const context of [[VC_V2], [VC_V1], [VC_V2, OB_V3P0]]) {
      const check = await checkStatus(
        { '@context': context, credentialStatus: statusList2021Entry({ index: '4' }) },
        ctx(server),
      );
      expect(check).toMatchObject({
        status: 'could-not-check',
        problem: { title: 'STATUS_VERIFICATION_ERROR', pointer: `${at}/type` },
      });
      expect(check.problem?.detail).toContain('"StatusList2021Entry"');
      expect(check.problem?.detail).toContain(STATUS_LIST_2021_V1);
    }
    expect(server.calls).toEqual([]);
  });

  it('a VC 2.0 credential that includes the Status List 2021 context is checked', async () => {
    const { server, verifier } = world();
    server.publish(REVOCATION_URL, await signedStatusList2021({ key, documentLoader, url: REVOCATION_URL, set: [4] }));
    const credential = await signedOb3Credential(key, documentLoader, {
      '@context': [VC_V2, OB_V3P0, STATUS_LIST_2021_V1],
      credentialStatus: statusList2021Entry({ index: '4' }),
    });
    expectStatus(await verifier.verifyCredential(credential), 'failed', 'CREDENTIAL_REVOKED');
  });

  it.each([
    ['id missing (VC 1.1 §4.9: id MUST be a URL)', { id: null }, 'id'],
    ['id equal to the list URL (§2.1 "MUST NOT be the URL for the status list")', { id: REVOCATION_URL }, 'id'],
  ])('%s → MALFORMED_VALUE_ERROR', async (_name, options, field) => {
    const server = statusListServer();
    const check = await checkStatus(
      {
        '@context': [VC_V1, STATUS_LIST_2021_V1],
        credentialStatus: statusList2021Entry({ index: '4', ...(options as { id: string | null }) }),
      },
      ctx(server),
    );
    expect(check).toMatchObject({
      status: 'failed',
      problem: { title: 'MALFORMED_VALUE_ERROR', pointer: `${at}/${field}` },
    });
    expect(server.calls).toEqual([]);
  });

  it.each([
    ['statusPurpose missing', { statusPurpose: undefined }, 'statusPurpose'],
    ['statusPurpose not a string', { statusPurpose: ['revocation'] }, 'statusPurpose'],
    ['statusListCredential not a URL', { statusListCredential: 'status list 3' }, 'statusListCredential'],
    ['statusSize 2 (2021 entries are one bit)', { statusSize: 2 }, 'statusSize'],
  ])('%s → MALFORMED_VALUE_ERROR, nothing fetched', async (_name, change, field) => {
    const server = statusListServer();
    const entry: Record<string, unknown> = { ...statusList2021Entry({ index: '4' }), ...change };
    for (const [k, v] of Object.entries(change)) if (v === undefined) delete entry[k];
    const check = await checkStatus({ '@context': [VC_V1, STATUS_LIST_2021_V1], credentialStatus: entry }, ctx(server));
    expect(check).toMatchObject({
      status: 'failed',
      problem: { title: 'MALFORMED_VALUE_ERROR', pointer: `${at}/${field}` },
    });
    expect(server.calls).toEqual([]);
  });
});

describe('Unknown status types → could-not-check, never "not revoked"', () => {
  it.each([
    ['1EdTechRevocationList', { id: 'https://status.example.test/1edtech/revocations', type: '1EdTechRevocationList' }],
    [
      'RevocationList2020Status',
      {
        id: 'https://status.example.test/rl2020#94567',
        type: 'RevocationList2020Status',
        revocationListIndex: '94567',
        revocationListCredential: 'https://status.example.test/rl2020',
      },
    ],
    ['CredentialStatusList2017', { id: 'https://status.example.test/csl2017', type: 'CredentialStatusList2017' }],
    [
      'StatusList2021 (the list type, not the entry type)',
      { ...statusList2021Entry({ index: '4' }), type: 'StatusList2021' },
    ],
  ])('%s → could-not-check with a message naming the type, nothing fetched', async (_name, entry) => {
    const server = statusListServer();
    const check = await checkStatus({ '@context': [VC_V1, STATUS_LIST_2021_V1], credentialStatus: entry }, ctx(server));
    expect(check).toMatchObject({
      status: 'could-not-check',
      problem: { title: 'STATUS_VERIFICATION_ERROR', pointer: '/credentialStatus/type' },
    });
    expect(check.problem?.detail).toContain(`"${entry.type}"`);
    expect(server.calls).toEqual([]);
  });
});

describe('Several credentialStatus entries: failed wins over could-not-check, which wins over passed', () => {
  const unknown = { id: 'https://status.example.test/1edtech/revocations', type: '1EdTechRevocationList' };

  /** A signed OB 3.0 (VC 2.0) credential whose contexts define 1EdTechRevocationList and StatusList2021Entry. */
  function ob3With(credentialStatus: unknown) {
    return signedOb3Credential(key, documentLoader, {
      '@context': [VC_V2, OB_V3P0, OB_EXTENSIONS, STATUS_LIST_2021_V1],
      credentialStatus,
    });
  }

  async function listsServed(revokedIndex?: number) {
    const w = world();
    w.server.publish(
      REVOCATION_URL,
      await signedStatusList2021({
        key,
        documentLoader,
        url: REVOCATION_URL,
        set: revokedIndex === undefined ? [] : [revokedIndex],
      }),
    );
    w.server.publish(
      SUSPENSION_URL,
      await signedStatusList2021({ key, documentLoader, url: SUSPENSION_URL, purpose: 'suspension' }),
    );
    return w;
  }

  it('2021 revocation + 2021 suspension, both clear → passed, both entries reported', async () => {
    const { verifier } = await listsServed();
    const r = await verifier.verifyCredential(
      await credentialWith([
        statusList2021Entry({ index: '9' }),
        statusList2021Entry({ index: '9', purpose: 'suspension' }),
      ]),
    );
    expect(r.verified).toBe(true);
    expect(statusCheck(r).details?.entries).toHaveLength(2);
  });

  it('unknown type + clear 2021 entry → could-not-check (either order)', async () => {
    const { verifier } = await listsServed();
    for (const entries of [
      [unknown, statusList2021Entry({ index: '9' })],
      [statusList2021Entry({ index: '9' }), unknown],
    ]) {
      const r = await verifier.verifyCredential(await ob3With(entries));
      expectStatus(r, 'could-not-check', 'STATUS_VERIFICATION_ERROR');
    }
  });

  it('unknown type + revoked 2021 entry → failed CREDENTIAL_REVOKED (either order)', async () => {
    const { verifier } = await listsServed(9);
    for (const [entries, pointer] of [
      [[unknown, statusList2021Entry({ index: '9' })], '/credentialStatus/1'],
      [[statusList2021Entry({ index: '9' }), unknown], '/credentialStatus/0'],
    ] as const) {
      const r = await verifier.verifyCredential(await ob3With(entries));
      expectStatus(r, 'failed', 'CREDENTIAL_REVOKED');
      expect(statusCheck(r).problem?.pointer).toBe(pointer);
    }
  });

  it('unreachable list (could-not-check) + revoked 2021 entry → failed CREDENTIAL_REVOKED', async () => {
    const { verifier } = await listsServed(9);
    const r = await verifier.verifyCredential(
      await credentialWith([
        statusList2021Entry({ index: '9', url: `${SL2021_BASE}/revocation/404` }),
        statusList2021Entry({ index: '9' }),
      ]),
    );
    expectStatus(r, 'failed', 'CREDENTIAL_REVOKED');
  });

  it('a 2021 entry next to a Bitstring Status List entry: each read from its own list', async () => {
    const { server, verifier } = await listsServed();
    const bslUrl = 'https://status.example.test/lists/revocation/0';
    server.publish(bslUrl, await signedStatusList({ key, documentLoader, url: bslUrl, set: [9] }));
    const r = await verifier.verifyCredential(
      await ob3With([statusList2021Entry({ index: '9' }), statusEntry({ index: '9', url: bslUrl })]),
    );
    expectStatus(r, 'failed', 'CREDENTIAL_REVOKED');
    expect(statusCheck(r).problem?.pointer).toBe('/credentialStatus/1');
    expect(statusCheck(r).details?.entries).toMatchObject([
      { type: 'StatusList2021Entry', statusListCredential: REVOCATION_URL, value: 0 },
      { type: 'BitstringStatusListEntry', statusListCredential: bslUrl, value: 1 },
    ]);
  });
});
