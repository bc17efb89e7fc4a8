import { describe, expect, it } from 'vitest';
import { ob2PolicyProblem } from '../../src/ob2/check-ob2-policy.ts';
import { hostedAssertionDifferences } from '../../src/ob2/compare-hosted-assertion.ts';
import { ob2Instant } from '../../src/ob2/ob2-values.ts';
import { ob2AlgorithmProblem, ob2Algorithms } from '../../src/ob2/verify-ob2-jws.ts';

const ISSUER = { id: 'https://example.org/organization.json', type: 'Issuer' };

describe('OB 2.0 VerificationObject: hosted verification policy (OB 2.0 Vocabulary › VerificationObject)', () => {
  it('by default the assertion must be on the issuer Profile id’s host', () => {
    expect(ob2PolicyProblem('https://example.org/a/1', ISSUER)).toBeUndefined();
    expect(ob2PolicyProblem('https://sub.example.org/a/1', ISSUER)?.title).toBe('VERIFICATION_POLICY_ERROR');
  });
  it('allowedOrigins is a host name (RFC 3986 reg-name), compared without case; host:port also matches', () => {
    const issuer = { ...ISSUER, verification: { allowedOrigins: ['Badges.Example.COM', '127.0.0.1:8080'] } };
    expect(ob2PolicyProblem('https://badges.example.com/a/1', issuer)).toBeUndefined();
    expect(ob2PolicyProblem('http://127.0.0.1:8080/a/1', issuer)).toBeUndefined();
    expect(ob2PolicyProblem('https://example.org/a/1', issuer)?.title).toBe('VERIFICATION_POLICY_ERROR');
  });
  it('startsWith (one or several) narrows the path; verificationProperty other than id is refused', () => {
    const issuer = {
      ...ISSUER,
      verification: { startsWith: ['https://example.org/assertions/', 'https://example.org/b/'] },
    };
    expect(ob2PolicyProblem('https://example.org/b/1', issuer)).toBeUndefined();
    expect(ob2PolicyProblem('https://example.org/c/1', issuer)?.pointer).toBe('/id');
    expect(
      ob2PolicyProblem('https://example.org/b/1', { ...ISSUER, verification: { verificationProperty: 'uid' } })?.title,
    ).toBe('VERIFICATION_POLICY_ERROR');
  });
  it('an issuer without an http(s) id and without allowedOrigins ties nothing: refused', () => {
    expect(ob2PolicyProblem('https://example.org/a/1', { id: 'urn:uuid:1' })?.title).toBe('VERIFICATION_POLICY_ERROR');
  });
});

describe('OB 2.0 HostedBadge: the presented copy against the hosted one', () => {
  const hosted = {
    id: 'https://e.org/a',
    badge: 'https://e.org/b',
    issuedOn: '2016-12-31T23:59:59Z',
    verification: { type: 'hosted' },
  };
  it('equal documents, verify/verification alias, one value vs a list of it, one instant spelled twice → no differences', () => {
    expect(
      hostedAssertionDifferences(
        {
          id: 'https://e.org/a',
          badge: ['https://e.org/b'],
          issuedOn: '2016-12-31T23:59:59+00:00',
          verify: { type: 'hosted' },
        },
        hosted,
      ),
    ).toEqual([]);
  });
  it('an embedded BadgeClass equals its IRI only with the same id', () => {
    expect(hostedAssertionDifferences({ ...hosted, badge: { id: 'https://e.org/b', name: 'x' } }, hosted)).toEqual([]);
    expect(hostedAssertionDifferences({ ...hosted, badge: { id: 'https://e.org/other' } }, hosted)).toEqual(['/badge']);
  });
  it('added, removed and changed properties are all named (JSON Pointer, escaped)', () => {
    const { issuedOn: _, ...withoutDate } = hosted;
    expect(
      hostedAssertionDifferences({ ...withoutDate, 'a/b': 1, expires: '2030-01-01T00:00:00Z' }, hosted).sort(),
    ).toEqual(['/a~1b', '/expires', '/issuedOn']);
  });
});

describe('OB 2.0 dates and JWS algorithms', () => {
  it('OB 1.0 dates: a bare date is midnight UTC, Unix seconds are converted, a date-time is kept', () => {
    expect(ob2Instant('2015-04-30')).toBe('2015-04-30T00:00:00Z');
    expect(ob2Instant(1430352000)).toBe('2015-04-30T00:00:00.000Z');
    expect(ob2Instant('1430352000')).toBe('2015-04-30T00:00:00.000Z');
    expect(ob2Instant('2016-12-31T23:59:59Z')).toBe('2016-12-31T23:59:59Z');
  });
  it('J1: RS256 (OB 2.0’s recommendation) plus the verifier’s asymmetric algorithms; none and HS256 never', () => {
    const accepted = ob2Algorithms(['EdDSA', 'ES256', 'HS256']);
    expect(accepted).toEqual(['RS256', 'EdDSA', 'ES256']);
    expect(ob2AlgorithmProblem({ alg: 'RS256' }, accepted)).toBeUndefined();
    expect(ob2AlgorithmProblem({ alg: 'none' }, [...accepted, 'none'])?.title).toBe('PROOF_VERIFICATION_ERROR');
    expect(ob2AlgorithmProblem({ alg: 'HS256' }, accepted)?.title).toBe('PROOF_VERIFICATION_ERROR');
  });
});
