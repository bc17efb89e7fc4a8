import { isUrl } from '@repo/schemas';
import { type Problem, problem } from '../problems.ts';
import {
  type DeclaredDigest,
  matchDigests,
  matchPublishedDigest,
  parseDigestMultibase,
  parseDigestSri,
} from './resource-digest.ts';

/** One `relatedResource` entry, checked for shape, with its digests decoded. */
export interface RelatedResource {
  id: string;
  /** JSON Pointer of the entry in the credential. */
  pointer: string;
  declared: DeclaredDigest[];
}

/** What a digest check found for one related resource. */
export interface RelatedResourceOutcome {
  id: string;
  pointer: string;
  /** `match`/`mismatch` once the resource was obtained; `unchecked` when it could not be. */
  outcome: 'match' | 'mismatch' | 'unchecked';
}

/**
 * Reads `relatedResource` (VC Data Model 2.0 §5.3 "Integrity of Related Resources"): one or more
 * objects, each with an `id` URL unique in the list and at least one of `digestSRI` /
 * `digestMultibase` in a valid form (`mediaType` optional). Returns the entries, or the first
 * problem (`MALFORMED_VALUE_ERROR` with a pointer under `prefix`). No property → no entries.
 *
 * @example
 * const r = readRelatedResources(credential, '/credential');
 * if ('problem' in r) throw r.problem;
 */
export function readRelatedResources(
  credential: Record<string, unknown>,
  prefix = '',
): { entries: RelatedResource[] } | { problem: Problem } {
  const value = credential.relatedResource;
  if (value === undefined) return { entries: [] };
  const list = Array.isArray(value) ? value : [value];
  const at = (i: number) => (Array.isArray(value) ? `${prefix}/relatedResource/${i}` : `${prefix}/relatedResource`);
  const fail = (detail: string, pointer: string) => ({ problem: problem('MALFORMED_VALUE_ERROR', detail, pointer) });
  if (list.length === 0) return fail('relatedResource must name at least one resource.', `${prefix}/relatedResource`);
  const seen = new Set<string>();
  const entries: RelatedResource[] = [];
  for (const [i, entry] of list.entries()) {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry))
      return fail('Each relatedResource must be an object with an id and a digest.', at(i));
    const { id, digestSRI, digestMultibase, mediaType } = entry as Record<string, unknown>;
    if (!isUrl(id)) return fail('Each relatedResource needs an id that is a URL.', `${at(i)}/id`);
    if (seen.has(id)) return fail(`relatedResource ids must be unique; ${id} appears twice.`, `${at(i)}/id`);
    seen.add(id);
    if (mediaType !== undefined && (typeof mediaType !== 'string' || !/^[\w.+-]+\/[\w.+-]+/.test(mediaType)))
      return fail('mediaType must be a media type such as "application/ld+json".', `${at(i)}/mediaType`);
    if (digestSRI === undefined && digestMultibase === undefined)
      return fail('Each relatedResource must carry a digestSRI or a digestMultibase.', at(i));
    const declared: DeclaredDigest[] = [];
    for (const [name, parse, raw] of [
      ['digestSRI', parseDigestSri, digestSRI],
      ['digestMultibase', parseDigestMultibase, digestMultibase],
    ] as const) {
      if (raw === undefined) continue;
      const parsed = parse(raw);
      if (typeof parsed === 'string') return fail(parsed, `${at(i)}/${name}`);
      declared.push(...parsed);
    }
    entries.push({ id, pointer: at(i), declared });
  }
  return { entries };
}

/**
 * Checks each entry's digests against the resource when it can be had: first the digests the
 * specifications publish (the VC 2.0 base context), then `obtain(id)` (the issuer's own records,
 * a guarded fetch…), which returns the resource's bytes or undefined. Never throws for a failed
 * `obtain`: that resource is `unchecked`.
 *
 * @example
 * const outcomes = await checkRelatedResourceDigests(entries, async (id) => ownRecordBytes(id));
 */
export async function checkRelatedResourceDigests(
  entries: readonly RelatedResource[],
  obtain: (id: string) => Promise<Uint8Array | undefined> = async () => undefined,
): Promise<RelatedResourceOutcome[]> {
  const out: RelatedResourceOutcome[] = [];
  for (const e of entries) {
    const published = matchPublishedDigest(e.id, e.declared);
    if (published !== 'unknown') {
      out.push({ id: e.id, pointer: e.pointer, outcome: published });
      continue;
    }
    let bytes: Uint8Array | undefined;
    try {
      bytes = await obtain(e.id);
    } catch {
      bytes = undefined;
    }
    if (bytes === undefined) out.push({ id: e.id, pointer: e.pointer, outcome: 'unchecked' });
    else out.push({ id: e.id, pointer: e.pointer, outcome: matchDigests(bytes, e.declared).ok ? 'match' : 'mismatch' });
  }
  return out;
}
