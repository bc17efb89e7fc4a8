import type { Request, Response } from 'express';

/**
 * Media types a public JSON-LD document (a status list credential, a DID document) can be sent
 * as, in the order we prefer them when the client accepts anything. Bitstring Status List v1.0
 * §"Media Types" / VC 2.0 §6.3 name `application/vc` for credentials; JSON-LD and plain JSON
 * clients (`@digitalbazaar/http-client`, the W3C suites' loaders) parse only `application/*json`.
 */
const CREDENTIAL_TYPES = ['application/vc', 'application/vc+ld+json', 'application/ld+json', 'application/json'];

/**
 * Sends `body` (already JSON text) with the first media type of `offered` the request's `Accept`
 * allows (q-values honoured by Express); when none is acceptable, the first offered type (RFC
 * 9110 §12.5.1 lets a server disregard Accept rather than answer 406, and a verifier that asks
 * for something odd still gets the document). Adds `Vary: Accept`.
 *
 * @example
 * sendNegotiated(req, res, JSON.stringify(listCredential));
 */
export function sendNegotiated(
  req: Request,
  res: Response,
  body: string,
  offered: readonly string[] = CREDENTIAL_TYPES,
): void {
  const chosen = req.accepts([...offered]) || offered[0]!;
  res.vary('Accept');
  res.status(200).type(chosen).send(body);
}

/** Media types of a DID document: `application/did+json` (DID 1.0 §6.2), JSON-LD, JSON. */
export const DID_DOCUMENT_TYPES: readonly string[] = Object.freeze([
  'application/did+json',
  'application/did+ld+json',
  'application/ld+json',
  'application/json',
]);
