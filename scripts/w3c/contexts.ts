/**
 * Prints a CONTEXTS_FILE for the W3C suites' run: the W3C examples v2 context, as published at
 * https://www.w3.org/ns/credentials/examples/v2 and as the suites' own loaders define it, pinned by
 * the SHA-256 the issuer checks (loadExtraContexts).
 */
import { createHash } from 'node:crypto';

const contexts: Record<string, unknown> = {
  'https://www.w3.org/ns/credentials/examples/v2': {
    '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' },
  },
};
const out: Record<string, { sha256: string; document: unknown }> = {};
for (const [url, document] of Object.entries(contexts))
  out[url] = { sha256: createHash('sha256').update(JSON.stringify(document)).digest('hex'), document };
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
