// The live status in plain words, from the verifier's lifecycle states (verifier types.ts
// LifecycleState): each state reads distinctly, and "could not check" is never read as valid or
// as failed.
import type { Check, CredentialVerification, LifecycleState } from '@repo/verifier';
import { describe, expect, it } from 'vitest';
import { plainDate } from '../../packages/issuer/src/pages/plain-date.ts';
import { checkWords, statusWords } from '../../packages/issuer/src/pages/status-words.ts';

const record = { revoked: false, suspended: false, updatedAt: '2026-03-01T12:00:00Z' };

function result(
  state: LifecycleState | undefined,
  extra: Partial<CredentialVerification> = {},
): CredentialVerification {
  return {
    verified: state === 'current',
    checks: [],
    problems: [],
    ...(state && { lifecycle: { state, message: `lifecycle says ${state}`, validUntil: '2029-06-30T23:59:59Z' } }),
    ...extra,
  };
}

describe('plain dates', () => {
  it('writes a date-time as day, month name and year in UTC', () => {
    expect(plainDate('2026-03-01T12:00:00Z')).toBe('1 March 2026');
    expect(plainDate('2026-03-01T00:30:00+02:00')).toBe('28 February 2026');
    expect(plainDate('soon')).toBeUndefined();
    expect(plainDate(undefined)).toBeUndefined();
  });
});

describe('status words', () => {
  it.each([
    ['current', { ...record }, 'Valid', 'ok'],
    [
      'revoked',
      { ...record, revoked: true, updatedAt: '2026-04-02T09:00:00Z' },
      'Revoked by the issuer on 2 April 2026',
      'bad',
    ],
    ['suspended', { ...record, suspended: true }, 'Suspended by the issuer on 1 March 2026', 'bad'],
    ['lapsed', { ...record }, 'Expired on 30 June 2029', 'bad'],
    ['superseded', { ...record }, 'Replaced by a renewal', 'warn'],
    ['undetermined', { ...record }, 'Could not check the status right now', 'warn'],
    ['unverified', { ...record }, 'Not verified', 'bad'],
  ] as const)('%s → "%s"', (state, rec, words, tone) => {
    const w = statusWords(result(state), rec);
    expect(w.words).toBe(words);
    expect(w.tone).toBe(tone);
  });

  it('every state reads differently', () => {
    const states: LifecycleState[] = [
      'current',
      'in-grace-period',
      'lapsed',
      'superseded',
      'revoked',
      'suspended',
      'not-yet-valid',
      'unverified',
      'undetermined',
    ];
    const words = states.map((s) => statusWords(result(s), { ...record, revoked: s === 'revoked' }).words);
    // Lapsed and in-grace-period both say when it expired; the grace period is in the detail.
    expect(new Set(words).size).toBe(states.length - 1);
    const grace = statusWords(
      {
        ...result('in-grace-period'),
        lifecycle: {
          state: 'in-grace-period',
          message: '',
          validUntil: '2029-06-30T23:59:59Z',
          graceEndsAt: '2029-09-28T23:59:59Z',
        },
      },
      record,
    );
    expect(grace).toEqual({
      words: 'Expired on 30 June 2029',
      tone: 'warn',
      detail: 'Still honoured until 28 September 2029 while its renewal is pending.',
    });
  });

  it('says when a not-yet-valid credential starts, from the validity check', () => {
    const validity: Check = { id: 'validity', status: 'failed', details: { validFrom: '2027-01-01T00:00:00Z' } };
    expect(statusWords(result('not-yet-valid', { checks: [validity] }), record).words).toBe(
      'Not valid until 1 January 2027',
    );
  });

  it('a revoked credential whose record does not say so (yet) gets no date', () => {
    expect(statusWords(result('revoked'), record).words).toBe('Revoked by the issuer');
  });

  it('no lifecycle at all (the format check failed) is "Not verified", never "Valid"', () => {
    expect(statusWords(result(undefined), record)).toEqual({ words: 'Not verified', tone: 'bad' });
  });
});

describe('check words', () => {
  it('names each check and keeps could-not-check apart from failed', () => {
    expect(checkWords({ id: 'proof', status: 'passed', message: 'Signed by did:key:z6Mk….' })).toEqual({
      name: 'Issuer’s signature',
      outcome: 'Passed',
      tone: 'ok',
      reason: 'Signed by did:key:z6Mk….',
    });
    const unreachable = checkWords({
      id: 'status',
      status: 'could-not-check',
      problem: { type: 'x', title: 'STATUS_RETRIEVAL_ERROR', detail: 'The status list could not be fetched.' },
    });
    expect(unreachable).toEqual({
      name: 'Revocation and suspension',
      outcome: 'Could not check',
      tone: 'warn',
      reason: 'The status list could not be fetched.',
    });
    expect(checkWords({ id: 'validity', status: 'failed' }).outcome).toBe('Failed');
    expect(checkWords({ id: 'schema', status: 'skipped' }).outcome).toBe('Does not apply');
  });
});
