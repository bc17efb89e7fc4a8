import { readFileSync } from 'node:fs';
import type { AppDeps } from '@repo/issuer';
import { expect } from 'vitest';
import { storedState } from '../../../test/helpers/issuer-app.ts';
import { call } from '../../../test/helpers/issuer-process.ts';

export { call };

const OB3 = JSON.parse(readFileSync(new URL('../../../test/fixtures/ob3-certification.json', import.meta.url), 'utf8'));

/** A fresh copy of the OB 3.0 certification fixture (issued by the example key). */
export function ob3(): Record<string, any> {
  return structuredClone(OB3);
}

/** A plain VC 2.0 credential (no OB 3.0 schema applies) issued by `issuer`. */
export function plainV2(issuer: string): Record<string, any> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    issuer,
    credentialSubject: { id: 'did:example:subject-1' },
  };
}

/** Asserts an RFC 9457 answer: status, `application/problem+json`, title and (optionally) pointer. */
export function expectProblem(
  res: Awaited<ReturnType<typeof call>>,
  status: number,
  title: string,
  pointer?: string,
): void {
  expect({ status: res.status, title: res.json?.title }, res.text).toEqual({ status, title });
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.json.status).toBe(status);
  expect(typeof res.json.detail).toBe('string');
  if (pointer !== undefined) expect(res.json.pointer).toBe(pointer);
}

/**
 * Runs `request` and asserts that nothing was stored and no status index was used by it.
 * Returns the request's answer.
 */
export async function expectNothingStored<T>(deps: AppDeps, request: () => Promise<T>): Promise<T> {
  const before = await storedState(deps);
  const result = await request();
  expect(await storedState(deps)).toEqual(before);
  return result;
}
