/**
 * One issuer the operator knows: its name, the identifiers it issues as, and optionally its
 * website and the pathways it serves.
 */
export interface RegisteredIssuer {
  /** The name the operator knows the issuer by (shown as "Registered: <name>"). */
  name: string;
  /**
   * The issuer ids it issues as, written exactly as credentials carry them: DIDs (`did:web:…`,
   * `did:key:…`) for Open Badges 3.0 / VC 2.0, https URLs of the issuer profile for Open Badges 2.0.
   */
  ids: string[];
  /** Its website (http or https). */
  url?: string;
  /** Ids of the pathways (stackable programmes) it serves: a Pathway `id`, a URL or a CTID. */
  pathways: string[];
}

/** The operator's trust registry: the issuers it knows. */
export interface TrustRegistry {
  /** Who keeps this registry ("Acme hiring team"), shown on the page. */
  name?: string;
  issuers: RegisteredIssuer[];
}

/** One problem in a trust registry file: where (RFC 6901 JSON Pointer) and what. */
export interface TrustRegistryProblem {
  pointer: string;
  message: string;
}

/**
 * What {@link describeIssuer} says of an issuer: registered (with the registry's name for it), or
 * not in the registry (with only the name the credential gives itself, if any).
 */
export type IssuerDescription =
  | {
      registered: true;
      /** The issuer id as the credential writes it. */
      id: string;
      /** The registry's name for it. */
      name: string;
      url?: string;
      pathways: string[];
      /** The name the credential gives its issuer, when it differs from the registry's. */
      selfAssertedName?: string;
    }
  | {
      registered: false;
      id?: string;
      /** The name the credential gives its issuer (unconfirmed). */
      selfAssertedName?: string;
    };
