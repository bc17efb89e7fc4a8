// The operator's trust registry as configuration (issue 11): TRUST_REGISTRY_FILE (or
// `trustRegistryFile` in the ISSUER_CONFIG file) is read and checked at start-up; a bad file stops
// the server with every problem listed by JSON Pointer; the running server's verify page names the
// registered issuer. keys-example/trust-registry.json registers the example key's DID.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, DEV_TOKEN, loadConfig, REPO_ROOT } from '@repo/issuer';
import { afterAll, describe, expect, it } from 'vitest';
import { OB3_CERTIFICATION } from '../helpers/awards.ts';
import { EXAMPLE_KEY } from '../helpers/issuer-app.ts';
import { call, runIssuerExpectingExit, startIssuer, tempDataDir } from '../helpers/issuer-process.ts';

const temp = tempDataDir();
afterAll(() => temp.cleanup());

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, REPO_ROOT);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('TRUST_REGISTRY_FILE', () => {
  it('reads keys-example/trust-registry.json (relative to where the server is started): the example key’s DID is registered', () => {
    const config = loadConfig({ TRUST_REGISTRY_FILE: 'keys-example/trust-registry.json' }, REPO_ROOT);
    expect(config.trustRegistry?.issuers.map((i) => [i.name, i.ids])).toEqual([
      ['Example Issuer (development key, NOT FOR PRODUCTION)', [EXAMPLE_KEY.controller]],
    ]);
    expect(loadConfig({}, REPO_ROOT).trustRegistry).toBeUndefined();
  });

  it('is also the "trustRegistryFile" key of the ISSUER_CONFIG file', () => {
    const file = join(temp.dir, 'issuer-config.json');
    writeFileSync(file, JSON.stringify({ trustRegistryFile: 'keys-example/trust-registry.json' }));
    expect(loadConfig({ ISSUER_CONFIG: file }, REPO_ROOT).trustRegistry?.issuers).toHaveLength(1);
  });

  it('an invalid registry lists every problem by JSON Pointer; a missing file says so', () => {
    const bad = join(temp.dir, 'bad-registry.json');
    writeFileSync(bad, JSON.stringify({ issuers: [{ name: 'A', ids: ['nope'] }, { ids: ['did:web:b.example'] }] }));
    expect(problemsOf({ TRUST_REGISTRY_FILE: bad })).toEqual([
      `TRUST_REGISTRY_FILE=${bad}: /issuers/0/ids/0: "nope" is not a URL.`,
      `TRUST_REGISTRY_FILE=${bad}: /issuers/1/name: name must be a non-empty string.`,
    ]);
    const notJson = join(temp.dir, 'not-json.json');
    writeFileSync(notJson, '{ issuers: [] }');
    expect(problemsOf({ TRUST_REGISTRY_FILE: notJson })[0]).toMatch(
      new RegExp(`^TRUST_REGISTRY_FILE=${notJson}: \\(root\\): is not JSON \\(`),
    );
    expect(problemsOf({ TRUST_REGISTRY_FILE: join(temp.dir, 'absent.json') })).toEqual([
      `TRUST_REGISTRY_FILE=${join(temp.dir, 'absent.json')}: cannot read it (ENOENT).`,
    ]);
  });

  it('the server refuses to start with an invalid registry, and with a valid one its verify page names the registered issuer', async () => {
    const bad = join(temp.dir, 'bad-registry.json');
    const refused = await runIssuerExpectingExit({ DATA_DIR: join(temp.dir, 'refused'), TRUST_REGISTRY_FILE: bad });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('/issuers/0/ids/0: "nope" is not a URL.');

    const server = await startIssuer({
      DATA_DIR: join(temp.dir, 'data'),
      TRUST_REGISTRY_FILE: 'keys-example/trust-registry.json',
    });
    try {
      const credential = structuredClone(OB3_CERTIFICATION);
      delete credential.id;
      const issued = await call(server.url, 'POST', '/credentials/issue', { credential }, DEV_TOKEN);
      expect(issued.status, issued.text).toBe(201);
      const form = new FormData();
      form.set('credential', JSON.stringify(issued.json.verifiableCredential));
      const res = await fetch(`${server.url}/verify`, { method: 'POST', body: form });
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page).toContain('Registered: Example Issuer (development key, NOT FOR PRODUCTION)');
      expect(page).toContain('Example trust registry (development)');
    } finally {
      await server.stop();
    }
  }, 60_000);
});
