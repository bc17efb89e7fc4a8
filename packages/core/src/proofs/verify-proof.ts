import { CredentialIssuancePurpose } from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import type { DocumentLoader } from '../loader/document-loader.ts';
import { type Problem, problem } from '../problems.ts';
import { type Cryptosuite, ED25519_2020_CONTEXT_V1, ED25519_SIGNATURE_2020, verifyingSuites } from './cryptosuites.ts';
import { proofProblem } from './proof-errors.ts';
import { sdProofMode } from './sd-proof-mode.ts';

/** Result of a proof check. */
export interface ProofResult {
  verified: boolean;
  /** The verification method that verified, when it did. */
  verificationMethod?: string;
  problem?: Problem;
}

type Kind = 'credential' | 'presentation';

/** Cryptosuites accepted on `DataIntegrityProof`s, per kind of document. */
const ACCEPTED: Readonly<Record<Kind, readonly Cryptosuite[]>> = {
  credential: ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019', 'ecdsa-sd-2023'],
  presentation: ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019'],
};

function proofsOf(doc: any): any[] {
  const p = doc?.proof;
  if (p === undefined) return [];
  return Array.isArray(p) ? p : [p];
}

const quoted = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ');

function includesContext(doc: any, url: string): boolean {
  const context = doc?.['@context'];
  return context === url || (Array.isArray(context) && context.includes(url));
}

/** Checks one Data Integrity proof's suite and `proofValue` encoding before any cryptography. */
function precheckDataIntegrity(p: any, at: string, kind: Kind): Problem | undefined {
  const accepted = ACCEPTED[kind];
  if (!accepted.includes(p.cryptosuite)) {
    return problem(
      'PROOF_VERIFICATION_ERROR',
      `Cryptosuite "${String(p.cryptosuite)}" is not supported${kind === 'presentation' ? ' on presentations' : ''}; expected one of ${quoted(accepted)}.`,
      `${at}/cryptosuite`,
    );
  }
  if (p.cryptosuite !== 'ecdsa-sd-2023') {
    if (typeof p.proofValue !== 'string' || !p.proofValue.startsWith('z')) {
      return problem(
        'MALFORMED_VALUE_ERROR',
        'proofValue must be a base58-btc multibase string (starting with "z").',
        `${at}/proofValue`,
      );
    }
    return undefined;
  }
  // ECDSA Cryptosuites v1.0 §3.6.6 / §3.6.7: base proofs are for the holder; verifiers get derived ones.
  const mode = sdProofMode(p.proofValue);
  if (mode === 'base') {
    return problem(
      'PROOF_VERIFICATION_ERROR',
      'This is an ecdsa-sd-2023 base proof, which only the holder uses: the holder must derive a selective-disclosure proof from it and present that instead.',
      `${at}/proofValue`,
    );
  }
  if (mode === undefined) {
    return problem(
      'MALFORMED_VALUE_ERROR',
      'An ecdsa-sd-2023 proofValue must be a base64url multibase string (starting with "u") holding a derived proof.',
      `${at}/proofValue`,
    );
  }
  return undefined;
}

/** Checks one legacy `Ed25519Signature2020` proof (credentials only). */
function precheckEd25519Signature2020(doc: any, p: any, at: string): Problem | undefined {
  if (p.cryptosuite !== undefined) {
    return problem(
      'PROOF_VERIFICATION_ERROR',
      'An Ed25519Signature2020 proof has no cryptosuite; this proof mixes two proof formats.',
      `${at}/cryptosuite`,
    );
  }
  if (!includesContext(doc, ED25519_2020_CONTEXT_V1)) {
    return problem(
      'PROOF_VERIFICATION_ERROR',
      `An Ed25519Signature2020 proof needs the context "${ED25519_2020_CONTEXT_V1}" in the document's @context.`,
      '/@context',
    );
  }
  if (typeof p.proofValue !== 'string' || !p.proofValue.startsWith('z')) {
    return problem(
      'MALFORMED_VALUE_ERROR',
      'proofValue must be a base58-btc multibase string (starting with "z").',
      `${at}/proofValue`,
    );
  }
  return undefined;
}

function precheck(doc: any, kind: Kind): Problem | undefined {
  const proofs = proofsOf(doc);
  if (proofs.length === 0) return problem('PROOF_VERIFICATION_ERROR', 'The document has no proof.', '/proof');
  const types = kind === 'credential' ? ['DataIntegrityProof', ED25519_SIGNATURE_2020] : ['DataIntegrityProof'];
  for (const [i, p] of proofs.entries()) {
    const at = Array.isArray(doc.proof) ? `/proof/${i}` : '/proof';
    if (!p || typeof p !== 'object') return problem('MALFORMED_VALUE_ERROR', 'Each proof must be an object.', at);
    if (!types.includes(p.type)) {
      return problem(
        'PROOF_VERIFICATION_ERROR',
        `Proof type "${String(p.type)}" is not supported; expected ${types.map((t) => `"${t}"`).join(' or ')}.`,
        `${at}/type`,
      );
    }
    const pre =
      p.type === 'DataIntegrityProof' ? precheckDataIntegrity(p, at, kind) : precheckEd25519Signature2020(doc, p, at);
    if (pre) return pre;
  }
  return undefined;
}

/**
 * Checks the proof of a credential: the signature, and that the verification method is an
 * `assertionMethod` of the issuer's own DID document (`CredentialIssuancePurpose` from
 * `@digitalbazaar/vc`). Accepts `DataIntegrityProof` with `eddsa-rdfc-2022`, `ecdsa-rdfc-2019`
 * (P-256, P-384) or a derived `ecdsa-sd-2023` proof (a base proof is refused: the holder must
 * derive), and legacy `Ed25519Signature2020`. Every proof of a proof set must verify. Validity
 * dates are not looked at here; they are a check of their own. Never throws.
 *
 * @example
 * const r = await verifyCredentialProof(signed, { documentLoader });
 * r.verified; // true
 */
export async function verifyCredentialProof(
  credential: unknown,
  options: { documentLoader: DocumentLoader },
): Promise<ProofResult> {
  const pre = precheck(credential, 'credential');
  if (pre) return { verified: false, problem: pre };
  const proofs = proofsOf(credential);
  if (proofs.length === 1) {
    return run(credential, new CredentialIssuancePurpose(), options.documentLoader, 'credential');
  }
  // Data Integrity §4.4 (proof sets): every proof must verify, not just one of them
  // (jsonld-signatures alone accepts a set when any one proof verifies).
  let first: ProofResult | undefined;
  for (const [i, proof] of proofs.entries()) {
    const r = await run(
      { ...(credential as object), proof },
      new CredentialIssuancePurpose(),
      options.documentLoader,
      'credential',
    );
    if (!r.verified) return { verified: false, problem: { ...r.problem!, pointer: `/proof/${i}` } };
    first ??= r;
  }
  return first!;
}

/**
 * Checks the `authentication` proof of a presentation with the given `challenge` and `domain`
 * (V4): `DataIntegrityProof` with `eddsa-rdfc-2022` or `ecdsa-rdfc-2019`. Never throws.
 *
 * @example
 * await verifyPresentationProof(vp, { documentLoader, challenge: 'abc', domain: 'example.org' });
 */
export async function verifyPresentationProof(
  presentation: unknown,
  options: { documentLoader: DocumentLoader; challenge?: string; domain?: string },
): Promise<ProofResult> {
  const pre = precheck(presentation, 'presentation');
  if (pre) return { verified: false, problem: pre };
  const proofs = proofsOf(presentation);
  for (const p of proofs) {
    if (options.challenge !== undefined && p.challenge !== options.challenge) {
      return {
        verified: false,
        problem: problem(
          'INVALID_CHALLENGE_ERROR',
          'The presentation was made for another challenge.',
          '/proof/challenge',
        ),
      };
    }
    if (options.domain !== undefined && p.domain !== options.domain) {
      return {
        verified: false,
        problem: problem('INVALID_DOMAIN_ERROR', 'The presentation was made for another domain.', '/proof/domain'),
      };
    }
  }
  const purpose = new jsigs.purposes.AuthenticationProofPurpose({
    challenge: options.challenge ?? proofs[0].challenge,
    domain: options.domain,
  });
  return run(presentation, purpose, options.documentLoader, 'presentation');
}

async function run(doc: unknown, purpose: unknown, documentLoader: DocumentLoader, kind: Kind): Promise<ProofResult> {
  try {
    const suite = verifyingSuites(kind);
    const result = await jsigs.verify(doc, { suite, purpose, documentLoader });
    if (result.verified) {
      const vm = result.results?.[0]?.verificationMethod?.id ?? result.results?.[0]?.proof?.verificationMethod;
      return { verified: true, verificationMethod: vm };
    }
    const error = result.error ?? result.results?.find((r: any) => r.error)?.error;
    return { verified: false, problem: proofProblem(error, 'verify') };
  } catch (error) {
    return { verified: false, problem: proofProblem(error, 'verify') };
  }
}
