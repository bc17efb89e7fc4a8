import { VC_V1_CONTEXT, VC_V2_CONTEXT } from './vocabulary.ts';

/**
 * The W3C data model a credential is written in: `'1.1'` (VC Data Model 1.1) or `'2.0'` (VC Data
 * Model 2.0).
 *
 * @example
 * const model: VcDataModel = vcDataModelOf(credential) ?? '2.0';
 */
export type VcDataModel = '1.1' | '2.0';

/**
 * Reads a credential's data model from its first `@context` item, as the Open Badges 3.0
 * Implementation Guide tells displayers to: `https://www.w3.org/2018/credentials/v1` → `'1.1'`,
 * `https://www.w3.org/ns/credentials/v2` → `'2.0'`, anything else (no `@context`, another first
 * item, not an object) → `undefined`. Never throws.
 *
 * @example
 * vcDataModelOf({ '@context': ['https://www.w3.org/2018/credentials/v1'] }); // '1.1'
 */
export function vcDataModelOf(credential: unknown): VcDataModel | undefined {
  try {
    if (credential === null || typeof credential !== 'object' || Array.isArray(credential)) return undefined;
    const context: unknown = (credential as { '@context'?: unknown })['@context'];
    const first: unknown = Array.isArray(context) ? context[0] : context;
    if (first === VC_V1_CONTEXT) return '1.1';
    if (first === VC_V2_CONTEXT) return '2.0';
    return undefined;
  } catch {
    return undefined;
  }
}
