import { deriveCredential as derive, VcError } from '@repo/core';
import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem-error.ts';

/**
 * `POST /credentials/derive` (VC-API "Derive Credential"): from a credential with an
 * `ecdsa-sd-2023` base proof, makes a derived credential that discloses only the mandatory fields
 * and `options.selectivePointers` (JSON Pointers), with a proof any verifier can check. Public:
 * deriving needs no issuer secret — what it needs is in the base proof the holder received.
 *
 * @example
 * // POST { "verifiableCredential": {…base…}, "options": { "selectivePointers": ["/credentialSubject/achievement/name"] } }
 */
export function deriveCredentialRoute(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const body = req.body as Record<string, unknown>;
    for (const k of Object.keys(body)) {
      if (k !== 'verifiableCredential' && k !== 'options') {
        throw new ProblemError(400, 'MALFORMED_VALUE_ERROR', `Unknown request field "${k}".`, { pointer: `/${k}` });
      }
    }
    const vc = body.verifiableCredential;
    if (!vc || typeof vc !== 'object' || Array.isArray(vc)) {
      throw new ProblemError(
        400,
        'MALFORMED_VALUE_ERROR',
        'verifiableCredential must be a credential with an ecdsa-sd-2023 base proof.',
        { pointer: '/verifiableCredential' },
      );
    }
    const options = (body.options ?? {}) as Record<string, unknown>;
    for (const k of Object.keys(options)) {
      if (k !== 'selectivePointers')
        throw new ProblemError(400, 'UNKNOWN_OPTION_PROVIDED', `Unknown option "${k}".`, { pointer: `/options/${k}` });
    }
    const pointers = options.selectivePointers ?? [];
    if (!Array.isArray(pointers) || pointers.some((p) => typeof p !== 'string')) {
      throw new ProblemError(
        400,
        'MALFORMED_VALUE_ERROR',
        'options.selectivePointers must be a list of JSON Pointers.',
        { pointer: '/options/selectivePointers' },
      );
    }
    try {
      const derived = await derive(vc, {
        selectivePointers: pointers as string[],
        documentLoader: deps.documentLoader,
      });
      res.status(201).json({ verifiableCredential: derived });
    } catch (error) {
      if (error instanceof VcError) {
        throw new ProblemError(
          422,
          error.code,
          error.message,
          error.pointer === undefined ? {} : { pointer: error.pointer },
        );
      }
      throw error;
    }
  };
}
