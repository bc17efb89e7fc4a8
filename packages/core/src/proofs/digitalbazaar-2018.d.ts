// Minimal declarations for the untyped Ed25519 2018 packages (verify-only legacy suite).
declare module '@digitalbazaar/ed25519-signature-2018' {
  export class Ed25519Signature2018 {
    constructor(options?: Record<string, unknown>);
    static CONTEXT_URL: string;
    static CONTEXT: unknown;
    getVerificationMethod(options: { proof: any; documentLoader: (url: string) => Promise<any> }): Promise<any>;
    assertVerificationMethod(options: { verificationMethod: any }): Promise<void>;
  }
  export const suiteContext: unknown;
}
declare module '@digitalbazaar/ed25519-verification-key-2018' {
  export const Ed25519VerificationKey2018: {
    generate(options?: Record<string, unknown>): Promise<any>;
    from(options: Record<string, unknown>): Promise<any>;
  };
}
