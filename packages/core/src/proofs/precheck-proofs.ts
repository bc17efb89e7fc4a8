import { isUrl } from '@repo/schemas';
import { type Problem, problem } from '../problems.ts';
import { type Cryptosuite, ED25519_2020_CONTEXT_V1, ED25519_SIGNATURE_2020 } from './cryptosuites.ts';
import { ED25519_2018_CONTEXT_V1, ED25519_SIGNATURE_2018 } from './ed25519-signature-2018.ts';
import { sdProofMode } from './sd-proof-mode.ts';

/** What a proof secures: a credential (issuer's proof) or a presentation (holder's proof). */
export type ProofKind = 'credential' | 'presentation';

/** Cryptosuites accepted on `DataIntegrityProof`s, per kind of document. */
const ACCEPTED: Readonly<Record<ProofKind, readonly Cryptosuite[]>> = {
  credential: ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019', 'ecdsa-sd-2023', 'eddsa-jcs-2022', 'ecdsa-jcs-2019'],
  presentation: ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019', 'eddsa-jcs-2022', 'ecdsa-jcs-2019'],
};

/** Proof types accepted, per kind of document (the legacy ones are signatures of their own). */
const TYPES: Readonly<Record<ProofKind, readonly string[]>> = {
  credential: ['DataIntegrityProof', ED25519_SIGNATURE_2020, ED25519_SIGNATURE_2018],
  presentation: ['DataIntegrityProof', ED25519_SIGNATURE_2020, ED25519_SIGNATURE_2018],
};

/**
 * Contexts that define the `Ed25519Signature2018` terms: the VC 1.1 context inlines them, else the
 * suite context or Security v2 (the contexts `@digitalbazaar/ed25519-signature-2018` matches on).
 */
const ED25519_2018_CONTEXTS = [
  'https://www.w3.org/2018/credentials/v1',
  ED25519_2018_CONTEXT_V1,
  'https://w3id.org/security/v2',
] as const;

/** A detached JWS with an empty payload (`header..signature`), as the 2018 suite writes it. */
const DETACHED_JWS = /^[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+$/;

/**
 * The proofs of a document as a list (`proof` may be one object or a proof set).
 *
 * @example
 * proofsOf({ proof: { type: 'DataIntegrityProof' } }).length; // 1
 */
export function proofsOf(doc: any): any[] {
  const p = doc?.proof;
  if (p === undefined) return [];
  return Array.isArray(p) ? p : [p];
}

const quoted = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ');

function includesContext(doc: any, url: string): boolean {
  const context = doc?.['@context'];
  return context === url || (Array.isArray(context) && context.includes(url));
}

const badMultibase = (at: string): Problem =>
  problem(
    'MALFORMED_VALUE_ERROR',
    'proofValue must be a base58-btc multibase string (starting with "z").',
    `${at}/proofValue`,
  );

/** Checks one Data Integrity proof's suite and `proofValue` encoding before any cryptography. */
function precheckDataIntegrity(p: any, at: string, kind: ProofKind): Problem | undefined {
  const accepted = ACCEPTED[kind];
  if (!accepted.includes(p.cryptosuite)) {
    return problem(
      'PROOF_VERIFICATION_ERROR',
      `Cryptosuite "${String(p.cryptosuite)}" is not supported${kind === 'presentation' ? ' on presentations' : ''}; expected one of ${quoted(accepted)}.`,
      `${at}/cryptosuite`,
    );
  }
  if (p.cryptosuite !== 'ecdsa-sd-2023') {
    return typeof p.proofValue !== 'string' || !p.proofValue.startsWith('z') ? badMultibase(at) : undefined;
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

/** Checks one legacy proof (`Ed25519Signature2020` or `Ed25519Signature2018`). */
function precheckLegacy(doc: any, p: any, at: string): Problem | undefined {
  if (p.cryptosuite !== undefined) {
    return problem(
      'PROOF_VERIFICATION_ERROR',
      `An ${p.type} proof has no cryptosuite; this proof mixes two proof formats.`,
      `${at}/cryptosuite`,
    );
  }
  if (p.type === ED25519_SIGNATURE_2020) {
    if (!includesContext(doc, ED25519_2020_CONTEXT_V1)) {
      return problem(
        'PROOF_VERIFICATION_ERROR',
        `An Ed25519Signature2020 proof needs the context "${ED25519_2020_CONTEXT_V1}" in the document's @context.`,
        '/@context',
      );
    }
    return typeof p.proofValue !== 'string' || !p.proofValue.startsWith('z') ? badMultibase(at) : undefined;
  }
  if (!ED25519_2018_CONTEXTS.some((c) => includesContext(doc, c))) {
    return problem(
      'PROOF_VERIFICATION_ERROR',
      `An Ed25519Signature2018 proof needs one of the contexts ${quoted(ED25519_2018_CONTEXTS)} in the document's @context.`,
      '/@context',
    );
  }
  if (typeof p.jws !== 'string' || !DETACHED_JWS.test(p.jws)) {
    return problem(
      'MALFORMED_VALUE_ERROR',
      'An Ed25519Signature2018 proof carries its signature as a detached JWS ("header..signature") in "jws".',
      `${at}/jws`,
    );
  }
  return undefined;
}

/**
 * The most proofs one document may carry (a proof set or chain); more is refused before any work.
 *
 * @example
 * if (proofs.length > MAX_PROOFS) refuse();
 */
export const MAX_PROOFS = 16;

/**
 * Checks every proof of a document before any cryptography: at most {@link MAX_PROOFS} (an
 * identical proof twice is allowed: a deterministic suite signing twice makes one), each an object of a type and cryptosuite we verify for this kind of document, naming its
 * verification method by URL, with a well-formed signature value and the context its type needs.
 * Returns the first problem, with a pointer to it, or `undefined`.
 *
 * @example
 * precheckProofs(credential, 'credential'); // undefined, or { title: 'PROOF_VERIFICATION_ERROR', … }
 */
export function precheckProofs(doc: any, kind: ProofKind): Problem | undefined {
  const proofs = proofsOf(doc);
  if (proofs.length === 0) return problem('PROOF_VERIFICATION_ERROR', 'The document has no proof.', '/proof');
  // Each proof costs a canonicalisation and a signature check: a public verifier bounds the work a
  // request can ask for (a 500 KB body could otherwise hold over a thousand proofs).
  if (proofs.length > MAX_PROOFS) {
    return problem(
      'PROOF_VERIFICATION_ERROR',
      `The document has ${proofs.length} proofs; at most ${MAX_PROOFS} are verified.`,
      '/proof',
    );
  }
  const types = TYPES[kind];
  for (const [i, p] of proofs.entries()) {
    const at = Array.isArray(doc.proof) ? `/proof/${i}` : '/proof';
    if (!p || typeof p !== 'object' || Array.isArray(p)) {
      return problem('MALFORMED_VALUE_ERROR', 'Each proof must be an object.', at);
    }
    if (!isUrl(p.verificationMethod)) {
      return problem(
        'INVALID_VERIFICATION_METHOD',
        'The proof must name its verificationMethod as a URL (a DID URL such as did:web:issuer.example#key-1).',
        `${at}/verificationMethod`,
      );
    }
    if (!types.includes(p.type)) {
      return problem(
        'PROOF_VERIFICATION_ERROR',
        `Proof type "${String(p.type)}" is not supported; expected ${types.map((t) => `"${t}"`).join(' or ')}.`,
        `${at}/type`,
      );
    }
    const pre = p.type === 'DataIntegrityProof' ? precheckDataIntegrity(p, at, kind) : precheckLegacy(doc, p, at);
    if (pre) return pre;
  }
  return undefined;
}
