import type { IssuerDescription, RegisteredIssuer, TrustRegistry } from './trust-registry-types.ts';

/**
 * The registered issuer whose `ids` list `issuerId`, compared exactly as the `issuer` check
 * compares trusted issuers (the id as the credential writes it).
 *
 * @example
 * findRegisteredIssuer(registry, 'did:web:skills-council.example')?.name; // 'Midwest Industrial Skills Council'
 */
export function findRegisteredIssuer(
  registry: TrustRegistry | undefined,
  issuerId: string | undefined,
): RegisteredIssuer | undefined {
  if (!registry || issuerId === undefined) return undefined;
  return registry.issuers.find((issuer) => issuer.ids.includes(issuerId));
}

/**
 * Says who issued a credential, as the operator's registry knows it: `{ registered: true, name, … }`
 * with the registry's name, or `{ registered: false, selfAssertedName }` with only the name the
 * credential gives itself — which anyone can write, so show it marked as self-asserted. Without a
 * registry every issuer is unregistered.
 *
 * @example
 * describeIssuer(registry, result.issuer, credential.issuer?.name);
 * // { registered: true, id: 'did:web:skills-council.example', name: 'Midwest Industrial Skills Council', pathways: [] }
 */
export function describeIssuer(
  registry: TrustRegistry | undefined,
  issuerId: string | undefined,
  selfAssertedName?: string,
): IssuerDescription {
  const claimed =
    typeof selfAssertedName === 'string' && selfAssertedName.trim() !== '' ? selfAssertedName.trim() : undefined;
  const found = findRegisteredIssuer(registry, issuerId);
  if (!found || issuerId === undefined) {
    return {
      registered: false,
      ...(issuerId !== undefined && { id: issuerId }),
      ...(claimed !== undefined && { selfAssertedName: claimed }),
    };
  }
  return {
    registered: true,
    id: issuerId,
    name: found.name,
    ...(found.url !== undefined && { url: found.url }),
    pathways: [...found.pathways],
    ...(claimed !== undefined && claimed !== found.name && { selfAssertedName: claimed }),
  };
}

/**
 * Every issuer id in the registry, for `VerifierOptions.trustedIssuers` (the `issuer` check then
 * fails credentials from anyone else).
 *
 * @example
 * createVerifier({ trustedIssuers: trustedIssuerIds(registry) });
 */
export function trustedIssuerIds(registry: TrustRegistry): string[] {
  return registry.issuers.flatMap((issuer) => issuer.ids);
}
