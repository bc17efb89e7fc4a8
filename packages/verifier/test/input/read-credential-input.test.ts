import { readFileSync } from 'node:fs';
import { envelopeJwt } from '@repo/core';
import { type CredentialInput, readCredentialInput } from '@repo/verifier';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handMadePng, pngChunk } from '../../../../test/helpers/hand-made-png.ts';

const read = (path: string) => readFileSync(new URL(`../../../../test/fixtures/${path}`, import.meta.url), 'utf8');
const OB3 = JSON.parse(read('ob3-certification.json')) as Record<string, unknown>;
const OB2 = JSON.parse(read('ob2/validator-core/2_0_basic_assertion.json')) as Record<string, unknown>;
const SPEC_JWS = read('ob2/spec/signed-badge.jws').trim();
const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
/** A VC-JOSE-COSE shaped compact JWS (not signed: readCredentialInput never verifies). */
const VC_JWT = `${enc({ alg: 'EdDSA', typ: 'vc+jwt' })}.${enc(OB3)}.c2ln`;
const VC11_JWT = `${enc({ alg: 'EdDSA' })}.${enc({ iss: 'did:example:1', vc: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiableCredential'] } })}.c2ln`;
/** An iTXt chunk (PNG §11.3.4.5) by hand: keyword, NUL, compression flag and method, empty language and translated keyword. */
const iTXt = (keyword: string, text: string) =>
  pngChunk('iTXt', Buffer.concat([Buffer.from(`${keyword}\0\0\0\0\0`, 'latin1'), Buffer.from(text, 'utf8')]));
const tEXt = (keyword: string, text: string) => pngChunk('tEXt', Buffer.from(`${keyword}\0${text}`, 'latin1'));
const SVG = (inner: string, ns = '') =>
  `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"${ns} viewBox="0 0 8 8">\n${inner}\n<circle r="4"/></svg>`;

function failed(r: CredentialInput) {
  if (r.ok) throw new Error(`expected a failure, got ${r.kind}/${r.version}`);
  return r;
}

describe('readCredentialInput: JSON (VC 2.0, VC-API verify body, OB 2.0 Assertion)', () => {
  it('an OB 3.0 credential as JSON text → json / ob3, the object itself', () => {
    expect(readCredentialInput(JSON.stringify(OB3))).toEqual({ ok: true, kind: 'json', version: 'ob3', value: OB3 });
  });
  it('a VC-API verify body { verifiableCredential } is unwrapped (bytes with a BOM too)', () => {
    const bytes = new TextEncoder().encode(`\uFEFF${JSON.stringify({ verifiableCredential: OB3 })}`);
    expect(readCredentialInput(bytes, { mediaType: 'application/json; charset=utf-8' })).toEqual({
      ok: true,
      kind: 'json',
      version: 'ob3',
      value: OB3,
    });
  });
  it('{ verifiableCredential: "<compact JWT>" } → the JWT string', () => {
    const r = readCredentialInput(JSON.stringify({ verifiableCredential: VC_JWT }));
    expect(r).toEqual({ ok: true, kind: 'json', version: 'ob3', value: VC_JWT });
  });
  it('a plain VC 2.0 credential → vc', () => {
    const vc = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      credentialSubject: { id: 'did:example:1' },
    };
    expect(readCredentialInput(JSON.stringify(vc))).toMatchObject({ ok: true, kind: 'json', version: 'vc' });
  });
  it('an EnvelopedVerifiableCredential → json, its version read from the JWT inside', () => {
    const env = envelopeJwt(VC_JWT);
    expect(readCredentialInput(JSON.stringify(env))).toMatchObject({
      ok: true,
      kind: 'json',
      version: 'ob3',
      value: env,
    });
  });
  it('an Open Badges 2.0 Assertion (the 1EdTech validator’s basic one) → json / ob2', () => {
    expect(readCredentialInput(JSON.stringify(OB2))).toEqual({ ok: true, kind: 'json', version: 'ob2', value: OB2 });
  });
  it('I6 text that starts like JSON but does not parse → bad-json PARSING_ERROR', () => {
    const r = failed(readCredentialInput('{"@context": ['));
    expect([r.reason, r.problem.title]).toEqual(['bad-json', 'PARSING_ERROR']);
  });
  it('a JSON array → bad-json', () => {
    expect(failed(readCredentialInput('[1,2]', { mediaType: 'application/json' })).reason).toBe('bad-json');
  });
  it('a presentation → presentation (verify it as one)', () => {
    const vp = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'] };
    expect(failed(readCredentialInput(JSON.stringify(vp))).reason).toBe('presentation');
  });
  it('an OB 2.0 BadgeClass (the spec’s example) → badge-class, saying it is not an awarded badge', () => {
    const r = failed(readCredentialInput(read('ob2/spec/badgeclass.json')));
    expect(r.reason).toBe('badge-class');
    expect(r.problem.detail).toContain('BadgeClass');
  });
  it('JSON that is no credential, and { verifiableCredential: [] } → not-a-credential', () => {
    expect(failed(readCredentialInput('{"name":"x"}')).reason).toBe('not-a-credential');
    expect(failed(readCredentialInput('{"verifiableCredential":[]}')).reason).toBe('not-a-credential');
  });
});

describe('readCredentialInput: compact JWS (VC-JOSE-COSE, VC 1.1 / OB 3.0 §8.2, OB 2.0 SignedBadge)', () => {
  it('a VC-JOSE-COSE JWT carrying an OB 3.0 credential → jwt / ob3, the string trimmed', () => {
    expect(readCredentialInput(`  ${VC_JWT}\n`)).toEqual({ ok: true, kind: 'jwt', version: 'ob3', value: VC_JWT });
  });
  it('a VC 1.1 `vc`-claim JWT → jwt / vc', () => {
    expect(readCredentialInput(VC11_JWT, { mediaType: 'application/vc+jwt' })).toMatchObject({
      kind: 'jwt',
      version: 'vc',
    });
  });
  it('the OB 2.0 specification’s signed badge example (verbatim) → jwt / ob2', () => {
    expect(readCredentialInput(SPEC_JWS)).toEqual({ ok: true, kind: 'jwt', version: 'ob2', value: SPEC_JWS });
  });
  it('sent as application/vc+jwt but not a JWS → media-type-mismatch', () => {
    expect(failed(readCredentialInput('{"a":1}', { mediaType: 'application/vc+jwt' })).reason).toBe(
      'media-type-mismatch',
    );
  });
});

describe('readCredentialInput: baked PNG (OB 3.0 §5.3.1; OB 2.0 Baking "PNGs")', () => {
  it('OB 3.0 iTXt openbadgecredential with the credential’s JSON → png / ob3', () => {
    const png = handMadePng([iTXt('openbadgecredential', JSON.stringify(OB3))]);
    expect(readCredentialInput(png)).toEqual({ ok: true, kind: 'png', version: 'ob3', value: OB3 });
  });
  it('OB 2.0 iTXt openbadges with the assertion’s JSON → png / ob2', () => {
    const png = handMadePng([iTXt('openbadges', JSON.stringify(OB2))]);
    expect(readCredentialInput(png, { mediaType: 'image/png' })).toEqual({
      ok: true,
      kind: 'png',
      version: 'ob2',
      value: OB2,
    });
  });
  it('OB 2.0 iTXt openbadges with a signed assertion (the spec’s JWS) → png / ob2, the JWS', () => {
    const png = handMadePng([iTXt('openbadges', SPEC_JWS)]);
    expect(readCredentialInput(png)).toEqual({ ok: true, kind: 'png', version: 'ob2', value: SPEC_JWS });
  });
  it('OB 2.0 "Legacy PNGs": a tEXt openbadges chunk with the hosted assertion URL → png / ob2, the URL', () => {
    const png = handMadePng([tEXt('openbadges', 'https://example.org/beths-robotics-badge.json')]);
    expect(readCredentialInput(png)).toEqual({
      ok: true,
      kind: 'png',
      version: 'ob2',
      value: 'https://example.org/beths-robotics-badge.json',
    });
  });
  it('a PNG with other text chunks but no badge → png-without-badge, saying which chunks it looked for', () => {
    const r = failed(readCredentialInput(handMadePng([tEXt('Comment', 'hello'), iTXt('openbadge', '{}')])));
    expect(r.reason).toBe('png-without-badge');
    expect(r.problem.detail).toMatch(/carries no badge.*openbadgecredential.*openbadges/);
  });
  it('a badge chunk whose text is neither JSON nor a JWT → bad-baked-text', () => {
    expect(failed(readCredentialInput(handMadePng([iTXt('openbadges', 'not a badge')]))).reason).toBe('bad-baked-text');
  });
  it('a PNG whose CRC is broken → bad-png', () => {
    const png = handMadePng();
    png[30] ^= 0xff;
    expect(failed(readCredentialInput(png)).reason).toBe('bad-png');
  });
  it('sent as image/png but not a PNG → media-type-mismatch; image/jpeg → unsupported-media-type', () => {
    expect(failed(readCredentialInput(JSON.stringify(OB3), { mediaType: 'image/png' })).reason).toBe(
      'media-type-mismatch',
    );
    const r = failed(readCredentialInput(new Uint8Array([0xff, 0xd8, 0xff]), { mediaType: 'image/jpeg' }));
    expect([r.reason, r.problem.title]).toEqual(['unsupported-media-type', 'UNSUPPORTED_MEDIA_TYPE']);
  });
});

describe('readCredentialInput: baked SVG (OB 3.0 §5.3.2; OB 2.0 Baking "SVGs")', () => {
  it('the OB 2.0 Baking specification’s SVG example (verbatim) → svg / ob2, the assertion in its CDATA', () => {
    const r = readCredentialInput(read('ob2/spec/baked-hosted.svg'));
    expect(r).toMatchObject({ ok: true, kind: 'svg', version: 'ob2' });
    expect(r.ok && (r.value as Record<string, unknown>).id).toBe('https://example.org/assertions/123');
  });
  it('OB 2.0 <openbadges:assertion verify="<JWS>"/> (self-closing, signed) → the JWS', () => {
    const svg = SVG(`<openbadges:assertion verify="${SPEC_JWS}"/>`, ' xmlns:openbadges="http://openbadges.org"');
    expect(readCredentialInput(svg)).toEqual({ ok: true, kind: 'svg', version: 'ob2', value: SPEC_JWS });
  });
  it('OB 2.0 <openbadges:assertion verify="<URL>"></openbadges:assertion> without a body → the URL', () => {
    const svg = SVG('<openbadges:assertion verify="https://example.org/a/1"></openbadges:assertion>');
    expect(readCredentialInput(svg)).toEqual({
      ok: true,
      kind: 'svg',
      version: 'ob2',
      value: 'https://example.org/a/1',
    });
  });
  it('OB 3.0 <openbadges:credential> with CDATA JSON → svg / ob3', () => {
    const svg = SVG(`<openbadges:credential><![CDATA[${JSON.stringify(OB3)}]]></openbadges:credential>`);
    expect(readCredentialInput(new TextEncoder().encode(svg), { mediaType: 'image/svg+xml' })).toEqual({
      ok: true,
      kind: 'svg',
      version: 'ob3',
      value: OB3,
    });
  });
  it('an SVG without a badge → svg-without-badge; a broken one → bad-svg', () => {
    expect(failed(readCredentialInput(SVG(''))).reason).toBe('svg-without-badge');
    expect(
      failed(readCredentialInput('<svg xmlns="http://www.w3.org/2000/svg">', { mediaType: 'image/svg+xml' })).reason,
    ).toBe('bad-svg');
  });
  it('an OB 2.0 element whose verify is an http URL to another host → bad-url', () => {
    const svg = SVG('<openbadges:assertion verify="http://example.org/a/1"/>');
    expect(failed(readCredentialInput(svg)).reason).toBe('bad-url');
  });
});

describe('readCredentialInput: URLs, and what is none of these', () => {
  it('an https URL → url / unknown (known once fetched)', () => {
    expect(readCredentialInput(' https://example.org/beths-robotics-badge.json ')).toEqual({
      ok: true,
      kind: 'url',
      version: 'unknown',
      value: 'https://example.org/beths-robotics-badge.json',
    });
  });
  it('http to this machine is a URL (read only with allowLocalhost); http elsewhere and other schemes → bad-url', () => {
    expect(readCredentialInput('http://127.0.0.1:8080/a')).toMatchObject({ ok: true, kind: 'url' });
    expect(failed(readCredentialInput('http://example.org/a')).reason).toBe('bad-url');
    expect(failed(readCredentialInput('ftp://example.org/a')).reason).toBe('bad-url');
  });
  it('empty or blank → empty', () => {
    expect(failed(readCredentialInput('  \n')).reason).toBe('empty');
    expect(failed(readCredentialInput(new Uint8Array())).reason).toBe('empty');
  });
  it('plain words → not-recognised, in words a person understands', () => {
    const r = failed(readCredentialInput('hello, I am a badge'));
    expect(r.reason).toBe('not-recognised');
    expect(r.problem.detail).toBe(
      'This is not JSON, not a JWT, not a PNG or SVG image and not a URL, so it cannot be a credential.',
    );
  });
  it('binary bytes that are not UTF-8 → not-recognised', () => {
    expect(failed(readCredentialInput(new Uint8Array([0xc3, 0x28, 0xff, 0x00]))).reason).toBe('not-recognised');
  });
  it('I7 never throws and always answers ok or a coded problem, for any bytes or text (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.uint8Array(), fc.json()),
        fc.constantFrom(undefined, 'image/png', 'image/svg+xml', 'application/json', 'text/plain'),
        (input, mediaType) => {
          const r = readCredentialInput(input, mediaType ? { mediaType } : {});
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok) expect(r.problem.title).toMatch(/^[A-Z_]+$/);
        },
      ),
      { numRuns: 300 },
    );
  });
});
