/**
 * Fails when a workspace package depends on another against the one-way order
 * schemas → core → verifier → pathways → issuer (STYLE.md "Dependencies point one way"), either in its
 * package.json or by importing it in source.
 *
 * @example node --import tsx scripts/check-deps.ts
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ORDER = ['schemas', 'core', 'verifier', 'pathways', 'issuer'];
const problems: string[] = [];

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

for (const [rank, name] of ORDER.entries()) {
  const dir = join(root, 'packages', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const allowed = new Set(ORDER.slice(0, rank).map((n) => `@repo/${n}`));
  for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })) {
    if (dep.startsWith('@repo/') && !allowed.has(dep)) problems.push(`packages/${name}/package.json depends on ${dep}`);
  }
  for (const file of files(join(dir, 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/from '(@repo\/[a-z-]+)'/g)) {
      if (!allowed.has(m[1]!)) problems.push(`${file.slice(root.length + 1)} imports ${m[1]}`);
    }
    for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.\.\/){3,}[^']*'/g)) {
      problems.push(`${file.slice(root.length + 1)} reaches outside its package: ${m[0]}`);
    }
  }
}
if (problems.length > 0) {
  console.error(
    `Dependency direction violated (schemas → core → verifier → pathways → issuer):\n  ${problems.join('\n  ')}`,
  );
  process.exit(1);
}
console.log('check-deps: dependencies point one way (schemas → core → verifier → pathways → issuer)');
