import { isCompactJws } from '@repo/core';
import { asList, isObject } from '@repo/schemas';
import { credentialVersionOf, jwsVersionOf, ob2NonAssertionType } from './detect-version.ts';
import { fail } from './input-failure.ts';
import type { CredentialInput } from './input-types.ts';

const VC_JWT_DATA_URL = /^data:application\/(vc\+jwt|vc-ld\+jwt|jwt),(.+)$/;

/**
 * JSON text as a credential: a credential (embedded proof, or an `EnvelopedVerifiableCredential`
 * around a JWT), a VC-API verify body `{ verifiableCredential }` (unwrapped), or an Open Badges
 * 2.0 Assertion. A presentation, an OB 2.0 BadgeClass or Profile, or JSON without a credential is
 * refused, saying which it is.
 *
 * @example
 * readJsonInput('{"verifiableCredential":{"@context":[…],…}}'); // { ok: true, kind: 'json', … }
 */
export function readJsonInput(text: string): CredentialInput {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return fail('bad-json', 'PARSING_ERROR', `This looks like JSON but is not valid JSON (${(e as Error).message}).`);
  }
  if (!isObject(parsed)) return fail('bad-json', 'PARSING_ERROR', 'The JSON must be an object (a credential).');
  if ('verifiableCredential' in parsed && !('@context' in parsed)) {
    const inner = parsed.verifiableCredential;
    if (isCompactJws(inner)) return { ok: true, kind: 'json', version: jwsVersionOf(inner), value: inner };
    if (!isObject(inner))
      return fail(
        'not-a-credential',
        'MALFORMED_VALUE_ERROR',
        'verifiableCredential must hold one credential (a JSON object or a compact JWT).',
      );
    parsed = inner;
  }
  const doc = parsed as Record<string, unknown>;
  if (asList(doc.type).includes('VerifiablePresentation'))
    return fail(
      'presentation',
      'MALFORMED_VALUE_ERROR',
      'This is a presentation (VerifiablePresentation), not a credential: verify it as a presentation.',
    );
  const other = ob2NonAssertionType(doc);
  if (other)
    return fail(
      'badge-class',
      'MALFORMED_VALUE_ERROR',
      `This is an Open Badges 2.0 ${other}, which describes a badge or its issuer; an awarded badge is an Assertion.`,
    );
  const enveloped = typeof doc.id === 'string' ? VC_JWT_DATA_URL.exec(doc.id) : null;
  if (asList(doc.type).includes('EnvelopedVerifiableCredential') && enveloped)
    return { ok: true, kind: 'json', version: jwsVersionOf(enveloped[2]!), value: doc };
  if (!('@context' in doc) && !('recipient' in doc) && !('credentialSubject' in doc))
    return fail(
      'not-a-credential',
      'MALFORMED_VALUE_ERROR',
      'This JSON is not a credential: it has no @context, credentialSubject or (Open Badges 2.0) recipient.',
    );
  return { ok: true, kind: 'json', version: credentialVersionOf(doc), value: doc };
}
