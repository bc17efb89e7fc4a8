import { generateKeyPairSync } from 'node:crypto';
import { createVerifier, readCredentialInput } from '@repo/verifier';
import { CompactSign } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handMadePng, pngChunk } from '../helpers/hand-made-png.ts';
import { type BadgeHosts, fixture, fixtureText, startBadgeHosts } from './ob2-loopback.ts';

const NOW = () => new Date('2026-03-01T12:00:00Z');
const iTXt = (keyword: string, text: string) =>
  pngChunk('iTXt', Buffer.concat([Buffer.from(`${keyword}\0\0\0\0\0`, 'latin1'), Buffer.from(text, 'utf8')]));

let hosts: BadgeHosts;
beforeEach(async () => {
  hosts = await startBadgeHosts();
  hosts.serve('https://example.org/beths-robotics-badge.json', fixture('validator-core/2_0_basic_assertion.json'));
  hosts.serve('https://example.org/robotics-badge.json', fixture('validator-core/2_0_basic_badgeclass.json'));
  hosts.serve('https://example.org/organization.json', fixture('validator-core/2_0_basic_issuer.json'));
});
afterEach(async () => {
  await hosts.close();
});

/** readCredentialInput, then the same verifyCredential every version goes through. */
async function verifyUpload(bytes: Uint8Array | string, mediaType: string) {
  const input = readCredentialInput(bytes, { mediaType });
  if (!input.ok) throw new Error(input.problem.detail);
  const result = await createVerifier({ now: NOW, fetchOb2: hosts.fetcher() }).verifyCredential(input.value);
  return { input, result };
}

describe('Open Badges 2.0 Baking: baked images read by readCredentialInput and verified (OB 2.0 Baking Specification)', () => {
  it('PNGs › Baking: a hand-made PNG with iTXt "openbadges" holding the hosted assertion’s JSON → verified against the hosted copy', async () => {
    const png = handMadePng([iTXt('openbadges', JSON.stringify(fixture('validator-core/2_0_basic_assertion.json')))]);
    const { input, result } = await verifyUpload(png, 'image/png');
    expect([input.ok && input.kind, input.ok && input.version]).toEqual(['png', 'ob2']);
    expect(result.verified).toBe(true);
    expect(result.summary?.achievement.name).toBe('Awesome Robotics Badge');
  });

  it('PNGs › Legacy PNGs: a tEXt "openbadges" chunk with the assertion URL → the URL is fetched and verified', async () => {
    const png = handMadePng([
      pngChunk('tEXt', Buffer.from('openbadges\0https://example.org/beths-robotics-badge.json', 'latin1')),
    ]);
    const { input, result } = await verifyUpload(png, 'image/png');
    expect(input.ok && input.kind).toBe('png');
    expect(result.verified).toBe(true);
    expect(hosts.requests.filter((p) => p === '/example.org/beths-robotics-badge.json')).toHaveLength(1);
  });

  it('SVGs › Baking: the specification’s baked SVG example, verbatim, whose assertion its issuer does not host → could not check, never verified', async () => {
    const { input, result } = await verifyUpload(fixtureText('spec/baked-hosted.svg'), 'image/svg+xml');
    expect(input.ok && input.version).toBe('ob2');
    expect(result.checks.find((c) => c.id === 'proof')?.status).toBe('could-not-check');
    expect(result.verified).toBe(false);
  });

  it('SVGs › Baking: a hand-made SVG with <openbadges:assertion verify="<signed assertion>"/> → verified with the issuer’s key', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    hosts.serve('https://example.org/organization.json', {
      ...fixture('validator-core/2_0_basic_issuer.json'),
      publicKey: 'https://example.org/publicKey.json',
    });
    hosts.serve('https://example.org/publicKey.json', {
      ...fixture('spec/cryptographic-key.json'),
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }),
    });
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(fixture('spec/signed-claims.json'))))
      .setProtectedHeader({ alg: 'RS256' })
      .sign(privateKey);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org" viewBox="0 0 8 8">\n  <openbadges:assertion verify="${jws}"/>\n  <circle r="4"/>\n</svg>`;
    const { input, result } = await verifyUpload(new TextEncoder().encode(svg), 'image/svg+xml');
    expect([input.ok && input.kind, input.ok && input.version]).toEqual(['svg', 'ob2']);
    expect(result.verified).toBe(true);
  });

  it('a tampered baked PNG (the assertion’s issuedOn edited) → HOSTED_ASSERTION_MISMATCH', async () => {
    const edited = { ...fixture('validator-core/2_0_basic_assertion.json'), issuedOn: '2012-01-01T00:00:00Z' };
    const { result } = await verifyUpload(handMadePng([iTXt('openbadges', JSON.stringify(edited))]), 'image/png');
    expect(result.checks.find((c) => c.id === 'proof')?.problem?.title).toBe('HOSTED_ASSERTION_MISMATCH');
  });
});
