import { checkValidityPeriod } from '@repo/verifier';
import { describe, expect, it } from 'vitest';
import { loadVectors } from '../vectors.ts';

interface ValidityInput {
  validFrom?: unknown;
  validUntil?: unknown;
  now: string;
  skewSeconds: number;
}

const vectors = loadVectors<ValidityInput>('validity');

describe('VC 2.0 §4.9 validity period', () => {
  it('has the shared vectors (expired, not yet valid, boundaries, malformed)', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(20);
    const codes = new Set(vectors.map((v) => v.expected.code));
    expect(codes).toContain('CREDENTIAL_EXPIRED');
    expect(codes).toContain('CREDENTIAL_NOT_YET_VALID');
    expect(codes).toContain('MALFORMED_VALUE_ERROR');
    for (const v of vectors) expect(v.spec).toBe('VC 2.0 §4.9');
  });

  for (const v of vectors) {
    it(`${v.file}: ${v.title}`, () => {
      const { now, skewSeconds, ...fields } = v.input;
      const check = checkValidityPeriod({ ...fields }, new Date(now), skewSeconds);
      expect(check.id).toBe('validity');
      expect(check.status).toBe(v.expected.status);
      if (v.expected.status === 'passed') {
        expect(check.problem).toBeUndefined();
      } else {
        expect(check.problem?.title).toBe(v.expected.code);
        expect(check.problem?.pointer).toMatch(/^\/(validFrom|validUntil)$/);
      }
    });
  }

  it('V1 names the expiry date and points at validUntil', () => {
    const check = checkValidityPeriod({ validUntil: '2026-01-01T00:00:00Z' }, new Date('2026-06-01T00:00:00Z'), 60);
    expect(check).toMatchObject({
      status: 'failed',
      problem: {
        title: 'CREDENTIAL_EXPIRED',
        pointer: '/validUntil',
        detail: expect.stringContaining('2026-01-01T00:00:00Z'),
      },
    });
  });

  it('V2 points at validFrom when the credential is not valid yet', () => {
    const check = checkValidityPeriod({ validFrom: '2027-01-01T00:00:00Z' }, new Date('2026-06-01T00:00:00Z'), 60);
    expect(check).toMatchObject({
      status: 'failed',
      problem: { title: 'CREDENTIAL_NOT_YET_VALID', pointer: '/validFrom' },
    });
  });

  it('VC 1.1 issuanceDate / expirationDate are read when validFrom / validUntil are absent', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    expect(
      checkValidityPeriod({ issuanceDate: '2026-01-01T00:00:00Z', expirationDate: '2026-02-01T00:00:00Z' }, now, 60),
    ).toMatchObject({
      status: 'failed',
      problem: { title: 'CREDENTIAL_EXPIRED', pointer: '/expirationDate' },
    });
    expect(checkValidityPeriod({ issuanceDate: '2026-07-01T00:00:00Z' }, now, 60)).toMatchObject({
      status: 'failed',
      problem: { title: 'CREDENTIAL_NOT_YET_VALID', pointer: '/issuanceDate' },
    });
    expect(
      checkValidityPeriod({ issuanceDate: '2026-01-01T00:00:00Z', expirationDate: '2027-01-01T00:00:00Z' }, now, 60)
        .status,
    ).toBe('passed');
  });

  it('rejects date-times that are not dateTimeStamps (no zone, lower-case, impossible)', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    for (const bad of [
      '2026-01-01T00:00:00',
      '2026-01-01t00:00:00z',
      '2026-13-01T00:00:00Z',
      'yesterday',
      '',
      null,
      {},
      ['2026-01-01T00:00:00Z'],
    ]) {
      const check = checkValidityPeriod({ validFrom: bad }, now, 60);
      expect(check.status, String(bad)).toBe('failed');
      expect(check.problem?.title, String(bad)).toBe('MALFORMED_VALUE_ERROR');
    }
  });
});
