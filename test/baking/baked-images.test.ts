import {
  bakePng,
  bakeSvg,
  OPEN_BADGES_SVG_NAMESPACE,
  PNG_CREDENTIAL_KEYWORD,
  type SigningKey,
  signCredential,
  signCredentialJwt,
  unbakePng,
  unbakeSvg,
  VcError,
} from '@repo/core';
import { createVerifier } from '@repo/verifier';
import extractChunks from 'png-chunks-extract';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestKey, createTestLoader, FROZEN_NOW, ob3Credential } from '../helpers/credential-factory.ts';
import { handMadePng } from '../helpers/hand-made-png.ts';

/** A 2×2 RGB PNG written by hand (PNG §5, §11.2), independent of the code under test. */
const tinyPng = (): Uint8Array => new Uint8Array(handMadePng());

/** The iTXt chunks of a PNG, read with png-chunks-extract and decoded per PNG §11.3.4.5. */
function iTXtOf(png: Uint8Array): Array<{ keyword: string; compressed: number; text: string }> {
  return (extractChunks(png) as Array<{ name: string; data: Uint8Array }>)
    .filter((c) => c.name === 'iTXt')
    .map((c) => {
      const b = Buffer.from(c.data);
      const k = b.indexOf(0);
      const lang = b.indexOf(0, k + 3);
      const translated = b.indexOf(0, lang + 1);
      return { keyword: b.toString('latin1', 0, k), compressed: b[k + 1]!, text: b.toString('utf8', translated + 1) };
    });
}

const SVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><circle cx="256" cy="256" r="200"/></svg>
`;

let key: SigningKey;
let signed: Record<string, any>;
let jwt: string;
let verifier: ReturnType<typeof createVerifier>;
beforeAll(async () => {
  const { documentLoader, didResolver } = createTestLoader();
  key = await createTestKey();
  signed = await signCredential(ob3Credential(key), { key, documentLoader, now: FROZEN_NOW });
  jwt = await signCredentialJwt(ob3Credential(key), { key, now: FROZEN_NOW });
  verifier = createVerifier({ now: () => FROZEN_NOW, didResolver, checkSchema: false });
});

describe('Open Badges 3.0 §5.3.1 PNG baking', () => {
  it('bakes one uncompressed iTXt "openbadgecredential" chunk that png-chunks-extract reads back; the credential verifies', async () => {
    const baked = bakePng(tinyPng(), signed);
    const ours = iTXtOf(baked).filter((c) => c.keyword === PNG_CREDENTIAL_KEYWORD);
    expect(ours).toHaveLength(1);
    expect(ours[0]!.compressed).toBe(0);
    const extracted = JSON.parse(ours[0]!.text);
    expect(extracted).toEqual(signed);
    expect((await verifier.verifyCredential(extracted)).verified).toBe(true);
    expect(unbakePng(baked)).toEqual(signed);
    // The image itself is untouched: same chunks but ours, in order.
    const names = (extractChunks(baked) as Array<{ name: string }>).map((c) => c.name);
    expect(names).toEqual(['IHDR', 'iTXt', 'IDAT', 'IEND']);
  });

  it('a VC-JWT is baked as its compact JWS and verifies', async () => {
    const baked = bakePng(tinyPng(), jwt);
    expect(iTXtOf(baked)[0]!.text).toBe(jwt);
    const out = unbakePng(baked);
    expect(out).toBe(jwt);
    expect((await verifier.verifyCredential(out)).verified).toBe(true);
  });

  it('"MUST NOT appear more than once": a second bake is refused, overwrite replaces it', () => {
    const once = bakePng(tinyPng(), signed);
    expect(() => bakePng(once, jwt)).toThrow(VcError);
    const replaced = bakePng(once, jwt, { overwrite: true });
    expect(iTXtOf(replaced).filter((c) => c.keyword === PNG_CREDENTIAL_KEYWORD)).toHaveLength(1);
    expect(unbakePng(replaced)).toBe(jwt);
  });

  it('a credential changed inside the image no longer verifies', async () => {
    const tampered = { ...signed, name: 'Forged' };
    const baked = bakePng(tinyPng(), tampered);
    expect((await verifier.verifyCredential(unbakePng(baked))).verified).toBe(false);
  });

  it('not a PNG, or a corrupted chunk → MALFORMED_VALUE_ERROR; a PNG without a credential → undefined', () => {
    expect(() => unbakePng(new TextEncoder().encode('GIF89a'))).toThrow(/Not a PNG/);
    const baked = bakePng(tinyPng(), signed);
    const broken = new Uint8Array(baked);
    broken[40] = (broken[40]! + 1) & 0xff;
    expect(() => unbakePng(broken)).toThrow(/CRC/);
    expect(unbakePng(tinyPng())).toBeUndefined();
  });
});

describe('Open Badges 3.0 §5.3.2 SVG baking', () => {
  it('embedded proof: the namespace on <svg>, the element directly after it, the JSON in CDATA; it verifies', async () => {
    const baked = bakeSvg(SVG, signed);
    expect(baked).toContain(`xmlns:openbadges="${OPEN_BADGES_SVG_NAMESPACE}"`);
    expect(baked).toMatch(/<svg[^>]*>\s*<openbadges:credential><!\[CDATA\[\{/);
    expect(baked.match(/<openbadges:credential/g)).toHaveLength(1);
    const out = unbakeSvg(baked);
    expect(out).toEqual(signed);
    expect((await verifier.verifyCredential(out)).verified).toBe(true);
  });

  it('VC-JWT: a verify attribute holding the compact JWS; it verifies', async () => {
    const baked = bakeSvg(SVG, jwt);
    expect(baked).toContain(`<openbadges:credential verify="${jwt}"></openbadges:credential>`);
    expect((await verifier.verifyCredential(unbakeSvg(baked))).verified).toBe(true);
  });

  it('reads the spec’s own example shape (pretty-printed JSON in CDATA)', () => {
    const example = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" viewBox="0 0 512 512">
    <openbadges:credential>
      <![CDATA[
        ${JSON.stringify(signed, null, 2)}
      ]]>
    </openbadges:credential>
  </svg>`;
    expect(unbakeSvg(example)).toEqual(signed);
  });

  it('one element at most; a "]]>" inside the JSON survives; not an SVG is refused', () => {
    const once = bakeSvg(SVG, signed);
    expect(() => bakeSvg(once, signed)).toThrow(VcError);
    const tricky = { ...signed, description: 'a ]]> b' };
    expect(unbakeSvg(bakeSvg(SVG, tricky))).toEqual(tricky);
    expect(() => bakeSvg('<html></html>', signed)).toThrow(/Not an SVG/);
    expect(unbakeSvg(SVG)).toBeUndefined();
  });
});
