/**
 * Checks the signature of an `eddsa-rdfc-2022` proof (EdDSA Cryptosuites v1.0 §3.2.2 "Verify
 * Proof (eddsa-rdfc-2022)") over the same bytes `@digitalbazaar/data-integrity` hashes, with a
 * public key imported once and the proof configuration's canonical form reused. Only the
 * signature: the caller resolves the verification method, its controller and purpose.
 */
import { hash, type KeyObject, verify } from 'node:crypto';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { decodeBase58btc } from '../../did/base58btc.ts';
import type { DocumentLoader } from '../../loader/document-loader.ts';
import { algorithmOf } from '../cryptosuites.ts';
import { withFastCanonize } from './canonize-rdfc.ts';
import { createEd25519Verifier } from './ed25519-verifier.ts';
import { type ProofOptions, proofConfigHash } from './proof-config-hash.ts';
import { extendedLoader } from './stock-parts.ts';

/** The stock canonicalization, through the fast JSON-LD → RDF conversion when it is sure. */
const canonize = withFastCanonize(eddsaRdfc2022.canonize);

const PROOF_KEYS = ['created', 'cryptosuite', 'proofPurpose', 'proofValue', 'type', 'verificationMethod'].join();

/**
 * Whether a credential's proof is one the fast check covers: a single `DataIntegrityProof`
 * `eddsa-rdfc-2022` proof with exactly `type`, `created`, `verificationMethod`, `cryptosuite`,
 * `proofPurpose` `assertionMethod` and a base58btc `proofValue` (what {@link signEddsaRdfc2022}
 * and `vc.issue` make). Anything else (proof sets, chains, `expires`, `@context` in the proof)
 * belongs to the stock pipeline.
 *
 * @example
 * fastVerifiable(signed); // true for a credential signed by signEddsaRdfc2022
 */
export function fastVerifiable(credential: Record<string, unknown>): boolean {
  const proof = credential.proof as Record<string, unknown> | undefined;
  if (proof === null || typeof proof !== 'object' || Array.isArray(proof)) return false;
  if (Object.keys(proof).sort().join() !== PROOF_KEYS) return false;
  return (
    proof.type === 'DataIntegrityProof' &&
    proof.cryptosuite === 'eddsa-rdfc-2022' &&
    proof.proofPurpose === 'assertionMethod' &&
    typeof proof.created === 'string' &&
    typeof proof.verificationMethod === 'string' &&
    typeof proof.proofValue === 'string' &&
    proof.proofValue.startsWith('z')
  );
}

/**
 * `true` when the proof's signature verifies with `publicKey` (an Ed25519 `KeyObject`), `false`
 * when it does not. Throws `TypeError` for a proof {@link fastVerifiable} refuses and the stock
 * canonicalization errors (jsonld safe mode) for a document that cannot be canonicalized.
 *
 * @example
 * await verifyEddsaRdfc2022(signed, { publicKey: key.keyObjects.publicKey, documentLoader }); // true
 */
export async function verifyEddsaRdfc2022(
  credential: Record<string, unknown>,
  options: { publicKey: KeyObject; documentLoader: DocumentLoader },
): Promise<boolean> {
  if (!fastVerifiable(credential)) throw new TypeError('This proof needs the stock pipeline.');
  const signed = await signedData(credential, extendedLoader(options.documentLoader));
  return signed !== undefined && verify(null, signed.data, options.publicKey, signed.signature);
}

/**
 * The signature of a {@link fastVerifiable} credential and the data it covers (SHA-256 of the
 * canonical proof configuration, then of the canonical document: what
 * `DataIntegrityProof.createVerifyData` gives), or undefined when the signature is not 64 bytes
 * of base58btc. `documentLoader` is the jsonld-signatures-extended loader.
 */
async function signedData(
  credential: Record<string, unknown>,
  documentLoader: DocumentLoader,
): Promise<{ data: Buffer; signature: Uint8Array } | undefined> {
  const { proof: rawProof, ...document } = credential;
  const { proofValue, ...proof } = rawProof as ProofOptions & { proofValue: string };
  const signature = decodeBase58btc(proofValue.slice(1), 128);
  if (signature === undefined || signature.length !== 64) return undefined;
  const [proofHash, canonicalDocument] = await Promise.all([
    proofConfigHash(proof, document['@context'], documentLoader),
    canonize(document, { documentLoader, base: null, safe: true }),
  ]);
  const documentHash = hash('sha256', canonicalDocument, 'buffer');
  return { data: Buffer.concat([proofHash, documentHash]), signature };
}

type Ed25519Verifier = Awaited<ReturnType<typeof createEd25519Verifier>>;

/**
 * Each verification method object that passed the key checks, with its JSON then and its
 * verifier: a loader that reads cached documents without copying them (the DID resolver's)
 * hands out the same object again, and the same JSON gives the same answer.
 */
const checkedMethods = new WeakMap<object, { json: string; verifier: Ed25519Verifier }>();

/**
 * The suite's key-algorithm guard and an Ed25519 verifier read by `Ed25519Multikey.from`
 * ({@link createEd25519Verifier}, itself keyed by the method's JSON), or undefined when the key is
 * not Ed25519.
 */
async function ed25519VerifierOf(vm: object): Promise<Ed25519Verifier | undefined> {
  const json = JSON.stringify(vm);
  const known = checkedMethods.get(vm);
  if (known !== undefined && known.json === json) return known.verifier;
  const algorithm = algorithmOf(vm);
  if (algorithm !== undefined && algorithm !== 'Ed25519') return undefined;
  const verifier = await createEd25519Verifier({ verificationMethod: vm });
  if (verifier.algorithm !== 'Ed25519') return undefined;
  checkedMethods.set(vm, { json, verifier });
  return verifier;
}

/** The DID v1 context: a controller document starting with it is read as it is (no JSON-LD framing). */
const DID_CONTEXT_V1 = 'https://www.w3.org/ns/did/v1';

/**
 * An XML Schema dateTime in UTC (`Z`): a strict subset of what `@digitalbazaar/data-integrity`'s
 * `isW3cDate` accepts for `proof.created` (anything else goes to the stock pipeline).
 */
const UTC_DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?Z$/;

/**
 * The whole check the stock pipeline makes of a credential's one issuer proof
 * (`jsigs.verify` with the `eddsa-rdfc-2022` `DataIntegrityProof` of {@link verifyingSuites} and
 * `@digitalbazaar/vc`'s `CredentialIssuancePurpose`), without its machinery, for a
 * {@link fastVerifiable} credential: the verification method loaded through the
 * jsonld-signatures-extended `documentLoader`; its key Ed25519 (the suite's key-algorithm guard
 * and `requiredAlgorithm`) and read by `Ed25519Multikey.from` ({@link createEd25519Verifier});
 * the signature over the same data; `created` an XML Schema date-time; the method listed under
 * `assertionMethod` of its controller's document (a DID document, as `ControllerProofPurpose`
 * reads one without framing), and that controller the credential's issuer. Each condition is the
 * stock code's own expression.
 *
 * Gives the verification method's `id` when every check passes, and undefined when any does not
 * or the stock pipeline might see it otherwise: the caller then runs the stock pipeline, which
 * gives the answer and its error. So it only ever saves time on a credential the stock pipeline
 * verifies.
 *
 * @example
 * (await verifiedIssuerProof(signed, documentLoader)) ?? (await stockVerify(signed)); // 'did:key:z6Mk…#z6Mk…'
 */
export async function verifiedIssuerProof(
  credential: Record<string, unknown>,
  documentLoader: DocumentLoader,
): Promise<string | undefined> {
  try {
    if (!fastVerifiable(credential)) return undefined;
    const proof = credential.proof as ProofOptions & { proofValue: string };
    if (!UTC_DATE_TIME.test(proof.created)) return undefined;
    const loader = extendedLoader(documentLoader);
    // DataIntegrityProof.getVerificationMethod
    const loaded = (await loader(proof.verificationMethod))?.document;
    const vm: any = typeof loaded === 'string' ? JSON.parse(loaded) : loaded;
    if (vm === null || typeof vm !== 'object') return undefined;
    // the suite's key-algorithm guard, then DataIntegrityProof.verifySignature
    const verifier = await ed25519VerifierOf(vm);
    if (verifier === undefined) return undefined;
    const signed = await signedData(credential, loader);
    if (signed === undefined || !(await verifier.verify(signed))) return undefined;
    // ControllerProofPurpose.validate (term assertionMethod, no controller given)
    const { id, controller } = vm;
    if (typeof id !== 'string' || typeof controller !== 'string') return undefined;
    const controllerDocument: any = (await loader(controller)).document;
    const context = controllerDocument['@context'];
    if (!(context === DID_CONTEXT_V1 || (Array.isArray(context) && context[0] === DID_CONTEXT_V1))) return undefined;
    const methods: unknown[] = [].concat(controllerDocument.assertionMethod || []);
    if (!methods.some((m: any) => m === id || (typeof m === 'object' && m.id === id))) return undefined;
    // CredentialIssuancePurpose.validate
    const issuer: any[] = [].concat((credential.issuer as never) || []);
    if (issuer.length === 0) return undefined;
    const issuerId = typeof issuer[0] === 'string' ? issuer[0] : issuer[0].id;
    return controllerDocument.id === issuerId ? id : undefined;
  } catch {
    return undefined;
  }
}
