/**
 * The `createVerifier` of the ECDSA cryptosuites (`ecdsa-rdfc-2019`, `ecdsa-jcs-2019`) without
 * importing the public key for every signature. The stock one
 * (`EcdsaMultikey.from(verificationMethod).verifier()`) imports the key into WebCrypto on each
 * call (~120 µs for P-256, more than the signature check itself); here the same stock verifier is
 * made once per distinct verification method (as JSON: `EcdsaMultikey.from` reads nothing else)
 * and kept. It holds only the imported key and the algorithm, so reusing it gives the same
 * answers; a method the stock code refuses is refused the same way, every time (failures are not
 * kept).
 */
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';

const MAX_VERIFIERS = 1024;

/** What `EcdsaMultikey` key pairs' `verifier()` gives. */
interface Verifier {
  algorithm: string;
  id: string;
  verify(o: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
}

/** Stock verifiers by verification method (as JSON). */
const verifiers = new Map<string, Promise<Verifier>>();

/**
 * The stock ECDSA verifier of a `Multikey` / `JsonWebKey` verification method, made once per
 * method.
 *
 * @example
 * const verifier = await createEcdsaVerifier({ verificationMethod });
 * await verifier.verify({ data, signature }); // true or false
 */
export async function createEcdsaVerifier({ verificationMethod }: { verificationMethod: unknown }): Promise<Verifier> {
  const id = JSON.stringify(verificationMethod);
  const known = verifiers.get(id);
  if (known !== undefined) return known;
  const made = EcdsaMultikey.from(verificationMethod as Record<string, unknown>).then(
    (key) => key.verifier() as Verifier,
  );
  if (verifiers.size >= MAX_VERIFIERS) verifiers.clear();
  verifiers.set(id, made);
  made.catch(() => verifiers.delete(id));
  return made;
}
