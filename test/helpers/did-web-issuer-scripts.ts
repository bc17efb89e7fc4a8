import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The development token the real server accepts when no tokens are configured. */
export const DEV_TOKEN = 'dev-token-NOT-FOR-PRODUCTION';
/** The public base URL and did:web of the issuer the key-management e2e tests run. */
export const PUBLIC = 'https://issuer.example.test';
export const DID = 'did:web:issuer.example.test';

const ROOT = new URL('../..', import.meta.url).pathname;

/** The OB 3.0 certification fixture, issued by {@link DID}. */
export function didWebFixture(): Record<string, any> {
  const fixture = JSON.parse(readFileSync(new URL('../fixtures/ob3-certification.json', import.meta.url), 'utf8'));
  return { ...fixture, issuer: { ...fixture.issuer, id: DID } };
}

/** `node --import tsx scripts/<name>.ts …args`, as `npm run <name> -- …` runs it. */
export function script(name: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', `${name}.ts`), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}
