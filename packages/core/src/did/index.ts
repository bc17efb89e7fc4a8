export { decodeBase58btc, encodeBase58btc } from './base58btc.ts';
export { checkVerificationMethodUse, parseProofDateTime, type SigningTime } from './check-verification-method-use.ts';
export { type DidDocumentKey, type DidDocumentKeySet, didDocumentOf } from './did-document-of.ts';
export {
  DID_CONTEXT_V1,
  decodeEd25519Multikey,
  didKeyDocument,
  didKeyFromPublicKey,
  didKeyResolver,
  encodeEd25519Multikey,
  MULTIKEY_CONTEXT_V1,
} from './did-key.ts';
export type { DidWebResolverOptions } from './did-web.ts';
export { createDidWebResolver, didWebUrl } from './did-web.ts';
export type { DereferencedVerificationMethod, DidCacheOptions, DidResolver, DidResolverOptions } from './resolver.ts';
export { createDidResolver, readOnlyDereferenceOf } from './resolver.ts';
