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
  /**
   * The Learner Credential Wallet deep link: `https://lcw.app/request?request=` + the
   * URL-encoded JSON `{ credentialRequestOrigin, protocols: { vcapi: exchangeUrl } }` (LCW's
   * `request=` wallet message, `app/lib/walletRequestApi.ts` `IExchangeInvitation`; lcw.app's
   * `request.html` hands it to the app as `dccrequest://request?request=…`).
   */
  lcwDeepLink: string;
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
  const exchangeUrl = `${base}/exchanges/${token}`;
  const invitation = { credentialRequestOrigin: new URL(base).origin, protocols: { vcapi: exchangeUrl } };
  return {
    interactionUrl: `${interaction}?iuv=1`,
    credentialOfferUri,
    credentialOffer: `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(credentialOfferUri)}`,
    exchangeUrl,
    lcwDeepLink: `https://lcw.app/request?request=${encodeURIComponent(JSON.stringify(invitation))}`,
    qr: { png: `${interaction}/qr.png`, svg: `${interaction}/qr.svg` },
  };
}
