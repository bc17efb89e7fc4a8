/**
 * The proof suites we sign and verify with, built from the `@digitalbazaar` packages, and the
 * key-algorithm guard that turns "this cryptosuite cannot use that key" into a coded problem.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as stockEcdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import {
  createDiscloseCryptosuite,
  createSignCryptosuite,
  createVerifyCryptosuite,
} from '@digitalbazaar/ecdsa-sd-2023-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { cryptosuite as stockEddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { decodeMultikey } from '../did/did-key.ts';
import { VcError } from '../problems.ts';
import { Ed25519Signature2018Verifier } from './ed25519-signature-2018.ts';
import { withFastCanonize } from './fast/canonize-rdfc.ts';
import { createEcdsaVerifier } from './fast/ecdsa-verifier.ts';
import { createEd25519Verifier } from './fast/ed25519-verifier.ts';
import { ecdsaJcs2019, eddsaJcs2022 } from './jcs-cryptosuite.ts';
import type { KeyAlgorithm, Signer } from './signing-key.ts';

/**
 * The two RDFC cryptosuites with their `canonize` made fast: the same canonical N-Quads through
 * core's JSON-LD → RDF conversion over contexts processed once, and the stock canonicalization
 * for anything it is not sure of (test/differential). Both the document and the proof
 * configuration go through it, for signing and verifying. The Ed25519 and ECDSA verifiers import
 * each public key once ({@link createEd25519Verifier}, {@link createEcdsaVerifier}); everything
 * else (hashing, the proof purpose and controller checks of jsonld-signatures) is the stock
 * suite's.
 */
const eddsaRdfc2022 = {
  ...stockEddsaRdfc2022,
  canonize: withFastCanonize(stockEddsaRdfc2022.canonize),
  createVerifier: createEd25519Verifier,
};
const ecdsaRdfc2019 = {
  ...stockEcdsaRdfc2019,
  canonize: withFastCanonize(stockEcdsaRdfc2019.canonize),
  createVerifier: createEcdsaVerifier,
};

/**
 * The Data Integrity cryptosuites we support (SPEC-NOTES §3; names exact).
 *
 * @example
 * const suite: Cryptosuite = 'eddsa-jcs-2022';
 */
export type Cryptosuite = 'eddsa-rdfc-2022' | 'ecdsa-rdfc-2019' | 'ecdsa-sd-2023' | 'eddsa-jcs-2022' | 'ecdsa-jcs-2019';

/**
 * Every {@link Cryptosuite}.
 *
 * @example
 * CRYPTOSUITES.includes('ecdsa-jcs-2019'); // true
 */
export const CRYPTOSUITES: readonly Cryptosuite[] = Object.freeze([
  'eddsa-rdfc-2022',
  'ecdsa-rdfc-2019',
  'ecdsa-sd-2023',
  'eddsa-jcs-2022',
  'ecdsa-jcs-2019',
]);

/** The legacy proof type we still verify (not a Data Integrity cryptosuite). */
export const ED25519_SIGNATURE_2020 = 'Ed25519Signature2020';

/** The context an `Ed25519Signature2020` proof needs in the document (SPEC-NOTES §3). */
export const ED25519_2020_CONTEXT_V1 = 'https://w3id.org/security/suites/ed25519-2020/v1';

/**
 * Key algorithms each cryptosuite allows: eddsa-rdfc-2022 and eddsa-jcs-2022 are Ed25519 only
 * (EdDSA Cryptosuites v1.0 §3.2, §3.3), ecdsa-rdfc-2019 and ecdsa-jcs-2019 P-256 or P-384 (ECDSA
 * Cryptosuites v1.0 §3.2, §3.3), ecdsa-sd-2023 P-256 only (§3.6; the `requiredAlgorithm` of
 * `@digitalbazaar/ecdsa-sd-2023-cryptosuite`).
 *
 * @example
 * SUITE_ALGORITHMS['ecdsa-jcs-2019']; // ['P-256', 'P-384']
 */
export const SUITE_ALGORITHMS: Readonly<Record<Cryptosuite, readonly KeyAlgorithm[]>> = {
  'eddsa-rdfc-2022': ['Ed25519'],
  'ecdsa-rdfc-2019': ['P-256', 'P-384'],
  'ecdsa-sd-2023': ['P-256'],
  'eddsa-jcs-2022': ['Ed25519'],
  'ecdsa-jcs-2019': ['P-256', 'P-384'],
};

/**
 * The key algorithm of a verification method (Multikey or JWK), when we can tell: what the
 * suites' key-algorithm guard reads (also the fast eddsa-rdfc-2022 check's).
 *
 * @example
 * algorithmOf({ publicKeyJwk: { kty: 'EC', crv: 'P-256' } }); // 'P-256'
 */
export function algorithmOf(vm: any): string | undefined {
  if (typeof vm?.publicKeyMultibase === 'string') return decodeMultikey(vm.publicKeyMultibase)?.algorithm;
  const jwk = vm?.publicKeyJwk;
  if (jwk && typeof jwk === 'object' && typeof jwk.crv === 'string') return jwk.crv;
  return undefined;
}

/**
 * Wraps a cryptosuite so that, before any key import or hashing, a verification method whose key
 * algorithm the suite does not allow is refused with `PROOF_VERIFICATION_ERROR` (for instance an
 * Ed25519 key under `ecdsa-rdfc-2019`): the proof names a suite that cannot be checked with that
 * key. Methods whose algorithm we cannot tell are left to the suite.
 */
function guarded<T extends { name: string; createVerifier: (o: any) => any; createVerifyData?: (o: any) => any }>(
  suite: T,
  allowed: readonly KeyAlgorithm[],
): T {
  const check = (vm: unknown): void => {
    const algorithm = algorithmOf(vm);
    if (algorithm !== undefined && !(allowed as readonly string[]).includes(algorithm)) {
      throw new VcError(
        'PROOF_VERIFICATION_ERROR',
        `Cryptosuite "${suite.name}" needs a ${allowed.join(' or ')} key; the verification method holds a ${algorithm} key.`,
        { pointer: '/proof/cryptosuite' },
      );
    }
  };
  const wrapped: T = {
    ...suite,
    createVerifier: async (options: { verificationMethod: unknown }) => {
      check(options.verificationMethod);
      return suite.createVerifier(options);
    },
  };
  if (suite.createVerifyData !== undefined) {
    const createVerifyData = suite.createVerifyData;
    wrapped.createVerifyData = async (options: { verificationMethod?: unknown }) => {
      if (options.verificationMethod !== undefined) check(options.verificationMethod);
      return createVerifyData(options);
    };
  }
  return wrapped;
}

/**
 * A suite that signs with `signer` under `cryptosuite` (`mandatoryPointers` only for ecdsa-sd-2023).
 *
 * @example
 * await vc.issue({ credential, suite: signingSuite('eddsa-jcs-2022', key.signer, now), documentLoader });
 */
export function signingSuite(
  cryptosuite: Cryptosuite,
  signer: Signer,
  date: Date,
  mandatoryPointers: readonly string[] = [],
): unknown {
  const suites: Record<Exclude<Cryptosuite, 'ecdsa-sd-2023'>, unknown> = {
    'eddsa-rdfc-2022': eddsaRdfc2022,
    'ecdsa-rdfc-2019': ecdsaRdfc2019,
    'eddsa-jcs-2022': eddsaJcs2022,
    'ecdsa-jcs-2019': ecdsaJcs2019,
  };
  const suite =
    cryptosuite === 'ecdsa-sd-2023'
      ? createSignCryptosuite({ mandatoryPointers: [...mandatoryPointers] })
      : suites[cryptosuite];
  return new DataIntegrityProof({ signer, date, cryptosuite: suite });
}

/**
 * The suite that derives an ecdsa-sd-2023 disclosure proof revealing `selectivePointers`.
 *
 * @example
 * await vc.derive({ verifiableCredential, suite: derivingSuite(['/credentialSubject/name']), documentLoader });
 */
export function derivingSuite(selectivePointers: readonly string[]): unknown {
  return new DataIntegrityProof({
    cryptosuite: createDiscloseCryptosuite({ selectivePointers: [...selectivePointers] }),
  });
}

/** The cryptosuites every verification tries, each guarded by key algorithm (stateless, made once). */
const GUARDED = [
  guarded(eddsaRdfc2022, SUITE_ALGORITHMS['eddsa-rdfc-2022']),
  guarded(ecdsaRdfc2019, SUITE_ALGORITHMS['ecdsa-rdfc-2019']),
  guarded(eddsaJcs2022, SUITE_ALGORITHMS['eddsa-jcs-2022']),
  guarded(ecdsaJcs2019, SUITE_ALGORITHMS['ecdsa-jcs-2019']),
];

/**
 * The suites a verifier tries: one per supported cryptosuite (each guarded by key algorithm; the
 * selective-disclosure `ecdsa-sd-2023` for credentials only), and the legacy
 * `Ed25519Signature2020` and `Ed25519Signature2018` types. jsonld-signatures picks, for each
 * proof, the suite whose `type`/`cryptosuite` match it.
 *
 * @example
 * await jsigs.verify(credential, { suite: verifyingSuites('credential'), purpose, documentLoader });
 */
export function verifyingSuites(kind: 'credential' | 'presentation'): unknown[] {
  // a new DataIntegrityProof per verification (it keeps a document hash between calls); the
  // guarded cryptosuites it wraps hold no state and are made once
  const suites: unknown[] = GUARDED.map((cryptosuite) => new DataIntegrityProof({ cryptosuite }));
  if (kind === 'credential') {
    suites.push(
      new DataIntegrityProof({
        cryptosuite: guarded(createVerifyCryptosuite(), SUITE_ALGORITHMS['ecdsa-sd-2023']),
      }),
    );
  }
  suites.push(new Ed25519Signature2020(), new Ed25519Signature2018Verifier());
  return suites;
}
