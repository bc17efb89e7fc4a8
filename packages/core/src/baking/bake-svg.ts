import { isCompactJws } from '../jwt/envelope-jwt.ts';
import { VcError } from '../problems.ts';
import { parseBaked } from './bake-png.ts';

/** The XML namespace of the baked credential element (OB 3.0 §5.3.2). */
export const OPEN_BADGES_SVG_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';

const SVG_OPEN = /<svg(?=[\s>/])[^>]*>/;
const ELEMENT = /<openbadges:credential\b([^>]*?)(?:\/>|>([\s\S]*?)<\/openbadges:credential>)/;

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * Bakes an Open Badges 3.0 credential into an SVG image (OB 3.0 §5.3.2 "SVG Baking"): the
 * `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"` attribute on `<svg>`, and directly
 * after the `<svg>` tag an `<openbadges:credential>` element — for a VC-JWT with a `verify`
 * attribute holding the compact JWS, for an embedded proof with the credential's JSON in a
 * `CDATA` section. One such element at most: an image that has one is refused unless
 * `overwrite`. A credential whose JSON holds `]]>` is written with that sequence split across
 * two CDATA sections, so the text read back is the same.
 *
 * @example
 * const baked = bakeSvg(svgText, credential);
 */
export function bakeSvg(
  svg: string,
  credential: Record<string, unknown> | string,
  options: { overwrite?: boolean } = {},
): string {
  if (typeof svg !== 'string' || !SVG_OPEN.test(svg) || !svg.includes('</svg>')) {
    throw new VcError('MALFORMED_VALUE_ERROR', 'Not an SVG image: no <svg> element.');
  }
  let text = svg;
  if (ELEMENT.test(text)) {
    if (!options.overwrite)
      throw new VcError('MALFORMED_VALUE_ERROR', 'The image already holds a baked credential (openbadges:credential).');
    text = text.replace(ELEMENT, '');
  }
  let element: string;
  if (typeof credential === 'string') {
    if (!isCompactJws(credential)) throw new TypeError('A credential to bake is an object or a compact JWS.');
    element = `<openbadges:credential verify="${escapeAttribute(credential)}"></openbadges:credential>`;
  } else {
    const json = JSON.stringify(credential).replaceAll(']]>', ']]]]><![CDATA[>');
    element = `<openbadges:credential><![CDATA[${json}]]></openbadges:credential>`;
  }
  return text.replace(SVG_OPEN, (open) => {
    const withNs = /\sxmlns:openbadges=/.test(open)
      ? open
      : open.replace(/^<svg/, `<svg xmlns:openbadges="${OPEN_BADGES_SVG_NAMESPACE}"`);
    return `${withNs}\n  ${element}`;
  });
}

/**
 * The credential baked into an SVG (OB 3.0 §5.3.2 "Extracting"): from the first
 * `<openbadges:credential>` element, its `verify` attribute (a compact JWS) or its CDATA text
 * (the credential's JSON, parsed); undefined when the image has none.
 *
 * @example
 * unbakeSvg(svgText); // { '@context': […], … } or 'eyJhbGciOi…'
 */
export function unbakeSvg(svg: string): Record<string, unknown> | string | undefined {
  if (typeof svg !== 'string') throw new VcError('MALFORMED_VALUE_ERROR', 'Not an SVG image.');
  const m = ELEMENT.exec(svg);
  if (!m) return undefined;
  const verify = /\sverify\s*=\s*"([^"]*)"/.exec(m[1] ?? '');
  if (verify)
    return parseBaked(
      verify[1]!
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&amp;/g, '&'),
    );
  const body = m[2] ?? '';
  const cdata = [...body.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((c) => c[1]).join('');
  return parseBaked(cdata || body);
}
