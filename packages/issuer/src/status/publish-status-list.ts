import { signCredential } from '@repo/core';
import { isoSeconds, VC_V2_CONTEXT } from '@repo/schemas';
import type { AppDeps } from '../deps.ts';
import { statusListUrl } from './status-list-url.ts';
import type { StatusPurpose } from './status-registry.ts';

const signedCache = new WeakMap<AppDeps, Map<string, { version: number; credential: Record<string, unknown> }>>();

/**
 * The signed `BitstringStatusListCredential` for one list (Bitstring Status List v1.0 §2.2),
 * re-signed only when a bit changed since the last copy: the next copy after a change carries
 * it with a fresh proof.
 *
 * @example
 * const list = await publishStatusList(deps, 'revocation', 0);
 */
export async function publishStatusList(
  deps: AppDeps,
  purpose: StatusPurpose,
  list: number,
): Promise<Record<string, unknown>> {
  let cache = signedCache.get(deps);
  if (!cache) {
    cache = new Map();
    signedCache.set(deps, cache);
  }
  const key = `${purpose}/${list}`;
  const version = deps.registry.version(purpose, list);
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.credential;
  const { encodedList } = deps.registry.snapshot(purpose, list);
  const url = statusListUrl(deps.config.publicBaseUrl, purpose, list);
  const now = deps.clock();
  const unsigned = {
    '@context': [VC_V2_CONTEXT],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: deps.key.controller,
    validFrom: isoSeconds(now),
    credentialSubject: {
      id: `${url}#list`,
      type: 'BitstringStatusList',
      // The lifecycle list is a multi-valued `message` list (Bitstring Status List v1.0 §2.1).
      statusPurpose: purpose === 'lifecycle' ? 'message' : purpose,
      encodedList,
      ttl: deps.config.statusListTtlMs,
    },
  };
  const credential = await signCredential(unsigned, {
    key: deps.keys.statusList,
    documentLoader: deps.documentLoader,
    now,
  });
  cache.set(key, { version, credential });
  return credential;
}
