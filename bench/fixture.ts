/** What every benchmark signs: the example key and the OB 3.0 certification fixture, at fixed times. */
import { readFileSync } from 'node:fs';
import { importSigningKey } from '@repo/core';

const root = new URL('..', import.meta.url);

/** `[rounds, perRound]` from the command line, with defaults. */
export function benchArgs(defaultPerRound: number): [number, number] {
  return [Number(process.argv[2] ?? 10), Number(process.argv[3] ?? defaultPerRound)];
}

export const key = await importSigningKey(
  JSON.parse(readFileSync(new URL('keys-example/issuer-key.json', root), 'utf8')),
);
export const credential: Record<string, unknown> = {
  ...JSON.parse(readFileSync(new URL('test/fixtures/ob3-certification.json', root), 'utf8')),
  id: 'urn:uuid:7d2f3a64-8a7e-4d1c-9a51-2b1f0e6c9d10',
  validFrom: '2026-01-01T00:00:00Z',
};
export const now = new Date('2026-06-01T00:00:00Z');
