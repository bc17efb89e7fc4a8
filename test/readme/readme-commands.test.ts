import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const README = readFileSync(`${ROOT}README.md`, 'utf8');

/** Every file a README command writes into the working folder: `-o F`, `--out F`, `--did-document F`. */
function writtenFiles(): string[] {
  const out = new Set<string>();
  for (const m of README.matchAll(/(?:\s-o|--out|--did-document)\s+(\.\/)?([\w./-]+)/g)) out.add(m[2]!);
  return [...out];
}

const ignored = (path: string): boolean => {
  try {
    execFileSync('git', ['check-ignore', '--no-index', '-q', path], { cwd: ROOT });
    return true;
  } catch {
    return false;
  }
};

describe('The README’s own commands leave the tree clean', () => {
  it('finds the files the quick start, gen-key and rotate-key write', () => {
    expect(writtenFiles()).toEqual(
      expect.arrayContaining([
        'issued.json',
        'secrets/issuer-key.json',
        'secrets/web-issuer-key.json',
        'secrets/did.json',
      ]),
    );
  });

  it.each(writtenFiles())('%s is git-ignored (a private key is never one `git add .` away from a commit)', (file) => {
    expect(ignored(file)).toBe(true);
  });

  it('(control) a source file is not ignored', () => {
    expect(ignored('packages/issuer/src/app.ts')).toBe(false);
  });

  it('the two gen-key examples write different key files', () => {
    const outs = [...README.matchAll(/npm run gen-key -- [^\n]*(?:\n[^\n]*)?--out\s+(\S+)/g)].map((m) => m[1]);
    expect(outs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(outs).size).toBe(outs.length);
  });

  it('the "What verified checks" table has no blank line inside it', () => {
    const section = README.slice(README.indexOf('## What "verified" checks'), README.indexOf('## HTTP API'));
    const rows = section.split('\n');
    const first = rows.findIndex((l) => l.startsWith('| Check'));
    const last = rows.findLastIndex((l) => l.startsWith('| `'));
    expect(rows.slice(first, last + 1).every((l) => l.startsWith('|'))).toBe(true);
  });
});
