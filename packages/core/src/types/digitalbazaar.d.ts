// Minimal declarations for the untyped Digital Bazaar packages we call.
declare module '@digitalbazaar/vc' {
  export function issue(options: Record<string, unknown>): Promise<any>;
  export function verifyCredential(options: Record<string, unknown>): Promise<any>;
  export function verify(options: Record<string, unknown>): Promise<any>;
  export function derive(options: Record<string, unknown>): Promise<any>;
  export function signPresentation(options: Record<string, unknown>): Promise<any>;
  export function createPresentation(options: Record<string, unknown>): any;
  export class CredentialIssuancePurpose {
    constructor(options?: Record<string, unknown>);
  }
}
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: Record<string, unknown>);
    verificationMethod?: string;
  }
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: {
    name: string;
    canonize(input: unknown, options: Record<string, unknown>): Promise<string>;
    createVerifier(options: { verificationMethod: unknown }): Promise<any>;
    requiredAlgorithm: string;
  };
}
declare module '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite' {
  export const cryptosuite: {
    name: string;
    canonize(input: unknown, options: Record<string, unknown>): Promise<string>;
    createVerifier(options: { verificationMethod: unknown }): Promise<any>;
    createVerifyData(options: Record<string, unknown>): Promise<Uint8Array>;
    requiredAlgorithm: string[];
  };
}
declare module '@digitalbazaar/ecdsa-sd-2023-cryptosuite' {
  interface SdCryptosuite {
    name: string;
    requiredAlgorithm: string;
    createVerifier(options: { verificationMethod: unknown }): Promise<any>;
    createVerifyData(options: Record<string, unknown>): Promise<any>;
  }
  export function createSignCryptosuite(options?: { mandatoryPointers?: string[] }): SdCryptosuite;
  export function createDiscloseCryptosuite(options?: {
    proofId?: string;
    selectivePointers?: string[];
  }): SdCryptosuite;
  export function createVerifyCryptosuite(options?: Record<string, unknown>): SdCryptosuite;
  export function createConfirmCryptosuite(options?: Record<string, unknown>): SdCryptosuite;
}
declare module '@digitalbazaar/ecdsa-multikey' {
  export function from(key: Record<string, unknown>, options?: Record<string, unknown>): Promise<any>;
  export function generate(options: { curve: string; id?: string; controller?: string }): Promise<any>;
  export function fromJwk(options: Record<string, unknown>): Promise<any>;
  export function fromRaw(options: Record<string, unknown>): Promise<any>;
}
declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options?: Record<string, unknown>);
    static CONTEXT_URL: string;
    static CONTEXT: unknown;
  }
  export const suiteContext: unknown;
}
declare module '@digitalbazaar/ed25519-verification-key-2020' {
  export const Ed25519VerificationKey2020: {
    generate(options?: Record<string, unknown>): Promise<any>;
    from(options: Record<string, unknown>): Promise<any>;
  };
}
declare module '@digitalbazaar/ed25519-multikey' {
  export function from(key: Record<string, unknown>): Promise<any>;
  export function generate(options?: Record<string, unknown>): Promise<any>;
  export function fromRaw(options: Record<string, unknown>): Promise<any>;
}
declare module 'jsonld-signatures' {
  const jsigs: {
    sign(doc: unknown, options: Record<string, unknown>): Promise<any>;
    verify(doc: unknown, options: Record<string, unknown>): Promise<any>;
    derive(doc: unknown, options: Record<string, unknown>): Promise<any>;
    purposes: {
      AssertionProofPurpose: new (options?: Record<string, unknown>) => unknown;
      AuthenticationProofPurpose: new (options?: Record<string, unknown>) => unknown;
    };
  };
  export default jsigs;
}
declare module 'jsonld' {
  const jsonld: {
    expand(doc: unknown, options?: Record<string, unknown>): Promise<any>;
    canonize(doc: unknown, options?: Record<string, unknown>): Promise<string>;
  };
  export default jsonld;
}
