/**
 * Verify-only `Ed25519Signature2018` (W3C CCG "Ed25519 Signature 2018"), what Jobs for the Future
 * plugfest badges and older DCC issuers send, on top of `@digitalbazaar/ed25519-signature-2018`.
 * That suite wants its key as an `Ed25519VerificationKey2018` (`publicKeyBase58`, context
 * `https://w3id.org/security/suites/ed25519-2018/v1`); our did:key resolver serves `Multikey`, so
 * the key is re-expressed (the same 32 bytes) before the suite looks at it.
 */
import { Ed25519Signature2018 } from '@digitalbazaar/ed25519-signature-2018';
import { decodeBase58btc, encodeBase58btc } from '../did/base58btc.ts';
import { decodeMultikey } from '../did/did-key.ts';
import { VcError } from '../problems.ts';

/**
 * The legacy 2018 proof type we verify (not a Data Integrity cryptosuite).
 *
 * @example
 * credential.proof.type === ED25519_SIGNATURE_2018; // a JWS proof: `proof.jws`, no cryptosuite
 */
export const ED25519_SIGNATURE_2018 = 'Ed25519Signature2018';

/**
 * The context of `Ed25519Signature2018` proofs and `Ed25519VerificationKey2018` keys.
 *
 * @example
 * const key = { '@context': ED25519_2018_CONTEXT_V1, id, type: 'Ed25519VerificationKey2018', controller, publicKeyBase58 };
 */
export const ED25519_2018_CONTEXT_V1 = 'https://w3id.org/security/suites/ed25519-2018/v1';

/**
 * A verification method as an `Ed25519VerificationKey2018` with its context: from an Ed25519
 * `Multikey` (`z6Mk…`), or a 2018 key given without its own `@context` (a did:web document's).
 * `undefined` for anything else (an `Ed25519VerificationKey2020` is left to the suite).
 */
function as2018Key(vm: any): Record<string, unknown> | undefined {
  if (!vm || typeof vm !== 'object') return undefined;
  if (vm.type === 'Multikey' && typeof vm.publicKeyMultibase === 'string') {
    const decoded = decodeMultikey(vm.publicKeyMultibase);
    if (decoded?.algorithm !== 'Ed25519') {
      throw new VcError(
        'PROOF_VERIFICATION_ERROR',
        `An Ed25519Signature2018 proof needs an Ed25519 key; the verification method holds ${decoded ? `a ${decoded.algorithm}` : 'no valid'} key.`,
        { pointer: '/proof/verificationMethod' },
      );
    }
    const { '@context': _context, publicKeyMultibase: _multibase, type: _type, ...rest } = vm;
    return {
      '@context': ED25519_2018_CONTEXT_V1,
      ...rest,
      type: 'Ed25519VerificationKey2018',
      publicKeyBase58: encodeBase58btc(decoded.publicKey),
    };
  }
  if (vm.type === 'Ed25519VerificationKey2018' && typeof vm.publicKeyBase58 === 'string') {
    if (decodeBase58btc(vm.publicKeyBase58, 64)?.length !== 32) {
      throw new VcError('PROOF_VERIFICATION_ERROR', 'The Ed25519VerificationKey2018 publicKeyBase58 is not 32 bytes.', {
        pointer: '/proof/verificationMethod',
      });
    }
    return { ...vm, '@context': ED25519_2018_CONTEXT_V1 };
  }
  return undefined;
}

/**
 * The `Ed25519Signature2018` suite for verifying: reads the key from the document loader like the
 * upstream suite, but accepts an Ed25519 `Multikey` (our did:key documents) as the same key in
 * 2018 form. The proof purpose (issuer's `assertionMethod`, or a holder's `authentication`) is
 * checked by jsonld-signatures as for every other suite.
 *
 * @example
 * await jsigs.verify(credential, { suite: new Ed25519Signature2018Verifier(), purpose, documentLoader });
 */
export class Ed25519Signature2018Verifier extends Ed25519Signature2018 {
  override async getVerificationMethod(options: {
    proof: any;
    documentLoader: (url: string) => Promise<any>;
  }): Promise<any> {
    const { proof, documentLoader } = options;
    const id = typeof proof?.verificationMethod === 'object' ? proof.verificationMethod?.id : proof?.verificationMethod;
    if (typeof id !== 'string' || id === '') return super.getVerificationMethod(options);
    const { document } = await documentLoader(id);
    const key = as2018Key(typeof document === 'string' ? JSON.parse(document) : document);
    if (key === undefined) return super.getVerificationMethod(options);
    await this.assertVerificationMethod({ verificationMethod: key });
    return key;
  }
}
