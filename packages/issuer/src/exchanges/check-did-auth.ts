import type { ProblemCode } from '@repo/core';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem-error.ts';
import { ACCEPTED_DID_METHODS } from './did-auth-request.ts';
import type { ExchangeChallenges } from './exchange-challenges.ts';

const AT = '/verifiablePresentation';

const refuse = (code: ProblemCode, detail: string, pointer: string): ProblemError =>
  new ProblemError(422, code, detail, { pointer: `${AT}${pointer}` });

/** The holder's DID as the presentation states it (`holder`, or `holder.id`). */
function holderOf(vp: Record<string, unknown>): string {
  const h = vp.holder;
  const id = typeof h === 'object' && h !== null && !Array.isArray(h) ? (h as { id?: unknown }).id : h;
  const method = typeof id === 'string' ? /^did:([a-z0-9]+):[^#?/]+$/.exec(id)?.[1] : undefined;
  if (!method || !(ACCEPTED_DID_METHODS as readonly string[]).includes(method)) {
    throw refuse(
      'MALFORMED_VALUE_ERROR',
      `holder must be the DID you authenticate as: a ${ACCEPTED_DID_METHODS.map((m) => `did:${m}`).join(' or ')} DID (VCALM "The DID Authentication Response Format").`,
      '/holder',
    );
  }
  return id as string;
}

/** The embedded proofs of a presentation (one, or a set). */
function proofsOf(vp: Record<string, unknown>): Array<Record<string, unknown>> {
  const p = vp.proof;
  const list = Array.isArray(p) ? p : p === undefined ? [] : [p];
  if (list.length === 0 || list.some((x) => typeof x !== 'object' || x === null || Array.isArray(x))) {
    throw refuse(
      'PROOF_VERIFICATION_ERROR',
      'The presentation is not signed: sign it with your DID (proofPurpose "authentication", with the challenge and domain of the request).',
      '/proof',
    );
  }
  return list as Array<Record<string, unknown>>;
}

const CHALLENGE_REFUSALS = {
  other: 'The challenge was not issued by this exchange. POST {} to the exchange for one.',
  unknown:
    'The challenge was not issued by this exchange (or is no longer remembered). POST {} to the exchange for one.',
  used: 'The challenge was already used: a challenge is good for one presentation. POST {} to the exchange for a new one.',
  expired: 'The challenge expired. POST {} to the exchange for a new one.',
} as const;

/**
 * Reads a DID authentication presented to an award's exchange (VCALM §"The DID Authentication
 * Response Format") before any cryptography, answering its holder and challenge, or throws the
 * problem (422, pointers under `/verifiablePresentation`): it must be signed
 * (`PROOF_VERIFICATION_ERROR`), name a `holder` DID of an accepted method
 * (`MALFORMED_VALUE_ERROR`), be signed only with keys of that DID (`INVALID_VERIFICATION_METHOD`:
 * the holder must be the signer), and carry a challenge this exchange issued, unexpired and
 * unused (`INVALID_CHALLENGE_ERROR`). Nothing is used up.
 *
 * @example
 * const { holder, challenge } = readDidAuth(vp, { awardId, challenges });
 */
export function readDidAuth(
  vp: Record<string, unknown>,
  options: { awardId: string; challenges: ExchangeChallenges },
): { holder: string; challenge: string } {
  const proofs = proofsOf(vp);
  const holder = holderOf(vp);
  const set = Array.isArray(vp.proof);
  for (const [i, proof] of proofs.entries()) {
    const vm = proof.verificationMethod;
    if (typeof vm !== 'string' || vm.split('#')[0] !== holder) {
      throw refuse(
        'INVALID_VERIFICATION_METHOD',
        `The presentation must be signed with a key of its holder ${holder}; it was signed with ${typeof vm === 'string' ? vm : 'no verification method'}.`,
        `${set ? `/proof/${i}` : '/proof'}/verificationMethod`,
      );
    }
  }
  const challenge = proofs[0]!.challenge;
  const where = set ? '/proof/0/challenge' : '/proof/challenge';
  if (typeof challenge !== 'string') {
    throw refuse(
      'INVALID_CHALLENGE_ERROR',
      'The proof carries no challenge: sign with the challenge of the request.',
      where,
    );
  }
  const state = options.challenges.check(challenge, options.awardId);
  if (!state.ok) throw refuse('INVALID_CHALLENGE_ERROR', CHALLENGE_REFUSALS[state.reason], where);
  return { holder, challenge };
}

/**
 * Verifies a DID authentication with the service's verifier (V4): the holder's proof, purpose
 * `authentication` by a key its DID document lists, over this `challenge` (every proof) and the
 * service's `domain`. A failure throws the verifier's first problem (422: `INVALID_DOMAIN_ERROR`,
 * `INVALID_CHALLENGE_ERROR`, `CRYPTOGRAPHIC_SECURITY_ERROR` …), its pointer under
 * `/verifiablePresentation`.
 *
 * @example
 * await verifyDidAuth(deps, vp, { challenge, domain: 'issuer.example' });
 */
export async function verifyDidAuth(
  deps: AppDeps,
  vp: Record<string, unknown>,
  options: { challenge: string; domain: string },
): Promise<void> {
  const result = await deps.verifier.verifyPresentation(vp, { ...options, now: deps.clock });
  if (result.verified) return;
  const p = result.problems[0];
  throw refuse(
    p?.title ?? 'PROOF_VERIFICATION_ERROR',
    p?.detail ?? 'The presentation did not verify.',
    p?.pointer ?? '',
  );
}
