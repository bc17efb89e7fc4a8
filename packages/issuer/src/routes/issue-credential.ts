import { randomUUID } from 'node:crypto';
import { signCredential, VcError } from '@repo/core';
import { schemaForCredential, validateCredential } from '@repo/schemas';
import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import type { Caller } from '../http/auth.ts';
import { ProblemError } from '../http/problem-error.ts';
import { statusListUrl } from '../status/status-list-url.ts';
import type { CredentialRecord, StatusAssignment } from '../store/types.ts';
import { checkIssueRequest } from './check-issue-request.ts';

/** XML Schema dateTime without fractions, as credentials usually carry it. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * `POST /credentials/issue` (VC-API "Issue Credential"): checks the request, validates an Open
 * Badges credential against the OB 3.0 JSON Schema, fills `id` and `validFrom`, adds Bitstring
 * Status List entries at random unused indexes, signs (`eddsa-rdfc-2022`, JSON-LD safe mode) and
 * stores the record durably before answering 201 `{ verifiableCredential }`. On any failure
 * nothing is stored and no index is used.
 *
 * @example
 * app.post('/credentials/issue', ...jsonBody(limits), requireScope(tokens, SCOPES.issue), issueCredential(deps));
 */
export function issueCredential(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { credential: input, version, purposes } = checkIssueRequest(req.body);
    const issuerId = typeof input.issuer === 'string' ? input.issuer : (input.issuer as { id: string }).id;
    if (issuerId !== deps.key.controller) {
      throw new ProblemError(
        422,
        'MALFORMED_VALUE_ERROR',
        `This service issues only as ${deps.key.controller}; the credential names ${issuerId}.`,
        {
          pointer: '/credential/issuer',
        },
      );
    }
    const credential: Record<string, unknown> = structuredClone(input);
    const now = deps.clock();
    credential.id ??= `urn:uuid:${randomUUID()}`;
    if (version === 2) credential.validFrom ??= isoSeconds(now);
    else credential.issuanceDate ??= isoSeconds(now);

    const schema = schemaForCredential(credential);
    if (schema) {
      const result = validateCredential(credential, schema);
      if (!result.valid) {
        const first = result.errors[0]!;
        throw new ProblemError(
          422,
          'SCHEMA_VALIDATION_ERROR',
          `The credential does not match the Open Badges 3.0 ${schema} schema: ${first.message}`,
          {
            pointer: `/credential${first.pointer}`,
            extra: { errors: result.errors.map((e) => ({ ...e, pointer: `/credential${e.pointer}` })) },
          },
        );
      }
    }

    const id = credential.id as string;
    const caller = res.locals.caller as Caller;
    const record = await deps.lock.run(async () => {
      if (await deps.store.getRecord(id)) {
        throw new ProblemError(409, 'CONFLICT', `A credential with id ${id} was already issued.`, {
          pointer: '/credential/id',
        });
      }
      const slots: StatusAssignment[] = (purposes ?? deps.config.defaultStatusPurposes).map((p) =>
        deps.registry.allocate(p),
      );
      // Once a write was attempted its outcome is unknown (it may be on disk), so its indexes are
      // never handed out again: leaking one index is harmless, reusing one is not (S10).
      let writeAttempted = false;
      try {
        if (slots.length > 0) {
          const entries = slots.map((s) => {
            const list = statusListUrl(deps.config.publicBaseUrl, s.purpose, s.list);
            return {
              id: `${list}#${s.index}`,
              type: 'BitstringStatusListEntry',
              statusPurpose: s.purpose,
              statusListIndex: String(s.index),
              statusListCredential: list,
            };
          });
          credential.credentialStatus = entries.length === 1 ? entries[0] : entries;
          if (
            version === 1 &&
            !(credential['@context'] as unknown[]).includes('https://www.w3.org/ns/credentials/status/v1')
          ) {
            (credential['@context'] as unknown[]).push('https://www.w3.org/ns/credentials/status/v1');
          }
        }
        let signed: Record<string, unknown>;
        try {
          signed = await signCredential(credential, { key: deps.key, documentLoader: deps.documentLoader, now });
        } catch (error) {
          if (error instanceof VcError) {
            throw new ProblemError(422, error.code, error.message, {
              pointer: error.pointer ? `/credential${error.pointer}` : undefined,
            });
          }
          throw error;
        }
        const at = isoSeconds(now);
        const rec: CredentialRecord = {
          id,
          credential: signed,
          statuses: slots,
          issuedBy: caller.name,
          issuedAt: at,
          revoked: false,
          suspended: false,
          updatedAt: at,
        };
        writeAttempted = true;
        await deps.store.putNewRecord(rec);
        return rec;
      } catch (error) {
        if (!writeAttempted) for (const s of slots) deps.registry.release(s);
        throw error;
      }
    });
    deps.logger.info(
      { credentialId: id, issuedBy: caller.name, statuses: record.statuses.length },
      'credential issued',
    );
    res.status(201).json({ verifiableCredential: record.credential });
  };
}
