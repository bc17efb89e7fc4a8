/** The DID methods a holder may authenticate with: did:key offline, did:web through the guarded fetch. */
export const ACCEPTED_DID_METHODS = ['key', 'web'] as const;

/**
 * The proofs the verifier checks on a presentation (core `verifyPresentationProof`), as VCALM's
 * `acceptedCryptosuites` names them: Data Integrity cryptosuites, and `Ed25519Signature2020` for
 * legacy — what the Learner Credential Wallet signs with (`app/lib/composeVp.ts`).
 */
export const ACCEPTED_CRYPTOSUITES = [
  'eddsa-rdfc-2022',
  'ecdsa-rdfc-2019',
  'eddsa-jcs-2022',
  'ecdsa-jcs-2019',
  'Ed25519Signature2020',
] as const;

/**
 * The `domain` a holder binds its DID authentication to: the host (and port) of the service's
 * public base URL, as VCALM's examples write it (`"domain": "university.example"`).
 *
 * @example
 * exchangeDomain('https://issuer.example'); // 'issuer.example'
 */
export function exchangeDomain(publicBaseUrl: string): string {
  return new URL(publicBaseUrl).host;
}

/**
 * The answer to `POST /exchanges/:token` with `{}` (VCALM §"Participate in an Exchange"): a
 * verifiable presentation request for DID Authentication (VCALM §"The DID Authentication Query
 * Format") with the exchange's single-use `challenge` and the service's `domain`, and `interact`
 * naming the exchange URL as where to send the presentation (the Learner Credential Wallet before
 * 2025 posts to `interact.service[0].serviceEndpoint`).
 *
 * @example
 * res.json(didAuthRequest({ challenge, domain: 'issuer.example', exchangeUrl }));
 */
export function didAuthRequest(options: { challenge: string; domain: string; exchangeUrl: string }): {
  verifiablePresentationRequest: Record<string, unknown>;
} {
  return {
    verifiablePresentationRequest: {
      query: [
        {
          type: 'DIDAuthentication',
          acceptedMethods: ACCEPTED_DID_METHODS.map((method) => ({ method })),
          acceptedCryptosuites: ACCEPTED_CRYPTOSUITES.map((cryptosuite) => ({ cryptosuite })),
        },
      ],
      challenge: options.challenge,
      domain: options.domain,
      interact: {
        service: [{ type: 'UnmediatedPresentationService2021', serviceEndpoint: options.exchangeUrl }],
      },
    },
  };
}
