import { expect } from 'vitest';
import { frozenClock, statusListServer } from '../../../test/helpers/credential-factory.ts';
import {
  type Check,
  type CredentialVerification,
  createVerifier,
  type DidDereferencer,
  type VerifierOptions,
} from '../src/index.ts';

/** The `status` check of a result (throws when there is none). */
export function statusCheck(r: CredentialVerification): Check {
  const check = r.checks.find((c) => c.id === 'status');
  if (!check) throw new Error('no status check');
  return check;
}

/** The credential is authentic (proof passed) and the status check alone decides, with `code`. */
export function expectStatus(r: CredentialVerification, status: Check['status'], code: string): void {
  expect(r.checks.find((c) => c.id === 'proof')?.status).toBe('passed');
  expect(statusCheck(r).status).toBe(status);
  expect(statusCheck(r).problem?.title).toBe(code);
  expect(r.problems.map((p) => p.title)).toContain(code);
  expect(r.verified).toBe(false);
}

/** A verifier over an in-memory status-list server and a frozen clock. */
export function statusWorld(didResolver: DidDereferencer, options: Partial<VerifierOptions> = {}) {
  const server = statusListServer();
  const clock = frozenClock();
  const verifier = createVerifier({
    now: clock.now,
    didResolver,
    fetchStatusList: server.fetchStatusList,
    checkSchema: false,
    ...options,
  });
  return { server, clock, verifier };
}
