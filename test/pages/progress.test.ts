// The worker's progress toward published pathways (issue 10): POST /progress evaluates the
// worker's credentials against every pathway published here (CTDL Pathway / ComponentCondition,
// with @repo/pathways' evaluatePathway) and ranks those they count toward by how much is met, with
// what is missing in words; GET /c/:token/progress is the same for the credential behind a share
// link, as a page checked with axe-core for WCAG 2.2 AA in headless Chromium. A credential signed
// by a peer library (@digitalbazaar/vc, eddsa-rdfc-2022) counts like one of ours; VC-JWTs count
// compact or enveloped (VC 2.0 §4.13 EnvelopedVerifiableCredential; VC-JOSE-COSE).
import { readFileSync } from 'node:fs';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { getShare } from '@repo/issuer';
import type { RequirementReport } from '@repo/pathways';
import type { Pathway } from '@repo/schemas';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fractionMet } from '../../packages/issuer/src/pages/progress.ts';
import { awardTemplate } from '../helpers/awards.ts';
import { axeViolations, launchChromium } from '../helpers/browser.ts';
import { FROZEN_NOW, type IssuerApp, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';
import { achievementCredential, allOf, component } from '../helpers/pathway-fixtures.ts';
import { peerDocumentLoader } from '../helpers/peer-document-loader.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/ob3-certification.json', import.meta.url), 'utf8'));
const aas = JSON.parse(
  readFileSync(new URL('../../schemas/pathways/manufacturing-aas.json', import.meta.url), 'utf8'),
) as Pathway;
const CIMT = fixture.credentialSubject.achievement.id as string;
const OSHA = 'https://safety-institute.example/achievements/osha-30';
const HYDRAULICS = 'https://college.example/courses/hydraulics-1';
const WELDING = 'https://college.example/courses/welding-1';

/** An OB 3.0 Achievement a pathway's completion earns. */
function destination(id: string, name: string): Pathway['destination'] {
  return {
    kind: 'certificate',
    achievement: {
      id,
      type: ['Achievement'],
      name,
      description: `${name} (test).`,
      criteria: { narrative: `Complete ${name}.` },
    },
  };
}

/** A small pathway of three components, each matched by its achievement id. */
function fundamentals(): Pathway {
  return {
    type: 'Pathway',
    id: 'https://college.example/pathways/maintenance-fundamentals',
    name: 'Maintenance Fundamentals Certificate',
    description: 'A current maintenance certification, a 30-hour safety card and a hydraulics course.',
    destination: destination(
      'https://college.example/certificates/maintenance-fundamentals',
      'Maintenance Fundamentals',
    ),
    requirement: allOf('fundamentals', 'Maintenance fundamentals', [
      component('cimt', 'Industrial maintenance certification', { achievementIds: [CIMT] }),
      component('safety', 'General Industry Safety 30-Hour Card', { achievementIds: [OSHA] }),
      component('hydraulics', 'Hydraulics I', { achievementIds: [HYDRAULICS] }),
    ]),
  };
}

/** A pathway none of the worker's credentials count toward. */
function welding(): Pathway {
  return {
    ...fundamentals(),
    id: 'https://college.example/pathways/welding',
    name: 'Welding Certificate',
    description: 'Welding fundamentals.',
    destination: destination('https://college.example/certificates/welding', 'Welding'),
    requirement: allOf('welding', 'Welding', [component('wld', 'Welding I', { achievementIds: [WELDING] })]),
  };
}

let issuer: IssuerApp;
let browser: Browser;
let axeContext: BrowserContext;
/** The worker's certification, claimed from an award as a file (embedded proof, from this issuer). */
let cimt: Record<string, any>;
let cimtShare: string;
/** A safety card another issuer signed with @digitalbazaar/vc (eddsa-rdfc-2022). */
let osha: Record<string, any>;

async function progress(body: unknown) {
  return call(issuer.url, 'POST', '/progress', body);
}

beforeAll(async () => {
  issuer = await startIssuerApp({ loopbackPublicBaseUrl: true });
  for (const pathway of [aas, fundamentals(), welding()]) {
    const res = await call(issuer.url, 'POST', '/pathways', pathway, TOKENS.full);
    expect(res.status, res.text).toBe(201);
  }
  // The certification, claimed as a file through the interaction page's form.
  const credential = awardTemplate();
  const made = await call(
    issuer.url,
    'POST',
    '/awards',
    { credential, recipient: { name: 'Ada Lovelace', email: 'ada@example.org' } },
    TOKENS.full,
  );
  expect(made.status, made.text).toBe(201);
  const pageUrl = made.json.offer.interactionUrl.split('?')[0];
  const claimed = await fetch(`${pageUrl}/file`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'sec-fetch-site': 'same-origin' },
  });
  expect(claimed.status).toBe(303);
  const award = await call(issuer.url, 'GET', `/awards/${made.json.award.id}`, undefined, TOKENS.readOnly);
  const id = award.json.award.claim.credentialId as string;
  cimt = (await call(issuer.url, 'GET', `/credentials/${encodeURIComponent(id)}`, undefined, TOKENS.readOnly)).json
    .verifiableCredential;
  cimtShare = (await getShare(issuer.deps, id))!.token;

  // The peer's safety card.
  const keyPair: any = await Ed25519Multikey.generate();
  keyPair.controller = `did:key:${keyPair.publicKeyMultibase}`;
  keyPair.id = `${keyPair.controller}#${keyPair.publicKeyMultibase}`;
  osha = await vc.issue({
    credential: achievementCredential(keyPair.controller, {
      achievementId: OSHA,
      name: 'General Industry Safety 30-Hour Card',
      achievementType: 'License',
    }),
    suite: new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022, date: FROZEN_NOW }),
    documentLoader: peerDocumentLoader().documentLoader,
  });

  browser = await launchChromium();
  // The pages forbid every script (CSP); axe-core is injected by the test, so its context bypasses CSP.
  axeContext = await browser.newContext({ bypassCSP: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await issuer?.close();
});

describe('POST /progress: published pathways the credentials count toward, closest first (CTDL Pathway)', () => {
  it('a peer-signed credential (@digitalbazaar/vc) and ours meet part of two pathways: ranked by how much is met, the missing parts in words; the third pathway is left out', async () => {
    const res = await progress({ verifiableCredential: [cimt, osha] });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.json.excluded).toEqual([]);
    const [first, second, ...rest] = res.json.pathways;
    expect(rest).toEqual([]);
    expect(first.pathway.id).toBe(fundamentals().id);
    expect(first).toMatchObject({
      complete: false,
      status: 'partial',
      fractionMet: 0.667, // two of three components
      counted: [cimt.id, osha.id].sort(),
      stillNeeded: 'Hydraulics I',
      missing: [{ id: 'hydraulics', name: 'Hydraulics I', kind: 'Component', stillNeeded: 'Hydraulics I' }],
    });
    expect(second.pathway).toEqual({
      id: aas.id,
      name: aas.name,
      description: aas.description,
      destination: {
        kind: 'degree',
        achievement: { id: aas.destination.achievement.id, name: aas.destination.achievement.name },
      },
    });
    expect(second.complete).toBe(false);
    expect(second.counted).toEqual([cimt.id]);
    expect(second.fractionMet).toBeGreaterThan(0);
    expect(second.fractionMet).toBeLessThan(first.fractionMet);
    expect(second.credits).toEqual({ earned: 12, required: 60 }); // the CIMT component's 12 credits
    expect(second.stillNeeded).toContain('48 more credits');
    expect(second.stillNeeded).toContain('Certified Production Associate');
    const certs = second.missing.find((m: any) => m.id === 'industry-certifications');
    expect(certs.stillNeeded).toContain('CNC Machining Operator');
    expect(certs.stillNeeded).not.toContain('Certified Industrial Maintenance Technician');
  });

  it('VC-JWTs count compact or enveloped: our hydraulics course as a JWT completes the certificate (fractionMet 1)', async () => {
    const issued = await call(
      issuer.url,
      'POST',
      '/credentials/issue',
      {
        credential: achievementCredential(issuer.deps.key.controller, {
          achievementId: HYDRAULICS,
          name: 'Hydraulics I',
          credentialId: undefined,
        }),
        options: { format: 'jwt' },
      },
      TOKENS.full,
    );
    expect(issued.status, issued.text).toBe(201);
    const envelope = issued.json.verifiableCredential;
    expect(envelope.type).toBe('EnvelopedVerifiableCredential');
    const compact = envelope.id.slice(envelope.id.indexOf(',') + 1);
    for (const jwt of [envelope, compact]) {
      const res = await progress({ verifiableCredential: [jwt, osha, cimt] });
      expect(res.status, res.text).toBe(200);
      const first = res.json.pathways[0];
      expect(first.pathway.id).toBe(fundamentals().id);
      expect(first).toMatchObject({
        complete: true,
        status: 'satisfied',
        fractionMet: 1,
        stillNeeded: '',
        missing: [],
      });
      expect(first.counted).toHaveLength(3);
    }
  });

  it('negative twin: the peer credential with one field changed does not verify, is excluded with the reason, and counts nowhere', async () => {
    const tampered = { ...osha, name: 'Something else' };
    const res = await progress({ verifiableCredential: [cimt, tampered] });
    expect(res.status).toBe(200);
    expect(res.json.excluded).toHaveLength(1);
    expect(res.json.excluded[0].id).toBe(osha.id);
    expect(res.json.excluded[0].problems[0].title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
    const first = res.json.pathways.find((p: any) => p.pathway.id === fundamentals().id);
    expect(first.counted).toEqual([cimt.id]);
    expect(first.fractionMet).toBe(0.333);
  });

  it('I3/I5: a body that is not { verifiableCredential: [credentials] } is a 400 problem naming the JSON pointer', async () => {
    const cases: Array<[unknown, string]> = [
      [{}, '/verifiableCredential'],
      [{ verifiableCredential: [] }, '/verifiableCredential'],
      [{ verifiableCredential: [42] }, '/verifiableCredential/0'],
      [{ verifiableCredential: cimt }, '/verifiableCredential'],
      [{ verifiableCredentials: [cimt] }, '/verifiableCredential'],
      [{ verifiableCredential: [cimt], holder: 'did:example:x' }, '/holder'],
    ];
    for (const [body, pointer] of cases) {
      const res = await progress(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.json).toMatchObject({ title: 'MALFORMED_VALUE_ERROR', pointer });
    }
    const plural = await progress({ verifiableCredentials: [cimt] });
    expect(plural.json.detail).toBe('verifiableCredential must be a list of 1 to 100 credentials.');
    const unknown = await progress({ verifiableCredential: [cimt], holder: 'did:example:x' });
    expect(unknown.json.detail).toBe('Unknown request field "holder". Send { "verifiableCredential": [ … ] }.');
  });
});

describe('GET /c/:token/progress: the progress page of a shared credential (WCAG 2.2 AA)', () => {
  it('lists the pathways the credential counts toward in the order POST /progress ranks them, with what is missing; axe finds no violation', async () => {
    const ranked = (await progress({ verifiableCredential: [cimt] })).json.pathways;
    const page = await axeContext.newPage();
    const res = await page.goto(`${issuer.url}/c/${cimtShare}/progress`);
    expect(res!.status()).toBe(200);
    expect(res!.headers()['cache-control']).toBe('no-store');
    expect(res!.headers()['x-robots-tag']).toBe('noindex');
    expect(await page.locator('h1').textContent()).toBe('Where this credential counts');
    expect(await page.locator('h2').allTextContents()).toEqual(ranked.map((p: any) => p.pathway.name));
    expect(ranked.map((p: any) => p.pathway.id)).toEqual([fundamentals().id, aas.id]);
    const first = page.locator('ol > li').first();
    expect(await first.textContent()).toContain('33% of the requirements met');
    expect(await first.locator('ul > li').allTextContents()).toEqual([
      'General Industry Safety 30-Hour Card',
      'Hydraulics I',
    ]);
    expect(await page.locator('ol > li').nth(1).textContent()).toContain('12 of 60 credits');
    expect(await page.getByRole('link', { name: "Back to the credential's page" }).getAttribute('href')).toBe(
      `${issuer.url}/c/${cimtShare}`,
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('an unknown share token is a 404 page', async () => {
    const res = await fetch(`${issuer.url}/c/${'B'.repeat(43)}/progress`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('fractionMet: how much of a pathway is met', () => {
  const r = (x: Partial<RequirementReport> & Pick<RequirementReport, 'id' | 'kind' | 'status'>): RequirementReport => ({
    name: x.id,
    satisfiedBy: [],
    credits: 0,
    stillNeeded: '',
    ...x,
  });

  it('AtLeast(2) of three: the best two children count (one satisfied, one half met → 0.75); credits average in', () => {
    const report = [
      r({ id: 'root', kind: 'AtLeast', status: 'partial', progress: { satisfied: 1, required: 2 } }),
      r({ id: 'a', kind: 'Component', status: 'satisfied', parent: 'root' }),
      r({ id: 'b', kind: 'Component', status: 'missing', parent: 'root' }),
      r({ id: 'c', kind: 'AllOf', status: 'partial', parent: 'root', progress: { satisfied: 1, required: 2 } }),
      r({ id: 'c1', kind: 'Component', status: 'satisfied', parent: 'c' }),
      r({ id: 'c2', kind: 'Component', status: 'missing', parent: 'c' }),
    ];
    expect(fractionMet(report)).toBe(0.75);
    report[0] = { ...report[0]!, credits: 3, creditsRequired: 12 };
    expect(fractionMet(report)).toBe((0.75 + 0.25) / 2);
    report[0] = { ...report[0]!, status: 'satisfied' };
    expect(fractionMet(report)).toBe(1);
  });
});
