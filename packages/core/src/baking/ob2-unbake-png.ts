import { type Ob2Baked, parseOb2Baked } from './ob2-parse-baked.ts';
import { readPngChunks, readPngText } from './png-chunks.ts';

/** The keyword of an Open Badges 2.0 assertion baked into a PNG (OB 2.0 Baking "PNGs"). */
export const OB2_PNG_KEYWORD = 'openbadges';

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
    const t = readPngText(c);
    if (t?.keyword !== OB2_PNG_KEYWORD) continue;
    if (c.type === 'iTXt') return parseOb2Baked(t.text);
    legacy ??= t.text;
  }
  return legacy === undefined ? undefined : parseOb2Baked(legacy);
}
