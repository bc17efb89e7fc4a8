import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { TOKENS } from './issuer-app.ts';
import { call } from './issuer-process.ts';

/** The Open Badges 3.0 certification fixture (test/fixtures/ob3-certification.json), as issued directly. */
export const OB3_CERTIFICATION: Record<string, any> = JSON.parse(
  readFileSync(new URL('../fixtures/ob3-certification.json', import.meta.url), 'utf8'),
);

/**
 * Issues a copy of the certification fixture through `POST /credentials/issue` at `url` (the
 * full-scope token), expects 201, and returns the credential's id.
 *
 * @example
 * const id = await issueCertification(issuer.url);
 */
export async function issueCertification(url: string): Promise<string> {
  const res = await call(
    url,
    'POST',
    '/credentials/issue',
    { credential: structuredClone(OB3_CERTIFICATION) },
    TOKENS.full,
  );
  expect(res.status, res.text).toBe(201);
  return res.json.verifiableCredential.id;
}

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
