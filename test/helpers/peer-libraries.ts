/**
 * The untyped peer libraries the interop tests drive, loaded by name (so no ambient module
 * declaration is needed next to core's) with the few members the tests call.
 */
const load = (name: string): Promise<any> => import(name);

/** `@digitalbazaar/http-client` 4.x: `get` answers `{ data, headers }`; parses only JSON media types. */
export const { httpClient } = (await load('@digitalbazaar/http-client')) as {
  httpClient: {
    get(url: string, options?: Record<string, unknown>): Promise<{ data: any; headers: Headers; status: number }>;
  };
};

/** `@digitalbazaar/vc-bitstring-status-list` 2.x. */
export const bitstringStatusList = (await load('@digitalbazaar/vc-bitstring-status-list')) as {
  createList(options: { length: number }): Promise<{
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
  }>;
  createCredential(options: { id: string; list: unknown; statusPurpose: string; context?: string[] }): Promise<any>;
  /** `{ verified, results: [{ verified, credentialStatus, status }] }`, or `{ verified: false, error }`. */
  checkStatus(options: Record<string, unknown>): Promise<any>;
};

/** `@digitalbazaar/ed25519-signature-2018` 4.x. */
export const { Ed25519Signature2018 } = (await load('@digitalbazaar/ed25519-signature-2018')) as {
  Ed25519Signature2018: new (options: Record<string, unknown>) => unknown;
};

/** `@digitalbazaar/ed25519-verification-key-2018` 4.x. */
export const { Ed25519VerificationKey2018 } = (await load('@digitalbazaar/ed25519-verification-key-2018')) as {
  Ed25519VerificationKey2018: { generate(options?: Record<string, unknown>): Promise<any> };
};
