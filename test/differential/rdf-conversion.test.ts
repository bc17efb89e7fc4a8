/**
 * Differential test of core's fast JSON-LD → RDF conversion (packages/core/src/proofs/fast) against
 * jsonld.js `toRDF` and the stock RDFC cryptosuites' `canonize` (JSON-LD 1.1 API §8.1 "Deserialize
 * JSON-LD to RDF"; RDF Dataset Canonicalization RDFC-1.0): for generated Open Badges 3.0
 * credentials, their proof configurations and hand-written documents using the other pinned
 * contexts (bitstring status, OB extensions, CLR), the quads must be the same (blank node labels
 * aside) and the canonical N-Quads identical. Documents outside the subset must fall back, and the
 * fallback must give the stock answer or the stock error (safe mode's data-loss error unchanged).
 * ECDSA (ecdsa-rdfc-2019): canonical forms equal under SHA-256 and SHA-384, and proofs made by
 * either pipeline verify in the other (signatures are randomised, so not compared).
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import {
  createDidResolver,
  createDocumentLoader,
  generateSigningKey,
  importSigningKey,
  type SigningKey,
  signCredential,
  verifyCredentialProof,
} from '@repo/core';
import { loadPinnedContexts } from '@repo/schemas';
import fc from 'fast-check';
import jsonld from 'jsonld';
import jsigs from 'jsonld-signatures';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Unsupported } from '../../packages/core/src/proofs/fast/active-contexts.ts';
import { canonizeFast, withFastCanonize } from '../../packages/core/src/proofs/fast/canonize-rdfc.ts';
import { toDataset } from '../../packages/core/src/proofs/fast/expand-to-rdf.ts';
import type { Quad, Term } from '../../packages/core/src/proofs/fast/jsonld-parts.ts';
import { ob3Credential } from './ob3-arbitrary.ts';
import { fastSign, key, documentLoader as plainLoader } from './pipelines.ts';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261207);
const RUNS = Number(process.env.DIFFERENTIAL_RUNS ?? 150);
const VC1 = 'https://www.w3.org/2018/credentials/v1';
const VC2 = 'https://www.w3.org/ns/credentials/v2';
const OB3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const DI = 'https://w3id.org/security/data-integrity/v2';

/** The loader jsonld-signatures gives the cryptosuites (its security contexts first). */
const documentLoader = (jsigs as any).extendContextLoader(plainLoader);
const OPTIONS = { documentLoader, base: null, safe: true };

/** jsonld.js `toRDF` exactly as the RDFC cryptosuites call it. */
const stockQuads = (doc: unknown): Promise<Quad[]> =>
  (jsonld as any).toRDF(structuredClone(doc), {
    ...OPTIONS,
    rdfDirection: 'i18n-datatype',
    produceGeneralizedRdf: false,
  });

/** A quad with its blank node labels left out, so two datasets compare as multisets. */
const unlabelled = (q: Quad): string =>
  [q.subject, q.predicate, q.object, q.graph]
    .map((t: Term) =>
      t.termType === 'BlankNode' ? '_:' : JSON.stringify([t.termType, t.value, t.datatype?.value, t.language]),
    )
    .join(' ');
const blankNodes = (quads: Quad[]) =>
  new Set(quads.flatMap((q) => [q.subject, q.object].filter((t) => t.termType === 'BlankNode').map((t) => t.value)))
    .size;

/** The document as jsigs.sign canonicalizes it: a VC 1.1 @context gains the Data Integrity context. */
function asSigned(credential: Record<string, unknown>): Record<string, unknown> {
  const doc = structuredClone(credential);
  const context = doc['@context'] as string[];
  if (context[0] === VC1 && !context.includes(DI)) context.push(DI);
  return doc;
}

/** Same quads as jsonld.js (labels aside), same canonical N-Quads as the stock canonize. */
async function expectSameAsStock(doc: unknown): Promise<void> {
  const ours = await toDataset(structuredClone(doc), documentLoader);
  const theirs = await stockQuads(doc);
  expect(ours.map(unlabelled).sort()).toEqual(theirs.map(unlabelled).sort());
  expect(blankNodes(ours)).toBe(blankNodes(theirs));
  expect(await canonizeFast(structuredClone(doc), OPTIONS)).toBe(
    await eddsaRdfc2022.canonize(structuredClone(doc), OPTIONS),
  );
}

/** The fast path refuses `doc`, and the wrapped canonize answers (or fails) exactly as the stock one. */
async function expectFallbackToStock(doc: unknown): Promise<void> {
  await expect(toDataset(structuredClone(doc), documentLoader)).rejects.toBeInstanceOf(Unsupported);
  const settle = (p: Promise<string>) =>
    p.then(
      (value) => ({ value }),
      (e: any) => ({ error: e?.message, name: e?.name, code: e?.details?.event?.code ?? e?.details?.code }),
    );
  const wrapped = withFastCanonize(eddsaRdfc2022.canonize);
  const stock = await settle(eddsaRdfc2022.canonize(structuredClone(doc), OPTIONS));
  expect(await settle(wrapped(structuredClone(doc), OPTIONS))).toEqual(stock);
}

const ISSUER = { id: key.controller, type: ['Profile'], name: 'Example Council' };
const SUBJECT = {
  id: 'did:example:learner',
  type: ['AchievementSubject'],
  achievement: {
    id: 'https://example.org/achievements/1',
    type: ['Achievement'],
    name: 'Welding I',
    criteria: { narrative: 'Passed.' },
  },
};
/**
 * An OB 3.0.0 credential whose achievement has `achievementType` (coerced to xsd:string by the
 * 3.0.0 context) and the same IRI written out twice with 'Certification' (not coerced).
 */
const ob300Types = (achievementType: unknown) => ({
  '@context': [VC1, 'https://purl.imsglobal.org/spec/ob/v3p0/context.json', DI],
  id: 'urn:uuid:2f9c1a7e-5b2d-4c1e-9f0a-6d8e7c5b4a39',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: ISSUER,
  issuanceDate: '2026-01-01T00:00:00Z',
  credentialSubject: {
    ...SUBJECT,
    achievement: {
      ...SUBJECT.achievement,
      achievementType,
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievementType': ['Certification', 'Certification'],
    },
  },
});

const base = (extra: Record<string, unknown> = {}) => ({
  '@context': [VC2, OB3],
  id: 'urn:uuid:2f9c1a7e-5b2d-4c1e-9f0a-6d8e7c5b4a39',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Welding I',
  issuer: ISSUER,
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: SUBJECT,
  ...extra,
});

describe('fast JSON-LD → RDF conversion vs jsonld.js toRDF', () => {
  it('generated OB 3.0 credentials and their proof configurations: same quads, same canonical N-Quads', async () => {
    await fc.assert(
      fc.asyncProperty(ob3Credential(key.controller), async ({ credential, now }) => {
        await expectSameAsStock(asSigned(credential));
        const { proof } = await fastSign(credential, now);
        const { proofValue: _value, ...options } = proof;
        await expectSameAsStock({ '@context': asSigned(credential)['@context'], ...options });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 120_000);

  it('from cold caches (fresh modules: the walk stops at each scoped context not computed yet), the same quads', async () => {
    const doc = asSigned(base({ credentialSubject: { ...SUBJECT, result: [{ type: ['Result'], value: '82' }] } }));
    vi.resetModules();
    const cold = await import('../../packages/core/src/proofs/fast/expand-to-rdf.ts');
    expect(cold.toDataset).not.toBe(toDataset);
    const first = await cold.toDataset(structuredClone(doc), documentLoader);
    const warm = await cold.toDataset(structuredClone(doc), documentLoader);
    const theirs = (await stockQuads(doc)).map(unlabelled).sort();
    expect(first.map(unlabelled).sort()).toEqual(theirs);
    expect(warm.map(unlabelled).sort()).toEqual(theirs);
  });

  it('many documents at once from cold caches, the loader answering after random delays: each its own stock form', async () => {
    // the walks share their columns and stacks: each must be read before another walk starts
    vi.resetModules();
    const cold = await import('../../packages/core/src/proofs/fast/canonize-rdfc.ts');
    const docs = fc
      .sample(ob3Credential(key.controller), { seed: SEED, numRuns: 16 })
      .map((s) => asSigned(s.credential));
    let state = SEED;
    const delay = () => {
      state = (state * 48271) % 2147483647;
      return new Promise((resolve) => setTimeout(resolve, state % 3));
    };
    const slow = async (url: string) => {
      await delay();
      return documentLoader(url);
    };
    const ours = await Promise.all(
      docs.map((doc) => cold.canonizeFast(structuredClone(doc), { ...OPTIONS, documentLoader: slow })),
    );
    for (const [i, doc] of docs.entries()) {
      expect(ours[i]).toBe(await eddsaRdfc2022.canonize(structuredClone(doc), OPTIONS));
    }
  });

  it('proof configurations from the template: other date forms, purposes, suites and digests', async () => {
    const dates = [
      '2026-06-01T00:00:00Z',
      '2026-06-01T00:00:00.123Z',
      '1999-12-31T23:59:59+02:00',
      '2026-06-01T00:00:00',
    ];
    for (const context of [
      [VC2, OB3],
      [VC1, OB3, DI],
    ]) {
      for (const created of dates) {
        for (const [cryptosuite, proofPurpose] of [
          ['eddsa-rdfc-2022', 'assertionMethod'],
          ['ecdsa-rdfc-2019', 'authentication'],
        ]) {
          const config = {
            '@context': context,
            type: 'DataIntegrityProof',
            created,
            verificationMethod: `${key.controller}#${key.controller.slice(8)}`,
            cryptosuite,
            proofPurpose,
          };
          for (const messageDigestAlgorithm of [undefined, 'SHA-384']) {
            const options = { ...OPTIONS, ...(messageDigestAlgorithm ? { messageDigestAlgorithm } : {}) };
            expect(await canonizeFast(structuredClone(config), options)).toBe(
              await ecdsaRdfc2019.canonize(structuredClone(config), options),
            );
          }
        }
      }
    }
  });

  const documents: Record<string, unknown> = {
    'bitstring status entry (VC 2.0)': base({
      credentialStatus: {
        id: 'https://example.org/status/3#94567',
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '94567',
        statusListCredential: 'https://example.org/status/3',
      },
    }),
    'a bitstring status list credential': {
      '@context': [VC2],
      id: 'https://example.org/status/3',
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: key.controller,
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: {
        id: 'https://example.org/status/3#list',
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA',
        ttl: 300000,
      },
    },
    'an email recipient as a hashed IdentityObject (boolean), a wide status entry (statusSize)': base({
      credentialSubject: {
        type: ['AchievementSubject'],
        identifier: [
          {
            type: 'IdentityObject',
            identityHash: 'sha256$c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00',
            identityType: 'emailAddress',
            hashed: true,
            salt: 'pepper',
          },
          { type: 'IdentityObject', identityHash: 'learner@example.org', identityType: 'emailAddress', hashed: false },
        ],
        achievement: SUBJECT.achievement,
      },
      credentialStatus: {
        id: 'https://example.org/status/4#7',
        type: 'BitstringStatusListEntry',
        statusPurpose: 'message',
        statusListIndex: '7',
        statusSize: 2,
        statusListCredential: 'https://example.org/status/4',
      },
    }),
    'image, awardedDate, validUntil': base({
      image: { id: 'https://example.org/badge.png', type: 'Image', caption: 'Badge' },
      awardedDate: '2026-01-02T00:00:00Z',
      validUntil: '2030-01-01T00:00:00Z',
    }),
    'a status list 2021 entry (VC 1.1)': {
      '@context': [VC1, 'https://w3id.org/vc/status-list/2021/v1', OB3, DI],
      id: 'urn:uuid:5c0b7a3e-1111-4d22-8e33-9f4455667788',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: ISSUER,
      issuanceDate: '2026-01-01T00:00:00Z',
      credentialSubject: SUBJECT,
      credentialStatus: {
        id: 'https://example.org/status/1#5',
        type: 'StatusList2021Entry',
        statusPurpose: 'revocation',
        statusListIndex: '5',
        statusListCredential: 'https://example.org/status/1',
      },
    },
    'numbers: integers, doubles, large and negative values under xsd:float and plain': base({
      credentialSubject: {
        ...SUBJECT,
        creditsEarned: 2.5,
        achievement: { ...SUBJECT.achievement, creditsAvailable: 1e21 },
        result: [{ type: ['Result'], value: '-3' }],
      },
    }),
    'a null value (dropped, as jsonld.js drops it)': base({ description: null, evidence: [null] }),
    'OB 3.0 extensions context': {
      ...base(),
      '@context': [VC2, OB3, 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'],
    },
    // jsonld.js's node map keeps a value once per subject and property (util.compareValues)
    'values repeated under a property: types, strings, numbers (0 and -0), IRIs': base({
      type: ['VerifiableCredential', 'OpenBadgeCredential', 'OpenBadgeCredential', 'VerifiableCredential'],
      credentialSubject: {
        ...SUBJECT,
        achievement: { ...SUBJECT.achievement, tag: ['weld', 'weld', 'safety', 'weld'] },
        creditsEarned: [0, -0, 1, 1, 2.5, 2.5],
        source: ['https://example.org/org/1', 'https://example.org/org/1'],
      },
    }),
    'many values on one node (past 16 they are looked up by key, not scanned): repeated ones kept once': base({
      type: ['VerifiableCredential', 'OpenBadgeCredential', 'OpenBadgeCredential'],
      credentialSubject: {
        ...SUBJECT,
        achievement: {
          ...SUBJECT.achievement,
          image: ['https://example.org/badge.png', { id: 'https://example.org/badge.png', type: 'Image' }],
          tag: [...Array.from({ length: 20 }, (_, i) => `tag ${i % 12}`), 'Achievement', '3', 'true', 'tag 3'],
          fieldOfStudy: ['tag 1', 'tag 1'],
        },
        source: ['https://example.org/org/1', 'https://example.org/org/2', 'https://example.org/org/1'],
        image: 'https://example.org/org/1',
        creditsEarned: [...Array.from({ length: 16 }, (_, i) => i + 10), 0, -0, 1, 2.5, 2.5, 3, '3', 1, 11],
        result: [{ type: ['Result'], value: [...Array.from({ length: 18 }, (_, i) => `${i % 9}`), 3, true, 'true'] }],
      },
    }),
    'nodes with more than 16 keys (sorted by the generic sort)': base({
      credentialSubject: {
        ...SUBJECT,
        ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`https://example.org/p${(i * 7) % 20}`, `v${i}`])),
        achievement: {
          ...SUBJECT.achievement,
          ...Object.fromEntries(Array.from({ length: 18 }, (_, i) => [`https://example.org/q${17 - i}`, i])),
        },
      },
    }),
    'the same node twice (by id), then as a lone reference: merged into one subject': base({
      evidence: [
        { id: 'https://example.org/evidence/1', type: ['Evidence'], name: 'Portfolio' },
        { id: 'https://example.org/evidence/1', type: ['Evidence'], name: 'Portfolio', narrative: 'Welds.' },
        { id: 'https://example.org/evidence/1' },
        { type: ['Evidence'], name: 'Portfolio' },
        { type: ['Evidence'], name: 'Portfolio' },
      ],
    }),
    'an IRI as a string and as a node reference (the same IRI: one value)': base({
      credentialSubject: {
        ...SUBJECT,
        achievement: {
          ...SUBJECT.achievement,
          image: ['https://example.org/badge.png', { id: 'https://example.org/badge.png', type: 'Image' }],
        },
      },
    }),
    'values equal as text but not as JSON (a string and a number, a boolean and a string): both kept': base({
      credentialSubject: {
        ...SUBJECT,
        result: [{ type: ['Result'], value: ['3', 3, 'true', true, '3'] }],
        creditsEarned: [3, '3'],
      },
    }),
    'lists (ResultDescription allowedValue): in order, an item repeated kept, nulls dropped, one item': base({
      credentialSubject: {
        ...SUBJECT,
        achievement: {
          ...SUBJECT.achievement,
          resultDescription: [
            {
              id: 'urn:uuid:6f1d2c3b-0000-4000-8000-000000000001',
              type: ['ResultDescription'],
              name: 'Grade',
              resultType: 'LetterGrade',
              allowedValue: ['A', 'B', 'A', null, 'C'],
            },
            {
              id: 'urn:uuid:6f1d2c3b-0000-4000-8000-000000000002',
              type: ['ResultDescription'],
              name: 'Pass',
              resultType: 'LetterGrade',
              allowedValue: 'P',
            },
          ],
        },
      },
    }),
    'the same IRI under two properties of a node, and a type IRI as a value: each kept': base({
      credentialSubject: {
        ...SUBJECT,
        image: 'https://example.org/same',
        source: 'https://example.org/same',
        achievement: { ...SUBJECT.achievement, image: 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement' },
      },
    }),
    'a string coerced to xsd:string and the same string not coerced (OB 3.0.0 context): both kept':
      ob300Types('Certification'),
    'a string coerced to xsd:string and the same string not coerced, past 16 values (looked up by key)': ob300Types([
      'Certification',
      ...Array.from({ length: 16 }, (_, i) => `Type ${i}`),
    ]),
    'a top-level node with an id and a property but no type': {
      '@context': [VC2, OB3],
      id: 'urn:uuid:2f9c1a7e-5b2d-4c1e-9f0a-6d8e7c5b4a39',
      name: 'Untyped',
    },
    'a type and an equal string under another property of the same node': base({
      credentialSubject: { ...SUBJECT, achievement: { ...SUBJECT.achievement, tag: ['Achievement'] } },
    }),
  };
  for (const [what, doc] of Object.entries(documents)) {
    it(`same as jsonld.js: ${what}`, async () => {
      await expectSameAsStock(doc);
    });
  }
});

describe('fast JSON-LD → RDF conversion: what it leaves to the stock pipeline', () => {
  const cases: Record<string, unknown> = {
    'an inline @context': {
      ...base(),
      '@context': [VC2, OB3, { ex: 'https://example.org/vocab#' }],
      'ex:note': 'inline',
    },
    'an undefined term without @vocab (VC 1.1): the safe-mode data-loss error, unchanged (T9)': {
      ...asSigned({ ...base(), '@context': [VC1, OB3], issuanceDate: '2026-01-01T00:00:00Z' }),
      notAnObTerm: 'dropped by JSON-LD',
    },
    'an undefined term inside a typed node without @vocab (VC 1.1)': asSigned({
      '@context': [VC1, OB3],
      id: 'urn:uuid:2f9c1a7e-5b2d-4c1e-9f0a-6d8e7c5b4a39',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: ISSUER,
      issuanceDate: '2026-01-01T00:00:00Z',
      credentialSubject: { ...SUBJECT, madeUp: 'x' },
    }),
    'an undefined term under VC 2.0 + OB 3.0 (whose protected contexts leave it undefined): data-loss error': base({
      notAnObTerm: 'dropped by JSON-LD',
    }),
    'a credentialSchema type the OB 3.0 context does not define: data-loss error': base({
      credentialSchema: [{ id: 'https://example.org/schema.json', type: '1EdTechJsonSchemaValidator2019' }],
    }),
    'terms the pinned VC 2.0 context does not define (it has no @vocab): data-loss error': {
      '@context': [VC2],
      id: 'urn:uuid:9a8b7c6d-0000-4000-8000-000000000042',
      type: ['VerifiableCredential', 'ExampleCredential'],
      issuer: key.controller,
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: {
        id: 'did:example:subject',
        flag: true,
        off: false,
        count: 42,
        ratio: 0.30000000000000004,
        close: 0.3,
        same: ['x', 'x', 'y'],
        nested: { label: 'no id', deeper: { level: 2 } },
        empty: {},
        none: [],
      },
    },
    'a relative @id (base null)': base({ id: 'relative-id' }),
    'an empty list (jsonld.js writes rdf:nil)': base({
      credentialSubject: {
        ...SUBJECT,
        achievement: {
          ...SUBJECT.achievement,
          resultDescription: [{ type: ['ResultDescription'], name: 'Grade', allowedValue: [null] }],
        },
      },
    }),
    'a value object': base({ name: { '@value': 'Welding I', '@language': 'en' } }),
    'an embedded @context': base({ credentialSubject: { '@context': { x: 'https://example.org/x' }, ...SUBJECT } }),
    'a blank node identifier in the data': base({ credentialSubject: { ...SUBJECT, id: '_:b7' } }),
    'a proof (a @graph container)': base({
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofValue: 'z1' },
    }),
  };
  for (const [what, doc] of Object.entries(cases)) {
    it(`falls back with the stock answer: ${what}`, async () => {
      await expectFallbackToStock(doc);
    });
  }

  it('the VC 1.1 undefined term really is the stock safe-mode error (not a silent answer)', async () => {
    const doc = { ...asSigned({ ...base(), '@context': [VC1, OB3], issuanceDate: '2026-01-01T00:00:00Z' }), x: 1 };
    await expect(withFastCanonize(eddsaRdfc2022.canonize)(doc, OPTIONS)).rejects.toThrow(/Safe mode validation/);
  });

  it('options it does not know go to the stock canonize', async () => {
    await expect(canonizeFast(base(), { ...OPTIONS, expandContext: {} })).rejects.toThrow(TypeError);
    await expect(canonizeFast(base(), { ...OPTIONS, base: 'https://example.org/' })).rejects.toThrow(TypeError);
  });
});

describe('ecdsa-rdfc-2019 through the fast canonicalization', () => {
  const resolver = createDidResolver();
  const loader = createDocumentLoader({ contexts: loadPinnedContexts(), resolveDid: (u) => resolver.dereference(u) });
  const now = new Date('2026-06-01T00:00:00Z');
  const keys: Record<string, SigningKey> = {};
  beforeAll(async () => {
    for (const algorithm of ['P-256', 'P-384'] as const) {
      keys[algorithm] = await importSigningKey((await generateSigningKey({ algorithm })).serialized);
    }
  });

  it('canonical forms equal the stock ones under SHA-256 and SHA-384 (blank node labels hash with it)', async () => {
    const samples = fc.sample(ob3Credential(key.controller), { seed: SEED, numRuns: 20 });
    for (const { credential } of samples) {
      for (const messageDigestAlgorithm of ['SHA-256', 'SHA-384']) {
        const options = { ...OPTIONS, messageDigestAlgorithm };
        expect(await canonizeFast(asSigned(credential), options)).toBe(
          await ecdsaRdfc2019.canonize(asSigned(credential), options),
        );
      }
    }
  });

  for (const algorithm of ['P-256', 'P-384'] as const) {
    it(`${algorithm}: core-signed verifies in the stock pipeline, stock-signed verifies in core`, async () => {
      const k = keys[algorithm]!;
      const credential = { ...base(), issuer: { ...ISSUER, id: k.controller } };
      const ours = await signCredential(credential, { key: k, documentLoader: loader, now });
      expect(ours.proof.cryptosuite).toBe('ecdsa-rdfc-2019');
      const stockSuite = () => new DataIntegrityProof({ cryptosuite: ecdsaRdfc2019 });
      const byStock = await vc.verifyCredential({ credential: ours, suite: stockSuite(), documentLoader: loader, now });
      expect(byStock.verified).toBe(true);
      const theirs = await vc.issue({
        credential: structuredClone(credential),
        suite: new DataIntegrityProof({ signer: k.signer, date: now, cryptosuite: ecdsaRdfc2019 }),
        documentLoader: loader,
        now,
      });
      expect((await verifyCredentialProof(theirs, { documentLoader: loader, now })).verified).toBe(true);
      const tampered = { ...theirs, name: 'Forged' };
      expect((await verifyCredentialProof(tampered, { documentLoader: loader, now })).verified).toBe(false);
      expect(
        (
          await vc.verifyCredential({
            credential: { ...ours, name: 'Forged' },
            suite: stockSuite(),
            documentLoader: loader,
            now,
          })
        ).verified,
      ).toBe(false);
    });
  }
});
