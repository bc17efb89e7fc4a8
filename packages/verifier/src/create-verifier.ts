import type { StatusListCache } from './status-list-cache.ts';
import type { CredentialVerification, PresentationVerification, VerifierOptions } from './types.ts';
import { resolveVerifierOptions } from './verify/resolve-options.ts';
import { type CallOptions, verifyOneCredential } from './verify/verify-one-credential.ts';
import { type PresentationOptions, verifyOnePresentation } from './verify/verify-one-presentation.ts';

export { createStatusListFetcher, DEFAULT_VERIFIER_JWT_ALGORITHMS } from './verify/resolve-options.ts';
export type { CallOptions } from './verify/verify-one-credential.ts';
export type { PresentationOptions } from './verify/verify-one-presentation.ts';

/** A verifier with its contexts, DID resolver and status-list cache built once. */
export interface Verifier {
  /**
   * Verifies a Data Integrity credential, a compact `vc+jwt` string or an
   * `EnvelopedVerifiableCredential` holding one.
   */
  verifyCredential(credential: unknown, overrides?: CallOptions): Promise<CredentialVerification>;
  /**
   * Verifies a Data Integrity presentation, a compact presentation JWT (`vp+jwt`, or a VC 1.1 `vp`
   * claim) or an `EnvelopedVerifiablePresentation` holding one, and every credential in it.
   */
  verifyPresentation(
    presentation: unknown,
    options?: PresentationOptions & CallOptions,
  ): Promise<PresentationVerification>;
  /** The status-list cache, e.g. to forget a list you know changed. */
  readonly statusListCache: StatusListCache;
}

/**
 * Builds a {@link Verifier}. Build one per process and reuse it: contexts are checked and loaded
 * once, DID documents and status lists are cached.
 *
 * @example
 * const verifier = createVerifier({ trustedIssuers: ['did:web:certs.example.org'] });
 * const result = await verifier.verifyCredential(credential);
 * if (!result.verified) console.log(result.problems.map((p) => p.detail));
 */
export function createVerifier(options: VerifierOptions = {}): Verifier {
  const ctx = resolveVerifierOptions(options);
  return {
    verifyCredential: (credential, overrides) => verifyOneCredential(ctx, credential, overrides),
    verifyPresentation: (presentation, opts) => verifyOnePresentation(ctx, presentation, opts),
    statusListCache: ctx.cache,
  };
}

let shared: Verifier | undefined;
function sharedVerifier(options: VerifierOptions): Verifier {
  // Options that change the verifier's plumbing get their own instance; plain calls share one.
  if (Object.keys(options).length > 0) return createVerifier(options);
  shared ??= createVerifier();
  return shared;
}

/**
 * Verifies a credential: format, proof, issuer, validity period, status, schema. The credential
 * may be a Data Integrity credential, a compact `vc+jwt` (VC-JOSE-COSE, or a VC 1.1 / OB 3.0
 * `vc`-claim JWT) or an `EnvelopedVerifiableCredential`. Never throws on bad input; `verified` is
 * true only when no check failed or could not check.
 *
 * @example
 * const { verified, checks } = await verifyCredential(credential, { now: () => new Date('2026-06-01T00:00:00Z') });
 */
export async function verifyCredential(
  credential: unknown,
  options: VerifierOptions = {},
): Promise<CredentialVerification> {
  return sharedVerifier(options).verifyCredential(credential);
}

/**
 * Verifies a presentation (its holder proof with `challenge`/`domain`, V4) and every credential
 * in it. Never throws on bad input.
 *
 * @example
 * const r = await verifyPresentation(vp, { challenge: 'c0ae1c8e-c7e7-469f-b252-86e6a0e7387e', domain: 'jobs.example.com' });
 */
export async function verifyPresentation(
  presentation: unknown,
  options: VerifierOptions & PresentationOptions = {},
): Promise<PresentationVerification> {
  const { challenge, domain, unsignedPresentation, ...rest } = options;
  const p: PresentationOptions = {};
  if (challenge !== undefined) p.challenge = challenge;
  if (domain !== undefined) p.domain = domain;
  if (unsignedPresentation !== undefined) p.unsignedPresentation = unsignedPresentation;
  return sharedVerifier(rest).verifyPresentation(presentation, p);
}
