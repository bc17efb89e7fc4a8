import { crc32, inflateSync } from 'node:zlib';
import { VcError } from '../problems.ts';

/** The 8-byte PNG signature (PNG §5.2). */
export const PNG_SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** One PNG chunk: its 4-letter type and its data. */
export interface PngChunk {
  type: string;
  data: Uint8Array;
}

/**
 * Splits a PNG datastream into its chunks (PNG §5.3), checking the signature, every length and
 * every CRC; throws a `VcError` (`MALFORMED_VALUE_ERROR`) for anything that is not a whole PNG.
 *
 * @example
 * readPngChunks(bytes).map((c) => c.type); // ['IHDR', 'IDAT', 'IEND']
 */
export function readPngChunks(png: Uint8Array): PngChunk[] {
  const bad = (detail: string) => new VcError('MALFORMED_VALUE_ERROR', `Not a PNG image: ${detail}`);
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (buf.length < 8 || !buf.subarray(0, 8).equals(Buffer.from(PNG_SIGNATURE))) throw bad('no PNG signature.');
  const chunks: PngChunk[] = [];
  let at = 8;
  while (at < buf.length) {
    if (at + 12 > buf.length) throw bad('a chunk is cut short.');
    const length = buf.readUInt32BE(at);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > buf.length) throw bad('a chunk is longer than the file.');
    const type = buf.toString('latin1', at + 4, at + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) throw bad('a chunk has no valid type.');
    const crc = buf.readUInt32BE(end - 4);
    if (crc32(buf.subarray(at + 4, end - 4)) !== crc) throw bad(`the ${type} chunk's CRC does not match.`);
    chunks.push({ type, data: buf.subarray(at + 8, end - 4) });
    at = end;
    if (type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR' || chunks.at(-1)?.type !== 'IEND')
    throw bad('it must start with IHDR and end with IEND.');
  return chunks;
}

/**
 * Writes chunks back into a PNG datastream (signature, then length, type, data and CRC each).
 *
 * @example
 * writePngChunks(readPngChunks(bytes)); // the same bytes
 */
export function writePngChunks(chunks: readonly PngChunk[]): Uint8Array {
  const parts: Buffer[] = [Buffer.from(PNG_SIGNATURE)];
  for (const c of chunks) {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(c.data.length, 0);
    head.write(c.type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), c.data])), 0);
    parts.push(head, Buffer.from(c.data), crc);
  }
  return new Uint8Array(Buffer.concat(parts));
}

/**
 * The keyword and text of a PNG text chunk: `iTXt` (PNG §11.3.4.5; compressed or not, UTF-8) or
 * `tEXt` (§11.3.4.3, Latin-1); undefined for other chunks and for text chunks we cannot read.
 *
 * @example
 * readPngText(chunk); // { keyword: 'openbadgecredential', text: '{"@context":…}' }
 */
export function readPngText(chunk: PngChunk): { keyword: string; text: string } | undefined {
  if (chunk.type !== 'iTXt' && chunk.type !== 'tEXt') return undefined;
  const buf = Buffer.from(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength);
  const k = buf.indexOf(0);
  if (k < 1) return undefined;
  const keyword = buf.toString('latin1', 0, k);
  if (chunk.type === 'tEXt') return { keyword, text: buf.toString('latin1', k + 1) };
  if (k + 2 >= buf.length) return undefined;
  const compressed = buf[k + 1] === 1;
  const lang = buf.indexOf(0, k + 3);
  const translated = lang < 0 ? -1 : buf.indexOf(0, lang + 1);
  if (translated < 0) return undefined;
  const raw = buf.subarray(translated + 1);
  try {
    return { keyword, text: (compressed ? inflateSync(raw) : raw).toString('utf8') };
  } catch {
    return undefined;
  }
}
