/**
 * Unsigned Open Badges 3.0 credentials for peer libraries to sign (interop tests): the shape of
 * {@link ob3Credential}, written as VC Data Model 1.1 (`issuanceDate`, credentials/v1 first) or 2.0.
 */
import { ob3Credential } from './credential-factory.ts';

export const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
export const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
/** Open Badges 3.0.0: 1EdTech published it at `context.json` (3.0.1 onwards carry the version). */
export const OB_V3P0_0 = 'https://purl.imsglobal.org/spec/ob/v3p0/context.json';
export const OB_V3P0_3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/**
 * An unsigned VC 1.1 `OpenBadgeCredential` of `issuer`: `@context` credentials/v1 then `contexts`,
 * `issuanceDate` 2026-01-01, `expirationDate` 2029-06-30, an `AchievementSubject` with an
 * `achievement`. `overrides` as in {@link ob3Credential}.
 *
 * @example
 * ob3Vc11Credential(did, [OB_V3P0_3, 'https://w3id.org/security/suites/ed25519-2020/v1']);
 */
export function ob3Vc11Credential(
  issuer: string,
  contexts: string[],
  overrides: Record<string, unknown> = {},
): Record<string, any> {
  return ob3Credential(issuer, {
    '@context': [VC_V1, ...contexts],
    validFrom: undefined,
    issuanceDate: '2026-01-01T00:00:00Z',
    expirationDate: '2029-06-30T23:59:59Z',
    ...overrides,
  });
}
