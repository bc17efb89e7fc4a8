import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKey, type SerializedSigningKey } from '@repo/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_KEY } from '../../../test/helpers/issuer-app.ts';
import { runIssuerExpectingExit, startIssuer, tempDataDir } from '../../../test/helpers/issuer-process.ts';
import { DEV_TOKEN, EXAMPLE_KEY_FILE, SCOPES } from '../src/index.ts';

const PROD_TOKEN = 'prod-token-3b9f1e7a5c2d8e4f6a0b';
const PROD_TOKENS = JSON.stringify([{ name: 'ops', token: PROD_TOKEN, scopes: Object.values(SCOPES) }]);

const data = tempDataDir();
const file = (name: string, contents: string | object) => {
  const path = join(data.dir, name);
  writeFileSync(path, typeof contents === 'string' ? contents : JSON.stringify(contents, null, 2));
  return path;
};
let ownKey: SerializedSigningKey;
let ownKeyFile: string;
beforeAll(async () => {
  ownKey = (await generateSigningKey()).serialized;
  ownKeyFile = file('own-key.json', ownKey);
});
afterAll(() => data.cleanup());

/** Secrets that must never be printed, whatever goes wrong. */
const secrets = () => [EXAMPLE_KEY.secretKeyMultibase, ownKey.secretKeyMultibase, PROD_TOKEN];

/** Runs the server entry, expects it to refuse to start, and returns what it printed. */
async function expectRefusal(env: Record<string, string>, message: RegExp): Promise<string> {
  const dataDir = join(data.dir, `data-${Math.random().toString(36).slice(2)}`);
  const { code, output } = await runIssuerExpectingExit({ DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env });
  expect(code, output).not.toBe(0);
  expect(code, output).not.toBeNull();
  expect(output).toMatch(message);
  expect(output).not.toContain('issuer listening');
  for (const secret of secrets()) expect(output).not.toContain(secret);
  // Refused before the database was created: nothing could be issued, signed or not.
  expect(existsSync(join(dataDir, 'db'))).toBe(false);
  return output;
}

describe.concurrent('The signing key must be usable before the issuer starts (SECURITY-CHECKLIST F8)', () => {
  it('F8 a missing key file → refuses to start', async () => {
    await expectRefusal(
      { ISSUER_KEY_FILE: join(data.dir, 'no-such-key.json') },
      /Cannot read the signing key file .*no-such-key\.json \(ENOENT\)/,
    );
  });

  it('F8 an unreadable key file (a directory) → refuses to start', async () => {
    const dir = join(data.dir, 'key-is-a-directory');
    mkdirSync(dir);
    await expectRefusal({ ISSUER_KEY_FILE: dir }, /Cannot read the signing key file .*\(EISDIR\)/);
  });

  it('F8 a key file that is not JSON → refuses to start', async () => {
    await expectRefusal(
      { ISSUER_KEY_FILE: file('garbage.json', `garbage ${ownKey.secretKeyMultibase} {{{`) },
      /is not JSON/,
    );
  });

  it('F8 a key file with fields missing → refuses to start', async () => {
    const { secretKeyMultibase: _, ...noSecret } = ownKey;
    await expectRefusal({ ISSUER_KEY_FILE: file('no-secret.json', noSecret) }, /missing "secretKeyMultibase"/);
  });

  it('F8 a key file whose secret is not a key → refuses to start without echoing it', async () => {
    const bad = { ...ownKey, secretKeyMultibase: 'zNotReallyASecretKeyButPrintMeAnyway' };
    const output = await expectRefusal({ ISSUER_KEY_FILE: file('bad-secret.json', bad) }, /not usable/);
    expect(output).not.toContain(bad.secretKeyMultibase);
  });

  it("F8 a key file whose secret belongs to another key → refuses to start, printing neither key's secret", async () => {
    const mismatched = { ...EXAMPLE_KEY, secretKeyMultibase: ownKey.secretKeyMultibase };
    await expectRefusal(
      { ISSUER_KEY_FILE: file('mismatched.json', mismatched) },
      /not usable|does not match|not hold a valid/,
    );
  });
});

describe.concurrent('Development material is refused in production (DESIGN-NOTES "Development defaults are visible, never silent")', () => {
  const production = { NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://issuer.example.test' };

  it('refuses the example key (the default) with NODE_ENV=production', async () => {
    await expectRefusal(
      { ...production, ISSUER_TOKENS: PROD_TOKENS },
      /example key in keys-example\/ is refused in production/,
    );
  });

  it('refuses the example key named explicitly with ISSUER_PRODUCTION=true', async () => {
    await expectRefusal(
      {
        ISSUER_PRODUCTION: 'true',
        PUBLIC_BASE_URL: 'https://issuer.example.test',
        ISSUER_TOKENS: PROD_TOKENS,
        ISSUER_KEY_FILE: EXAMPLE_KEY_FILE,
      },
      /example key in keys-example\/ is refused in production/,
    );
  });

  it('refuses a copy of the example key at another path', async () => {
    const copy = join(data.dir, 'copied-example-key.json');
    copyFileSync(EXAMPLE_KEY_FILE, copy);
    await expectRefusal({ ...production, ISSUER_TOKENS: PROD_TOKENS, ISSUER_KEY_FILE: copy }, /example key/);
  });

  it('refuses the development token', async () => {
    const tokens = JSON.stringify([{ name: 'dev', token: DEV_TOKEN, scopes: Object.values(SCOPES) }]);
    await expectRefusal(
      { ...production, ISSUER_TOKENS: tokens, ISSUER_KEY_FILE: ownKeyFile },
      /development token, refused in production/,
    );
  });

  it('refuses the development token given by its SHA-256', async () => {
    const sha256 = createHash('sha256').update(DEV_TOKEN).digest('hex');
    const tokens = JSON.stringify([{ name: 'dev', sha256, scopes: Object.values(SCOPES) }]);
    await expectRefusal(
      { ...production, ISSUER_TOKENS: tokens, ISSUER_KEY_FILE: ownKeyFile },
      /development token, refused in production/,
    );
  });

  it('refuses to fall back to the development token when no tokens are configured', async () => {
    await expectRefusal({ ...production, ISSUER_KEY_FILE: ownKeyFile }, /ISSUER_TOKENS is required in production/);
  });

  it('starts in production with its own key and tokens, and says nothing about development material', async () => {
    const dataDir = join(data.dir, 'prod-ok');
    const server = await startIssuer({
      ...production,
      DATA_DIR: dataDir,
      ISSUER_TOKENS: PROD_TOKENS,
      ISSUER_KEY_FILE: ownKeyFile,
    });
    try {
      const output = server.output();
      expect(output).not.toContain('DEVELOPMENT MODE');
      for (const secret of secrets()) expect(output).not.toContain(secret);
      const res = await fetch(`${server.url}/credentials/issue`, {
        method: 'POST',
        headers: { authorization: `Bearer ${DEV_TOKEN}` },
      });
      expect(res.status).toBe(401);
    } finally {
      await server.stop();
    }
  });

  it('CHALLENGE_LIFETIME_MS reaches the challenge store of the real server', async () => {
    const server = await startIssuer({ DATA_DIR: join(data.dir, 'challenge-life'), CHALLENGE_LIFETIME_MS: '60000' });
    try {
      const before = Date.now();
      const res = await fetch(`${server.url}/challenges`, { method: 'POST' });
      const { expires } = (await res.json()) as { expires: string };
      const life = Date.parse(expires) - before;
      expect(life).toBeGreaterThan(55_000);
      expect(life).toBeLessThan(65_000);
    } finally {
      await server.stop();
    }
  });

  it('in development, says loudly that it uses the example key and the development token', async () => {
    const server = await startIssuer({ DATA_DIR: join(data.dir, 'dev-ok') });
    try {
      const warnings = server
        .output()
        .split('\n')
        .filter((l) => l.includes('DEVELOPMENT MODE'));
      expect(warnings).toHaveLength(2);
      expect(warnings.every((l) => JSON.parse(l).level === 40)).toBe(true);
      expect(server.output()).not.toContain(EXAMPLE_KEY.secretKeyMultibase);
      // K1: no bearer token in the log, the published development one included.
      expect(server.output()).not.toContain(DEV_TOKEN);
      expect(warnings.some((l) => l.includes('development bearer token'))).toBe(true);
    } finally {
      await server.stop();
    }
  });
});

describe.concurrent('Operator contexts are pinned at start-up (SECURITY-CHECKLIST T14)', () => {
  // T14 for the bundled contexts (tampered or missing file → loadPinnedContexts throws) is covered
  // in packages/schemas/test/contexts.test.ts; here the server's own use of a contexts file.
  const document = { '@context': { ex: 'https://harbourline-safety.example/vocab#' } };
  const sha256 = createHash('sha256').update(JSON.stringify(document)).digest('hex');

  it('T14 a contexts file whose document does not match its pinned SHA-256 → refuses to start', async () => {
    const tampered = {
      'https://harbourline-safety.example/ctx/v1': {
        sha256,
        document: { '@context': { ex: 'https://attacker.example/vocab#' } },
      },
    };
    await expectRefusal(
      { CONTEXTS_FILE: file('contexts-tampered.json', tampered) },
      /does not match its pinned SHA-256/,
    );
  });
});
