import { createHash } from 'node:crypto';
import { checkRelatedResources } from '@repo/verifier';
import { describe, expect, it } from 'vitest';

// The W3C VC 2.0 suite's relatedResource fixture (tests/fixtures.js): the base context with the
// digests VC 2.0 §B.1 publishes.
const BASE = {
  id: 'https://www.w3.org/ns/credentials/v2',
  mediaType: 'application/ld+json',
  digestSRI: 'sha384-NSOcNpmdIVUxIJGvGUoe22FjTWrXiaXlsZ8q6912LdnR3KraQO2n75Ica4wK4Qeg',
  digestMultibase: 'uJKGMkOmFbVJhEfKTduMC2XCyvRAYLjOVmZWwIH1wQ7k',
};
const doc = (relatedResource: unknown) => ({ relatedResource });
const bytes = Buffer.from('{"a":1}');
const sri = `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

describe('VC Data Model 2.0 §5.3 Integrity of Related Resources (verifier)', () => {
  it('no relatedResource → no check', async () => {
    expect(await checkRelatedResources({}, undefined)).toBeUndefined();
  });

  it('the base context with its published SHA-256 → passed; a wrong SHA-256 → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
    expect((await checkRelatedResources(doc(BASE), undefined))?.status).toBe('passed');
    const wrong = await checkRelatedResources(
      doc([{ id: BASE.id, digestMultibase: 'uM4RgWQc3RUDtjJCSgTJtTfvpZ7SPEg_LNO0ESlovQC0' }]),
      undefined,
    );
    expect(wrong?.status).toBe('failed');
    expect(wrong?.problem).toMatchObject({ title: 'CRYPTOGRAPHIC_SECURITY_ERROR', pointer: '/relatedResource/0' });
  });

  it('a resource retrieved through fetchRelatedResource is compared byte for byte', async () => {
    const fetch = async (url: string) => (url === 'urn:uuid:prev' ? bytes : undefined);
    expect((await checkRelatedResources(doc({ id: 'urn:uuid:prev', digestSRI: sri }), fetch))?.status).toBe('passed');
    const other = `sha384-${createHash('sha384').update('{"a":2}').digest('base64')}`;
    const r = await checkRelatedResources(doc({ id: 'urn:uuid:prev', digestSRI: other }), fetch);
    expect(r?.status).toBe('failed');
  });

  it('a resource that cannot be retrieved → skipped, saying so (never passed, never failed)', async () => {
    const r = await checkRelatedResources(doc({ id: 'https://elsewhere.example/x', digestSRI: sri }), undefined);
    expect(r?.status).toBe('skipped');
    expect(r?.message).toContain('https://elsewhere.example/x');
  });

  it.each([
    ['a list of strings', [BASE.id], '/relatedResource/0'],
    ['an entry without id', [{ digestSRI: sri }], '/relatedResource/0/id'],
    ['an entry without digest', [{ id: BASE.id }], '/relatedResource/0'],
    ['a malformed SRI', [{ id: BASE.id, digestSRI: 'sha384-_rCVIV7f' }], '/relatedResource/0/digestSRI'],
    [
      'duplicate ids',
      [
        { id: 'urn:x:1', digestSRI: sri },
        { id: 'urn:x:1', digestSRI: sri },
      ],
      '/relatedResource/1/id',
    ],
  ])('%s → MALFORMED_VALUE_ERROR at %s', async (_name, value, pointer) => {
    const r = await checkRelatedResources(doc(value), undefined);
    expect(r?.status).toBe('failed');
    expect(r?.problem).toMatchObject({ title: 'MALFORMED_VALUE_ERROR', pointer });
  });
});
