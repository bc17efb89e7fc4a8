import { readFileSync } from 'node:fs';

/** The Open Badges 3.0 certification fixture (test/fixtures/ob3-certification.json), as issued directly. */
export const OB3_CERTIFICATION: Record<string, any> = JSON.parse(
  readFileSync(new URL('../fixtures/ob3-certification.json', import.meta.url), 'utf8'),
);

/**
 * The certification fixture as an award template for `POST /awards`: no `credentialSubject.id`
 * (the claiming wallet's DID fills it) and no `id`; `change` edits the copy.
 *
 * @example
 * await call(issuer.url, 'POST', '/awards', { credential: awardTemplate(), recipient: { name: 'Ada' } }, TOKENS.full);
 */
export function awardTemplate(change: (credential: Record<string, any>) => void = () => {}): Record<string, any> {
  const credential = structuredClone(OB3_CERTIFICATION);
  delete credential.credentialSubject.id;
  change(credential);
  return credential;
}

/** The offer token in an offer URL (the last path segment of an interaction, exchange or offer URL). */
export function offerTokenOf(url: string): string {
  return new URL(url).pathname.split('/').pop()!;
}
