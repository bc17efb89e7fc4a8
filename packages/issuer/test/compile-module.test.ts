/**
 * compileModule (src/compile-module.mjs: what `npm start` runs the service and its signing worker
 * from) reuses a module compiled from files that have not changed since, and compiles again when
 * any of them has: a repository source, an installed package's file, or that package's
 * `package.json` (which decides the file an import resolves to).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileModule } from '../src/compile-module.mjs';

const dir = mkdtempSync(join(tmpdir(), 'compile-module-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = join(dir, 'entry.ts');
const dep = join(dir, 'dep.ts');
const pkg = join(dir, 'node_modules', 'fake-package');
const out = join(dir, 'out', 'entry.mjs');
let imports = 0;
/** The compiled module's exports (a fresh import each time). */
const load = async (url: URL) => import(`${url.href}?n=${++imports}`) as Promise<{ answer: string; other: string }>;
const built = () => {
  const s = statSync(out);
  return `${s.ino}:${s.mtimeMs}`;
};
/** Sets a file's text, and its modification time a second later than before. */
function edit(file: string, text: string): void {
  const before = statSync(file).mtimeMs;
  writeFileSync(file, text);
  const later = new Date(before + 1000);
  utimesSync(file, later, later);
}

describe('compileModule reuses what it compiled until a file it was made from changes', () => {
  it('compiles once; reuses; compiles again after a source, a package file or a package.json changed', async () => {
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'fake-package', type: 'module', main: 'a.js' }));
    writeFileSync(join(pkg, 'a.js'), "export const other = 'a';\n");
    writeFileSync(join(pkg, 'b.js'), "export const other = 'b';\n");
    writeFileSync(dep, "export const answer: string = 'one';\n");
    writeFileSync(entry, "export { answer } from './dep.ts';\nexport { other } from 'fake-package';\n");

    const url = await compileModule(entry, out);
    expect(await load(url)).toMatchObject({ answer: 'one', other: 'a' });
    const manifest = JSON.parse(readFileSync(`${out}.inputs.json`, 'utf8'));
    expect(Object.keys(manifest.inputs).sort()).toEqual(
      [entry, dep, join(pkg, 'a.js'), join(pkg, 'package.json')].sort(),
    );

    // Nothing changed: the same file, not written again.
    const first = built();
    expect((await compileModule(entry, out)).href).toBe(url.href);
    expect(built()).toBe(first);

    // A source changed, same size: compiled again.
    edit(dep, "export const answer: string = 'two';\n");
    await compileModule(entry, out);
    expect(built()).not.toBe(first);
    expect(await load(url)).toMatchObject({ answer: 'two', other: 'a' });

    // The package's own file changed (an upgrade in place): compiled again.
    const second = built();
    edit(join(pkg, 'a.js'), "export const other = 'A';\n");
    await compileModule(entry, out);
    expect(built()).not.toBe(second);

    // Its package.json now points elsewhere: the module imports the new file.
    const third = built();
    edit(join(pkg, 'package.json'), JSON.stringify({ name: 'fake-package', type: 'module', main: 'b.js' }));
    await compileModule(entry, out);
    expect(built()).not.toBe(third);
    expect(await load(url)).toMatchObject({ answer: 'two', other: 'b' });

    // No manifest (an older module, or a write cut short): compiled again.
    const fourth = built();
    rmSync(`${out}.inputs.json`);
    await compileModule(entry, out);
    expect(built()).not.toBe(fourth);
    expect(JSON.parse(readFileSync(`${out}.inputs.json`, 'utf8')).inputs[join(pkg, 'b.js')]).toBeDefined();
  });
});
