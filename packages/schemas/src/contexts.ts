import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder holding the bundled contexts and their manifest (`schemas/contexts`). */
export const CONTEXTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'schemas', 'contexts');

/** One bundled context as listed in `schemas/contexts/manifest.json`. */
export interface ContextManifestEntry {
  url: string;
  file: string;
  sha256: string;
  from?: string;
}

/** A context whose bytes did not match the pinned digest (T14). */
export class ContextIntegrityError extends Error {
  readonly url: string;
  constructor(url: string, message: string) {
    super(message);
    this.name = 'ContextIntegrityError';
    this.url = url;
  }
}

/**
 * Reads every context listed in a manifest and checks its SHA-256 against the pinned digest.
 * Throws {@link ContextIntegrityError} on the first mismatch or unreadable file, so a service
 * calling it at start-up refuses to start (SECURITY-CHECKLIST T14).
 *
 * @example
 * const contexts = loadPinnedContexts();
 * contexts.get('https://www.w3.org/ns/credentials/v2'); // parsed JSON-LD context document
 */
export function loadPinnedContexts(dir: string = CONTEXTS_DIR): Map<string, unknown> {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    contexts: ContextManifestEntry[];
  };
  const out = new Map<string, unknown>();
  for (const entry of manifest.contexts) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(dir, entry.file));
    } catch {
      throw new ContextIntegrityError(entry.url, `Bundled context ${entry.url} is missing (${entry.file}).`);
    }
    const digest = createHash('sha256').update(bytes).digest('hex');
    if (digest !== entry.sha256) {
      throw new ContextIntegrityError(
        entry.url,
        `Bundled context ${entry.url} (${entry.file}) does not match its pinned SHA-256: expected ${entry.sha256}, got ${digest}. Refusing to use it.`,
      );
    }
    out.set(entry.url, freezeContext(JSON.parse(bytes.toString('utf8'))));
  }
  return out;
}

/**
 * Adds operator-supplied contexts (DESIGN-NOTES "Contexts: pinned, with an operator allow-list"):
 * a JSON file `{ "<url>": { "sha256": "...", "document": {...} } }` whose documents are checked
 * against their own pinned digest of their canonical JSON text.
 *
 * @example
 * const extra = loadExtraContexts(JSON.parse(readFileSync('contexts.json', 'utf8')));
 */
export function loadExtraContexts(spec: Record<string, { sha256: string; document: unknown }>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [url, { sha256, document }] of Object.entries(spec)) {
    const digest = createHash('sha256').update(JSON.stringify(document)).digest('hex');
    if (digest !== sha256) {
      throw new ContextIntegrityError(
        url,
        `Configured context ${url} does not match its pinned SHA-256 (expected ${sha256}, got ${digest}).`,
      );
    }
    out.set(url, freezeContext(document));
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Freezes a context document, except the list that is its top-level `@context`: jsonld.js 9
 * (`ContextResolver` `_resolveContextUrls`) writes each URL entry of a remote context's
 * `@context` list back in place, resolved against the context's URL (an absolute URL to itself),
 * which a frozen list turns into a TypeError. Security v2 imports Security v1 that way. The
 * list's objects and everything else stay frozen.
 */
function freezeContext<T>(doc: T): T {
  const context = (doc as { '@context'?: unknown } | null)?.['@context'];
  if (!Array.isArray(context)) return deepFreeze(doc);
  for (const v of context) deepFreeze(v);
  for (const [key, v] of Object.entries(doc as object)) if (key !== '@context') deepFreeze(v);
  return Object.freeze(doc);
}
