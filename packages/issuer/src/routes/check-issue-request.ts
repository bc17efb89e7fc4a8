import {
  CRYPTOSUITES,
  type Cryptosuite,
  findContextProblem,
  findNonCompactedMember,
  JWT_ALGORITHMS,
  JWT_PROFILES,
  type JwtProfile,
} from '@repo/core';
import {
  findDroppedValue,
  findIJsonValueProblem,
  isUrl,
  parseDateTimeStamp,
  VC_V1_CONTEXT as V1,
  VC_V2_CONTEXT as V2,
} from '@repo/schemas';
import { ProblemError } from '../http/problem-error.ts';
import type { StatusPurpose } from '../status/status-registry.ts';
import { checkTypedObjects } from './check-typed-objects.ts';

const FORMATS = ['di', 'jwt', 'di+jwt'] as const;
const ALGS: readonly string[] = JWT_ALGORITHMS;

/** What an issue request asks for, after its shape was checked. */
export interface IssueRequest {
  credential: Record<string, unknown>;
  version: 1 | 2;
  purposes: StatusPurpose[] | undefined;
  /** How to secure it (see {@link SecuringOptions}). */
  securing: SecuringOptions;
}

/**
 * How a credential is secured: `di` (default) an embedded Data Integrity proof; `jwt` a JWT
 * (enveloped in the answer as `data:application/vc+jwt,…`); `di+jwt` both — the embedded proof
 * first, then the JWT over the proved credential (Open Badges 3.0 §8: "the embedded proof is
 * created first"). `jwtProfile` picks the JWT form of a VC 2.0 credential: `ob` (Open Badges 3.0
 * §8.2, `typ: JWT`, the default for Open Badges / CLR credentials) or `vc-jose-cose` (`typ:
 * vc+jwt`, the default for others); a VC 1.1 credential always gets the VC 1.1 `vc`-claim JWT.
 */
export interface SecuringOptions {
  format: 'di' | 'jwt' | 'di+jwt';
  cryptosuite?: Cryptosuite;
  mandatoryPointers?: string[];
  alg?: 'EdDSA' | 'ES256' | 'ES384' | 'RS256';
  jwtProfile?: JwtProfile;
}

function bad(pointer: string, detail: string): ProblemError {
  return new ProblemError(400, 'MALFORMED_VALUE_ERROR', detail, { pointer });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/**
 * VC-API "Issue Credential" request checks before anything is signed or stored: body and option
 * names (I5), `@context`/`type`/`credentialSubject` presence and order (I4), field types and
 * dates (I3), no proof yet (I11), no VC 1.1 field in a VC 2.0 credential. Throws
 * {@link ProblemError} naming the field by JSON Pointer.
 *
 * @example
 * const { credential, purposes } = checkIssueRequest(req.body);
 */
export function checkIssueRequest(body: Record<string, unknown>): IssueRequest {
  // The request's shape (fields, option names, object types) was checked by its JSON Schema
  // (http/request-schemas.ts ISSUE_BODY); what follows are the credential's own rules.
  const credential = body.credential as Record<string, unknown>;
  const options = (body.options ?? {}) as Record<string, unknown>;
  const ctx = credential['@context'];
  if (ctx === undefined) throw bad('/credential/@context', '@context is required.');
  if (!Array.isArray(ctx) || ctx.length === 0) throw bad('/credential/@context', '@context must be a non-empty list.');
  if (ctx[0] !== V2 && ctx[0] !== V1) throw bad('/credential/@context/0', `The first @context must be "${V2}".`);
  for (const [i, c] of ctx.entries()) {
    if (typeof c !== 'string' && !isObject(c))
      throw bad(`/credential/@context/${i}`, 'Each @context entry must be a URL or an object.');
  }
  const version = ctx[0] === V2 ? 2 : 1;
  if (credential.type === undefined) throw bad('/credential/type', 'type is required.');
  if (!Array.isArray(credential.type) || credential.type.some((t) => typeof t !== 'string')) {
    throw bad('/credential/type', 'type must be a list of strings.');
  }
  if (!credential.type.includes('VerifiableCredential'))
    throw bad('/credential/type', 'type must include "VerifiableCredential".');
  const subject = credential.credentialSubject;
  if (subject === undefined) throw bad('/credential/credentialSubject', 'credentialSubject is required.');
  const subjects = Array.isArray(subject) ? subject : [subject];
  if (subjects.length === 0) throw bad('/credential/credentialSubject', 'credentialSubject must not be empty.');
  for (const [i, s] of subjects.entries()) {
    if (!isObject(s))
      throw bad(
        Array.isArray(subject) ? `/credential/credentialSubject/${i}` : '/credential/credentialSubject',
        'credentialSubject must be an object.',
      );
  }
  const issuer = credential.issuer;
  if (issuer === undefined) throw bad('/credential/issuer', 'issuer is required.');
  if (typeof issuer !== 'string' && !(isObject(issuer) && typeof issuer.id === 'string')) {
    throw bad('/credential/issuer', 'issuer must be a URL or an object with an "id" URL.');
  }
  if (credential.id !== undefined && !isUrl(credential.id)) {
    throw bad('/credential/id', 'id must be a URL such as "urn:uuid:…".');
  }
  if (credential.proof !== undefined) {
    throw bad('/credential/proof', 'The credential already carries a proof; send it unsigned.');
  }
  checkTypedObjects(credential, '/credential');
  const v1Fields = ['issuanceDate', 'expirationDate'];
  const v2Fields = ['validFrom', 'validUntil'];
  for (const f of version === 2 ? v1Fields : v2Fields) {
    if (f in credential) {
      throw new ProblemError(
        422,
        'MALFORMED_VALUE_ERROR',
        `"${f}" belongs to ${version === 2 ? 'VC 1.1' : 'VC 2.0'}; a ${version === 2 ? 'VC 2.0' : 'VC 1.1'} credential uses ${(version === 2 ? v2Fields : v1Fields).join('/')}.`,
        {
          pointer: `/credential/${f}`,
        },
      );
    }
  }
  for (const f of version === 2 ? v2Fields : v1Fields) {
    if (f in credential && parseDateTimeStamp(credential[f]) === undefined) {
      throw bad(`/credential/${f}`, `${f} must be a date-time with a time zone, such as "2026-01-01T00:00:00Z".`);
    }
  }
  // VC 2.0 §4.9: validFrom MUST be the same as or earlier than validUntil (VC 1.1 §4.7/§4.8 likewise).
  const [fromField, untilField] = version === 2 ? v2Fields : v1Fields;
  const from = parseDateTimeStamp(credential[fromField!]);
  const until = parseDateTimeStamp(credential[untilField!]);
  if (from !== undefined && until !== undefined && until < from) {
    throw new ProblemError(422, 'MALFORMED_VALUE_ERROR', `${untilField} must not be earlier than ${fromField}.`, {
      pointer: `/credential/${untilField}`,
    });
  }
  checkSignable(credential);
  return {
    credential,
    version,
    purposes: parseStatusOption(options.credentialStatus),
    securing: parseSecuring(options, version),
  };
}

/**
 * What canonicalisation cannot carry unchanged is refused before signing, so nothing is signed
 * that a proof would not cover exactly (issue 9): −0 and doubles RDF canonicalisation writes as
 * another number, `null`, empty lists and repeated values (JSON-LD drops them) → 422
 * DATA_LOSS_DETECTION_ERROR; members a JSON reader would not see as the signed data does
 * (`@nest`, `@included`…, full-IRI names, blank-node ids) → 422 MALFORMED_VALUE_ERROR; inline contexts that do more than define new terms (Data Integrity §2.4.1) → 422
 * CONTEXT_NOT_ALLOWED; anything else that is not I-JSON → 400 MALFORMED_VALUE_ERROR.
 */
function checkSignable(credential: Record<string, unknown>): void {
  const ijson = findIJsonValueProblem(credential);
  if (ijson) {
    const unfaithful = ijson.rule === 'unfaithful-number';
    throw new ProblemError(
      unfaithful ? 422 : 400,
      unfaithful ? 'DATA_LOSS_DETECTION_ERROR' : 'MALFORMED_VALUE_ERROR',
      ijson.detail,
      {
        pointer: `/credential${ijson.pointer}`,
      },
    );
  }
  const dropped = findDroppedValue(credential);
  if (dropped) {
    throw new ProblemError(422, 'DATA_LOSS_DETECTION_ERROR', dropped.detail, {
      pointer: `/credential${dropped.pointer}`,
    });
  }
  const hidden = findNonCompactedMember(credential);
  if (hidden)
    throw new ProblemError(422, hidden.title, hidden.detail, { pointer: `/credential${hidden.pointer ?? ''}` });
  const context = findContextProblem(credential);
  if (context) {
    throw new ProblemError(422, context.title, context.detail, { pointer: `/credential${context.pointer ?? ''}` });
  }
}

function parseSecuring(options: Record<string, unknown>, version: 1 | 2): SecuringOptions {
  const format = options.format ?? 'di';
  if (!FORMATS.includes(format as SecuringOptions['format'])) {
    throw bad('/options/format', `format must be ${FORMATS.map((f) => `"${f}"`).join(', ')}.`);
  }
  const out: SecuringOptions = { format: format as SecuringOptions['format'] };
  if (options.cryptosuite !== undefined) {
    if (!CRYPTOSUITES.includes(options.cryptosuite as Cryptosuite)) {
      throw bad('/options/cryptosuite', `cryptosuite must be one of ${CRYPTOSUITES.map((c) => `"${c}"`).join(', ')}.`);
    }
    if (out.format === 'jwt')
      throw bad('/options/cryptosuite', 'cryptosuite applies to Data Integrity proofs; format "jwt" has none.');
    out.cryptosuite = options.cryptosuite as Cryptosuite;
  }
  if (options.mandatoryPointers !== undefined) {
    const mp = options.mandatoryPointers;
    if (out.cryptosuite !== 'ecdsa-sd-2023')
      throw bad('/options/mandatoryPointers', 'mandatoryPointers go with cryptosuite "ecdsa-sd-2023".');
    if (!Array.isArray(mp) || mp.some((p) => typeof p !== 'string' || !p.startsWith('/'))) {
      throw bad('/options/mandatoryPointers', 'mandatoryPointers must be a list of JSON Pointers such as "/issuer".');
    }
    out.mandatoryPointers = mp as string[];
  }
  if (options.alg !== undefined) {
    if (!ALGS.includes(options.alg as string))
      throw bad('/options/alg', `alg must be one of ${ALGS.map((a) => `"${a}"`).join(', ')}.`);
    if (out.format === 'di') throw bad('/options/alg', 'alg applies to JWTs; ask for format "jwt" or "di+jwt".');
    out.alg = options.alg as SecuringOptions['alg'];
  }
  if (options.jwtProfile !== undefined) {
    if (!JWT_PROFILES.includes(options.jwtProfile as JwtProfile))
      throw bad('/options/jwtProfile', `jwtProfile must be ${JWT_PROFILES.map((p) => `"${p}"`).join(' or ')}.`);
    if (out.format === 'di')
      throw bad('/options/jwtProfile', 'jwtProfile applies to JWTs; ask for format "jwt" or "di+jwt".');
    if (version === 1 && options.jwtProfile === 'vc-jose-cose') {
      throw bad(
        '/options/jwtProfile',
        'VC-JOSE-COSE (vc+jwt) secures VC 2.0 credentials only; a VC 1.1 credential is signed as a VC 1.1 JWT (vc claim).',
      );
    }
    out.jwtProfile = options.jwtProfile as JwtProfile;
  }
  if (out.cryptosuite === 'ecdsa-sd-2023' && out.format === 'di+jwt') {
    throw bad(
      '/options/format',
      'An ecdsa-sd-2023 base proof is for the holder to derive from; it cannot also be wrapped in a JWT.',
    );
  }
  return out;
}

function parseStatusOption(value: unknown): StatusPurpose[] | undefined {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  const purposes: StatusPurpose[] = [];
  for (const [i, entry] of list.entries()) {
    const at = Array.isArray(value) ? `/options/credentialStatus/${i}` : '/options/credentialStatus';
    if (!isObject(entry)) throw bad(at, 'Each options.credentialStatus entry must be an object.');
    if (entry.type !== 'BitstringStatusListEntry')
      throw bad(`${at}/type`, 'Only "BitstringStatusListEntry" status entries are issued.');
    if (
      entry.statusPurpose !== 'revocation' &&
      entry.statusPurpose !== 'suspension' &&
      entry.statusPurpose !== 'message'
    ) {
      throw bad(
        `${at}/statusPurpose`,
        'statusPurpose must be "revocation", "suspension" or "message" (the lifecycle list: active, suspended, revoked, superseded).',
      );
    }
    for (const k of Object.keys(entry)) {
      if (k !== 'type' && k !== 'statusPurpose')
        throw new ProblemError(400, 'UNKNOWN_OPTION_PROVIDED', `Unknown field "${k}" in a status request.`, {
          pointer: `${at}/${k}`,
        });
    }
    const purpose: StatusPurpose = entry.statusPurpose === 'message' ? 'lifecycle' : entry.statusPurpose;
    if (!purposes.includes(purpose)) purposes.push(purpose);
  }
  return purposes;
}
