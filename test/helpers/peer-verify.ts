import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { FROZEN_NOW } from './issuer-app.ts';
import { type PeerLoader, peerDocumentLoader } from './peer-document-loader.ts';
import { bitstringStatusList } from './peer-libraries.ts';

/**
 * The peer's whole verification of an `eddsa-rdfc-2022` credential: `@digitalbazaar/vc`
 * `verifyCredential` over the proof, then `@digitalbazaar/vc-bitstring-status-list` `checkStatus`
 * for every status entry, fetching lists over HTTP with the peer's own document loader.
 *
 * @example
 * expect((await peerVerify(res.json.verifiableCredential)).verified).toBe(true);
 */
export function peerVerify(
  credential: unknown,
  { now = FROZEN_NOW, loader = peerDocumentLoader({ http: true }) }: { now?: Date; loader?: PeerLoader } = {},
): Promise<any> {
  return vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
    documentLoader: loader.documentLoader,
    checkStatus: bitstringStatusList.checkStatus,
    now,
  } as any);
}
