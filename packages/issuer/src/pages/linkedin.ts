/** LinkedIn's "Add to Profile" endpoint for the Licenses & Certifications section. */
export const LINKEDIN_ADD_TO_PROFILE = 'https://www.linkedin.com/profile/add';

/** What the certification on a LinkedIn profile shows. */
export interface LinkedInCertification {
  /** The certification's name (the achievement's name). */
  name: string;
  /** The issuing organisation as LinkedIn shows it (the issuer profile's name). */
  organizationName?: string;
  /** When it was issued (a date-time stamp); LinkedIn keeps the year and month. */
  issued?: string;
  /** When it expires (a date-time stamp), if it does. */
  expires?: string;
  /** The public page a viewer of the profile opens to see and verify it ("Credential URL"). */
  certUrl: string;
  /** The credential's id ("Credential ID"). */
  certId?: string;
}

/** UTC year and month (1–12) of a date-time stamp, or undefined. */
function yearMonth(value: string | undefined): { year: string; month: string } | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  const d = new Date(ms);
  return { year: String(d.getUTCFullYear()), month: String(d.getUTCMonth() + 1) };
}

/**
 * The "Add to profile" link that opens LinkedIn's add-certification form filled in, per LinkedIn's
 * "Add to Profile for Certifications" developer documentation (addtoprofile.linkedin.com):
 * `startTask=CERTIFICATION_NAME`, `name`, `organizationName` (LinkedIn also takes an
 * `organizationId`, the issuer's LinkedIn company page id, which a credential does not carry),
 * `issueYear` / `issueMonth`, `expirationYear` / `expirationMonth` (months 1–12), `certUrl` and
 * `certId`. A plain link: no LinkedIn script is loaded on our page, and nothing is sent to
 * LinkedIn until the person follows it. Parameters with no value are left out.
 *
 * @example
 * linkedInAddUrl({ name: 'Certified Technician', organizationName: 'Skills Council', issued: '2026-03-01T12:00:00Z', certUrl: 'https://issuer.example/c/…' });
 * // 'https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=Certified+Technician&…'
 */
export function linkedInAddUrl(cert: LinkedInCertification): string {
  const params = new URLSearchParams({ startTask: 'CERTIFICATION_NAME', name: cert.name });
  if (cert.organizationName) params.set('organizationName', cert.organizationName);
  const issued = yearMonth(cert.issued);
  if (issued) {
    params.set('issueYear', issued.year);
    params.set('issueMonth', issued.month);
  }
  const expires = yearMonth(cert.expires);
  if (expires) {
    params.set('expirationYear', expires.year);
    params.set('expirationMonth', expires.month);
  }
  params.set('certUrl', cert.certUrl);
  if (cert.certId) params.set('certId', cert.certId);
  return `${LINKEDIN_ADD_TO_PROFILE}?${params.toString()}`;
}
