import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { writePngChunks } from '@repo/core';

/**
 * Badge colours, each with contrast ≥ 4.5:1 against white (the ring and the star), so the
 * generated image meets WCAG 2.2 SC 1.4.11 non-text contrast with room to spare.
 */
export const BADGE_COLOURS = ['#0b5cad', '#0f6b2f', '#6a1b9a', '#a4161a', '#00695c', '#4e342e'] as const;

/** The badge colour of an achievement: picked by the SHA-256 of its id, so the same one every time. */
export function badgeColour(seed: string): (typeof BADGE_COLOURS)[number] {
  return BADGE_COLOURS[createHash('sha256').update(seed, 'utf8').digest()[0]! % BADGE_COLOURS.length]!;
}

/** Side of the generated PNG, in pixels. */
export const BADGE_PNG_SIZE = 256;

/** The points of a five-pointed star centred on (c, c). */
function starPoints(c: number, outer: number, inner: number): Array<[number, number]> {
  return Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    return [c + r * Math.cos(a), c + r * Math.sin(a)] as [number, number];
  });
}

/** Even-odd point-in-polygon test. */
function inside(x: number, y: number, poly: ReadonlyArray<[number, number]>): boolean {
  let hit = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/** The drawn badges of {@link BADGE_COLOURS}: drawing one takes ~90 ms of CPU, so each is drawn once. */
const drawn = new Map<string, Uint8Array>();

/**
 * The generated badge of a palette colour, drawn once and kept (at most one per badge colour): a
 * public download must not cost a drawing each time.
 *
 * @example
 * const png = badgePngOf(badgeColour(achievementId));
 */
export function badgePngOf(colour: (typeof BADGE_COLOURS)[number]): Uint8Array {
  let png = drawn.get(colour);
  if (!png) {
    png = drawBadgePng(colour);
    drawn.set(colour, png);
  }
  return png.slice();
}

/**
 * Draws the generated badge: a disc in the achievement's colour, a white ring and a white star, on
 * a transparent background (RGBA, 256 × 256, 4 samples a pixel for smooth edges). Written with
 * core's PNG chunk writer and `node:zlib` (no image library at run time); the same colour always
 * gives the same bytes. There is no text in it: the page and the SVG badge carry the name.
 *
 * @example
 * const png = drawBadgePng('#0b5cad'); // a PNG datastream, ready for bakePng
 */
export function drawBadgePng(colour: string): Uint8Array {
  const size = BADGE_PNG_SIZE;
  const c = size / 2;
  const rgb = [1, 3, 5].map((i) => Number.parseInt(colour.slice(i, i + 2), 16));
  const star = starPoints(c, 58, 24);
  const sample = (x: number, y: number): number[] => {
    const d = Math.hypot(x - c, y - c);
    if (d > 124) return [0, 0, 0, 0];
    if ((d >= 100 && d <= 108) || inside(x, y, star)) return [255, 255, 255, 255];
    return [...rgb, 255] as number[];
  };
  const offsets = [0.25, 0.75];
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter type None
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (const dy of offsets)
        for (const dx of offsets) {
          const [r, g, b, a] = sample(x + dx, y + dy) as [number, number, number, number];
          sum[0]! += r * a;
          sum[1]! += g * a;
          sum[2]! += b * a;
          sum[3]! += a;
        }
      const at = row + 1 + x * 4;
      const alpha = sum[3]!;
      for (let k = 0; k < 3; k++) raw[at + k] = alpha === 0 ? 0 : Math.round(sum[k]! / alpha);
      raw[at + 3] = Math.round(alpha / 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, adaptive filtering, no interlace
  return writePngChunks([
    { type: 'IHDR', data: ihdr },
    { type: 'IDAT', data: deflateSync(raw, { level: 9 }) },
    { type: 'IEND', data: new Uint8Array(0) },
  ]);
}
