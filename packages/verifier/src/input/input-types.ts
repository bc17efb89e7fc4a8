import type { Problem } from '@repo/core';
import type { CredentialVersion } from './detect-version.ts';

/** How the input was given. */
export type CredentialInputKind = 'json' | 'jwt' | 'png' | 'svg' | 'url';

/**
 * Why an input could not be read, for software (the `problem` says it for a person):
 * `empty`; `not-recognised` (not JSON, not a JWT, not an image, not a URL); `bad-json` (looks
 * like JSON but does not parse, or is not an object); `not-a-credential` (JSON without a
 * credential, e.g. `{ verifiableCredential: [] }`); `presentation` (a VerifiablePresentation:
 * use `verifyPresentation`); `badge-class` (an OB 2.0 BadgeClass or Profile, not an awarded
 * badge); `bad-png` / `bad-svg` (the image is broken); `png-without-badge` /
 * `svg-without-badge` (a good image that carries no badge); `bad-baked-text` (the image carries
 * an Open Badges chunk/element whose text is none of JSON, JWS, URL); `bad-url` (not an https
 * URL, or http to a host other than this machine); `unsupported-media-type` (a media type we do
 * not read, such as `image/jpeg`); `media-type-mismatch` (the bytes are not what `mediaType`
 * says).
 */
export type CredentialInputFailure =
  | 'empty'
  | 'not-recognised'
  | 'bad-json'
  | 'not-a-credential'
  | 'presentation'
  | 'badge-class'
  | 'bad-png'
  | 'bad-svg'
  | 'png-without-badge'
  | 'svg-without-badge'
  | 'bad-baked-text'
  | 'bad-url'
  | 'unsupported-media-type'
  | 'media-type-mismatch';

/**
 * What {@link readCredentialInput} answers. When `ok`, `value` is what `verifyCredential` takes:
 * a credential or OB 2.0 Assertion (JSON object), a compact JWS (VC-JWT, OB 3.0 §8.2 JWT, OB 2.0
 * signed assertion), or a URL (an OB 2.0 hosted assertion, or a URL serving a credential).
 * `version` is `unknown` only for a URL given directly (what it serves is known once fetched);
 * a URL found inside an OB 2.0 baked image is `ob2`.
 */
export type CredentialInput =
  | {
      ok: true;
      kind: CredentialInputKind;
      version: CredentialVersion | 'unknown';
      value: Record<string, unknown> | string;
    }
  | { ok: false; reason: CredentialInputFailure; problem: Problem };
