/**
 * Active contexts processed once and reused. jsonld.js processes a document's contexts on every
 * call and, for a type-scoped context with `@propagate: false` (the Open Badges 3.0 context has
 * one per type), deep-clones the active context first, which also misses its own processed-context
 * cache. Here the processing itself is still jsonld.js's (`lib/context.js` `process`, same inputs),
 * but its results are kept: the top-level context per `@context` value (re-checked on every use:
 * the loader must still answer each URL with the same document), and every scoped context per
 * (active context, scoped context, flags). Processed contexts are never changed after they are
 * made, so sharing them gives the same answers as recomputing them.
 */
import type { DocumentLoader } from '../../loader/document-loader.ts';
import { type ActiveContext, ContextResolver, contextApi, type ProcessOptions } from './jsonld-parts.ts';

/** Thrown when the fast conversion cannot be sure of the stock answer; the caller falls back. */
export class Unsupported extends Error {}

const MAX_TOP = 64;

interface Top {
  context: ActiveContext;
  /** Every document the loader answered while the context was processed. */
  loaded: [url: string, document: unknown][];
}

const tops = new Map<string, Promise<Top>>();
/**
 * Scoped results by (active context, scoped context, flags). Documents choose which type-scoped
 * contexts combine (a node's types), so the number of contexts is bounded: past the limit, all
 * are forgotten and made again as needed.
 */
let scoped = new WeakMap<ActiveContext, Map<unknown, Map<string, ActiveContext>>>();
let scopedCount = 0;
const MAX_SCOPED = 1024;

function options(documentLoader: ProcessOptions['documentLoader']): ProcessOptions {
  const cache = new Map<string, unknown>();
  return {
    documentLoader,
    base: null,
    contextResolver: new ContextResolver({ sharedCache: cache }),
    // Any event at all (the stock pipeline's safe mode refuses most): not ours to decide.
    eventHandler: () => {
      throw new Unsupported('jsonld event while processing a context');
    },
  };
}

async function build(context: unknown, documentLoader: DocumentLoader): Promise<Top> {
  const loaded: Top['loaded'] = [];
  const recording = async (url: string) => {
    const answer = await documentLoader(url);
    loaded.push([url, answer.document]);
    return answer;
  };
  const initial = contextApi.getInitialContext({});
  const processed = await contextApi.process({ activeCtx: initial, localCtx: context, options: options(recording) });
  return { context: processed, loaded };
}

async function stillSame(top: Top, documentLoader: DocumentLoader): Promise<boolean> {
  for (const [url, document] of top.loaded) {
    if ((await documentLoader(url)).document !== document) return false;
  }
  return true;
}

/**
 * The active context a document's `@context` makes (URLs only: an inline context is
 * {@link Unsupported}), as jsonld.js processes it from the initial context with `base: null`.
 *
 * @example
 * const ctx = await topContext(['https://www.w3.org/ns/credentials/v2'], loader);
 */
export async function topContext(context: unknown, documentLoader: DocumentLoader): Promise<ActiveContext> {
  const urls = typeof context === 'string' ? [context] : context;
  if (!Array.isArray(urls) || urls.length === 0 || !urls.every((u) => typeof u === 'string')) {
    throw new Unsupported('only a @context of URLs');
  }
  // JSON, not a join: ['a\nb'] is one URL (which the loader refuses), not the contexts a and b
  const key = JSON.stringify(urls);
  let top = tops.get(key);
  if (top !== undefined) {
    const t = await top.catch(() => undefined);
    if (t !== undefined && (await stillSame(t, documentLoader))) return t.context;
  }
  if (tops.size >= MAX_TOP) tops.clear();
  top = build(urls, documentLoader);
  tops.set(key, top);
  top.catch(() => tops.delete(key));
  return (await top).context;
}

const flagsOf = (propagate: boolean, overrideProtected: boolean) =>
  propagate ? (overrideProtected ? 'tt' : 'tf') : overrideProtected ? 'ft' : 'ff';

/**
 * {@link scopedContext}'s answer when it has already been computed (and is still kept), else
 * undefined: the synchronous half, for a caller that computes the rest with {@link scopedContext}.
 *
 * @example
 * const next = cachedScopedContext(ctx, definition['@context'], false, false) ?? (await scopedContext(ctx, definition['@context'], false, false));
 */
export function cachedScopedContext(
  activeCtx: ActiveContext,
  localCtx: unknown,
  propagate: boolean,
  overrideProtected: boolean,
): ActiveContext | undefined {
  return scoped.get(activeCtx)?.get(localCtx)?.get(flagsOf(propagate, overrideProtected));
}

/**
 * `activeCtx` with a scoped context applied, as jsonld.js expansion applies it (property-scoped:
 * `propagate` and `overrideProtected`; type-scoped: `propagate: false`). A scoped context that
 * would load a URL is {@link Unsupported}.
 *
 * @example
 * const next = await scopedContext(ctx, definition['@context'], false, false);
 */
export async function scopedContext(
  activeCtx: ActiveContext,
  localCtx: unknown,
  propagate: boolean,
  overrideProtected: boolean,
): Promise<ActiveContext> {
  const hit = cachedScopedContext(activeCtx, localCtx, propagate, overrideProtected);
  if (hit !== undefined) return hit;
  const noLoading = async (): Promise<never> => {
    throw new Unsupported('a scoped context that loads a URL');
  };
  const result = await contextApi.process({
    activeCtx,
    localCtx,
    options: options(noLoading),
    propagate,
    overrideProtected,
  });
  let byLocal = scoped.get(activeCtx);
  if (byLocal === undefined) {
    byLocal = new Map();
    scoped.set(activeCtx, byLocal);
  }
  let byFlags = byLocal.get(localCtx);
  if (byFlags === undefined) {
    byFlags = new Map();
    byLocal.set(localCtx, byFlags);
  }
  byFlags.set(flagsOf(propagate, overrideProtected), result);
  if (++scopedCount > MAX_SCOPED) {
    scoped = new WeakMap();
    scopedCount = 0;
  }
  return result;
}
