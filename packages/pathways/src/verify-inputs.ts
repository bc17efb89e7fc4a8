import type { Problem } from '@repo/core';
import type { CredentialVerification, PresentationOptions, Verifier } from '@repo/verifier';
import { canonicalJson } from './canonical-json.ts';
import { type AcceptedCredential, compareCredentials, compareStrings } from './compare-credentials.ts';
import { describeExclusion } from './describe-exclusion.ts';
import { type OfferedCredential, openOffered } from './open-offered.ts';
import { awardedAt, isObject } from './read-credential.ts';
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
  offered: OfferedCredential;
  result: CredentialVerification;
  canonical: string;
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
  // One way to open a credential (core openCredential): embedded proof, compact or enveloped VC-JWT.
  const list = openOffered(input);
  let results: Array<CredentialVerification | undefined> = [];
  let presentationProblems: Problem[] = [];

  if (!Array.isArray(input)) {
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
  for (const item of list) {
    const canonical = canonicalJson(item.original);
    let result = results[item.position] ?? byDocument.get(canonical);
    if (!result) result = await verifier.verifyCredential(item.original, { now });
    byDocument.set(canonical, result);
    // A VC-JWT is matched and keyed by the credential inside it, not by its envelope.
    const plain = item.opened?.credential ?? item.original;
    offered.push({ key: item.key, credential: plain, offered: item, result, canonical });
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
      accepted.push({
        key,
        credential: chosen.credential,
        awarded: awardedAt(chosen.credential),
        offered: chosen.offered,
      });
    }
  }
  accepted.sort(compareCredentials);
  return { accepted, excluded, verification };
}
