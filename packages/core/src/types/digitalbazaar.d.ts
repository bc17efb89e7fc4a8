// Minimal declarations for the untyped Digital Bazaar packages we call.
declare module '@digitalbazaar/vc' {
  export function issue(options: Record<string, unknown>): Promise<any>;
  export function verifyCredential(options: Record<string, unknown>): Promise<any>;
  export function verify(options: Record<string, unknown>): Promise<any>;
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
  export const cryptosuite: { name: string; [k: string]: unknown };
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
