import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../../../test/helpers/issuer-process.ts';
import { ConfigError, DEV_TOKEN, EXAMPLE_KEY_FILE, loadConfig, SCOPES } from '../src/index.ts';

const dir = tempDataDir();
afterAll(() => dir.cleanup());

const GOOD_TOKEN = 'ops-token-5e8a1c3f7b9d2e4a';
const tokens = (list: unknown) => JSON.stringify(list);
const allScopes = Object.values(SCOPES);

/** The problems loadConfig reports for `env`, or [] when it accepts it. */
function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env, dir.dir);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/^Invalid configuration:/);
    return (error as ConfigError).problems;
  }
}

function configFile(name: string, contents: unknown): string {
  writeFileSync(join(dir.dir, name), typeof contents === 'string' ? contents : JSON.stringify(contents));
  return name;
}

describe('loadConfig: development defaults', () => {
  it('accepts an empty environment, with the example key and the development token announced', () => {
    const config = loadConfig({}, dir.dir);
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      dataDir: join(dir.dir, 'data'),
      publicBaseUrl: 'http://localhost:8080',
      keyFile: EXAMPLE_KEY_FILE,
      production: false,
      statusListTtlMs: 300_000,
      defaultStatusPurposes: ['revocation', 'suspension'],
      bodyLimit: 512 * 1024,
      maxDepth: 32,
      logLevel: 'info',
      minimumStatusListEntries: 131_072,
    });
    expect(config.development).toHaveLength(2);
    expect(config.tokens).toEqual([
      { name: 'development', sha256: createHash('sha256').update(DEV_TOKEN).digest('hex'), scopes: allScopes },
    ]);
  });

  it('MIN_STATUS_LIST_ENTRIES lowers the status-list minimum (Bitstring Status List §3.2); 0 is refused', () => {
    expect(loadConfig({ MIN_STATUS_LIST_ENTRIES: '100000' }, dir.dir).minimumStatusListEntries).toBe(100_000);
    expect(() => loadConfig({ MIN_STATUS_LIST_ENTRIES: '0' }, dir.dir)).toThrow(/MIN_STATUS_LIST_ENTRIES/);
  });

  it('keeps tokens only as SHA-256 digests', () => {
    const config = loadConfig(
      { ISSUER_TOKENS: tokens([{ name: 'ops', token: GOOD_TOKEN, scopes: [SCOPES.issue] }]) },
      dir.dir,
    );
    expect(config.tokens).toEqual([
      { name: 'ops', sha256: createHash('sha256').update(GOOD_TOKEN).digest('hex'), scopes: [SCOPES.issue] },
    ]);
    expect(JSON.stringify(config)).not.toContain(GOOD_TOKEN);
    expect(config.development).toHaveLength(1);
  });

  it('strips a trailing slash from PUBLIC_BASE_URL; environment variables win over the file', () => {
    const file = configFile('settings.json', { port: 9000, publicBaseUrl: 'https://file.example', logLevel: 'warn' });
    const config = loadConfig(
      { ISSUER_CONFIG: file, PUBLIC_BASE_URL: 'https://issuer.example.test/base/', LOG_LEVEL: 'debug' },
      dir.dir,
    );
    expect(config).toMatchObject({ port: 9000, publicBaseUrl: 'https://issuer.example.test/base', logLevel: 'debug' });
  });
});

describe('loadConfig: every problem is reported at once', () => {
  it.each(['abc', '70000', '-1', '80.5', '0x50', ' 80'])('rejects PORT=%j', (port) => {
    const problems = problemsOf({ PORT: port });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^PORT must be an integer from 0 to 65535/);
  });

  it.each([
    ['not a URL', 'issuer.example.test', /PUBLIC_BASE_URL is not a URL/],
    ['another scheme', 'ftp://issuer.example.test', /PUBLIC_BASE_URL must be an http\(s\) URL/],
    ['a query', 'https://issuer.example.test/?tenant=a', /must not have a query or fragment/],
    ['a fragment', 'https://issuer.example.test/#x', /must not have a query or fragment/],
  ])('rejects a PUBLIC_BASE_URL with %s', (_name, url, message) => {
    const problems = problemsOf({ PUBLIC_BASE_URL: url });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('rejects unknown settings in the ISSUER_CONFIG file, naming each', () => {
    const file = configFile('typos.json', { prot: 8080, tokenz: [], dataDir: 'data' });
    const problems = problemsOf({ ISSUER_CONFIG: file });
    expect(problems).toEqual(['ISSUER_CONFIG: unknown setting "prot".', 'ISSUER_CONFIG: unknown setting "tokenz".']);
  });

  it.each([
    ['not JSON', 'not json'],
    ['a JSON list', '[1, 2]'],
  ])('rejects an ISSUER_CONFIG file that is %s', (_name, contents) => {
    const problems = problemsOf({ ISSUER_CONFIG: configFile(`bad-${contents.length}.json`, contents) });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^ISSUER_CONFIG=.*cannot read it as a JSON object/);
  });

  it.each([
    ['not JSON', 'ops:secret-token', [/ISSUER_TOKENS must be a JSON list/]],
    ['an object', '{"name":"ops"}', [/ISSUER_TOKENS must be a JSON list/]],
    ['an entry that is not an object', tokens(['x']), [/ISSUER_TOKENS\[0\] must be an object/]],
    [
      'an empty name',
      tokens([{ name: '', token: GOOD_TOKEN, scopes: allScopes }]),
      [/ISSUER_TOKENS\[0\]\.name must be a non-empty string/],
    ],
    [
      'a short token',
      tokens([{ name: 'ops', token: 'short-secret', scopes: allScopes }]),
      [/ISSUER_TOKENS\[0\]\.token must be a string of at least 16 characters/],
    ],
    [
      'a numeric token',
      tokens([{ name: 'ops', token: 1234567890123456, scopes: allScopes }]),
      [/\.token must be a string/],
    ],
    [
      'both token and sha256',
      tokens([{ name: 'ops', token: GOOD_TOKEN, sha256: 'a'.repeat(64), scopes: allScopes }]),
      [/needs exactly one of "token" or "sha256"/],
    ],
    [
      'neither token nor sha256',
      tokens([{ name: 'ops', scopes: allScopes }]),
      [/needs exactly one of "token" or "sha256"/],
    ],
    [
      'an upper-case sha256',
      tokens([{ name: 'ops', sha256: 'A'.repeat(64), scopes: allScopes }]),
      [/sha256 must be 64 lowercase hex digits/],
    ],
    [
      'an unknown scope',
      tokens([{ name: 'ops', token: GOOD_TOKEN, scopes: ['admin'] }]),
      [/scopes must be a non-empty list of/],
    ],
    ['no scopes', tokens([{ name: 'ops', token: GOOD_TOKEN, scopes: [] }]), [/scopes must be a non-empty list of/]],
  ])('rejects ISSUER_TOKENS with %s', (_name, value, messages) => {
    const problems = problemsOf({ ISSUER_TOKENS: value });
    expect(problems).toHaveLength(messages.length);
    for (const [i, m] of messages.entries()) expect(problems[i]).toMatch(m);
  });

  it('never repeats a token value in a problem', () => {
    const problems = problemsOf({ ISSUER_TOKENS: tokens([{ name: 'ops', token: 'short-secret', scopes: ['admin'] }]) });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).not.toContain('short-secret');
  });

  it('lists every problem in one error: port, URL, file keys, tokens, purposes, limits, log level', () => {
    const file = configFile('mixed.json', { colour: 'blue' });
    const problems = problemsOf({
      ISSUER_CONFIG: file,
      PORT: 'eighty',
      PUBLIC_BASE_URL: 'not a url',
      ISSUER_TOKENS: tokens([{ name: 'ops', token: 'short', scopes: ['everything'] }]),
      STATUS_PURPOSES: 'revocation,refresh',
      STATUS_LIST_TTL_MS: '10',
      BODY_LIMIT_BYTES: '1gb',
      MAX_JSON_DEPTH: '100000',
      LOG_LEVEL: 'chatty',
    });
    const expected = [
      /unknown setting "colour"/,
      /^PORT must be/,
      /PUBLIC_BASE_URL is not a URL/,
      /\.token must be a string of at least 16/,
      /\.scopes must be/,
      /STATUS_PURPOSES: unknown purpose "refresh"/,
      /^STATUS_LIST_TTL_MS must be/,
      /^BODY_LIMIT_BYTES must be/,
      /^MAX_JSON_DEPTH must be/,
      /^LOG_LEVEL must be one of/,
    ];
    expect(problems).toHaveLength(expected.length);
    for (const m of expected)
      expect(
        problems.some((p) => m.test(p)),
        String(m),
      ).toBe(true);
  });
});

describe('loadConfig: production refuses development material', () => {
  const ownKey = join(dir.dir, 'own-key.json');
  const production = {
    NODE_ENV: 'production',
    PUBLIC_BASE_URL: 'https://issuer.example.test',
    ISSUER_KEY_FILE: ownKey,
  };
  const prodTokens = tokens([{ name: 'ops', token: GOOD_TOKEN, scopes: allScopes }]);

  it('accepts its own key, tokens and an https URL, with no development material', () => {
    const config = loadConfig({ ...production, ISSUER_TOKENS: prodTokens }, dir.dir);
    expect(config.production).toBe(true);
    expect(config.development).toEqual([]);
  });

  it('ISSUER_PRODUCTION=true and "production": true in the file mean production too', () => {
    expect(
      problemsOf({
        ISSUER_PRODUCTION: 'true',
        ISSUER_TOKENS: prodTokens,
        PUBLIC_BASE_URL: 'https://issuer.example.test',
      }),
    ).toEqual([expect.stringMatching(/example key in keys-example\/ is refused in production/)]);
    const file = configFile('prod.json', {
      production: true,
      publicBaseUrl: 'https://issuer.example.test',
      keyFile: ownKey,
    });
    expect(problemsOf({ ISSUER_CONFIG: file })).toEqual([
      expect.stringMatching(/ISSUER_TOKENS is required in production/),
    ]);
  });

  it('lists the example key, missing tokens and a plain-http URL together', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PUBLIC_BASE_URL: 'http://issuer.example.test' });
    expect(problems).toEqual([
      expect.stringMatching(/PUBLIC_BASE_URL must use https in production/),
      expect.stringMatching(/example key in keys-example\/ is refused in production/),
      expect.stringMatching(/ISSUER_TOKENS is required in production/),
    ]);
  });

  it('refuses the development token, by value or by digest', () => {
    const byValue = problemsOf({
      ...production,
      ISSUER_TOKENS: tokens([{ name: 'dev', token: DEV_TOKEN, scopes: allScopes }]),
    });
    expect(byValue).toEqual([
      expect.stringMatching(/ISSUER_TOKENS\[0\] is the development token, refused in production/),
    ]);
    const sha256 = createHash('sha256').update(DEV_TOKEN).digest('hex');
    const byDigest = problemsOf({
      ...production,
      ISSUER_TOKENS: tokens([
        { name: 'ok', token: GOOD_TOKEN, scopes: allScopes },
        { name: 'dev', sha256, scopes: allScopes },
      ]),
    });
    expect(byDigest).toEqual([
      expect.stringMatching(/ISSUER_TOKENS\[1\] is the development token, refused in production/),
    ]);
  });
});
