/**
 * "The issuer signs only what its own verifier accepts" (issue 9): many issue requests — valid
 * and malformed, with odd dates, Unicode, numbers, nesting and the optional Open Badges 3.0
 * fields — sent over HTTP to the real app in-process. Every 201 must verify with the verifier
 * library (the issuer's own loader, DID resolution and status lists), returning the content it
 * was sent; every refusal must be a 4xx problem with a specific code, never a 500.
 * Fixed seed; `PROPERTY_RUNS=2000` for a longer run.
 */
import { PROBLEM_CODES } from '@repo/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FROZEN_NOW, type IssuerApp, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { buildIssueRequest, issueVariation, runs, SEED } from './arbitraries.ts';

let issuer: IssuerApp;
beforeAll(async () => {
  issuer = await startIssuerApp();
});
afterAll(async () => {
  await issuer?.close();
});

async function post(body: string) {
  const res = await fetch(`${issuer.url}/credentials/issue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.full}` },
    body,
  });
  const raw = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', json: JSON.parse(raw) as any };
}

/** The issued credential inside a 201 answer (an enveloped JWT is opened by the verifier). */
function issued(answer: any): unknown {
  return answer.verifiableCredential;
}

const inWindow = (vc: Record<string, any>): boolean => {
  const now = FROZEN_NOW.getTime();
  const from = Date.parse(vc.validFrom ?? vc.issuanceDate);
  const until = vc.validUntil === undefined ? Number.POSITIVE_INFINITY : Date.parse(vc.validUntil);
  return from - 60_000 <= now && now <= until + 60_000;
};

describe('Property: the issuer signs only what its own verifier accepts (issue 9, I3, I8)', () => {
  it('every 201 verifies (verified: true in its validity window) and keeps what was sent; every refusal is a specific 4xx problem', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(issueVariation, async (variation) => {
        const body = buildIssueRequest(variation);
        const res = await post(body);
        expect(res.status, JSON.stringify(res.json)).toBeLessThan(500);
        // A request with something hostile in it is never signed.
        if (variation.hostile)
          expect(res.status, `${JSON.stringify(variation.hostile)} → ${JSON.stringify(res.json)}`).not.toBe(201);
        if (res.status !== 201) {
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.type).toMatch(/^application\/problem\+json/);
          expect(Object.keys(PROBLEM_CODES)).toContain(res.json.title);
          expect(res.json.title).not.toBe('INTERNAL_ERROR');
          seen.set(`${res.status} ${res.json.title}`, (seen.get(`${res.status} ${res.json.title}`) ?? 0) + 1);
          if (process.env.PROPERTY_DEBUG)
            console.log(res.status, res.json.title, res.json.pointer, res.json.detail.slice(0, 100));
          return;
        }
        seen.set('201', (seen.get('201') ?? 0) + 1);
        const answer = issued(res.json);
        const r = await issuer.deps.verifier.verifyCredential(answer);
        const failed = r.checks.filter((c) => c.status === 'failed' || c.status === 'could-not-check');
        const vc = (r.credential ?? answer) as Record<string, any>;
        if (inWindow(vc)) {
          expect(r.verified, JSON.stringify({ failed, sent: body.slice(0, 2000) })).toBe(true);
        } else {
          expect(failed.map((c) => c.problem?.title)).toEqual(
            expect.arrayContaining([expect.stringMatching(/^CREDENTIAL_(EXPIRED|NOT_YET_VALID)$/)]),
          );
          for (const c of failed) expect(c.id).toBe('validity');
        }
        // What was sent is what was signed (I8: byte-for-byte, after JSON parsing).
        const sent = JSON.parse(body).credential;
        expect(vc.credentialSubject).toEqual(sent.credentialSubject);
        expect(vc.name).toEqual(sent.name);
      }),
      { seed: SEED, numRuns: runs(60), endOnFailure: true },
    );
    // Both sides of the property were exercised.
    expect(seen.get('201')).toBeGreaterThan(5);
    expect([...seen.keys()].filter((k) => k !== '201').length).toBeGreaterThan(3);
  });
});
