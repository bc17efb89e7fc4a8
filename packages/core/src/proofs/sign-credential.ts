import * as vc from '@digitalbazaar/vc';
import type { DocumentLoader } from '../loader/document-loader.ts';
import { VcError } from '../problems.ts';
import { CRYPTOSUITES, type Cryptosuite, SUITE_ALGORITHMS, signingSuite } from './cryptosuites.ts';
import { fastSignable, signEddsaRdfc2022 } from './fast/sign-eddsa-rdfc-2022.ts';
import { signerMatches } from './fast/signer-matches.ts';
import { checkPointers } from './json-pointer.ts';
import { proofProblem } from './proof-errors.ts';
import type { KeyAlgorithm, SigningKey } from './signing-key.ts';

/** Options of {@link signCredential}. */
export interface SignOptions {
  key: SigningKey;
  documentLoader: DocumentLoader;
  /** Proof `created` time; the caller's clock. */
  now: Date;
  /**
   * The cryptosuite; default by key: Ed25519 → `eddsa-rdfc-2022`, P-256 / P-384 →
   * `ecdsa-rdfc-2019`. `ecdsa-sd-2023` (P-256 keys) makes a selective-disclosure base proof.
   */
  cryptosuite?: Cryptosuite;
  /**
   * ecdsa-sd-2023 only: JSON Pointers (RFC 6901) to what every derived credential must disclose,
   * e.g. `['/issuer', '/validFrom']`. Default none.
   */
  mandatoryPointers?: readonly string[];
}

/** The cryptosuite of credentials signed with an Ed25519 key (SPEC-NOTES §3, the OB3 baseline). */
export const CRYPTOSUITE = 'eddsa-rdfc-2022';

/** The cryptosuite {@link signCredential} uses for a key when none is asked for. */
export const DEFAULT_CRYPTOSUITE: Readonly<Record<KeyAlgorithm, Cryptosuite>> = {
  Ed25519: 'eddsa-rdfc-2022',
  'P-256': 'ecdsa-rdfc-2019',
  'P-384': 'ecdsa-rdfc-2019',
};

function chooseCryptosuite(options: SignOptions): Cryptosuite {
  const algorithm = options.key.algorithm ?? 'Ed25519';
  const cryptosuite = options.cryptosuite ?? DEFAULT_CRYPTOSUITE[algorithm];
  if (!CRYPTOSUITES.includes(cryptosuite)) {
    throw new TypeError(
      `cryptosuite must be one of ${CRYPTOSUITES.map((c) => `"${c}"`).join(', ')}; got "${String(cryptosuite)}".`,
    );
  }
  if (!SUITE_ALGORITHMS[cryptosuite].includes(algorithm)) {
    throw new TypeError(
      `Cryptosuite "${cryptosuite}" needs a ${SUITE_ALGORITHMS[cryptosuite].join(' or ')} key; this key is ${algorithm}.`,
    );
  }
  if (options.mandatoryPointers !== undefined && cryptosuite !== 'ecdsa-sd-2023') {
    throw new TypeError('mandatoryPointers apply to the "ecdsa-sd-2023" cryptosuite only.');
  }
  return cryptosuite;
}

/**
 * Adds a `DataIntegrityProof` (proof purpose `assertionMethod`) through `@digitalbazaar/vc`:
 * `eddsa-rdfc-2022` for Ed25519 keys, `ecdsa-rdfc-2019` for P-256 / P-384 keys, or an
 * `ecdsa-sd-2023` base proof when asked (which only the holder uses, to derive from; verifiers
 * refuse it). The input is not changed. Throws `TypeError` for options that do not fit the key, and
 * {@link VcError} with a coded problem (`DATA_LOSS_DETECTION_ERROR` for undefined terms,
 * `MALFORMED_VALUE_ERROR` for a mandatory pointer that selects nothing, …) when the credential
 * cannot be signed.
 *
 * @example
 * const signed = await signCredential(credential, { key, documentLoader, now: new Date() });
 * signed.proof.cryptosuite; // 'eddsa-rdfc-2022' (Ed25519 key) or 'ecdsa-rdfc-2019' (P-256 key)
 */
export async function signCredential<T extends object>(
  credential: T,
  options: SignOptions,
): Promise<T & { proof: any }> {
  const cryptosuite = chooseCryptosuite(options);
  if (cryptosuite === 'eddsa-rdfc-2022' && fastSignable(credential) && (await signerMatches(options.key))) {
    // The same bytes as the stock pipeline below (test/differential); on any error, the stock
    // pipeline runs instead so that the caller gets its coded problem.
    const fast = await signEddsaRdfc2022(credential as Record<string, unknown>, options).catch(() => undefined);
    if (fast !== undefined) return fast as T & { proof: any };
  }
  const mandatoryPointers = options.mandatoryPointers ?? [];
  if (cryptosuite === 'ecdsa-sd-2023') checkPointers(credential, mandatoryPointers, 'mandatoryPointers');
  const suite = signingSuite(cryptosuite, options.key.signer, options.now, mandatoryPointers);
  try {
    return await vc.issue({
      credential: structuredClone(credential),
      suite,
      documentLoader: options.documentLoader,
      now: options.now,
    });
  } catch (error) {
    const p = proofProblem(error, 'sign');
    throw new VcError(p.title, p.detail, { cause: error });
  }
}
