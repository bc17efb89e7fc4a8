import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CONTEXTS_DIR,
  ContextIntegrityError,
  type ContextManifestEntry,
  loadExtraContexts,
  loadPinnedContexts,
} from '../src/index.ts';

const manifest = JSON.parse(readFileSync(join(CONTEXTS_DIR, 'manifest.json'), 'utf8')) as {
  contexts: ContextManifestEntry[];
};

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A private copy of the bundled contexts that a test may damage. */
function copyOfContexts(): string {
  const dir = mkdtempSync(join(tmpdir(), 'contexts-'));
  temporary.push(dir);
  cpSync(CONTEXTS_DIR, dir, { recursive: true });
  return dir;
}

describe('Pinned JSON-LD contexts (SHA-256 manifest, SECURITY-CHECKLIST T14)', () => {
  it('loads every context listed in the manifest', () => {
    const contexts = loadPinnedContexts();
    expect([...contexts.keys()]).toEqual(manifest.contexts.map((e) => e.url));
    for (const entry of manifest.contexts) {
      const document = contexts.get(entry.url) as { '@context'?: unknown };
      expect(document['@context'], entry.url).toBeDefined();
      expect(Object.isFrozen(document), entry.url).toBe(true);
    }
  });

  it('bundles the CLR 2.0 context 2.0.1 byte-for-byte as pinned', () => {
    const entry = manifest.contexts.find(
      (e) => e.url === 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
    );
    expect(entry).toMatchObject({ file: 'clr-v2p0-context-2.0.1.json', from: '1EdTech CLR 2.0 spec (hand-kept)' });
    const bytes = readFileSync(join(CONTEXTS_DIR, entry!.file));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry!.sha256);
    const clr = loadPinnedContexts().get(entry!.url) as { '@context': Record<string, unknown> };
    expect(Object.keys(clr['@context'])).toEqual(['id', 'type', 'ClrCredential', 'ClrSubject', 'Association']);
  });

  it('T14 refuses a bundled context whose SHA-256 does not match', () => {
    const dir = copyOfContexts();
    const file = join(dir, manifest.contexts[0]!.file);
    const bytes = readFileSync(file);
    bytes[bytes.length - 2] ^= 0x01;
    writeFileSync(file, bytes);
    expect(() => loadPinnedContexts(dir)).toThrow(ContextIntegrityError);
    try {
      loadPinnedContexts(dir);
    } catch (error) {
      expect((error as ContextIntegrityError).url).toBe(manifest.contexts[0]!.url);
      expect((error as Error).message).toContain('does not match its pinned SHA-256');
    }
  });

  it('T14 refuses to start when a bundled context file is missing', () => {
    const dir = copyOfContexts();
    const last = manifest.contexts.at(-1)!;
    unlinkSync(join(dir, last.file));
    expect(() => loadPinnedContexts(dir)).toThrow(ContextIntegrityError);
  });

  it('accepts an untouched copy of the bundled contexts', () => {
    expect(loadPinnedContexts(copyOfContexts()).size).toBe(manifest.contexts.length);
  });
});

describe('Operator-supplied contexts (pinned by digest of their JSON text)', () => {
  const document = { '@context': { ex: 'https://harbourline-safety.example/vocab#' } };
  const sha256 = createHash('sha256').update(JSON.stringify(document)).digest('hex');

  it('loads a context whose digest matches', () => {
    const extra = loadExtraContexts({ 'https://harbourline-safety.example/ctx/v1': { sha256, document } });
    expect(extra.get('https://harbourline-safety.example/ctx/v1')).toEqual(document);
  });

  it('refuses a context whose digest does not match', () => {
    expect(() =>
      loadExtraContexts({ 'https://harbourline-safety.example/ctx/v1': { sha256: '0'.repeat(64), document } }),
    ).toThrow(ContextIntegrityError);
  });
});
