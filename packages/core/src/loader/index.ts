export { findNonCompactedMember } from './check-compacted-form.ts';
export { assertJsonLdSafe } from './check-safe-mode.ts';
export {
  type ContextPolicyOptions,
  definesVocab,
  findContextProblem,
  PROTECTED_VOCABULARIES,
  TESTING_CONTEXTS,
} from './context-policy.ts';
export type { DocumentLoader, DocumentLoaderOptions, RemoteDocument } from './document-loader.ts';
export { createDocumentLoader } from './document-loader.ts';
