import { isCompactJws } from '../jwt/envelope-jwt.ts';
import { VcError } from '../problems.ts';

/**
 * What an Open Badges 2.0 baked image carries (OB 2.0 Baking "Extracting"): the assertion's JSON
 * (parsed), a signed assertion (a compact JWS), or the URL of a hosted assertion (the legacy
 * `tEXt` chunk, an SVG `verify` attribute without a body).
 */
export type Ob2Baked = Record<string, unknown> | string;

/**
 * The text of an OB 2.0 baked image as an assertion: a JSON object, a compact JWS, or an http(s)
 * URL; anything else throws a `VcError` (`MALFORMED_VALUE_ERROR`).
 *
 * @example
 * parseOb2Baked('https://example.org/assertions/123'); // 'https://example.org/assertions/123'
 */
export function parseOb2Baked(text: string): Ob2Baked {
  const trimmed = text.trim();
  if (isCompactJws(trimmed)) return trimmed;
  if (/^https?:\/\/\S+$/i.test(trimmed) && URL.canParse(trimmed)) return trimmed;
  try {
    const value = JSON.parse(trimmed);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {}
  throw new VcError(
    'MALFORMED_VALUE_ERROR',
    'The baked Open Badges 2.0 text is neither an assertion (JSON object), a signed assertion (compact JWS) nor an assertion URL.',
  );
}
