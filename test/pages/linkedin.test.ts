// LinkedIn "Add to Profile" for certifications (LinkedIn's Add to Profile for Certifications
// developer documentation, addtoprofile.linkedin.com): https://www.linkedin.com/profile/add with
// startTask=CERTIFICATION_NAME, name, organizationName, issueYear/issueMonth,
// expirationYear/expirationMonth (months 1–12), certUrl and certId.
import { describe, expect, it } from 'vitest';
import { linkedInAddUrl } from '../../packages/issuer/src/pages/linkedin.ts';

const CERT_URL = 'https://issuer.example/c/Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE';

describe('LinkedIn Add to Profile (certifications)', () => {
  it('fills every parameter, in the documented names, values URL-encoded', () => {
    const url = new URL(
      linkedInAddUrl({
        name: 'Certified Industrial Maintenance Technician — Level 1',
        organizationName: 'Midwest Industrial Skills Council (example) & Co',
        issued: '2026-03-01T12:00:00Z',
        expires: '2029-06-30T23:59:59Z',
        certUrl: CERT_URL,
        certId: 'urn:uuid:5f1c2a9e-0d7b-4c1e-9a3f-2b8d6e4c1a70',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://www.linkedin.com/profile/add');
    expect([...url.searchParams]).toEqual([
      ['startTask', 'CERTIFICATION_NAME'],
      ['name', 'Certified Industrial Maintenance Technician — Level 1'],
      ['organizationName', 'Midwest Industrial Skills Council (example) & Co'],
      ['issueYear', '2026'],
      ['issueMonth', '3'],
      ['expirationYear', '2029'],
      ['expirationMonth', '6'],
      ['certUrl', CERT_URL],
      ['certId', 'urn:uuid:5f1c2a9e-0d7b-4c1e-9a3f-2b8d6e4c1a70'],
    ]);
    // The reserved characters are escaped in the raw query, so no value leaks into another parameter.
    expect(url.search).toContain('organizationName=Midwest+Industrial+Skills+Council+%28example%29+%26+Co');
  });

  it('reads year and month in UTC (an offset that crosses into the next year moves both)', () => {
    const url = new URL(linkedInAddUrl({ name: 'X', issued: '2026-12-31T23:30:00-02:00', certUrl: CERT_URL }));
    expect(url.searchParams.get('issueYear')).toBe('2027');
    expect(url.searchParams.get('issueMonth')).toBe('1');
  });

  it('leaves out what the credential does not say (no end date, no issuer name, unreadable date)', () => {
    const url = new URL(linkedInAddUrl({ name: 'X', issued: 'not a date', certUrl: CERT_URL }));
    expect([...url.searchParams.keys()]).toEqual(['startTask', 'name', 'certUrl']);
  });
});
