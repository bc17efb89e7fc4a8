/** Where one award's offer can be reached; every URL carries the offer token, the worker's secret. */
export interface OfferUrls {
  /**
   * The VC-API interaction URL (VCALM "interaction URL", `iuv=1`): a wallet GETs it as JSON and
   * picks a protocol (`vcapi` exchange or `OID4VCI` offer); a browser gets a page with both.
   */
  interactionUrl: string;
  /** OID4VCI 1.0 §4.1.3 `credential_offer_uri`: the credential offer by reference. */
  credentialOfferUri: string;
  /** OID4VCI 1.0 §4.1 `openid-credential-offer://` link for OID4VCI wallets. */
  credentialOffer: string;
  /** The VC-API exchange (DID authentication, then the credential). */
  exchangeUrl: string;
  /** QR codes of {@link interactionUrl}; `?protocol=OID4VCI` encodes {@link credentialOffer} instead. */
  qr: { png: string; svg: string };
}

/**
 * The URLs of the offer opened by `token`, under the service's public base URL.
 *
 * @example
 * offerUrls('https://issuer.example', token).interactionUrl; // 'https://issuer.example/interactions/…?iuv=1'
 */
export function offerUrls(base: string, token: string): OfferUrls {
  const interaction = `${base}/interactions/${token}`;
  const credentialOfferUri = `${base}/oid4vci/offers/${token}`;
  return {
    interactionUrl: `${interaction}?iuv=1`,
    credentialOfferUri,
    credentialOffer: `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(credentialOfferUri)}`,
    exchangeUrl: `${base}/exchanges/${token}`,
    qr: { png: `${interaction}/qr.png`, svg: `${interaction}/qr.svg` },
  };
}
