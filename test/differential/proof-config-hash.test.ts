/**
 * Differential test of the fast path's proof-configuration hash (packages/core/src/proofs/fast
 * proof-config-hash.ts: the canonical form from a template, the last hash kept for the next
 * signature with the same options under the same contexts) against SHA-256 of the stock
 * `DataIntegrityProof.canonizeProof` (Data Integrity 1.0 §4.2; EdDSA Cryptosuites v1.0 §3.2.5),
 * and of the processed-context cache the fast path shares with toDataset (active-contexts.ts).
 */
import { createHash } from 'node:crypto';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { createDocumentLoader, signCredential } from '@repo/core';
import { loadPinnedContexts } from '@repo/schemas';
import jsigs from 'jsonld-signatures';
import { describe, expect, it } from 'vitest';
import { credential } from '../../bench/fixture.ts';
import { type ProofOptions, proofConfigHash } from '../../packages/core/src/proofs/fast/proof-config-hash.ts';
import { key, documentLoader as plainLoader, stockSign } from './pipelines.ts';

const VC1 = 'https://www.w3.org/2018/credentials/v1';
const VC2 = 'https://www.w3.org/ns/credentials/v2';
const OB3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const EXT = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
const DI = 'https://w3id.org/security/data-integrity/v2';

const stockSuite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }) as unknown as {
  canonizeProof(p: unknown, o: { document: unknown; documentLoader: unknown }): Promise<string>;
};
type Loader = (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;
/** What DataIntegrityProof.createVerifyData hashes first: SHA-256 of the stock canonical proof configuration. */
const stockHash = async (proof: ProofOptions, context: unknown, loader: Loader) =>
  createHash('sha256')
    .update(await stockSuite.canonizeProof({ ...proof }, { document: { '@context': context }, documentLoader: loader }))
    .digest('hex');
const extended = (loader: Loader): Loader => (jsigs as any).extendContextLoader(loader);

/** A small deterministic sequence (the same draws on every run). */
function* draws(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    // the high bits: an LCG's low bits repeat with short periods
    yield Math.floor(x / 2 ** 15);
  }
}

describe('fast proof-configuration hash vs stock canonizeProof', () => {
  const loader = extended(plainLoader);
  const contexts = [[VC2, OB3], [VC2, OB3, EXT], [VC2], [VC1, OB3, DI], [VC1, OB3]];
  const createds = [
    '2026-06-01T00:00:00Z',
    '2026-06-01T00:00:01Z',
    '2026-06-01T00:00:00.5Z',
    '2026-06-01T01:00:00+01:00',
  ];
  const methods = [key.id, `${key.controller}#other`];
  const purposes = ['assertionMethod', 'authentication'];
  const option = (n: Generator<number>) => {
    const pick = <T>(list: T[]) => list[n.next().value % list.length]!;
    const proof = {
      type: 'DataIntegrityProof',
      created: pick(createds),
      verificationMethod: pick(methods),
      cryptosuite: pick(['eddsa-rdfc-2022', 'ecdsa-rdfc-2019']),
      proofPurpose: pick(purposes),
    } as unknown as ProofOptions;
    return { proof, context: pick(contexts) };
  };

  it('one after another, repeated or with one member changed: the stock hash every time', async () => {
    const n = draws(20261207);
    let { proof, context } = option(n);
    const change: Array<(p: Record<string, unknown>) => void> = [
      () => undefined,
      (p) => {
        p.created = createds[n.next().value % createds.length];
      },
      (p) => {
        p.verificationMethod = methods[n.next().value % methods.length];
      },
      (p) => {
        p.cryptosuite = p.cryptosuite === 'eddsa-rdfc-2022' ? 'ecdsa-rdfc-2019' : 'eddsa-rdfc-2022';
      },
      (p) => {
        p.proofPurpose = purposes[n.next().value % purposes.length];
      },
      (p) => {
        p.type = p.type === 'DataIntegrityProof' ? 'Ed25519Signature2020' : 'DataIntegrityProof';
      },
      () => {
        context = contexts[n.next().value % contexts.length]!;
      },
    ];
    for (let i = 0; i < 400; i++) {
      const next = { ...proof } as Record<string, unknown>;
      change[n.next().value % change.length]!(next);
      proof = next as unknown as ProofOptions;
      // a type the contexts do not define: both refuse it (safe mode)
      const ours = await proofConfigHash(proof, context, loader).then(
        (h) => h.toString('hex'),
        () => 'refused',
      );
      expect(ours).toBe(await stockHash(proof, context, loader).catch(() => 'refused'));
    }
  });

  it('many at once, the loader answering after random delays (awaits interleaved): the stock hash for each', async () => {
    const n = draws(7);
    const slow: Loader = async (url) => {
      for (let i = n.next().value % 4; i > 0; i--) await new Promise((r) => setImmediate(r));
      return loader(url);
    };
    for (let round = 0; round < 5; round++) {
      // few distinct options, so that many calls find theirs kept while others replace it
      const batch = Array.from({ length: 60 }, () => ({
        ...option(n),
        context: [VC2, OB3],
      }));
      const ours = await Promise.all(batch.map((b) => proofConfigHash(b.proof, b.context, slow)));
      for (const [i, b] of batch.entries()) {
        expect(ours[i]!.toString('hex')).toBe(await stockHash(b.proof, b.context, loader));
      }
    }
  });

  it('options with other members (no template): the stock hash', async () => {
    const proof = { ...option(draws(3)).proof, challenge: 'abc', domain: 'example.org' } as ProofOptions;
    for (let i = 0; i < 3; i++) {
      expect((await proofConfigHash(proof, [VC2, OB3], loader)).toString('hex')).toBe(
        await stockHash(proof, [VC2, OB3], loader),
      );
    }
  });

  it('the loader answers a context with another document: the next hash follows it (not the kept one)', async () => {
    const pinned = loadPinnedContexts();
    const v2 = pinned.get(VC2) as { '@context': Record<string, any> };
    // the VC 2.0 context with DataIntegrityProof's `created` mapped to another IRI
    const changed = structuredClone(v2);
    const dip = changed['@context'].DataIntegrityProof;
    dip['@context'].created = { ...dip['@context'].created, '@id': 'https://example.org/created' };
    const withChanged = new Map(pinned);
    withChanged.set(VC2, changed);
    const other = extended(createDocumentLoader({ contexts: withChanged }) as Loader);
    const proof = option(draws(11)).proof;
    const before = (await proofConfigHash(proof, [VC2, OB3], loader)).toString('hex');
    const after = (await proofConfigHash(proof, [VC2, OB3], other)).toString('hex');
    expect(after).toBe(await stockHash(proof, [VC2, OB3], other));
    expect(after).not.toBe(before);
    expect((await proofConfigHash(proof, [VC2, OB3], loader)).toString('hex')).toBe(before);
  });

  it('the returned hash is a copy: changing it does not change the next answer', async () => {
    const { proof } = option(draws(5));
    const first = await proofConfigHash(proof, [VC2, OB3], loader);
    const expected = first.toString('hex');
    first.fill(0);
    const second = await proofConfigHash(proof, [VC2, OB3], loader);
    expect(second.toString('hex')).toBe(expected);
    second.fill(1);
    expect((await proofConfigHash(proof, [VC2, OB3], loader)).toString('hex')).toBe(expected);
  });
});

describe('processed contexts are kept per list of URLs', () => {
  it('a @context entry that joins two pinned URLs with a newline is one URL: refused, as the stock pipeline refuses it', async () => {
    const documentLoader = createDocumentLoader({ contexts: loadPinnedContexts() });
    const now = new Date('2026-06-01T00:00:00Z');
    // the two contexts processed first, so that a cache keyed by their join would answer
    const three = { ...credential, '@context': [VC2, OB3, EXT] };
    expect(await signCredential(three, { key, documentLoader, now })).toEqual(await stockSign(three, now));
    const joined = { ...credential, '@context': [VC2, `${OB3}\n${EXT}`] };
    await expect(stockSign(joined, now)).rejects.toThrow();
    await expect(signCredential(joined, { key, documentLoader, now })).rejects.toThrow();
  });
});
