export type { DocumentLoader, DocumentLoaderOptions, RemoteDocument } from './document-loader.ts';
export { createDocumentLoader } from './document-loader.ts';
