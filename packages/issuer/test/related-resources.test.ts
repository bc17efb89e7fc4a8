import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IssuerApp, startIssuerApp, TOKENS } from '../../../test/helpers/issuer-app.ts';
import { call } from './support.ts';

// VC Data Model 2.0 §5.3: "If the digest provided by the issuer does not match the digest computed
// for the retrieved resource, the conforming verifier implementation MUST produce an error."
const HANDBOOK = 'https://skills-council.example/handbook.pdf';
let served = Buffer.from('%PDF-1.7 the assessment handbook');
const asked: string[] = [];
let issuer: IssuerApp;
let issued: Record<string, any>;
beforeAll(async () => {
  issuer = await startIssuerApp({
    fetchRelatedResource: async (url) => {
      asked.push(url);
      return url === HANDBOOK ? served : undefined;
    },
  });
  const credential = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    issuer: issuer.deps.key.controller,
    credentialSubject: { id: 'did:example:worker' },
    relatedResource: [
      { id: HANDBOOK, digestSRI: `sha384-${createHash('sha384').update(served).digest('base64')}` },
      {
        id: 'https://elsewhere.example/gone',
        digestSRI: `sha384-${createHash('sha384').update('x').digest('base64')}`,
      },
    ],
  };
  const res = await call(issuer.url, 'POST', '/credentials/issue', { credential }, TOKENS.full);
  expect(res.status, res.text).toBe(201);
  issued = res.json.verifiableCredential;
});
afterAll(async () => {
  await issuer?.close();
});

const relatedCheck = (res: Awaited<ReturnType<typeof call>>) =>
  res.json.checks.find((c: { id: string }) => c.id === 'relatedResource');

describe('VC 2.0 §5.3 related resources at POST /credentials/verify', () => {
  it('issuing does not fetch other parties’ resources; verifying does, and a matching one passes', async () => {
    expect(asked).toEqual([]);
    const res = await call(issuer.url, 'POST', '/credentials/verify', { verifiableCredential: issued });
    expect(res.status, res.text).toBe(200);
    expect(relatedCheck(res)).toMatchObject({
      status: 'passed',
      details: {
        resources: [
          { id: HANDBOOK, outcome: 'match' },
          { id: 'https://elsewhere.example/gone', outcome: 'unchecked' },
        ],
      },
    });
  });

  it('the resource changed since issuance → 422, CRYPTOGRAPHIC_SECURITY_ERROR naming it', async () => {
    served = Buffer.from('%PDF-1.7 a different handbook');
    const res = await call(issuer.url, 'POST', '/credentials/verify', { verifiableCredential: issued });
    expect(res.status).toBe(422);
    expect(relatedCheck(res)).toMatchObject({
      status: 'failed',
      problem: { title: 'CRYPTOGRAPHIC_SECURITY_ERROR', pointer: '/relatedResource/0' },
    });
  });
});
