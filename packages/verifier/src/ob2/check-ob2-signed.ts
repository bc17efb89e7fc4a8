import { type Problem, problem } from '@repo/core';
import { asList, isObject } from '@repo/schemas';
import type { Check } from '../types.ts';
import { fetchOb2Document, type Ob2Fetcher } from './ob2-fetcher.ts';
import { isHttpUrl, ob2IdOf } from './ob2-values.ts';
import { type Ob2Jws, ob2PublicKey, verifyOb2JwsSignature } from './verify-ob2-jws.ts';

/**
 * The `proof` check of a signed assertion (OB 2.0 "SignedBadge Verification" steps 4–6): the keys
 * come only from the issuer Profile as hosted at its http(s) `id` (its `publicKey`, one or a list;
 * `verification.creator`, when given, must be one of them), each a CryptographicKey whose `owner`
 * — when it names one — is that issuer; the JWS must verify with one of them. A key that cannot
 * be fetched, with no other key verifying, is `could-not-check`.
 *
 * @example
 * const check = await checkOb2Signed({ jws, assertion, issuer, issuerHosted: true, fetchOb2 });
 */
export async function checkOb2Signed(input: {
  jws: Ob2Jws;
  assertion: Record<string, unknown>;
  issuer: Record<string, unknown>;
  issuerHosted: boolean;
  fetchOb2: Ob2Fetcher;
}): Promise<Check> {
  const { jws, assertion, issuer, issuerHosted, fetchOb2 } = input;
  const failed = (p: Problem): Check => ({ id: 'proof', status: 'failed', problem: p });
  const issuerId = typeof issuer.id === 'string' ? issuer.id : undefined;
  if (!issuerHosted || !isHttpUrl(issuerId))
    return failed(
      problem(
        'VERIFICATION_POLICY_ERROR',
        'The issuer Profile is not hosted at an http(s) id, so no key can be trusted to be the issuer’s (OB 2.0: keys in an embedded Profile are not trusted).',
        '/badge/issuer',
      ),
    );
  const listed = asList(issuer.publicKey);
  const verification = assertion.verification ?? assertion.verify;
  const creator = ob2IdOf(isObject(verification) ? verification.creator : undefined);
  const candidates = creator === undefined ? listed : listed.filter((k) => ob2IdOf(k) === creator);
  if (candidates.length === 0)
    return failed(
      problem(
        'VERIFICATION_POLICY_ERROR',
        creator === undefined
          ? `The issuer Profile ${issuerId} lists no publicKey to verify a signed assertion with.`
          : `The assertion was signed with ${creator}, a key its issuer Profile ${issuerId} does not list.`,
        creator === undefined ? '/badge/issuer/publicKey' : '/verification/creator',
      ),
    );
  let unreachable: string | undefined;
  let untrusted: string | undefined;
  for (const entry of candidates) {
    const keyId = ob2IdOf(entry) ?? '(embedded key)';
    let doc: Record<string, unknown> | undefined = isObject(entry) ? entry : undefined;
    if (!doc || (!('publicKeyPem' in doc) && !('publicKeyJwk' in doc))) {
      if (!isHttpUrl(keyId)) continue;
      const got = await fetchOb2Document(fetchOb2, keyId);
      if (!got.ok) {
        unreachable ??= `${keyId} (${got.gone ? 'it answered 410 Gone' : got.reason})`;
        continue;
      }
      doc = isObject(got.doc) ? got.doc : undefined;
    }
    if (!doc) continue;
    const owner = ob2IdOf(doc.owner);
    if (owner !== undefined && owner !== issuerId) {
      untrusted ??= `${keyId} belongs to ${owner}`;
      continue;
    }
    const key = ob2PublicKey(doc);
    if (key && verifyOb2JwsSignature(jws, key))
      return {
        id: 'proof',
        status: 'passed',
        message: 'The issuer signed this assertion with a key its issuer profile lists, and it has not been changed.',
        details: { verification: 'SignedBadge', alg: jws.header.alg, key: keyId, issuer: issuerId },
      };
  }
  if (unreachable && !untrusted)
    return {
      id: 'proof',
      status: 'could-not-check',
      problem: problem(
        'BADGE_RETRIEVAL_ERROR',
        `The issuer's signing key ${unreachable} could not be fetched, so the signature could not be checked.`,
        '/verification/creator',
      ),
    };
  if (untrusted)
    return failed(
      problem(
        'VERIFICATION_POLICY_ERROR',
        `The key ${untrusted}, not to the issuer ${issuerId}.`,
        '/verification/creator',
      ),
    );
  return failed(
    problem(
      'CRYPTOGRAPHIC_SECURITY_ERROR',
      'The JWS signature does not match any key of the issuer: the assertion was changed after signing or signed by another key.',
    ),
  );
}
