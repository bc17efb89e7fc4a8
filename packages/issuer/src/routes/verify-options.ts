import type { CheckId } from '@repo/verifier';
import { ProblemError } from '../http/problem-error.ts';

/**
 * VC-API check names (as the W3C / CCG suites and `@digitalbazaar` verifiers send them) and ours,
 * mapped onto the verifier's check ids.
 */
const CHECK_NAMES: Readonly<Record<string, CheckId>> = {
  proof: 'proof',
  credentialStatus: 'status',
  status: 'status',
  expiration: 'validity',
  validity: 'validity',
  validityPeriod: 'validity',
  issuer: 'issuer',
  schema: 'schema',
  credentialSchema: 'schema',
  relatedResource: 'relatedResource',
};

/** What a verify request's `options` say, checked. */
export interface VerifyRequestOptions {
  checks?: CheckId[];
  challenge?: string;
  domain?: string;
}

const bad = (
  status: number,
  code: 'MALFORMED_VALUE_ERROR' | 'UNKNOWN_OPTION_PROVIDED',
  detail: string,
  pointer: string,
) => new ProblemError(status, code, detail, { pointer });

/**
 * Reads the VC-API verify `options` (VC-API "Verify Credential" / "Verify Presentation"):
 * `checks` (which checks to run; `proof` always runs), `expectedProofPurpose` (must be the one
 * the kind of document is verified for), and for presentations `challenge` and `domain`. Unknown
 * options → 400 `UNKNOWN_OPTION_PROVIDED` listing the known ones.
 *
 * @example
 * const { checks } = readVerifyOptions(req.body.options, 'credential');
 */
export function readVerifyOptions(raw: unknown, kind: 'credential' | 'presentation'): VerifyRequestOptions {
  if (raw === undefined) return {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw bad(400, 'MALFORMED_VALUE_ERROR', 'options must be an object.', '/options');
  const options = raw as Record<string, unknown>;
  const known =
    kind === 'credential'
      ? ['checks', 'expectedProofPurpose']
      : ['checks', 'expectedProofPurpose', 'challenge', 'domain', 'requireIssuedChallenge'];
  for (const k of Object.keys(options)) {
    if (!known.includes(k))
      throw bad(
        400,
        'UNKNOWN_OPTION_PROVIDED',
        `Unknown option "${k}". Known options: ${known.join(', ')}.`,
        `/options/${k}`,
      );
  }
  const out: VerifyRequestOptions = {};
  if (options.checks !== undefined) {
    if (!Array.isArray(options.checks))
      throw bad(400, 'MALFORMED_VALUE_ERROR', 'options.checks must be a list of check names.', '/options/checks');
    const ids = new Set<CheckId>();
    for (const [i, name] of options.checks.entries()) {
      const id = typeof name === 'string' ? CHECK_NAMES[name] : undefined;
      if (!id || !Object.hasOwn(CHECK_NAMES, name as string)) {
        throw bad(
          400,
          'MALFORMED_VALUE_ERROR',
          `Unknown check ${JSON.stringify(name)}. Known checks: ${Object.keys(CHECK_NAMES).join(', ')}.`,
          `/options/checks/${i}`,
        );
      }
      ids.add(id);
    }
    out.checks = [...ids];
  }
  const purpose = kind === 'credential' ? 'assertionMethod' : 'authentication';
  if (options.expectedProofPurpose !== undefined && options.expectedProofPurpose !== purpose) {
    throw bad(
      400,
      'MALFORMED_VALUE_ERROR',
      `A ${kind} is verified for the proof purpose "${purpose}".`,
      '/options/expectedProofPurpose',
    );
  }
  for (const k of ['challenge', 'domain'] as const) {
    if (options[k] === undefined) continue;
    if (typeof options[k] !== 'string')
      throw bad(400, 'MALFORMED_VALUE_ERROR', `options.${k} must be a string.`, `/options/${k}`);
    out[k] = options[k] as string;
  }
  return out;
}
