import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** npm's fixed tarball timestamp (1985-10-26T08:15:00Z), so the same directory packs to the same bytes. */
const MTIME = 499162500;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** Splits a path into ustar `prefix` (≤ 155) and `name` (≤ 100) at a slash (POSIX.1-1988 ustar). */
function splitPath(path: string): [prefix: string, name: string] {
  if (Buffer.byteLength(path) <= 100) return ['', path];
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return [prefix, name];
  }
  throw new Error(`path too long for a ustar header: ${path}`);
}

function header(path: string, size: number, mode: number): Buffer {
  const h = Buffer.alloc(512);
  const [prefix, name] = splitPath(path);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(mode, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(MTIME, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\u000000', 257, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => statSync(join(dir, p)).isFile())
    .sort();
}

/**
 * A gzipped ustar tarball of every file in `dir`, under `package/` as npm tarballs are laid out
 * (files only; executables keep their x bit). Used to serve the exact installed package
 * directories from the test's loopback registry.
 *
 * @example
 * const tgz = packDirectory('node_modules/.pnpm/jose@6.2.17/node_modules/jose');
 */
export function packDirectory(dir: string): Buffer {
  const blocks: Buffer[] = [];
  for (const file of filesUnder(dir)) {
    const full = join(dir, file);
    const data = readFileSync(full);
    const mode = statSync(full).mode & 0o111 ? 0o755 : 0o644;
    blocks.push(header(`package/${relative(dir, full).split('\\').join('/')}`, data.length, mode), data);
    const pad = (512 - (data.length % 512)) % 512;
    if (pad) blocks.push(Buffer.alloc(pad));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}
