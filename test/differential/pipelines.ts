/**
 * The two pipelines the differential test and bench compare, over one loader and one key: the
 * stock `@digitalbazaar/vc` issue / verifyCredential with `DataIntegrityProof` +
 * `eddsa-rdfc-2022`, and core's fast `signEddsaRdfc2022` / `verifyEddsaRdfc2022`.
 */
import { readFileSync } from 'node:fs';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { importSigningKey } from '@repo/core';
import { loadPinnedContexts } from '@repo/schemas';
import { signEddsaRdfc2022 } from '../../packages/core/src/proofs/fast/sign-eddsa-rdfc-2022.ts';
import { verifyEddsaRdfc2022 } from '../../packages/core/src/proofs/fast/verify-eddsa-rdfc-2022.ts';

export const key = await importSigningKey(
  JSON.parse(readFileSync(new URL('../../keys-example/issuer-key.json', import.meta.url), 'utf8')),
);
const contexts = loadPinnedContexts();
const didDoc = {
  '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
  id: key.controller,
  verificationMethod: [key.publicMethod()],
  assertionMethod: [key.id],
};
/** Pinned contexts and the issuer's DID document, from memory (what a @digitalbazaar user writes). */
export const documentLoader = async (url: string) => {
  const document =
    contexts.get(url) ??
    (url === key.controller ? didDoc : undefined) ??
    (url === key.id ? { '@context': 'https://w3id.org/security/multikey/v1', ...key.publicMethod() } : undefined);
  if (document === undefined) throw new Error(`not found: ${url}`);
  return { contextUrl: null, documentUrl: url, document };
};

export const stockSign = (credential: Record<string, unknown>, now: Date) =>
  vc.issue({
    credential: structuredClone(credential),
    suite: new DataIntegrityProof({ signer: key.signer, date: now, cryptosuite }),
    documentLoader,
    now,
  });
/** The proof and vc's credential checks; a status entry is not looked up (the proof is what is compared). */
export const stockVerify = async (credential: unknown, now: Date): Promise<boolean> =>
  (
    await vc.verifyCredential({
      credential,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader,
      now,
      checkStatus: async () => ({ verified: true }),
    })
  ).verified;
export const fastSign = (credential: Record<string, unknown>, now: Date) =>
  signEddsaRdfc2022(credential, { key, documentLoader, now });
export const fastVerify = (credential: Record<string, unknown>) =>
  verifyEddsaRdfc2022(credential, { publicKey: key.keyObjects.publicKey, documentLoader });
