// A did:web issuer for the key-state and proof-time tests: keys made with generateSigningKey, its
// DID document served to the real did:web resolver through a stand-in for the guarded fetch, with
// the state each key has in it (`retiredAt`, Controlled Identifiers 1.0 §2.2.4 `revoked`) as this
// project's issuer writes it: revoked keys leave assertionMethod and authentication, retired ones
// leave authentication only.
import {
  createDidResolver,
  createDocumentLoader,
  type DocumentLoader,
  type GuardedFetch,
  generateSigningKey,
  importSigningKey,
  type SigningKey,
} from '@repo/core';
import { loadPinnedContexts } from '@repo/schemas';

export const ISSUER_DID = 'did:web:issuer.example';

/** What a key's verification method says of it in the DID document. */
export interface KeyState {
  retiredAt?: string;
  revoked?: string;
}

export interface DidWebIssuer {
  keys: SigningKey[];
  /** The published state per key id; change it and the next resolution sees it. */
  states: Map<string, KeyState>;
  document(): Record<string, unknown>;
  /** Pinned contexts, did:key offline and this issuer's did:web through the real resolver. */
  documentLoader: DocumentLoader;
  /** The same DID resolution, for the JWT key resolver. */
  resolver: ReturnType<typeof createDidResolver>;
}

/** An issuer `did:web:issuer.example` with `count` Ed25519 keys `#key-1`…. */
export async function didWebIssuer(count = 2): Promise<DidWebIssuer> {
  const keys: SigningKey[] = [];
  for (let n = 1; n <= count; n++) {
    const { serialized } = await generateSigningKey({ didWeb: ISSUER_DID, fragment: `key-${n}` });
    keys.push(await importSigningKey(serialized));
  }
  const states = new Map<string, KeyState>();
  const document = () => {
    const usable = keys.filter((k) => states.get(k.id)?.revoked === undefined);
    const current = usable.filter((k) => states.get(k.id)?.retiredAt === undefined);
    return {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: ISSUER_DID,
      verificationMethod: keys.map((k) => ({ ...k.publicMethod(), ...states.get(k.id) })),
      authentication: current.map((k) => k.id),
      assertionMethod: usable.map((k) => k.id),
    };
  };
  const fetch: GuardedFetch = async () => {
    const body = Buffer.from(JSON.stringify(document()));
    return { status: 200, headers: {}, body, json: () => JSON.parse(body.toString('utf8')) };
  };
  const resolver = createDidResolver({ fetch });
  const documentLoader = createDocumentLoader({
    contexts: loadPinnedContexts(),
    resolveDid: (u) => resolver.dereference(u),
  });
  return { keys, states, document, documentLoader, resolver };
}
