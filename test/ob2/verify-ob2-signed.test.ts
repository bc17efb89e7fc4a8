import { sign as cryptoSign, generateKeyPairSync } from 'node:crypto';
import { createVerifier, readCredentialInput } from '@repo/verifier';
import { CompactSign } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BadgeHosts, fixture, fixtureText, startBadgeHosts } from './ob2-loopback.ts';

const NOW = () => new Date('2026-03-01T12:00:00Z');
const KEY_URL = 'https://example.org/publicKey.json';
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();

/** Signs an assertion as OB 2.0 "SignedBadge" says: the Assertion's JSON is the JWS payload (jose signs). */
async function sign(assertion: unknown, header: Record<string, unknown> = { alg: 'RS256' }, key = privateKey) {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(assertion)))
    .setProtectedHeader(header as { alg: string })
    .sign(key);
}

const codeOf = (r: { checks: Array<{ id: string; problem?: { title: string } }> }, id: string) =>
  r.checks.find((c) => c.id === id)?.problem?.title;
const statusOf = (r: { checks: Array<{ id: string; status: string }> }, id: string) =>
  r.checks.find((c) => c.id === id)?.status;

let hosts: BadgeHosts;
beforeEach(async () => {
  hosts = await startBadgeHosts();
  // The spec's BadgeClass, Issuer and RevocationList examples verbatim; the spec's
  // CryptographicKey example with our own PEM (the spec's is abbreviated with "...").
  hosts.serve('https://example.org/robotics-badge.json', fixture('spec/badgeclass.json'));
  hosts.serve('https://example.org/organization.json', fixture('spec/issuer.json'));
  hosts.serve('https://example.org/revocationList.json', fixture('spec/revocation-list.json'));
  hosts.serve(KEY_URL, { ...fixture('spec/cryptographic-key.json'), publicKeyPem: PEM });
});
afterEach(async () => {
  await hosts.close();
});

describe('Open Badges 2.0 SignedBadge Verification (OB 2.0 Implementation › Verification › SignedBadge Verification)', () => {
  it('the specification’s signed example JWS, verbatim, is read as an OB 2.0 JWT and refused: its creator (https://example.org/publicKey) is not a key the Issuer example lists (https://example.org/publicKey.json)', async () => {
    const input = readCredentialInput(fixtureText('spec/signed-badge.jws'));
    expect(input.ok && input.kind).toBe('jwt');
    expect(input.ok && input.version).toBe('ob2');
    if (!input.ok) return;
    const r = await createVerifier({ now: NOW, fetchOb2: hosts.fetcher() }).verifyCredential(input.value);
    expect(statusOf(r, 'format')).toBe('passed');
    expect(codeOf(r, 'proof')).toBe('VERIFICATION_POLICY_ERROR');
    expect(r.checks.find((c) => c.id === 'proof')?.problem?.detail).toContain('https://example.org/publicKey,');
    expect(r.verified).toBe(false);
  });

  it('the spec’s signed example JWS with its creator listed is checked against the key and fails: the signature is not by that key', async () => {
    hosts.serve('https://example.org/organization.json', {
      ...fixture('spec/issuer.json'),
      publicKey: 'https://example.org/publicKey',
    });
    hosts.serve('https://example.org/publicKey', {
      ...fixture('spec/cryptographic-key.json'),
      id: 'https://example.org/publicKey',
      publicKeyPem: PEM,
    });
    const r = await createVerifier({ now: NOW, fetchOb2: hosts.fetcher() }).verifyCredential(
      fixtureText('spec/signed-badge.jws').trim(),
    );
    expect(codeOf(r, 'proof')).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  it('the spec’s signed Claims, signed RS256 by jose with a key the issuer Profile lists → verified (steps 1–8); proof names the key and alg', async () => {
    const jws = await sign(fixture('spec/signed-claims.json'));
    const r = await createVerifier({ now: NOW, fetchOb2: hosts.fetcher() }).verifyCredential(jws);
    expect(r.checks.map((c) => [c.id, c.status])).toEqual([
      ['format', 'passed'],
      ['proof', 'passed'],
      ['issuer', 'skipped'],
      ['validity', 'passed'],
      ['status', 'passed'],
      ['schema', 'passed'],
    ]);
    expect(r.checks.find((c) => c.id === 'proof')?.details).toMatchObject({ alg: 'RS256', key: KEY_URL });
    expect(r.verified).toBe(true);
    expect(r.credentialId).toBe('urn:uuid:a953081a-4bbd-4927-9653-7219bca00e3b');
    expect(r.summary?.achievement.name).toBe('Awesome Robotics Badge');
    expect(r.summary?.issuer.name).toBe('An Example Badge Issuer');
  });

  it('ES256 (one of the verifier’s JWT algorithms) with a P-256 key verifies too', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    hosts.serve(KEY_URL, {
      ...fixture('spec/cryptographic-key.json'),
      publicKeyPem: ec.publicKey.export({ type: 'spki', format: 'pem' }),
    });
    const jws = await sign(fixture('spec/signed-claims.json'), { alg: 'ES256' }, ec.privateKey);
    const r = await createVerifier({ now: NOW, fetchOb2: hosts.fetcher() }).verifyCredential(jws);
    expect(r.verified).toBe(true);
  });

  it('T1 one payload field changed after signing (issuedOn) → CRYPTOGRAPHIC_SECURITY_ERROR; revocation not read', async () => {
    const jws = await sign(fixture('spec/signed-claims.json'));
    const [h, , s] = jws.split('.');
    const forged = { ...fixture('spec/signed-claims.json'), issuedOn: '2010-01-01T00:00:00Z' };
    const tampered = `${h}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${s}`;
    const r = await createVerifier({ now: NOW, fetchOb2: hosts.fetcher() }).verifyCredential(tampered);
    expect(codeOf(r, 'proof')).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
    expect(statusOf(r, 'status')).toBe('skipped');
    expect(hosts.requests).not.toContain('/example.org/revocationList.json');
  });

  it('T2 a truncated signature → CRYPTOGRAPHIC_SECURITY_ERROR, nothing thrown', async () => {
    const jws = await sign(fixture('spec/signed-claims.json'));
    const r = await createVerifier({ now: NOW, fetchOb2: hosts.fetcher() }).verifyCredential(jws.slice(0, -10));
    expect(codeOf(r, 'proof')).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  it.each([
    ['none', { alg: 'none' }],
    ['HS256', { alg: 'HS256' }],
  ])('J1 alg %s → PROOF_VERIFICATION_ERROR before any key is fetched', async (_, header) => {
    const payload = Buffer.from(JSON.stringify(fixture('spec/signed-claims.json'))).toString('base64url');
    const token = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${payload}.c2ln`;
    const r = await createVerifier({ now: NOW, fetchOb2: hosts.fetcher() }).verifyCredential(token);
    expect(codeOf(r, 'proof')).toBe('PROOF_VERIFICATION_ERROR');
    expect(hosts.requests).toEqual([]);
  });

  it('J3 a JWS with crit → refused (format), nothing fetched', async () => {
    // jose refuses to sign an unknown crit, so this JWS is put together by hand (node:crypto signs).
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const input = `${enc({ alg: 'RS256', crit: ['exp'], exp: 1 })}.${enc(fixture('spec/signed-claims.json'))}`;
    const jws = `${input}.${cryptoSign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
    const r = await createVerifier({ now: NOW, fetchOb2: hosts.fetcher() }).verifyCredential(jws);
    expect(r.verified).toBe(false);
    expect(r.problems[0]?.title).toBe('PROOF_VERIFICATION_ERROR');
    expect(hosts.requests).toEqual([]);
  });

  it('T5 verification.creator not listed in the issuer Profile’s publicKey → VERIFICATION_POLICY_ERROR', async () => {
    const claims = fixture('spec/signed-claims.json');
    const jws = await sign({
      ...claims,
      verification: { type: 'SignedBadge', creator: 'https://evil.example/key.json' },
    });
    hosts.serve('https://evil.example/key.json', {
      type: 'CryptographicKey',
      id: 'https://evil.example/key.json',
      publicKeyPem: PEM,
    });
    const r = await createVerifier({ now: NOW, fetchOb2: hosts.fetcher() }).verifyCredential(jws);
    expect(codeOf(r, 'proof')).toBe('VERIFICATION_POLICY_ERROR');
    expect(hosts.requests).not.toContain('/evil.example/key.json');
  });

  it('T5 a listed key whose CryptographicKey names another owner → VERIFICATION_POLICY_ERROR', async () => {
    hosts.serve(KEY_URL, {
      ...fixture('spec/cryptographic-key.json'),
      publicKeyPem: PEM,
      owner: 'https://evil.example/issuer',
    });
    const r = await createVerifier({ now: NOW, fetchOb2: hosts.fetcher() }).verifyCredential(
      await sign(fixture('spec/signed-claims.json')),
    );
    expect(codeOf(r, 'proof')).toBe('VERIFICATION_POLICY_ERROR');
  });

  it('keys in an embedded issuer Profile are not trusted: the issuer is fetched from its id (Examples, Linked Data notes)', async () => {
    const claims = fixture('spec/signed-claims.json');
    const embedded = {
      ...claims,
      badge: {
        ...fixture('spec/badgeclass.json'),
        issuer: { ...fixture('spec/issuer.json'), publicKey: { id: 'urn:k', publicKeyPem: PEM } },
      },
    };
    const r = await createVerifier({ now: NOW, fetchOb2: hosts.fetcher() }).verifyCredential(await sign(embedded));
    // The hosted Profile lists https://example.org/publicKey.json, which is the key that signed: verified from the hosted Profile.
    expect(r.verified).toBe(true);
    expect(hosts.requests).toContain('/example.org/organization.json');
  });

  it('RevocationList (the spec’s example, verbatim): a signed assertion whose id it lists → CREDENTIAL_REVOKED, "Honor code violation" (step 7)', async () => {
    const claims = { ...fixture('spec/signed-claims.json'), id: 'urn:uuid:e79a6c18-787e-4868-8e65-e6a4530fb418' };
    const r = await createVerifier({ now: NOW, fetchOb2: hosts.fetcher() }).verifyCredential(await sign(claims));
    expect(codeOf(r, 'status')).toBe('CREDENTIAL_REVOKED');
    expect(r.problems[0]?.detail).toContain('Honor code violation');
    expect(r.lifecycle?.state).toBe('revoked');
  });

  it('step 5: the signing key cannot be fetched → proof could-not-check, never passed', async () => {
    hosts.serve(KEY_URL, 'down', 502);
    const r = await createVerifier({ now: NOW, fetchOb2: hosts.fetcher() }).verifyCredential(
      await sign(fixture('spec/signed-claims.json')),
    );
    expect(statusOf(r, 'proof')).toBe('could-not-check');
    expect(codeOf(r, 'proof')).toBe('BADGE_RETRIEVAL_ERROR');
    expect(r.verified).toBe(false);
  });

  it('a SignedBadge assertion presented as JSON, without its JWS → PROOF_VERIFICATION_ERROR (nothing vouches for it)', async () => {
    const r = await createVerifier({ now: NOW, fetchOb2: hosts.fetcher() }).verifyCredential(
      fixture('spec/signed-claims.json'),
    );
    expect(codeOf(r, 'proof')).toBe('PROOF_VERIFICATION_ERROR');
    expect(r.verified).toBe(false);
  });

  it('a real issuer’s CryptographicKey (rcl-cloudtnt, PKCS#1 "RSA PUBLIC KEY" PEM) verifies a JWS signed with its pair’s format', async () => {
    const real = fixture('rcl-cloudtnt/public-key.json');
    hosts.serve(KEY_URL, { ...real, id: KEY_URL, owner: 'https://example.org/organization.json' });
    // We do not hold that issuer's private key: the signature is ours, so it must fail — with
    // CRYPTOGRAPHIC_SECURITY_ERROR (the key was read and used), not a key-format problem.
    const r = await createVerifier({ now: NOW, fetchOb2: hosts.fetcher() }).verifyCredential(
      await sign(fixture('spec/signed-claims.json')),
    );
    expect(codeOf(r, 'proof')).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
  });
});
