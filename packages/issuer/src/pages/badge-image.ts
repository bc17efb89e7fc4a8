import { bakePng, bakeSvg, readPngChunks } from '@repo/core';
import { achievementOf, isObject } from '@repo/schemas';
import type { CredentialRecord } from '../store/types.ts';
import { badgeColour, badgePngOf } from './draw-badge-png.ts';
import { escapeHtml } from './html.ts';

/**
 * What is baked into a badge image (Open Badges 3.0 §5.3): the credential's JSON when it has an
 * embedded proof, else its compact JWS (a VC-JWT credential; §5.3.1 and §5.3.2 allow either, and
 * core's `bakePng` / `bakeSvg` take an object or a compact JWS string).
 *
 * @example
 * bakePng(png, bakedForm(record));
 */
export function bakedForm(record: CredentialRecord): Record<string, unknown> | string {
  if (record.credential.proof !== undefined || !record.jwt) return record.credential;
  return record.jwt;
}

/** The bytes of a `data:` URL of one of `types`, or undefined. */
function dataUrlBytes(value: unknown, types: readonly string[]): Buffer | undefined {
  const url = isObject(value) ? value.id : value;
  if (typeof url !== 'string') return undefined;
  const m = /^data:([^;,]+)((?:;[^;,]*)*),(.*)$/is.exec(url);
  if (!m || !types.includes(m[1]!.toLowerCase())) return undefined;
  const base64 = m[2]!.toLowerCase().split(';').includes('base64');
  try {
    return base64 ? Buffer.from(m[3]!, 'base64') : Buffer.from(decodeURIComponent(m[3]!), 'utf8');
  } catch {
    return undefined;
  }
}

/** The achievement's image (or the credential's) as given, when it is a `data:` URL. */
function embeddedImage(credential: Record<string, unknown>, types: readonly string[]): Buffer | undefined {
  return dataUrlBytes(achievementOf(credential)?.image, types) ?? dataUrlBytes(credential.image, types);
}

const achievementName = (c: Record<string, unknown>): string => {
  const name = achievementOf(c)?.name ?? c.name;
  return typeof name === 'string' && name.trim() !== '' ? name : 'Badge';
};
const colourOf = (c: Record<string, unknown>) => {
  const id = achievementOf(c)?.id;
  return badgeColour(typeof id === 'string' ? id : achievementName(c));
};

/**
 * The credential's badge as a baked PNG (Open Badges 3.0 §5.3.1: one `iTXt` chunk, keyword
 * `openbadgecredential`). The image is the achievement's own when it is a PNG `data:` URL that
 * reads as a whole PNG; otherwise the generated badge (`drawBadgePng`, drawn once per colour). A remote image
 * (`https:`) is never fetched while answering: that would make this public route a way to have
 * the service fetch URLs (SSRF, SECURITY-CHECKLIST N1–N5), tie the page to another server's
 * availability and speed, and bake bytes that may have changed since issuance.
 *
 * @example
 * res.type('image/png').send(Buffer.from(badgePng(record)));
 */
export function badgePng(record: CredentialRecord): Uint8Array {
  const own = embeddedImage(record.credential, ['image/png']);
  let png: Uint8Array | undefined;
  if (own) {
    try {
      readPngChunks(own);
      png = own;
    } catch {
      png = undefined;
    }
  }
  return bakePng(png ?? badgePngOf(colourOf(record.credential)), bakedForm(record), { overwrite: true });
}

/** Splits a name into lines of about `width` characters, at most `max` lines (the last one cut with "…"). */
function wrap(name: string, width: number, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of name.split(/\s+/)) {
    if (line && `${line} ${word}`.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max - 1), `${lines[max - 1]!.slice(0, width - 1)}…`];
}

/**
 * The generated SVG badge: the achievement's colour, a white ring and its name in white, with a
 * `<title>` so that it has a text alternative (WCAG 2.2 SC 1.1.1).
 *
 * @example
 * generatedBadgeSvg('Certified Technician', '#0b5cad');
 */
export function generatedBadgeSvg(name: string, colour: string): string {
  const lines = wrap(name, 18, 4);
  const top = 150 - ((lines.length - 1) * 24) / 2;
  const text = lines.map((l, i) => `<tspan x="150" y="${top + i * 24}">${escapeHtml(l)}</tspan>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 300" width="300" height="300" role="img" aria-labelledby="badge-title">
<title id="badge-title">${escapeHtml(name)}</title>
<circle cx="150" cy="150" r="146" fill="${colour}"/>
<circle cx="150" cy="150" r="124" fill="none" stroke="#ffffff" stroke-width="8"/>
<text fill="#ffffff" font-family="system-ui, sans-serif" font-size="20" font-weight="600" text-anchor="middle" dominant-baseline="middle">${text}</text>
</svg>
`;
}

/**
 * The credential's badge as a baked SVG (Open Badges 3.0 §5.3.2: the `openbadges` namespace and
 * an `<openbadges:credential>` element). The image is the achievement's own when it is an SVG
 * `data:` URL, otherwise {@link generatedBadgeSvg}; remote images are never fetched (see
 * {@link badgePng}).
 *
 * @example
 * res.type('image/svg+xml').send(badgeSvg(record));
 */
export function badgeSvg(record: CredentialRecord): string {
  const own = embeddedImage(record.credential, ['image/svg+xml'])?.toString('utf8');
  const usable = own && /<svg[\s>]/.test(own) && own.includes('</svg>') ? own : undefined;
  const svg = usable ?? generatedBadgeSvg(achievementName(record.credential), colourOf(record.credential));
  return bakeSvg(svg, bakedForm(record), { overwrite: true });
}
