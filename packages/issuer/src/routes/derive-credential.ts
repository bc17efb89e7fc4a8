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
    // The request's shape was checked by its JSON Schema (DERIVE_BODY).
    const body = req.body as {
      verifiableCredential: Record<string, unknown>;
      options?: { selectivePointers?: string[] };
    };
    const vc = body.verifiableCredential;
    const pointers = body.options?.selectivePointers ?? [];
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
