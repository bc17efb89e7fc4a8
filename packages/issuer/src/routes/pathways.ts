import { isDeepStrictEqual } from 'node:util';
import { type Pathway, validatePathway } from '@repo/schemas';
import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem-error.ts';

/** Every published pathway. */
export async function listPathways(deps: AppDeps): Promise<Pathway[]> {
  return (await deps.store.listDocuments('pathway')) as Pathway[];
}

/** One published pathway, or a 404 problem. */
export async function getPathwayOr404(deps: AppDeps, id: string): Promise<Pathway> {
  const pathway = (await deps.store.getDocument('pathway', id)) as Pathway | undefined;
  if (!pathway) throw new ProblemError(404, 'NOT_FOUND', `No pathway with id ${id} is published here.`);
  return pathway;
}

/**
 * `POST /pathways` (scope `write:/pathways`): publishes a pathway after validating it
 * (422 with a JSON Pointer at the offending rule). Publishing the same definition again is a
 * no-op (200); a different definition under an existing id is 409 — pathways are referenced by
 * the credentials issued from them, so they are never silently changed. A renewal pathway also
 * teaches the service's verifier the certification's grace period.
 *
 * @example
 * // POST /pathways  (body: schemas/pathways/manufacturing-aas.json)
 */
export function publishPathway(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const result = validatePathway(req.body);
    if (!result.valid) {
      const first = result.errors[0]!;
      throw new ProblemError(422, 'MALFORMED_VALUE_ERROR', `The pathway is not valid: ${first.message}`, {
        pointer: first.pointer,
        extra: { errors: result.errors },
      });
    }
    const pathway = req.body as Pathway;
    const existing = await deps.lock.run(async () => {
      const current = await deps.store.getDocument('pathway', pathway.id);
      if (current === undefined) await deps.store.putDocument('pathway', pathway.id, pathway);
      return current;
    });
    if (existing !== undefined && !isDeepStrictEqual(existing, pathway)) {
      throw new ProblemError(
        409,
        'CONFLICT',
        `A different pathway with id ${pathway.id} is already published; publish a new version under a new id.`,
        {
          pointer: '/id',
        },
      );
    }
    if (existing === undefined && pathway.renewal) {
      deps.useRenewalPolicies((await listPathways(deps)).flatMap((p) => (p.renewal ? [p.renewal] : [])));
    }
    res.status(existing === undefined ? 201 : 200).json(pathway);
  };
}

/** `GET /pathways`: a summary of every published pathway (public). */
export function getPathways(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    const pathways = await listPathways(deps);
    res.status(200).json({
      pathways: pathways.map((p) => ({
        id: p.id,
        name: p.name,
        description: p.description,
        destination: {
          kind: p.destination.kind,
          achievement: { id: p.destination.achievement.id, name: p.destination.achievement.name },
        },
      })),
    });
  };
}

/** `GET /pathways/:id`: one pathway (public). */
export function getPathway(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    res.status(200).json(await getPathwayOr404(deps, String(req.params.id)));
  };
}
