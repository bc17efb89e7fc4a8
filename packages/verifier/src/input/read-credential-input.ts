import { isCompactJws } from '@repo/core';
import { jwsVersionOf } from './detect-version.ts';
import { fail } from './input-failure.ts';
import type { CredentialInput } from './input-types.ts';
import { readPngInput, readSvgInput } from './read-image-input.ts';
import { readJsonInput } from './read-json-input.ts';
import { readUrlInput } from './read-url-input.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JSON_TYPES = /^application\/([\w.-]+\+)?json$|^application\/(vc|vp)$|^text\/json$/;
const JWT_TYPES = /^application\/([\w.-]+\+)?jwt$|^application\/jose$/;
const SNIFFED_TYPES = /^(text\/plain|application\/octet-stream)$/;

/**
 * Reads whatever a candidate sends — JSON text (a credential, a VC-API `{ verifiableCredential }`
 * wrapper, an Open Badges 2.0 Assertion), a compact JWS (VC-JWT, OB 3.0 §8.2 JWT, an OB 2.0
 * signed assertion), a baked PNG (OB 3.0 §5.3.1 `iTXt:openbadgecredential`; OB 2.0 Baking
 * `iTXt:openbadges`, legacy `tEXt:openbadges`), a baked SVG (OB 3.0 §5.3.2
 * `<openbadges:credential>`; OB 2.0 `<openbadges:assertion>`) or an https URL — and answers what
 * `verifier.verifyCredential` takes, with how it came and which standard it follows. Nothing is
 * verified or fetched here, and nothing is thrown: bad input is `{ ok: false, reason, problem }`.
 * `mediaType` (e.g. an upload's Content-Type) is a hint: a type we read must match the bytes;
 * `text/plain`, `application/octet-stream` or none are sniffed.
 *
 * @example
 * const input = readCredentialInput(await readFile('badge.png'), { mediaType: 'image/png' });
 * if (input.ok) result = await verifier.verifyCredential(input.value);
 * else console.error(input.problem.detail); // "This PNG image carries no badge: …"
 */
export function readCredentialInput(input: Uint8Array | string, options: { mediaType?: string } = {}): CredentialInput {
  try {
    return read(input, (options?.mediaType ?? '').split(';')[0]!.trim().toLowerCase());
  } catch {
    // Defence in depth: no input may turn into an exception for the caller.
    return fail('not-recognised', 'PARSING_ERROR', 'The input could not be read.');
  }
}

function read(input: Uint8Array | string, mediaType: string): CredentialInput {
  if (typeof input !== 'string' && !(input instanceof Uint8Array))
    return fail('not-recognised', 'PARSING_ERROR', 'The input must be text or bytes.');
  const isPng = typeof input !== 'string' && PNG_SIGNATURE.every((b, i) => input[i] === b);
  if (mediaType === 'image/png' || (isPng && (mediaType === '' || SNIFFED_TYPES.test(mediaType)))) {
    if (!isPng)
      return fail(
        'media-type-mismatch',
        'MALFORMED_VALUE_ERROR',
        'The file was sent as image/png but is not a PNG image.',
      );
    return readPngInput(input as Uint8Array);
  }
  if (mediaType.startsWith('image/') && mediaType !== 'image/svg+xml')
    return fail(
      'unsupported-media-type',
      'UNSUPPORTED_MEDIA_TYPE',
      `A ${mediaType} image cannot carry a badge: Open Badges are baked into PNG or SVG images.`,
    );
  const text = typeof input === 'string' ? input : decodeUtf8(input);
  if (text === undefined)
    return fail(
      'not-recognised',
      'PARSING_ERROR',
      'This file is not JSON, not a JWT, not a PNG or SVG image and not a URL (it is not even UTF-8 text).',
    );
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return fail('empty', 'PARSING_ERROR', 'The input is empty.');
  const looksSvg = /^(<\?xml[\s\S]*?\?>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i.test(trimmed);
  if (mediaType === 'image/svg+xml' || (looksSvg && !JSON_TYPES.test(mediaType) && !JWT_TYPES.test(mediaType)))
    return readSvgInput(trimmed);
  if (JSON_TYPES.test(mediaType) || (trimmed.startsWith('{') && !JWT_TYPES.test(mediaType)))
    return readJsonInput(trimmed);
  if (isCompactJws(trimmed)) return { ok: true, kind: 'jwt', version: jwsVersionOf(trimmed), value: trimmed };
  if (JWT_TYPES.test(mediaType))
    return fail('media-type-mismatch', 'PARSING_ERROR', `The input was sent as ${mediaType} but is not a compact JWS.`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return readUrlInput(trimmed);
  return fail(
    'not-recognised',
    'PARSING_ERROR',
    'This is not JSON, not a JWT, not a PNG or SVG image and not a URL, so it cannot be a credential.',
  );
}

/** The bytes as UTF-8 text, or undefined when they are not UTF-8 (a binary file). */
function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.includes('\u0000') ? undefined : text;
  } catch {
    return undefined;
  }
}
