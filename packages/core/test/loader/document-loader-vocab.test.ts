import { createDocumentLoader, definesVocab, TESTING_CONTEXTS } from '@repo/core';
import { loadPinnedContexts } from '@repo/schemas';
import { describe, expect, it } from 'vitest';

const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2';
const OWN_VOCAB = 'https://contexts.example/own-vocab/v1';

function contexts(): Map<string, unknown> {
  const map = new Map<string, unknown>(loadPinnedContexts());
  map.set(EXAMPLES_V2, { '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' } });
  map.set(OWN_VOCAB, { '@context': [{ '@version': 1.1 }, { '@vocab': 'https://contexts.example/vocab#' }] });
  map.set('https://www.w3.org/2018/credentials/examples/v1', { '@context': { ex: 'https://example.org/examples#' } });
  return map;
}

describe('Data Integrity 1.0 §2.4.1 context validation in the document loader (T8)', () => {
  it('no pinned context defines @vocab', () => {
    for (const [url, doc] of loadPinnedContexts()) expect(definesVocab(doc), url).toBe(false);
  });

  it.each([EXAMPLES_V2, OWN_VOCAB, 'https://www.w3.org/2018/credentials/examples/v1'])(
    'refuseVocab: %s → CONTEXT_NOT_ALLOWED even though it is configured',
    async (url) => {
      const loader = createDocumentLoader({ contexts: contexts(), refuseVocab: true });
      await expect(loader(url)).rejects.toMatchObject({ code: 'CONTEXT_NOT_ALLOWED' });
      // Asking again is refused again (nothing cached).
      await expect(loader(url)).rejects.toMatchObject({ code: 'CONTEXT_NOT_ALLOWED' });
    },
  );

  it('refuseVocab still loads every pinned context', async () => {
    const loader = createDocumentLoader({ contexts: contexts(), refuseVocab: true });
    for (const url of loadPinnedContexts().keys())
      await expect(loader(url)).resolves.toMatchObject({ documentUrl: url });
  });

  it('without refuseVocab the configured contexts are taken as given (an operator allowed them)', async () => {
    const loader = createDocumentLoader({ contexts: contexts() });
    for (const url of [EXAMPLES_V2, OWN_VOCAB]) await expect(loader(url)).resolves.toMatchObject({ documentUrl: url });
  });

  it('lists the W3C testing contexts', () => {
    expect(TESTING_CONTEXTS).toEqual([
      'https://www.w3.org/ns/credentials/undefined-terms/v2',
      'https://www.w3.org/ns/credentials/examples/v2',
      'https://www.w3.org/2018/credentials/examples/v1',
    ]);
  });
});
