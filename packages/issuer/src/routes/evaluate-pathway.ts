import { type EvaluatedPathway, evaluatePathwayWithCredentials } from '@repo/pathways';
import type { Pathway } from '@repo/schemas';
import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import { type Caller, requireScope, SCOPES } from '../http/auth.ts';
import { idempotencyClaim } from '../http/idempotency.ts';
import { ProblemError } from '../http/problem-error.ts';
import type { ISSUE_KINDS } from '../http/request-schemas.ts';
import { type CountedCredentials, clrCredential, destinationCredential } from '../issuance/pathway-credentials.ts';
import { abandonIssued, commitIssued, IssueBatch, signAndStore } from '../issuance/sign-and-store.ts';
import { getPathwayOr404 } from './pathways.ts';

type IssueKind = (typeof ISSUE_KINDS)[number];

interface EvaluateRequest {
  input: unknown;
  holder: string | undefined;
  challenge?: string;
  domain?: string;
  issue: IssueKind[];
  recipient?: string;
}

/** The request, whose shape its JSON Schema (EVALUATE_BODY) has checked. */
function parse(body: Record<string, unknown>): EvaluateRequest {
  const vp = body.verifiablePresentation;
  const options = (body.options ?? {}) as { challenge?: string; domain?: string; recipient?: string; issue?: unknown };
  const issue = options.issue === undefined ? [] : Array.isArray(options.issue) ? options.issue : [options.issue];
  const out: EvaluateRequest = {
    input: vp ?? body.verifiableCredential,
    holder: undefined,
    issue: [...new Set(issue as IssueKind[])],
  };
  if (options.challenge !== undefined) out.challenge = options.challenge;
  if (options.domain !== undefined) out.domain = options.domain;
  if (options.recipient !== undefined) out.recipient = options.recipient;
  if (vp && typeof vp === 'object' && typeof (vp as { holder?: unknown }).holder === 'string')
    out.holder = (vp as { holder: string }).holder;
  return out;
}

/**
 * Whether an evaluation request asks to issue (`options.issue`), so it creates something: only
 * then does its `Idempotency-Key` count.
 *
 * @example
 * asksToIssue({ body: { verifiableCredential: [], options: { issue: ['clr'] } } }); // true
 */
export function asksToIssue(req: { body?: unknown }): boolean {
  const options = (req.body as { options?: { issue?: unknown } } | undefined)?.options;
  const issue = options && typeof options === 'object' ? options.issue : undefined;
  return issue !== undefined && !(Array.isArray(issue) && issue.length === 0);
}

function authorize(deps: AppDeps, req: Request, res: Response): Promise<Caller> {
  return new Promise((resolve, reject) => {
    requireScope(deps.config.tokens, SCOPES.issue)(req, res, (error?: unknown) =>
      error ? reject(error) : resolve(res.locals.caller as Caller),
    );
  });
}

/**
 * The counted credentials of an evaluation, in report order, and who they were issued to: the
 * copies that were VERIFIED (as offered — object, compact or enveloped JWT — and the credential
 * inside), never another copy with the same id sent beside them.
 */
function countedOf(evaluated: EvaluatedPathway): CountedCredentials & { subjects: Set<string> } {
  const { report, counted } = evaluated;
  const root = report.requirements[0];
  return {
    credentials: counted.map((c) => c.original as Record<string, unknown>),
    decoded: counted.map((c) => c.credential),
    standing: new Set(report.advancedStanding.map((s) => s.credentialId)),
    credits: root?.credits ?? 0,
    subjects: new Set(counted.flatMap((c) => (c.subjectIds.length > 0 ? c.subjectIds : ['']))),
  };
}

/**
 * `POST /pathways/:id/evaluate`: verifies every credential the holder sent (a presentation, or
 * a list), evaluates them against the pathway and answers 200 `{ report }`. With
 * `options.issue` (scope `write:/credentials/issue`) it also signs, for a complete pathway, a
 * CLR 2.0 `ClrCredential` (`"clr"`) and/or the destination's Open Badges credential
 * (`"achievement"`); for an incomplete one, `"progress"` gives an OB 3.0 credential with result
 * status `InProgress` (and `"clr"` a CLR with `partial: true`). Every counted credential must be
 * about the recipient (`options.recipient`, else the presentation's `holder`, else their one
 * common subject), so nobody can bundle someone else's credentials. What it issues is written in
 * one atomic write (with the answer, for an `Idempotency-Key`).
 *
 * @example
 * // POST /pathways/https%3A%2F%2F…/evaluate { "verifiablePresentation": {…}, "options": { "issue": ["clr", "achievement"] } }
 */
export function evaluatePathwayRoute(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const pathway: Pathway = await getPathwayOr404(deps, String(req.params.id));
    const request = parse(req.body);
    const caller = request.issue.length > 0 ? await authorize(deps, req, res) : undefined;
    const options: Parameters<typeof evaluatePathwayWithCredentials>[2] = {
      verifier: deps.verifier,
      now: deps.clock,
      unsignedPresentation: true,
    };
    if (request.challenge !== undefined) options.challenge = request.challenge;
    if (request.domain !== undefined) options.domain = request.domain;
    const evaluated = await evaluatePathwayWithCredentials(pathway, request.input as never, options);
    const { report } = evaluated;
    if (!caller) {
      res.status(200).json({ report });
      return;
    }
    const counted = countedOf(evaluated);
    const recipient =
      request.recipient ?? request.holder ?? (counted.subjects.size === 1 ? [...counted.subjects][0] : undefined);
    if (!recipient) {
      throw new ProblemError(
        422,
        'MALFORMED_VALUE_ERROR',
        'Name the recipient in options.recipient (or send a presentation with a holder).',
        { pointer: '/options/recipient' },
      );
    }
    const others = [...counted.subjects].filter((s) => s !== recipient).map((s) => s || '(a subject without id)');
    if (others.length > 0) {
      throw new ProblemError(
        422,
        'MALFORMED_VALUE_ERROR',
        `Some counted credentials are about someone other than ${recipient} (${others.join(', ')}); nothing was issued.`,
        {
          extra: { report },
        },
      );
    }
    const wanted = request.issue;
    if (
      !report.complete &&
      (wanted.includes('achievement') || (wanted.includes('clr') && !wanted.includes('progress')))
    ) {
      throw new ProblemError(
        422,
        'MALFORMED_VALUE_ERROR',
        'The pathway is not complete, so its credential cannot be issued; ask for "progress" to record progress.',
        {
          extra: { report },
        },
      );
    }
    if (report.complete && wanted.includes('progress') && wanted.length === 1) {
      throw new ProblemError(
        422,
        'MALFORMED_VALUE_ERROR',
        'The pathway is complete; ask for "achievement" and/or "clr" instead of "progress".',
        { extra: { report } },
      );
    }
    const now = deps.clock();
    const issued: Record<string, unknown> = {};
    // Everything this request issues is written in one atomic write, with the answer for an
    // Idempotency-Key: all of it or nothing.
    const batch = new IssueBatch();
    const sign = async (credential: Record<string, unknown>) =>
      (
        await signAndStore(deps, credential, {
          purposes: deps.config.defaultStatusPurposes,
          issuedBy: caller.name,
          now,
          pointerPrefix: '',
          batch,
        })
      ).credential;
    try {
      if (report.complete && wanted.includes('achievement')) {
        issued.achievement = await sign(
          destinationCredential(deps, pathway, recipient, counted, { inProgress: false }),
        );
      }
      if (!report.complete && wanted.includes('progress')) {
        issued.progress = await sign(destinationCredential(deps, pathway, recipient, counted, { inProgress: true }));
      }
      if (wanted.includes('clr'))
        issued.clr = await sign(clrCredential(deps, pathway, recipient, counted, { complete: report.complete }));
      const claim = idempotencyClaim(res);
      await commitIssued(deps, batch, claim && { claim, body: { report, issued } });
    } finally {
      abandonIssued(deps, batch);
    }
    deps.logger.info(
      { pathway: pathway.id, recipient, issued: Object.keys(issued), by: caller.name },
      'pathway credentials issued',
    );
    res.status(201).json({ report, issued });
  };
}
