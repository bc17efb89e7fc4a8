import { Oauth2AuthorizationServer, Oauth2ResourceServer, type RequestLike } from '@openid4vc/oauth2';
import { Openid4vciIssuer } from '@openid4vc/openid4vci';
import type { Request } from 'express';
import {
  type ChallengeStore,
  createChallengeStore,
  DEFAULT_CHALLENGE_LIFETIME_MS,
} from '../challenges/challenge-store.ts';
import type { AppDeps } from '../deps.ts';
import { type AccessTokenKey, accessTokenKey, oid4vciCallbacks } from './callbacks.ts';
import { buildOid4vciMetadata, type Oid4vciEndpoints, type Oid4vciMetadata, oid4vciEndpoints } from './metadata.ts';

/** Everything the OID4VCI routes share, built once when the app is made. */
export interface Oid4vciContext {
  deps: AppDeps;
  urls: Oid4vciEndpoints;
  metadata: Oid4vciMetadata;
  accessTokenKey: AccessTokenKey;
  authorizationServer: Oauth2AuthorizationServer;
  resourceServer: Oauth2ResourceServer;
  issuer: Openid4vciIssuer;
  /**
   * The `c_nonce`s (§7), single use, in this process's memory: a store of their own, so that a
   * challenge from `POST /challenges` is never a c_nonce nor the other way round.
   */
  nonces: ChallengeStore;
  /** How long a c_nonce lives (s); a key proof's `iat` may be that old. */
  nonceLifetimeS: number;
  /** Wrong transaction codes per award id, in memory (§13.6.3); forgotten on success. */
  txCodeFailures: Map<string, number>;
  /** The request as the `@openid4vc` libraries read it, under the public URL. */
  requestLike(req: Request): RequestLike;
}

/**
 * Builds the {@link Oid4vciContext} of an app: metadata, the access-token key, the library
 * objects with their callbacks, and the nonce store on the app's clock.
 *
 * @example
 * const oid = createOid4vciContext(ctx.deps);
 */
export function createOid4vciContext(deps: AppDeps): Oid4vciContext {
  const urls = oid4vciEndpoints(deps.config.publicBaseUrl);
  const key = accessTokenKey(deps.keys);
  const callbacks = oid4vciCallbacks(key, urls.jwks);
  const lifetimeMs = deps.config.challengeLifetimeMs ?? DEFAULT_CHALLENGE_LIFETIME_MS;
  return {
    deps,
    urls,
    metadata: buildOid4vciMetadata(deps, callbacks),
    accessTokenKey: key,
    authorizationServer: new Oauth2AuthorizationServer({ callbacks }),
    resourceServer: new Oauth2ResourceServer({ callbacks }),
    issuer: new Openid4vciIssuer({ callbacks }),
    nonces: createChallengeStore({ now: deps.clock, lifetimeMs }),
    nonceLifetimeS: Math.floor(lifetimeMs / 1000),
    txCodeFailures: new Map(),
    requestLike(req) {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string') headers.set(name, value);
        else if (Array.isArray(value)) headers.set(name, value.join(', '));
      }
      // RFC 9110 §11.1: the auth scheme is case-insensitive; the library compares "Bearer" exactly.
      const auth = headers.get('authorization');
      const match = auth === null ? null : /^bearer +(.+)$/i.exec(auth);
      if (match) headers.set('authorization', `Bearer ${match[1]}`);
      return {
        headers,
        method: req.method as RequestLike['method'],
        url: `${deps.config.publicBaseUrl}${req.originalUrl}`,
      };
    },
  };
}
