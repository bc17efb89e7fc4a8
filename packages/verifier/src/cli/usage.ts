/**
 * The `verify --help` text: arguments, options and exit codes.
 *
 * @example
 * process.stdout.write(USAGE);
 */
export const USAGE = `Usage: verify FILE|URL [options]

Verifies an Open Badges 3.0 / W3C Verifiable Credential (or an Open Badges 2.0 badge).
FILE may hold JSON, a JWT (VC-JWT), or a baked PNG or SVG badge image; URL is an https
address serving a credential or an Open Badges 2.0 hosted assertion.

Options:
  --json                    print the machine-readable result (JSON) instead of text
  --trusted-issuers FILE    your trust registry (JSON): only issuers listed there pass the
                            issuer check, and their registered names are shown
  --now ISO                 check dates at this instant (e.g. 2026-03-01T12:00:00Z), not now
  --email ADDRESS           also check that the credential was issued to this email address
                            (Open Badges hashed or plain email identity)
  --allow-localhost         DEVELOPMENT ONLY: also fetch status lists, DID documents and badges
                            from http://localhost, 127.0.0.1 and [::1] (off by default)
  -h, --help                show this help

Exit codes:
  0  verified: every check passed
  1  not verified: a check failed (tampered, revoked, suspended, expired, untrusted issuer,
     not issued to --email …)
  2  could not check: nothing failed, but a check could not be completed (e.g. the status
     list could not be fetched, or --email was given and the credential names no email);
     try again later — this never means "not revoked"
  3  no verdict: bad arguments, the input is not a credential (unreadable file, image
     without a badge, a presentation …), or the command itself failed
`;
