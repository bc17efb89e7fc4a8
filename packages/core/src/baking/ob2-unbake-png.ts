import { inflateSync } from 'node:zlib';
import { type Ob2Baked, parseOb2Baked } from './ob2-parse-baked.ts';
import { readPngChunks } from './png-chunks.ts';

/** The keyword of an Open Badges 2.0 assertion baked into a PNG (OB 2.0 Baking "PNGs"). */
export const OB2_PNG_KEYWORD = 'openbadges';

/** The text of an `iTXt` (PNG §11.3.4.5) or `tEXt` (§11.3.4.3) chunk with the given keyword. */
function textOf(type: string, data: Uint8Array, keyword: string): string | undefined {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const k = buf.indexOf(0);
  if (k < 1 || buf.toString('latin1', 0, k) !== keyword) return undefined;
  if (type === 'tEXt') return buf.toString('latin1', k + 1);
  if (k + 2 >= buf.length) return undefined;
  const compressed = buf[k + 1] === 1;
  const lang = buf.indexOf(0, k + 3);
  const translated = lang < 0 ? -1 : buf.indexOf(0, lang + 1);
  if (translated < 0) return undefined;
  const raw = buf.subarray(translated + 1);
  try {
    return (compressed ? inflateSync(raw) : raw).toString('utf8');
  } catch {
    return undefined;
  }
}

/**
 * The Open Badges 2.0 assertion baked into a PNG (OB 2.0 Baking "PNGs" → "Extracting"): the text
 * of the first `iTXt` chunk with keyword `openbadges` — the assertion's JSON (parsed) or a signed
 * assertion (compact JWS) — or, for a legacy PNG ("Legacy PNGs") with only a `tEXt:openbadges`
 * chunk, the hosted assertion's URL. Undefined when the image holds neither. Throws a `VcError`
 * (`MALFORMED_VALUE_ERROR`) for a file that is not a PNG or a chunk whose text is none of these.
 *
 * @example
 * unbakeOb2Png(bytes); // { '@context': 'https://w3id.org/openbadges/v2', type: 'Assertion', … }
 */
export function unbakeOb2Png(png: Uint8Array): Ob2Baked | undefined {
  let legacy: string | undefined;
  for (const c of readPngChunks(png)) {
    if (c.type === 'iTXt') {
      const text = textOf('iTXt', c.data, OB2_PNG_KEYWORD);
      if (text !== undefined) return parseOb2Baked(text);
    } else if (c.type === 'tEXt' && legacy === undefined) {
      legacy = textOf('tEXt', c.data, OB2_PNG_KEYWORD);
    }
  }
  return legacy === undefined ? undefined : parseOb2Baked(legacy);
}
