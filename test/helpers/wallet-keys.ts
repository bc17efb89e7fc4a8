/**
 * The wallet side of the OID4VCI tests: holder keys (did:key, did:jwk) with the signer shape
 * `@digitalbazaar/oid4-client` takes (`{ id, algorithm, sign({ data }) }`), a loopback TLS
 * certificate (the client refuses plain-http issuers, as OID4VCI 1.0 §12.2.1 asks), an HTTPS call
 * that trusts it, and the client library itself, loaded by name (it ships no types).
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { Agent, request } from 'node:https';
import { generateSigningKey, importSigningKey } from '@repo/core';

/**
 * A self-signed certificate for `IP:127.0.0.1` (P-256, valid 2026-12-07 … 2126-11-13), for test
 * servers only: its private key is public here.
 */
export const TEST_TLS = {
  key: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQghFXpAB606iG0szE0
PguMsNEdhxUVuYcv+cEWxPSBClShRANCAASaoxLGW4rWTtYq1Uk4o+xo8RzKYvsD
o/7GhMyRw+ov/6VwrAurJB6s7j528GD6DhmpfNf/HhQfxukC3PWDP6lf
-----END PRIVATE KEY-----
`,
  cert: `-----BEGIN CERTIFICATE-----
MIIBuzCCAWCgAwIBAgIUMfiZIw5Rh50DWYorOcuA5HrfWHMwCgYIKoZIzj0EAwIw
IDEeMBwGA1UEAwwVMTI3LjAuMC4xICh0ZXN0IG9ubHkpMCAXDTI2MTIwNzEyMzQy
M1oYDzIxMjYxMTEzMTIzNDIzWjAgMR4wHAYDVQQDDBUxMjcuMC4wLjEgKHRlc3Qg
b25seSkwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASaoxLGW4rWTtYq1Uk4o+xo
8RzKYvsDo/7GhMyRw+ov/6VwrAurJB6s7j528GD6DhmpfNf/HhQfxukC3PWDP6lf
o3YwdDAdBgNVHQ4EFgQUMZCMAduVDhdfCe5aRHZFUKq2LcowHwYDVR0jBBgwFoAU
MZCMAduVDhdfCe5aRHZFUKq2LcowDwYDVR0RBAgwBocEfwAAATAMBgNVHRMBAf8E
AjAAMBMGA1UdJQQMMAoGCCsGAQUFBwMBMAoGCCqGSM49BAMCA0kAMEYCIQDAGEwm
cAFSECs9MNk8zROxMTbBtVaIKYxnJqRdRgenbwIhAJO4cH/cOcJaDQdj3wlM+87K
mGwpf6+GKlAl+68BsoRV
-----END CERTIFICATE-----
`,
} as const;

/** An HTTPS agent that trusts {@link TEST_TLS} (pass it as `agent` to the client library). */
export const tlsAgent = new Agent({ ca: TEST_TLS.cert });

/** A signer as `@digitalbazaar/oid4-client` takes it for DID proofs. */
export interface ProofSigner {
  id: string;
  algorithm: string;
  sign(input: { data: Uint8Array }): Promise<Uint8Array>;
}

/** A holder: its DID and the signer of its key (verification method id = `signer.id`). */
export interface Holder {
  did: string;
  signer: ProofSigner;
  /** The public JWK (for a `jwk` header). */
  publicJwk: Record<string, string>;
}

/** A fresh Ed25519 did:key holder (the project's own key generator). */
export async function didKeyHolder(): Promise<Holder> {
  const key = await importSigningKey((await generateSigningKey({ algorithm: 'Ed25519' })).serialized);
  return { did: key.controller, signer: key.signer, publicJwk: key.publicJwk() as Record<string, string> };
}

/** A fresh P-256 did:jwk holder (did:jwk §2.1; verification method `#0`), signing ES256. */
export function didJwkHolder(): Holder {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { kty, crv, x, y } = publicKey.export({ format: 'jwk' }) as Record<string, string>;
  const publicJwk = { kty: kty!, crv: crv!, x: x!, y: y! };
  const did = `did:jwk:${Buffer.from(JSON.stringify(publicJwk)).toString('base64url')}`;
  return {
    did,
    publicJwk,
    signer: {
      id: `${did}#0`,
      algorithm: 'P-256',
      sign: async ({ data }) => new Uint8Array(sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' })),
    },
  };
}

/** An HTTP answer, read whole. */
export interface TlsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

/**
 * One HTTPS request to a {@link TEST_TLS} server: `json` or `form` (x-www-form-urlencoded) body.
 *
 * @example
 * const res = await callTls(`${issuer.url}/oid4vci/token`, { method: 'POST', form: { grant_type, 'pre-authorized_code': code } });
 */
export function callTls(
  url: string,
  options: { method?: string; json?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<TlsAnswer> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = 'application/json';
  } else if (options.form !== undefined) {
    body = new URLSearchParams(options.form).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers, agent: tlsAgent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text === '' ? undefined : JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The members of `@digitalbazaar/oid4-client` 5.x the tests and the CLI use. */
export interface Oid4Client {
  OID4Client: {
    new (options: Record<string, unknown>): Oid4ClientInstance;
    fromCredentialOffer(options: Record<string, unknown>): Promise<Oid4ClientInstance>;
  };
  getCredentialOffer(options: { url: string; agent?: unknown }): Promise<Record<string, any>>;
  discoverIssuer(options: { issuerConfigUrl: string; agent?: unknown }): Promise<{ issuerConfig: any; metadata: any }>;
  generateDIDProofJWT(options: Record<string, unknown>): Promise<string>;
}

/** An `OID4Client`: an access token for one offer. */
export interface Oid4ClientInstance {
  accessToken: string;
  issuerConfig: Record<string, any>;
  authorizationDetails?: unknown[];
  getNonce(options?: Record<string, unknown>): Promise<{ nonce: string }>;
  requestCredentials(options: Record<string, unknown>): Promise<{ credential?: unknown; credentials: unknown[] }>;
}

/** `@digitalbazaar/oid4-client`, loaded by name (untyped). */
export const oid4Client = (await import('@digitalbazaar/oid4-client' as string)) as Oid4Client;
