export { assertJsonLdSafe } from './check-safe-mode.ts';
export type { DocumentLoader, DocumentLoaderOptions, RemoteDocument } from './document-loader.ts';
export { createDocumentLoader } from './document-loader.ts';
