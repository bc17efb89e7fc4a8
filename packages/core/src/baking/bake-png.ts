import { isCompactJws } from '../jwt/envelope-jwt.ts';
import { VcError } from '../problems.ts';
import { type PngChunk, readPngChunks, readPngText, writePngChunks } from './png-chunks.ts';

/** The `iTXt` keyword of an Open Badges 3.0 credential baked into a PNG (OB 3.0 §5.3.1). */
export const PNG_CREDENTIAL_KEYWORD = 'openbadgecredential';

/** The text a baked image carries: the credential's JSON, or its compact JWS (VC-JWT). */
function bakedText(credential: Record<string, unknown> | string): string {
  if (typeof credential === 'string') {
    if (!isCompactJws(credential)) throw new TypeError('A credential to bake is an object or a compact JWS.');
    return credential;
  }
  return JSON.stringify(credential);
}

/** An `iTXt` chunk (PNG §11.3.4.5): keyword, no compression, no language tag or translated keyword. */
function iTXt(keyword: string, text: string): PngChunk {
  const data = Buffer.concat([
    Buffer.from(keyword, 'latin1'),
    Buffer.from([0, 0, 0]), // null separator, compression flag 0, compression method 0
    Buffer.from([0]), // empty language tag
    Buffer.from([0]), // empty translated keyword
    Buffer.from(text, 'utf8'),
  ]);
  return { type: 'iTXt', data: new Uint8Array(data) };
}

/**
 * Bakes an Open Badges 3.0 credential into a PNG image (OB 3.0 §5.3.1 "PNG Baking"): an `iTXt`
 * chunk with keyword `openbadgecredential`, uncompressed, holding the credential's JSON (embedded
 * proof) or its compact JWS (VC-JWT), placed right after `IHDR`. An image that already holds one
 * is refused (`MALFORMED_VALUE_ERROR`) unless `overwrite`, which replaces it: the chunk "MUST NOT
 * appear in a PNG more than once".
 *
 * @example
 * const baked = bakePng(await readFile('badge.png'), credential);
 */
export function bakePng(
  png: Uint8Array,
  credential: Record<string, unknown> | string,
  options: { overwrite?: boolean } = {},
): Uint8Array {
  const chunks = readPngChunks(png);
  const isOurs = (c: PngChunk) => c.type === 'iTXt' && readPngText(c)?.keyword === PNG_CREDENTIAL_KEYWORD;
  if (chunks.some(isOurs) && !options.overwrite) {
    throw new VcError('MALFORMED_VALUE_ERROR', 'The image already holds a baked credential (openbadgecredential).');
  }
  const kept = chunks.filter((c) => !isOurs(c));
  return writePngChunks([kept[0]!, iTXt(PNG_CREDENTIAL_KEYWORD, bakedText(credential)), ...kept.slice(1)]);
}

/**
 * The credential baked into a PNG (OB 3.0 §5.3.1 "Extracting"): the text of the first `iTXt`
 * chunk with keyword `openbadgecredential` — the credential's JSON parsed, or its compact JWS as
 * a string; undefined when the image holds none. Throws a `VcError` for a file that is not a
 * PNG or a chunk whose text is neither.
 *
 * @example
 * const credential = unbakePng(bytes); // { '@context': […], … } or 'eyJhbGciOi…'
 */
export function unbakePng(png: Uint8Array): Record<string, unknown> | string | undefined {
  for (const c of readPngChunks(png)) {
    if (c.type !== 'iTXt') continue;
    const t = readPngText(c);
    if (t?.keyword !== PNG_CREDENTIAL_KEYWORD) continue;
    return parseBaked(t.text);
  }
  return undefined;
}

/**
 * The baked text as a credential: a JSON object, or a compact JWS string.
 *
 * @example
 * parseBaked('eyJ…'); // 'eyJ…'
 */
export function parseBaked(text: string): Record<string, unknown> | string {
  const trimmed = text.trim();
  if (isCompactJws(trimmed)) return trimmed;
  try {
    const value = JSON.parse(trimmed);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {}
  throw new VcError('MALFORMED_VALUE_ERROR', 'The baked text is neither a credential (JSON object) nor a compact JWS.');
}
