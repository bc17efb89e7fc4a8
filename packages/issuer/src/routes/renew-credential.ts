import { createHash } from 'node:crypto';
import { evaluatePathwayWithCredentials } from '@repo/pathways';
import { addDuration, type Pathway } from '@repo/schemas';
import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import type { Caller } from '../http/auth.ts';
import { idempotencyClaim } from '../http/idempotency.ts';
import { ProblemError } from '../http/problem-error.ts';
import { isoSeconds, newCredentialId, signAndStore } from '../issuance/sign-and-store.ts';
import { listPathways } from './pathways.ts';

/** The request, whose shape its JSON Schema (RENEW_BODY) has checked. */
function parse(body: Record<string, unknown>): { credentialId: string; input: unknown } {
  return {
    credentialId: body.credentialId as string,
    input: body.verifiablePresentation ?? body.verifiableCredential ?? [],
  };
}

/**
 * `POST /credentials/renew` (scope `write:/credentials/issue`): renews a certification.
 * `{ credentialId, verifiablePresentation | verifiableCredential: [continuing-education credentials] }`.
 *
 * The certification's renewal pathway (a published pathway with `destination.kind: "renewal"`
 * for its achievement) decides: renewal is open from `validUntil − renewalWindow` until
 * `validUntil + gracePeriod`; the continuing-education credentials must complete the pathway
 * (evaluated by the same engine as degrees). The renewal keeps the original `awardedDate`, runs
 * from now until the old `validUntil + validityPeriod`, points at its predecessor with VC 2.0
 * `relatedResource` (id + SHA-384 digest of the predecessor as issued), lists the CE credentials as
 * `evidence`, and gets fresh status entries. The predecessor's lifecycle entry becomes
 * "superseded" in the same atomic write (with the answer, for an `Idempotency-Key`). 201
 * `{ verifiableCredential, report }`.
 *
 * @example
 * // POST /credentials/renew { "credentialId": "urn:uuid:…", "verifiableCredential": [ …CE credentials… ] }
 */
export function renewCredential(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { credentialId, input } = parse(req.body);
    const caller = res.locals.caller as Caller;
    const predecessor = await deps.store.getRecord(credentialId);
    if (!predecessor)
      throw new ProblemError(404, 'NOT_FOUND', `No credential with id ${credentialId} was issued here.`, {
        pointer: '/credentialId',
      });
    if (predecessor.revoked) throw new ProblemError(409, 'CONFLICT', 'A revoked certification cannot be renewed.');
    if (predecessor.supersededBy) {
      throw new ProblemError(
        409,
        'CONFLICT',
        `This certification was already renewed as ${predecessor.supersededBy}; renew the current one.`,
        {
          extra: { supersededBy: predecessor.supersededBy },
        },
      );
    }
    const old = predecessor.credential;
    const achievementId = (old.credentialSubject as { achievement?: { id?: unknown } })?.achievement?.id;
    const pathway: Pathway | undefined = (await listPathways(deps)).find(
      (p) => p.destination.kind === 'renewal' && p.renewal?.achievementId === achievementId,
    );
    if (!pathway?.renewal) {
      throw new ProblemError(
        422,
        'MALFORMED_VALUE_ERROR',
        `No renewal pathway is published for the achievement ${String(achievementId)}.`,
      );
    }
    if (typeof old.validUntil !== 'string') {
      throw new ProblemError(
        422,
        'MALFORMED_VALUE_ERROR',
        'This certification has no validUntil, so there is nothing to renew.',
      );
    }
    const now = deps.clock();
    const validUntil = new Date(old.validUntil);
    const opens = addDuration(validUntil, pathway.renewal.renewalWindow, -1);
    const lapses = addDuration(validUntil, pathway.renewal.gracePeriod);
    if (now < opens) {
      throw new ProblemError(
        422,
        'MALFORMED_VALUE_ERROR',
        `Renewal opens on ${isoSeconds(opens)} (${pathway.renewal.renewalWindow} before it expires on ${old.validUntil}).`,
      );
    }
    if (now > lapses) {
      throw new ProblemError(
        422,
        'CREDENTIAL_EXPIRED',
        `This certification lapsed on ${isoSeconds(lapses)} (grace period ${pathway.renewal.gracePeriod} after ${old.validUntil}); it must be earned again.`,
      );
    }
    const { report, counted } = await evaluatePathwayWithCredentials(pathway, input as never, {
      verifier: deps.verifier,
      now: deps.clock,
      unsignedPresentation: true,
    });
    // Subject binding for every format: who a counted credential is about is read from the
    // credential itself — inside a VC-JWT (compact or enveloped) too — never from what was sent.
    const holder = (old.credentialSubject as { id?: unknown }).id;
    const foreign = counted.filter((c) => c.subjectIds.length === 0 || c.subjectIds.some((id) => id !== holder));
    if (foreign.length > 0) {
      throw new ProblemError(
        422,
        'MALFORMED_VALUE_ERROR',
        `Continuing-education credentials must be about ${String(holder)}: ${foreign.map((c) => c.key).join(', ')} ${foreign.length === 1 ? 'is' : 'are'} not.`,
        {
          pointer: `${Array.isArray(input) ? '' : '/verifiablePresentation'}/verifiableCredential/${foreign[0]!.position}`,
          extra: { report },
        },
      );
    }
    if (!report.complete) {
      const missing = report.requirements
        .filter((r) => r.status !== 'satisfied' && r.stillNeeded)
        .map((r) => r.stillNeeded);
      throw new ProblemError(
        422,
        'MALFORMED_VALUE_ERROR',
        `The continuing-education requirement is not met: ${missing[0] ?? 'see the report'}.`,
        { extra: { report } },
      );
    }
    const {
      proof: _p,
      credentialStatus: _s,
      refreshService: _r,
      relatedResource: _rr,
      evidence: _e,
      ...rest
    } = structuredClone(old);
    const renewal: Record<string, unknown> = {
      ...rest,
      id: newCredentialId(),
      validFrom: isoSeconds(now),
      validUntil: isoSeconds(addDuration(validUntil, pathway.renewal.validityPeriod)),
      awardedDate: typeof old.awardedDate === 'string' ? old.awardedDate : old.validFrom,
      relatedResource: [
        {
          id: predecessor.id,
          digestSRI: `sha384-${createHash('sha384').update(JSON.stringify(old)).digest('base64')}`,
        },
      ],
      // Every counted CE credential, whatever it arrived in, in the order it was sent.
      evidence: [...counted]
        .sort((a, b) => a.position - b.position)
        .map(({ key, credential }) => ({
          ...(typeof credential.id === 'string' && { id: credential.id }),
          type: ['Evidence'],
          name: String(
            (credential.credentialSubject as { achievement?: { name?: unknown } })?.achievement?.name ?? key,
          ),
          description: 'Continuing education counted toward renewal.',
        })),
    };
    const purposes = predecessor.statuses.map((s) => s.purpose);
    const claim = idempotencyClaim(res);
    const record = await signAndStore(deps, renewal, {
      purposes,
      issuedBy: caller.name,
      now,
      pointerPrefix: '',
      predecessor,
      ...(claim && { idempotent: { claim, answer: (r) => ({ verifiableCredential: r.credential, report }) } }),
    });
    deps.logger.info({ credentialId: record.id, renews: predecessor.id, by: caller.name }, 'certification renewed');
    res.status(201).json({ verifiableCredential: record.credential, report });
  };
}
