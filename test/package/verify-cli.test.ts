// The `verify` command (packages/verifier/src/cli), run in this process against a running issuer:
// exit codes 0 verified / 1 not verified / 2 could not check / 3 no verdict, the human report
// (verdict, issuer registered or self-asserted, recipient, dates, checks in plain words), --json,
// --trusted-issuers, --email, --now. The installed bin is tested in pack-install.test.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVerifier } from '@repo/verifier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../packages/verifier/src/cli/exit-code.ts';
import { runVerifyCli } from '../../packages/verifier/src/cli/run-verify-cli.ts';
import { awardTemplate } from '../helpers/awards.ts';
import { handMadePng } from '../helpers/hand-made-png.ts';
import { type IssuerApp, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';

const NOW = '2026-03-01T12:00:00Z';
const EXAMPLE_REGISTRY = fileURLToPath(new URL('../../keys-example/trust-registry.json', import.meta.url));
/** OB 3.0 §B.1 IdentityObject example values: SHA-256 of "a@example.com" salted with "Kosher". */
const SPEC_EMAIL = {
  type: 'IdentityObject',
  hashed: true,
  identityHash: 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399',
  identityType: 'emailAddress',
  salt: 'Kosher',
};

let issuer: IssuerApp;
let dir: string;
const files: Record<string, string> = {};
let credential: Record<string, any>;

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runVerifyCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr, verdict: stdout.split('\n')[0] };
}

function save(name: string, content: string | Uint8Array): string {
  files[name] = join(dir, name);
  writeFileSync(files[name], content);
  return files[name];
}

async function issue(change: (c: Record<string, any>) => void): Promise<Record<string, any>> {
  const res = await call(issuer.url, 'POST', '/credentials/issue', { credential: awardTemplate(change) }, TOKENS.full);
  expect(res.status, res.text).toBe(201);
  return res.json.verifiableCredential;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verify-cli-'));
  issuer = await startIssuerApp({ loopbackPublicBaseUrl: true });
  credential = await issue((c) => (c.credentialSubject.id = 'did:example:worker-4f1c'));
  save('credential.json', JSON.stringify(credential));
  save('emailed.json', JSON.stringify(await issue((c) => (c.credentialSubject.identifier = [SPEC_EMAIL]))));
  save(
    'other-registry.json',
    JSON.stringify({ issuers: [{ name: 'Another college', ids: ['did:web:college.example'] }] }),
  );
  save('bad-registry.json', JSON.stringify({ issuers: [{ name: 'No ids' }] }));
  save('plain.png', handMadePng());
  const spoofed = structuredClone(credential);
  spoofed.issuer.name = 'Acme\u001b[2K\rVERIFIED \u202eevil\u202c';
  save('spoofed.json', JSON.stringify(spoofed));
});
afterAll(async () => {
  await issuer?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('verify command: verdicts and exit codes', () => {
  it('0 verified: one verdict line, the issuer marked self-asserted, the achievement, recipient, dates, each check in words', async () => {
    const out = await cli(files['credential.json']!, '--allow-localhost', '--now', NOW);
    expect(out.code, out.stderr).toBe(EXIT.verified);
    expect(out.verdict).toBe('VERIFIED — Current; valid until 2029-06-30T23:59:59Z.');
    expect(out.stdout).not.toContain('Hint:');
    expect(out.stdout).toMatch(
      /^Issuer {7}"Midwest Industrial Skills Council \(example\)" \(self-asserted name\) — not checked against a trust registry/m,
    );
    expect(out.stdout).toMatch(/^Achievement {2}Certified Industrial Maintenance Technician — Level 1$/m);
    expect(out.stdout).toMatch(/^Recipient {4}did:example:worker-4f1c$/m);
    expect(out.stdout).toMatch(/^Issued {7}2026-03-01T12:00:00Z$/m);
    expect(out.stdout).toMatch(/^ {2}Passed +Issuer’s signature — The issuer signed this credential/m);
    expect(out.stdout).toMatch(/^ {2}Does not apply +Issuer — /m);
    expect(out.stdout).toMatch(/^ {2}Passed +Revocation and suspension/m);
  });

  it('1 not verified: V1 expired at --now (lapsed)', async () => {
    const out = await cli(files['credential.json']!, '--allow-localhost', '--now', '2030-01-01T00:00:00Z');
    expect(out.code).toBe(EXIT.notVerified);
    expect(out.verdict).toBe('NOT VERIFIED — Lapsed: it expired on 2029-06-30T23:59:59Z.');
    expect(out.stdout).toMatch(/^ {2}Failed +Dates \(valid from, valid until\)/m);
  });

  it('2 could not check: S7 a status list on http://127.0.0.1 is not fetched without --allow-localhost — never "not revoked"', async () => {
    const out = await cli(files['credential.json']!, '--now', NOW);
    expect(out.code).toBe(EXIT.couldNotCheck);
    expect(out.verdict).toMatch(/^COULD NOT CHECK — Could not be checked: the status check could not be completed\./);
    expect(out.stdout).toMatch(/^ {2}Could not check +Revocation and suspension/m);
    expect(out.stdout).not.toMatch(/Passed +Revocation/);
    expect(out.stdout).toContain(
      'Hint: for an issuer running on this machine, add --allow-localhost (development only).',
    );
  });

  it('--json prints the library result (plus issuerDescription) and keeps the exit code', async () => {
    const out = await cli(files['credential.json']!, '--allow-localhost', '--now', NOW, '--json');
    expect(out.code).toBe(EXIT.verified);
    const printed = JSON.parse(out.stdout);
    const library = await createVerifier({ allowLocalhost: true, now: () => new Date(NOW) }).verifyCredential(
      credential,
    );
    const { issuerDescription, ...result } = printed;
    expect(result).toEqual(JSON.parse(JSON.stringify(library)));
    expect(issuerDescription).toEqual({
      registered: false,
      id: credential.issuer.id,
      selfAssertedName: 'Midwest Industrial Skills Council (example)',
    });
  });

  it('a baked PNG without a badge, a missing file: 3, no verdict, the reason on stderr', async () => {
    const png = await cli(files['plain.png']!, '--json');
    expect(png.code).toBe(EXIT.unusable);
    expect(png.stderr).toMatch(/^verify: .*plain\.png: .*carries no badge/);
    expect(JSON.parse(png.stdout)).toMatchObject({
      verified: false,
      checks: [],
      problems: [{ title: expect.any(String) }],
    });
    const missing = await cli(join(dir, 'nope.json'));
    expect(missing.code).toBe(EXIT.unusable);
    expect(missing.stderr).toMatch(/Cannot read the file .*nope\.json: ENOENT/);
    expect(missing.stdout).toBe('');
  });
});

describe('verify command: trust registry (--trusted-issuers)', () => {
  it('a registered issuer: its registered name, and the issuer check passes', async () => {
    const out = await cli(
      files['credential.json']!,
      '--allow-localhost',
      '--now',
      NOW,
      '--trusted-issuers',
      EXAMPLE_REGISTRY,
    );
    expect(out.code, out.stdout).toBe(EXIT.verified);
    expect(out.stdout).toMatch(
      /^Issuer {7}Example Issuer \(development key, NOT FOR PRODUCTION\) — registered in your trust registry "Example trust registry \(development\)"; it calls itself "Midwest Industrial Skills Council \(example\)"$/m,
    );
    expect(out.stdout).toMatch(/^ {2}Passed +Issuer — /m);
  });

  it('an issuer not in the registry: 1, NOT in your trust registry, the issuer check failed (UNTRUSTED_ISSUER)', async () => {
    const out = await cli(
      files['credential.json']!,
      '--allow-localhost',
      '--now',
      NOW,
      '--trusted-issuers',
      files['other-registry.json']!,
    );
    expect(out.code).toBe(EXIT.notVerified);
    expect(out.stdout).toMatch(
      /"Midwest Industrial Skills Council \(example\)" \(self-asserted name\) — NOT in your trust registry/,
    );
    expect(out.stdout).toMatch(/^ {2}Failed +Issuer — /m);
    const json = JSON.parse(
      (
        await cli(
          files['credential.json']!,
          '--allow-localhost',
          '--now',
          NOW,
          '--json',
          '--trusted-issuers',
          files['other-registry.json']!,
        )
      ).stdout,
    );
    expect(json.problems.map((p: { title: string }) => p.title)).toContain('UNTRUSTED_ISSUER');
  });

  it('a registry file that does not parse: 3, with the JSON Pointer of the problem', async () => {
    const out = await cli(files['credential.json']!, '--trusted-issuers', files['bad-registry.json']!);
    expect(out.code).toBe(EXIT.unusable);
    expect(out.stderr).toContain('/issuers/0/ids');
    expect(out.stdout).toBe('');
  });
});

describe('verify command: recipient (--email), OB 3.0 IdentityObject', () => {
  it('the OB 3.0 example hashed email (a@example.com, salt "Kosher") matches: 0', async () => {
    const out = await cli(files['emailed.json']!, '--allow-localhost', '--now', NOW, '--email', 'a@example.com');
    expect(out.code, out.stdout).toBe(EXIT.verified);
    expect(out.stdout).toMatch(/^Recipient {4}emailAddress \(hashed\)$/m);
    expect(out.stdout).toMatch(/^ {2}Passed +Recipient email \(--email\) — Issued to a@example\.com\.$/m);
  });

  it('another address: 1, NOT VERIFIED because it was not issued to it', async () => {
    const out = await cli(files['emailed.json']!, '--allow-localhost', '--now', NOW, '--email', 'b@example.com');
    expect(out.code).toBe(EXIT.notVerified);
    expect(out.verdict).toMatch(/^NOT VERIFIED — Not issued to b@example\.com/);
    expect(out.stdout).toMatch(/^ {2}Passed +Issuer’s signature/m);
  });

  it('a credential naming no email: 2, could not check the recipient', async () => {
    const out = await cli(files['credential.json']!, '--allow-localhost', '--now', NOW, '--email', 'a@example.com');
    expect(out.code).toBe(EXIT.couldNotCheck);
    expect(out.verdict).toBe('COULD NOT CHECK — The credential names no email address to compare a@example.com with.');
  });
});

describe('verify command: an Open Badges 2.0 hosted assertion given by its URL (OB 2.0 HostedBadge Verification)', () => {
  // The 1EdTech reference validator's basic 2.0 badge (test/fixtures/ob2/validator-core), its
  // https://example.org URLs rewritten to a server on 127.0.0.1 that serves it at those URLs.
  let server: Server;
  let assertionUrl: string;
  beforeAll(async () => {
    const documents = new Map<string, string>();
    server = createServer((req, res) => {
      const body = documents.get(req.url ?? '');
      if (body === undefined) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/ld+json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const [path, file] of [
      ['/beths-robotics-badge.json', '2_0_basic_assertion.json'],
      ['/robotics-badge.json', '2_0_basic_badgeclass.json'],
      ['/organization.json', '2_0_basic_issuer.json'],
    ]) {
      const text = readFileSync(new URL(`../fixtures/ob2/validator-core/${file}`, import.meta.url), 'utf8');
      documents.set(path!, text.replaceAll('https://example.org', base));
    }
    assertionUrl = `${base}/beths-robotics-badge.json`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it('--allow-localhost: 0, the BadgeClass name, the issuer Profile name marked self-asserted, the hashed email matches', async () => {
    const out = await cli(assertionUrl, '--allow-localhost', '--now', NOW, '--email', 'nobody@example.org');
    expect(out.code, out.stdout + out.stderr).toBe(EXIT.verified);
    expect(out.verdict).toMatch(/^VERIFIED — /);
    expect(out.stdout).toMatch(/^Achievement {2}Awesome Robotics Badge$/m);
    expect(out.stdout).toMatch(/^Issuer {7}"An Example Badge Issuer" \(self-asserted name\)/m);
    expect(out.stdout).toMatch(/^Recipient {4}emailAddress \(hashed\)$/m);
    expect(out.stdout).toMatch(/^ {2}Passed +Recipient email \(--email\) — Issued to nobody@example\.org\.$/m);
  });

  it('without --allow-localhost the assertion on http://127.0.0.1 is not fetched: 2, could not check', async () => {
    const out = await cli(assertionUrl, '--now', NOW);
    expect(out.code, out.stdout + out.stderr).toBe(EXIT.couldNotCheck);
    expect(out.verdict).toMatch(/^COULD NOT CHECK — /);
    expect(out.stdout).toMatch(/^ {2}Could not check +Credential format — /m);
    expect(out.stdout).not.toMatch(/^Achievement/m);
    expect(out.stdout).toContain('add --allow-localhost');
  });
});

describe('verify command: input a person cannot see (I8 control characters)', () => {
  it('terminal escapes, carriage returns and bidi overrides from the credential are never printed', async () => {
    const out = await cli(files['spoofed.json']!, '--allow-localhost', '--now', NOW);
    expect(out.code).toBe(EXIT.notVerified);
    expect(out.verdict).toMatch(/^NOT VERIFIED — /);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters that must not be printed.
    expect(out.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(out.stdout).toContain('"Acme\ufffd[2K\ufffdVERIFIED \ufffdevil\ufffd" (self-asserted name)');
  });
});

describe('verify command: usage', () => {
  it('--help: 0, the options and the four exit codes', async () => {
    const out = await cli('--help');
    expect(out.code).toBe(0);
    for (const line of [
      /^ {2}0 {2}verified/m,
      /^ {2}1 {2}not verified/m,
      /^ {2}2 {2}could not check/m,
      /^ {2}3 {2}no verdict/m,
    ]) {
      expect(out.stdout).toMatch(line);
    }
    expect(out.stdout).toContain('--allow-localhost');
  });

  it.each([
    [[], /Give the credential to verify/],
    [['a.json', 'b.json'], /one credential at a time/],
    [['a.json', '--frobnicate'], /Unknown option '--frobnicate'/],
    [['a.json', '--now', '2026-02-30T00:00:00Z'], /--now must be a date-time with a time zone/],
    [['a.json', '--now', '2026-03-01T12:00:00'], /--now must be a date-time with a time zone/],
    [['a.json', '--email', ' '], /--email needs a value/],
  ])('%j: 3 and a one-sentence reason', async (argv, reason) => {
    const out = await cli(...argv);
    expect(out.code).toBe(EXIT.unusable);
    expect(out.stderr).toMatch(reason);
    expect(out.stderr).toContain('verify --help');
    expect(out.stdout).toBe('');
  });
});
