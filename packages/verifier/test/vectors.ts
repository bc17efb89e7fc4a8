import { readdirSync, readFileSync } from 'node:fs';

/** One shared vector file (STYLE.md "Vectors"): `{ title, spec, input, expected }`. */
export interface Vector<I = Record<string, unknown>, E = { status: string; code?: string }> {
  file: string;
  title: string;
  spec: string;
  input: I;
  expected: E;
}

/** Every vector in `test/vectors/<folder>/`, in file-name order. */
export function loadVectors<I = Record<string, unknown>, E = { status: string; code?: string }>(
  folder: string,
): Vector<I, E>[] {
  const dir = new URL(`../../../test/vectors/${folder}/`, import.meta.url);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, ...JSON.parse(readFileSync(new URL(file, dir), 'utf8')) }));
}
