import type { Problem } from '@repo/core';
import type { CredentialVerification, PresentationOptions, Verifier } from '@repo/verifier';
import { canonicalJson } from './canonical-json.ts';
import { type AcceptedCredential, compareCredentials, compareStrings } from './compare-credentials.ts';
import { describeExclusion } from './describe-exclusion.ts';
import { asList, awardedAt, isObject } from './read-credential.ts';
import type { ExcludedCredential } from './types.ts';

/** What {@link verifyInputs} needs. */
export interface VerifyInputsOptions extends PresentationOptions {
  verifier: Verifier;
  /** The one evaluation instant. */
  at: Date;
}

/** What {@link verifyInputs} returns. */
export interface VerifiedInputs {
  /** Verified credentials, one per id, in credential order (earliest awarded, then id). */
  accepted: AcceptedCredential[];
  /** Credentials that do not count, by id. */
  excluded: ExcludedCredential[];
  /** Verification result per credential key, keys sorted. */
  verification: Record<string, CredentialVerification>;
}

interface Offered {
  key: string;
  credential: unknown;
  result: CredentialVerification;
  canonical: string;
}

/** A credential's report key: its `id`, or `#<position>` (0-based) when it has none. */
function keyOf(credential: unknown, position: number): string {
  return isObject(credential) && typeof credential.id === 'string' && credential.id !== ''
    ? credential.id
    : `#${position}`;
}

/**
 * Step 1 of an evaluation: verify what was offered, keep what verified.
 *
 * - An array: each credential goes through `verifier.verifyCredential` at `at`.
 * - A presentation: `verifier.verifyPresentation` with `challenge`, `domain` and
 *   `unsignedPresentation` checks the holder's proof and each credential in
 *   `verifiableCredential`; if the presentation itself fails, every credential in it is excluded
 *   with the presentation's problem.
 *
 * Duplicates (the same id twice) count once: identical copies are verified once; when copies
 * differ, a verified copy wins, and among equals the one whose canonical JSON sorts first, so the
 * outcome does not depend on input order.
 *
 * @example
 * const { accepted, excluded } = await verifyInputs(credentials, { verifier, at: new Date() });
 */
export async function verifyInputs(
  input: readonly unknown[] | Record<string, unknown>,
  options: VerifyInputsOptions,
): Promise<VerifiedInputs> {
  const { verifier, at } = options;
  const now = () => new Date(at.getTime());
  let list: unknown[];
  let results: Array<CredentialVerification | undefined> = [];
  let presentationProblems: Problem[] = [];

  if (Array.isArray(input)) {
    list = [...input];
  } else {
    list = asList((input as Record<string, unknown>).verifiableCredential);
    const p: PresentationOptions & { now: () => Date } = { now };
    if (options.challenge !== undefined) p.challenge = options.challenge;
    if (options.domain !== undefined) p.domain = options.domain;
    if (options.unsignedPresentation !== undefined) p.unsignedPresentation = options.unsignedPresentation;
    const vp = await verifier.verifyPresentation(input, p);
    presentationProblems = vp.checks
      .filter(
        (c) =>
          (c.id === 'format' || c.id === 'presentation') && (c.status === 'failed' || c.status === 'could-not-check'),
      )
      .flatMap((c) => (c.problem ? [c.problem] : []));
    if (vp.credentialResults.length === list.length) results = vp.credentialResults;
  }

  // Verify what the presentation did not (or every credential of an array), each distinct document once.
  const byDocument = new Map<string, CredentialVerification>();
  const offered: Offered[] = [];
  for (const [position, credential] of list.entries()) {
    const canonical = canonicalJson(credential);
    let result = results[position] ?? byDocument.get(canonical);
    if (!result) result = await verifier.verifyCredential(credential, { now });
    byDocument.set(canonical, result);
    // A VC-JWT is matched and keyed by the credential inside it, not by its envelope.
    // The verifier hands back the credential a VC-JWT (compact or enveloped) carries.
    const plain = result.credential ?? credential;
    offered.push({ key: keyOf(plain, position), credential: plain, result, canonical });
  }

  const groups = new Map<string, Offered[]>();
  for (const o of offered) groups.set(o.key, [...(groups.get(o.key) ?? []), o]);

  const accepted: AcceptedCredential[] = [];
  const excluded: ExcludedCredential[] = [];
  const verification: Record<string, CredentialVerification> = {};
  for (const key of [...groups.keys()].sort(compareStrings)) {
    const chosen = [...groups.get(key)!].sort(
      (a, b) => Number(b.result.verified) - Number(a.result.verified) || compareStrings(a.canonical, b.canonical),
    )[0]!;
    verification[key] = chosen.result;
    if (presentationProblems.length > 0) {
      excluded.push({ id: key, reason: describeExclusion(presentationProblems), problems: presentationProblems });
    } else if (!chosen.result.verified || !isObject(chosen.credential)) {
      excluded.push({ id: key, reason: describeExclusion(chosen.result.problems), problems: chosen.result.problems });
    } else {
      accepted.push({ key, credential: chosen.credential, awarded: awardedAt(chosen.credential) });
    }
  }
  accepted.sort(compareCredentials);
  return { accepted, excluded, verification };
}
