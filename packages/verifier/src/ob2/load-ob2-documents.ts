import { type Problem, problem } from '@repo/core';
import { isObject } from '@repo/schemas';
import { fetchOb2Document, type Ob2Fetcher } from './ob2-fetcher.ts';
import { isHttpUrl } from './ob2-values.ts';

/** A linked badge object got, or why not: `unchecked` when it could not be fetched (could not check). */
export type Ob2Loaded =
  | { ok: true; doc: Record<string, unknown>; hosted: boolean }
  | { ok: false; unchecked: boolean; problem: Problem };

/**
 * Gets the document an OB 2.0 `@id` value names (OB 2.0 "Open Badges in Linked Data"): fetched
 * from its http(s) `id` when `preferHosted` or when only the IRI is given — "verifiers should fetch
 * the issuer Profile from its HTTP id" and, for hosted assertions, trust only hosted copies — else
 * the embedded copy. A fetched document must be a JSON object whose `id` (when it has one) is the
 * URL asked for. `what` names it in problems ("BadgeClass", "issuer Profile").
 *
 * @example
 * const badge = await loadOb2Document(fetchOb2, assertion.badge, { what: 'BadgeClass', pointer: '/badge', preferHosted: true });
 */
export async function loadOb2Document(
  fetchOb2: Ob2Fetcher,
  value: unknown,
  opts: { what: string; pointer: string; preferHosted: boolean },
): Promise<Ob2Loaded> {
  const { what, pointer } = opts;
  const id = typeof value === 'string' ? value : isObject(value) && typeof value.id === 'string' ? value.id : undefined;
  if (isObject(value) && !(opts.preferHosted && isHttpUrl(id))) return { ok: true, doc: value, hosted: false };
  if (!isHttpUrl(id))
    return {
      ok: false,
      unchecked: false,
      problem: problem('MALFORMED_VALUE_ERROR', `The ${what} is neither embedded nor an http(s) URL.`, pointer),
    };
  const got = await fetchOb2Document(fetchOb2, id);
  if (!got.ok)
    return {
      ok: false,
      unchecked: true,
      problem: problem(
        'BADGE_RETRIEVAL_ERROR',
        `The ${what} at ${id} could not be fetched (${got.gone ? 'it answered 410 Gone' : got.reason}), so the badge could not be checked.`,
        pointer,
      ),
    };
  if (!isObject(got.doc))
    return {
      ok: false,
      unchecked: false,
      problem: problem('MALFORMED_VALUE_ERROR', `The ${what} at ${id} is not a JSON object.`, pointer),
    };
  if (typeof got.doc.id === 'string' && got.doc.id !== id)
    return {
      ok: false,
      unchecked: false,
      problem: problem('MALFORMED_VALUE_ERROR', `The ${what} served at ${id} says its id is ${got.doc.id}.`, pointer),
    };
  return { ok: true, doc: got.doc, hosted: true };
}
