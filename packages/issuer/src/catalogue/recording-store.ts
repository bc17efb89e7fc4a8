import type { AppDeps } from '../deps.ts';

/**
 * `deps` whose store records every catalogue document read through it (`kind!id` → the document,
 * or `undefined` for one that is not there) in `documents`: the issue fast path and batch chunks
 * run the route's own catalogue reads with it and send what was read to a signing worker.
 *
 * @example
 * const { deps: recording, documents } = recordingDocuments(deps);
 * await issueBodyFor(recording, body); // documents: Map { 'achievement!https://…' => {…}, … }
 */
export function recordingDocuments(deps: AppDeps): { deps: AppDeps; documents: Map<string, unknown> } {
  const documents = new Map<string, unknown>();
  const recording = {
    ...deps,
    store: {
      async getDocument(kind: string, id: string) {
        const doc = await deps.store.getDocument(kind, id);
        documents.set(`${kind}!${id}`, doc);
        return doc;
      },
    },
  } as unknown as AppDeps;
  return { deps: recording, documents };
}
