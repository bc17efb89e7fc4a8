import { VcError } from '../problems.ts';
import { type Ob2Baked, parseOb2Baked } from './ob2-parse-baked.ts';

/** The XML namespace of the baked assertion element (OB 2.0 Baking "SVGs"). */
export const OB2_SVG_NAMESPACE = 'http://openbadges.org';

const ELEMENT = /<openbadges:assertion\b([^>]*?)(?:\/>|>([\s\S]*?)<\/openbadges:assertion\s*>)/;

const unescapeXml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * The Open Badges 2.0 assertion baked into an SVG (OB 2.0 Baking "SVGs" → "Extracting"): from
 * the first `<openbadges:assertion>` element, its body (the assertion's JSON, in CDATA) when it
 * has one, else its `verify` attribute (a signed assertion, or the hosted assertion's URL).
 * Undefined when the image has no such element; throws a `VcError` (`MALFORMED_VALUE_ERROR`)
 * when it has one that holds none of these.
 *
 * @example
 * unbakeOb2Svg('<svg …><openbadges:assertion verify="eyJ…"/></svg>'); // 'eyJ…'
 */
export function unbakeOb2Svg(svg: string): Ob2Baked | undefined {
  if (typeof svg !== 'string') throw new VcError('MALFORMED_VALUE_ERROR', 'Not an SVG image.');
  const m = ELEMENT.exec(svg);
  if (!m) return undefined;
  const body = m[2] ?? '';
  const cdata = [...body.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((c) => c[1]).join('');
  const text = cdata.trim() || unescapeXml(body).trim();
  if (text) return parseOb2Baked(text);
  const verify = /\sverify\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(m[1] ?? '');
  const value = verify?.[1] ?? verify?.[2];
  if (value === undefined)
    throw new VcError(
      'MALFORMED_VALUE_ERROR',
      'The <openbadges:assertion> element has neither a body nor a verify attribute.',
    );
  return parseOb2Baked(unescapeXml(value));
}
