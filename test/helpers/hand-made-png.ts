import { crc32, deflateSync } from 'node:zlib';

/** One PNG chunk written by hand (PNG §5.3: length, type, data, CRC-32 over type and data). */
export function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/**
 * A 2×2 RGB PNG written by hand (PNG §5, §11.2), independent of the code under test; `extra`
 * chunks go between IHDR and IDAT.
 *
 * @example
 * handMadePng([pngChunk('iTXt', Buffer.from('openbadgecredential\0\0\0\0\0{…}'))]);
 */
export function handMadePng(extra: Buffer[] = []): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
  const rows = Buffer.from([0, 255, 0, 0, 0, 0, 255, 0, 0, 255, 0, 255, 255, 255]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    ...extra,
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
