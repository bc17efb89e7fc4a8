import { type Ob2Baked, unbakeOb2Png, unbakeOb2Svg, unbakePng, unbakeSvg, VcError } from '@repo/core';
import { isObject } from '@repo/schemas';
import { credentialVersionOf, isOb2Assertion, jwsVersionOf } from './detect-version.ts';
import { fail } from './input-failure.ts';
import type { CredentialInput } from './input-types.ts';
import { isCredentialUrl } from './read-url-input.ts';

/**
 * A baked PNG: the OB 3.0 credential (OB 3.0 §5.3.1, `iTXt:openbadgecredential`) or else the OB
 * 2.0 assertion (OB 2.0 Baking, `iTXt:openbadges`, legacy `tEXt:openbadges` with its URL).
 *
 * @example
 * readPngInput(bytes); // { ok: true, kind: 'png', version: 'ob3', value: { … } }
 */
export function readPngInput(png: Uint8Array): CredentialInput {
  let what = 'the openbadgecredential chunk';
  try {
    const ob3 = unbakePng(png);
    if (ob3 !== undefined) return baked('png', ob3);
    what = 'the openbadges chunk';
    const ob2 = unbakeOb2Png(png);
    if (ob2 !== undefined) return bakedOb2('png', ob2);
  } catch (e) {
    if (e instanceof VcError && e.message.startsWith('Not a PNG'))
      return fail('bad-png', 'MALFORMED_VALUE_ERROR', `This PNG image is broken: ${e.message}`);
    return fail(
      'bad-baked-text',
      'MALFORMED_VALUE_ERROR',
      `This PNG image's badge cannot be read: ${what} holds neither JSON nor a JWT.`,
    );
  }
  return fail(
    'png-without-badge',
    'MALFORMED_VALUE_ERROR',
    'This PNG image carries no badge: it has no iTXt chunk "openbadgecredential" (Open Badges 3.0) or "openbadges" (Open Badges 2.0).',
  );
}

/**
 * A baked SVG: the OB 3.0 credential (OB 3.0 §5.3.2, `<openbadges:credential>`) or else the OB 2.0
 * assertion (OB 2.0 Baking, `<openbadges:assertion>`: JSON body, or `verify` = JWS or URL).
 *
 * @example
 * readSvgInput(svgText); // { ok: true, kind: 'svg', version: 'ob2', value: 'eyJ…' }
 */
export function readSvgInput(svg: string): CredentialInput {
  if (!/<svg[\s>]/i.test(svg) || !/<\/svg\s*>|<svg[^>]*\/>/i.test(svg))
    return fail('bad-svg', 'MALFORMED_VALUE_ERROR', 'This is not an SVG image: there is no whole <svg> element.');
  let what = '<openbadges:credential>';
  try {
    const ob3 = unbakeSvg(svg);
    if (ob3 !== undefined) return baked('svg', ob3);
    what = '<openbadges:assertion>';
    const ob2 = unbakeOb2Svg(svg);
    if (ob2 !== undefined) return bakedOb2('svg', ob2);
  } catch {
    return fail(
      'bad-baked-text',
      'MALFORMED_VALUE_ERROR',
      `This SVG image's badge cannot be read: its ${what} element holds neither JSON nor a JWT.`,
    );
  }
  return fail(
    'svg-without-badge',
    'MALFORMED_VALUE_ERROR',
    'This SVG image carries no badge: it has no <openbadges:credential> (Open Badges 3.0) or <openbadges:assertion> (Open Badges 2.0) element.',
  );
}

function baked(kind: 'png' | 'svg', value: Record<string, unknown> | string): CredentialInput {
  const version = typeof value === 'string' ? jwsVersionOf(value) : credentialVersionOf(value);
  return { ok: true, kind, version, value };
}

/** What an OB 2.0 image carries is OB 2.0 whatever it looks like (a URL, a JWS, JSON). */
function bakedOb2(kind: 'png' | 'svg', value: Ob2Baked): CredentialInput {
  if (typeof value === 'string' && /^https?:/i.test(value)) {
    if (!isCredentialUrl(value))
      return fail(
        'bad-url',
        'MALFORMED_VALUE_ERROR',
        `This ${kind.toUpperCase()} image's badge points to a URL that is not https.`,
      );
    return { ok: true, kind, version: 'ob2', value };
  }
  if (isObject(value) && !isOb2Assertion(value) && credentialVersionOf(value) !== 'vc') return baked(kind, value);
  return { ok: true, kind, version: 'ob2', value };
}
