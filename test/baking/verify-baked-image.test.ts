// POST /credentials/verify takes an Open Badges baked image as the body (Content-Type image/png or
// image/svg+xml): the credential inside is extracted (OB 3.0 §5.3.1 PNG iTXt "openbadgecredential",
// §5.3.2 SVG <openbadges:credential>) and verified. The images are made here by hand, not by our
// baking code: a PNG whose iTXt chunk is written from PNG §11.3.4.5, and SVG text.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handMadePng, pngChunk } from '../helpers/hand-made-png.ts';
import { type IssuerApp, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { call, readAnswer } from '../helpers/issuer-process.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/ob3-certification.json', import.meta.url), 'utf8'));

/** A hand-made PNG, with an uncompressed iTXt chunk `keyword` → `text` when given (PNG §11.3.4.5). */
function png(text?: string, keyword = 'openbadgecredential'): Buffer {
  const itxt = Buffer.concat([Buffer.from(`${keyword}\0\0\0\0\0`, 'latin1'), Buffer.from(text ?? '', 'utf8')]);
  return handMadePng(text === undefined ? [] : [pngChunk('iTXt', itxt)]);
}

let issuer: IssuerApp;
let credential: Record<string, any>;
let jwt: string;

beforeAll(async () => {
  issuer = await startIssuerApp();
  const di = await call(
    issuer.url,
    'POST',
    '/credentials/issue',
    { credential: structuredClone(fixture) },
    TOKENS.full,
  );
  expect(di.status, di.text).toBe(201);
  credential = di.json.verifiableCredential;
  const j = await call(
    issuer.url,
    'POST',
    '/credentials/issue',
    { credential: structuredClone(fixture), options: { format: 'jwt' } },
    TOKENS.full,
  );
  expect(j.status, j.text).toBe(201);
  jwt = String(j.json.verifiableCredential.id).replace(/^data:application\/vc\+jwt,/, '');
  expect(jwt.split('.')).toHaveLength(3);
});
afterAll(async () => {
  await issuer?.close();
});

async function verifyImage(type: string, body: Buffer | string) {
  return readAnswer(
    await fetch(`${issuer.url}/credentials/verify`, { method: 'POST', headers: { 'content-type': type }, body }),
  );
}

describe('verify a baked image (Open Badges 3.0 §5.3)', () => {
  it('§5.3.1 a PNG with the credential JSON in iTXt "openbadgecredential" verifies', async () => {
    const res = await verifyImage('image/png', png(JSON.stringify(credential)));
    expect(res.status, res.text).toBe(200);
    expect(res.json.verified).toBe(true);
    expect(Object.keys(res.json)).toContain('checks');
  });

  it('§5.3.1 a PNG with a compact JWS verifies as the JWT', async () => {
    const res = await verifyImage('image/png', png(jwt));
    expect(res.status, res.text).toBe(200);
    expect(res.json.verified).toBe(true);
  });

  it('§5.3.2 an SVG with <openbadges:credential> (CDATA JSON, or verify="JWS") verifies', async () => {
    const svg = (inner: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" viewBox="0 0 10 10">${inner}<circle cx="5" cy="5" r="4"/></svg>`;
    const cdata = await verifyImage(
      'image/svg+xml',
      svg(`<openbadges:credential><![CDATA[${JSON.stringify(credential)}]]></openbadges:credential>`),
    );
    expect(cdata.status, cdata.text).toBe(200);
    const attr = await verifyImage('image/svg+xml', svg(`<openbadges:credential verify="${jwt}"/>`));
    expect(attr.status, attr.text).toBe(200);
  });

  it('a changed credential inside the image fails as a signature failure, not a parse error', async () => {
    const changed = structuredClone(credential);
    changed.credentialSubject.achievement.name = 'Master Everything';
    const res = await verifyImage('image/png', png(JSON.stringify(changed)));
    expect(res.status).toBe(422);
    expect(res.json.verified).toBe(false);
    expect(res.json.problems.map((p: { title: string }) => p.title)).toContain('CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  it('an image without a credential is 422 saying so; a PNG under another keyword does not count; not a PNG is 400', async () => {
    const none = await verifyImage('image/png', png());
    expect(none.status).toBe(422);
    expect(none.json.detail).toMatch(/no iTXt chunk "openbadgecredential"/);
    const other = await verifyImage('image/png', png(JSON.stringify(credential), 'Comment'));
    expect(other.status).toBe(422);
    const svg = await verifyImage('image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(svg.status).toBe(422);
    expect(svg.json.detail).toMatch(/<openbadges:credential>/);
    const garbage = await verifyImage('image/png', Buffer.from('not a png at all'));
    expect(garbage.status).toBe(400);
    expect(garbage.json.title).toBe('PARSING_ERROR');
  });

  it('images are accepted by /credentials/verify only: /presentations/verify still asks for JSON (415)', async () => {
    const res = readAnswer(
      await fetch(`${issuer.url}/presentations/verify`, {
        method: 'POST',
        headers: { 'content-type': 'image/png' },
        body: png(JSON.stringify(credential)),
      }),
    );
    expect((await res).status).toBe(415);
  });
});

describe('VC 2.0 §6.3 media types on POST /credentials/verify', () => {
  it('a credential sent as application/vc (how the credential pages serve credential.json) is read as JSON', async () => {
    const res = await verifyImage('application/vc', JSON.stringify(credential));
    expect(res.status, res.text).toBe(200);
    expect(res.json.verified).toBe(true);
  });
});
