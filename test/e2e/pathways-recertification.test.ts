import { openCredential } from '@repo/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  award,
  createWorld,
  danasContinuingEducation,
  danasCredentials,
  employerVerifier,
  examplePathway,
  issueVia,
  signAs,
  WORKER,
  type World,
} from '../../scripts/demo/world.ts';
import { storedState } from '../helpers/issuer-app.ts';

const aas = examplePathway('manufacturing-aas');
const recert = examplePathway('cimt-recertification');
const evaluatePath = `/pathways/${encodeURIComponent(aas.id)}/evaluate`;
const COLLEGE_NAME = 'Lakeshore Valley Community College (example)';

/**
 * A continuing-education credential the college issues as a VC-JWT (Open Badges 3.0 §8.2), answered
 * as an EnvelopedVerifiableCredential (VC 2.0 §4.13.1), about `subject`.
 */
async function ceJwt(
  world: World,
  fieldOfStudy: string,
  awardedDate: string,
  subject: string = WORKER,
): Promise<Record<string, any>> {
  const res = await world.college.call('POST', '/credentials/issue', {
    credential: award(
      world.orgs.college,
      COLLEGE_NAME,
      {
        achievementId: `https://lakeshore-valley.example/ce/${fieldOfStudy.toLowerCase().replaceAll(' ', '-')}`,
        name: `${fieldOfStudy} (CE)`,
        achievementType: 'Course',
        fieldOfStudy,
        tags: ['continuing-education'],
        credits: 6,
        awardedDate,
      },
      subject,
    ),
    options: { format: 'jwt' },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  expect(res.json.verifiableCredential.type).toBe('EnvelopedVerifiableCredential');
  return res.json.verifiableCredential;
}
/** The compact JWS inside an envelope. */
const compactOf = (envelope: Record<string, any>): string => envelope.id.slice(envelope.id.indexOf(',') + 1);
/** The id of the credential a VC-JWT (compact or enveloped) carries. */
function idInside(jwt: unknown): string {
  const opened = openCredential(jwt);
  if ('problem' in opened) throw new Error(opened.problem.detail);
  return opened.credential.id as string;
}

const summary = (report: any) =>
  report.requirements.map((r: any) => ({ id: r.id, status: r.status, credits: r.credits, stillNeeded: r.stillNeeded }));

describe('Stacking toward a degree over HTTP (CTDL Pathway / ComponentCondition / Constraint; CLR 2.0)', () => {
  let world: World;
  let dana: Record<string, Record<string, any>>;

  beforeAll(async () => {
    world = await createWorld('2026-09-01T12:00:00Z');
    expect((await world.college.call('POST', '/pathways', aas)).status).toBe(201);
    expect((await world.council.call('POST', '/pathways', recert)).status).toBe(201);
    dana = await danasCredentials(world);
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('publishes pathways idempotently, refuses a changed definition (409) and an invalid one (422 with a pointer)', async () => {
    expect((await world.college.call('POST', '/pathways', aas)).status).toBe(200);
    const changed = await world.college.call('POST', '/pathways', { ...aas, name: 'Something else' });
    expect(changed.status).toBe(409);
    const bad = structuredClone(aas) as any;
    bad.requirement.children[1].count = 9;
    const invalid = await world.college.call('POST', '/pathways', {
      ...bad,
      id: 'https://lakeshore-valley.example/pathways/broken',
    });
    expect(invalid.status).toBe(422);
    expect(invalid.json.pointer).toBe('/requirement/children/1/count');
    expect((await world.college.call('POST', '/pathways', aas, null)).status).toBe(401);
    const list = await world.college.call('GET', '/pathways', undefined, null);
    expect(list.json.pathways.map((p: any) => p.id)).toEqual([aas.id]);
  });

  it('a complete pathway yields a CLR 2.0 and the degree credential, both verified by the verifier library', async () => {
    const res = await world.college.call('POST', evaluatePath, {
      verifiablePresentation: {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiablePresentation'],
        holder: WORKER,
        verifiableCredential: Object.values(dana),
      },
      options: { issue: ['clr', 'achievement'] },
    });
    expect(res.status).toBe(201);
    expect(res.json.report.complete).toBe(true);
    const { clr, achievement } = res.json.issued;
    expect(clr.type).toEqual(['VerifiableCredential', 'ClrCredential']);
    expect(clr['@context']).toContain('https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json');
    expect(clr.partial).toBe(false);
    expect(clr.credentialSubject.type).toEqual(['ClrSubject']);
    expect(clr.credentialSubject.id).toBe(WORKER);
    expect(clr.credentialSubject.verifiableCredential.map((c: any) => c.id).sort()).toEqual(
      [...res.json.report.counted].sort(),
    );
    const associations = clr.credentialSubject.association;
    expect(associations).toContainEqual({
      type: ['Association'],
      associationType: 'isPartOf',
      sourceId: 'https://skills-council.example/achievements/cimt-level-1',
      targetId: aas.destination.achievement.id,
    });
    expect(associations).toContainEqual({
      type: ['Association'],
      associationType: 'precedes',
      sourceId: 'https://workplace-safety-institute.example/achievements/general-industry-30-hour',
      targetId: aas.destination.achievement.id,
    });
    const employer = employerVerifier(world);
    const clrResult = await employer.verifyCredential(clr);
    expect(clrResult.problems).toEqual([]);
    expect(clrResult.verified).toBe(true);
    // Changing an embedded credential breaks the CLR's own proof.
    const tampered = structuredClone(clr);
    tampered.credentialSubject.verifiableCredential[0].credentialSubject.achievement.name = 'Something grander';
    expect((await employer.verifyCredential(tampered)).checks.find((c) => c.id === 'proof')?.status).toBe('failed');
    const degree = await employer.verifyCredential(achievement);
    expect(degree.verified).toBe(true);
    expect(achievement.credentialSubject).toMatchObject({
      id: WORKER,
      creditsEarned: 60,
      achievement: { id: aas.destination.achievement.id },
    });
    expect(achievement.evidence).toHaveLength(res.json.report.counted.length);
  });

  it('an incomplete pathway gives the exact missing-requirements report, and a signed progress credential on request', async () => {
    const { capstone: _c, robotics: _r, ...some } = dana;
    const res = await world.college.call('POST', evaluatePath, {
      verifiableCredential: Object.values(some),
      options: { issue: ['progress'] },
    });
    expect(res.status).toBe(201);
    expect(res.json.report.complete).toBe(false);
    expect(summary(res.json.report)).toEqual([
      { id: 'aas-amt', status: 'partial', credits: 54, stillNeeded: expect.any(String) },
      { id: 'industry-certifications', status: 'satisfied', credits: 30, stillNeeded: '' },
      { id: 'cert-cimt-level-1', status: 'satisfied', credits: 12, stillNeeded: '' },
      { id: 'cert-production-associate', status: 'satisfied', credits: 9, stillNeeded: '' },
      { id: 'cert-cnc-operator', status: 'satisfied', credits: 9, stillNeeded: '' },
      { id: 'technical-electives', status: 'partial', credits: 6, stillNeeded: expect.any(String) },
      { id: 'elective-plc', status: 'satisfied', credits: 3, stillNeeded: '' },
      { id: 'elective-robotics', status: 'missing', credits: 0, stillNeeded: expect.any(String) },
      { id: 'elective-welding', status: 'missing', credits: 0, stillNeeded: expect.any(String) },
      { id: 'elective-quality', status: 'missing', credits: 0, stillNeeded: expect.any(String) },
      { id: 'general-education', status: 'satisfied', credits: 18, stillNeeded: '' },
      { id: 'gened-composition', status: 'satisfied', credits: 3, stillNeeded: '' },
      { id: 'gened-technical-math', status: 'satisfied', credits: 3, stillNeeded: '' },
      { id: 'gened-technical-writing', status: 'satisfied', credits: 3, stillNeeded: '' },
      { id: 'gened-oral-communication', status: 'satisfied', credits: 3, stillNeeded: '' },
      { id: 'gened-social-science', status: 'satisfied', credits: 3, stillNeeded: '' },
      { id: 'gened-humanities', status: 'satisfied', credits: 3, stillNeeded: '' },
      { id: 'capstone', status: 'missing', credits: 0, stillNeeded: 'Manufacturing Technology Capstone' },
    ]);
    expect(res.json.report.requirements[0].stillNeeded).toBe(
      '1 of 2 technical electives; 3 more credits in technical electives; Manufacturing Technology Capstone; 6 more credits',
    );
    expect(res.json.report.requirements[5].stillNeeded).toBe('1 of 2 technical electives; 3 more credits');
    const progress = res.json.issued.progress;
    expect(progress.credentialSubject.result).toEqual([{ type: ['Result'], status: 'InProgress' }]);
    expect((await employerVerifier(world).verifyCredential(progress)).verified).toBe(true);
    // The degree itself is refused while incomplete.
    const refused = await world.college.call('POST', evaluatePath, {
      verifiableCredential: Object.values(some),
      options: { issue: ['achievement'] },
    });
    expect(refused.status).toBe(422);
  });

  it('a revoked, an expired and a forged credential are each left out with the reason', async () => {
    const { orgs, college, clock } = world;
    const revokedCourse = await issueVia(
      college,
      award(orgs.college, 'Lakeshore Valley Community College (example)', {
        achievementId: 'https://lakeshore-valley.example/courses/amt-290',
        name: 'Advanced Manufacturing Capstone',
        achievementType: 'Course',
        credits: 3,
        awardedDate: '2026-08-25T00:00:00Z',
      }),
    );
    const revoke = await college.call('POST', '/credentials/status', {
      credentialId: revokedCourse.id,
      credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }],
    });
    expect(revoke.status).toBe(200);
    const expired = await signAs(
      orgs.guild,
      award(orgs.guild, 'Makers Guild Training (example)', {
        achievementId: 'https://makers-guild.example/badges/welding-basics',
        name: 'Welding Basics',
        achievementType: 'MicroCredential',
        fieldOfStudy: 'Welding',
        tags: ['welding'],
        credits: 3,
        awardedDate: '2025-01-10T00:00:00Z',
        validUntil: '2026-01-10T00:00:00Z',
      }),
      clock.now(),
    );
    const forged = structuredClone(dana.cnc);
    forged.credentialSubject.achievement.id =
      'https://precision-machining-alliance.example/achievements/cnc-operator-level-2';
    forged.id = 'urn:uuid:99999999-9999-4999-8999-999999999999';
    const { capstone: _c, cnc: _n, ...rest } = dana;
    const res = await world.college.call('POST', evaluatePath, {
      verifiableCredential: [...Object.values(rest), revokedCourse, expired, forged],
    });
    expect(res.status).toBe(200);
    const excluded = Object.fromEntries(res.json.report.excluded.map((x: any) => [x.id, x]));
    expect(excluded[revokedCourse.id].reason).toBe('This credential was revoked by its issuer.');
    expect(excluded[revokedCourse.id].problems[0].title).toBe('CREDENTIAL_REVOKED');
    expect(excluded[expired.id].reason).toBe('This credential expired on 2026-01-10T00:00:00Z.');
    expect(excluded[forged.id].problems[0].title).toBe('CRYPTOGRAPHIC_SECURITY_ERROR');
    const byId = Object.fromEntries(res.json.report.requirements.map((r: any) => [r.id, r]));
    expect(byId.capstone.status).toBe('missing');
    expect(byId['cert-cnc-operator'].status).toBe('missing');
    expect(byId['elective-welding'].status).toBe('missing');
  });

  it('credit arithmetic with advanced standing (credit for prior learning)', async () => {
    const military = await signAs(
      world.orgs.military,
      award(world.orgs.military, 'Service Training Records Office (example)', {
        achievementId: 'https://service-training-records.example/courses/wheeled-vehicle-mechanic',
        name: 'Wheeled Vehicle Mechanic Course',
        achievementType: 'CertificateOfCompletion',
        fieldOfStudy: 'Equipment Maintenance',
        tags: ['military-training'],
        awardedDate: '2019-04-01T00:00:00Z',
      }),
      world.clock.now(),
    );
    const res = await world.college.call('POST', evaluatePath, {
      verifiableCredential: [...Object.values(dana), military],
    });
    const report = res.json.report;
    expect(report.advancedStanding.map((s: any) => [s.id, s.credentialId, s.credits, s.toward])).toEqual([
      ['standing-safety-30', dana.safety.id, 3, 'technical-electives'],
      ['standing-military-training', military.id, 6, 'aas-amt'],
    ]);
    const byId = Object.fromEntries(report.requirements.map((r: any) => [r.id, r]));
    // 30 certifications + (3 + 3 electives + 3 standing) + 18 general education + 3 capstone + 6 standing at the root.
    expect(byId['technical-electives'].credits).toBe(9);
    expect(byId['aas-amt'].credits).toBe(66);
    expect(report.complete).toBe(true);
  });

  it('a credential that arrives as a VC-JWT counts too, and the CLR embeds it in its enveloped form', async () => {
    const capstoneJwt = await world.college.call('POST', '/credentials/issue', {
      credential: award(world.orgs.college, 'Lakeshore Valley Community College (example)', {
        achievementId: 'https://lakeshore-valley.example/courses/amt-290',
        name: 'Advanced Manufacturing Capstone',
        achievementType: 'Course',
        credits: 3,
        awardedDate: '2026-08-20T00:00:00Z',
      }),
      options: { format: 'jwt' },
    });
    expect(capstoneJwt.status).toBe(201);
    const envelope = capstoneJwt.json.verifiableCredential;
    expect(envelope.type).toBe('EnvelopedVerifiableCredential');
    const { capstone: _c, ...rest } = dana;
    const res = await world.college.call('POST', evaluatePath, {
      verifiableCredential: [...Object.values(rest), envelope],
      options: { issue: ['clr'], recipient: WORKER },
    });
    expect(res.status).toBe(201);
    expect(res.json.report.complete).toBe(true);
    const capstone = res.json.report.requirements.find((r: any) => r.id === 'capstone');
    expect(capstone.status).toBe('satisfied');
    const clr = res.json.issued.clr;
    expect(clr.credentialSubject.verifiableCredential).toContainEqual(envelope);
    expect((await employerVerifier(world).verifyCredential(clr)).verified).toBe(true);
  });

  it('issuing refuses to bundle credentials about someone else', async () => {
    const stranger = await issueVia(
      world.college,
      award(
        world.orgs.college,
        'Lakeshore Valley Community College (example)',
        {
          achievementId: 'https://lakeshore-valley.example/courses/amt-290',
          name: 'Advanced Manufacturing Capstone',
          achievementType: 'Course',
          credits: 3,
          awardedDate: '2026-08-20T00:00:00Z',
        },
        'did:example:someone-else',
      ),
    );
    const { capstone: _c, ...rest } = dana;
    const res = await world.college.call('POST', evaluatePath, {
      verifiableCredential: [...Object.values(rest), stranger],
      options: { issue: ['clr'], recipient: WORKER },
    });
    expect(res.status).toBe(422);
    expect(res.json.detail).toContain('did:example:someone-else');

    // A forged copy of the stranger's credential (subject changed to Dana) sent FIRST, beside the
    // genuine one: the forged copy fails verification, the genuine one counts — and it is about the
    // stranger. What is bound to the recipient is the copy that verified, never another with its id.
    const forged = { ...stranger, credentialSubject: { ...stranger.credentialSubject, id: WORKER } };
    const sneaky = await world.college.call('POST', evaluatePath, {
      verifiableCredential: [forged, stranger, ...Object.values(rest)],
      options: { issue: ['clr'], recipient: WORKER },
    });
    expect(sneaky.status, JSON.stringify(sneaky.json)).toBe(422);
    expect(sneaky.json.detail).toContain('did:example:someone-else');
  });
});

describe('Recertification over HTTP: renewal with CE credits, grace period, lapse, superseded lineage, refresh', () => {
  let world: World;
  let dana: Record<string, Record<string, any>>;

  beforeAll(async () => {
    world = await createWorld('2026-09-01T12:00:00Z');
    expect((await world.council.call('POST', '/pathways', recert)).status).toBe(201);
    dana = await danasCredentials(world);
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('the certification carries a 2-bit lifecycle entry and a refresh service', () => {
    expect(dana.cimt.credentialStatus.map((s: any) => s.statusPurpose)).toEqual([
      'revocation',
      'suspension',
      'message',
    ]);
    expect(dana.cimt.refreshService.type).toBe('1EdTechCredentialRefresh');
  });

  it('renewal is refused before its window opens and with too few CE credits, naming what is missing', async () => {
    const ce = await danasContinuingEducation(world);
    world.clock.set('2026-10-15T12:00:00Z');
    const early = await world.council.call('POST', '/credentials/renew', {
      credentialId: dana.cimt.id,
      verifiableCredential: ce,
    });
    expect(early.status).toBe(422);
    expect(early.json.detail).toBe(
      'Renewal opens on 2026-11-15T00:00:00Z (P6M before it expires on 2027-05-15T00:00:00Z).',
    );
    world.clock.set('2027-01-10T12:00:00Z');
    const short = await world.council.call('POST', '/credentials/renew', {
      credentialId: dana.cimt.id,
      verifiableCredential: ce.slice(0, 3),
    });
    expect(short.status).toBe(422);
    expect(short.json.report.complete).toBe(false);
    expect(short.json.report.requirements[0].credits).toBe(18);
    expect(short.json.detail).toMatch(/^The continuing-education requirement is not met: /);
  });

  it('a stranger’s CE credential sent as a VC-JWT (compact or enveloped) → 422 naming it, nothing stored', async () => {
    world.clock.set('2027-01-10T12:00:00Z');
    const ce = await danasContinuingEducation(world);
    // The electrical safety refresher is someone else's: without it the requirement is not met.
    const strangers = await ceJwt(world, 'Electrical Safety', '2026-10-01T00:00:00Z', 'did:example:someone-else');
    const strangerId = idInside(strangers);
    const before = await storedState(world.council.deps);
    for (const [form, body] of [
      ['compact', { verifiableCredential: [compactOf(strangers), ...ce.slice(1)] }],
      ['enveloped', { verifiableCredential: [...ce.slice(1), strangers] }],
      [
        'in a presentation',
        {
          verifiablePresentation: {
            '@context': ['https://www.w3.org/ns/credentials/v2'],
            type: ['VerifiablePresentation'],
            verifiableCredential: [...ce.slice(1), compactOf(strangers)],
          },
        },
      ],
    ] as const) {
      const res = await world.council.call('POST', '/credentials/renew', { credentialId: dana.cimt.id, ...body });
      expect(res.status, `${form}: ${JSON.stringify(res.json)}`).toBe(422);
      expect(res.json.title).toBe('MALFORMED_VALUE_ERROR');
      expect(res.json.detail).toBe(`Continuing-education credentials must be about ${WORKER}: ${strangerId} is not.`);
      expect(res.json.report.counted).toContain(strangerId);
      expect(res.json.pointer).toBe(
        form === 'compact'
          ? '/verifiableCredential/0'
          : form === 'enveloped'
            ? '/verifiableCredential/4'
            : '/verifiablePresentation/verifiableCredential/4',
      );
    }
    expect(await storedState(world.council.deps)).toEqual(before);
    const record = await world.council.deps.store.getRecord(dana.cimt.id);
    expect(record?.supersededBy).toBeUndefined();
  });

  it('grace period and lapse follow the frozen clock (renewal policy P3Y / P6M / P90D)', async () => {
    const employer = employerVerifier(world, [recert.renewal!]);
    world.clock.set('2027-05-14T12:00:00Z');
    let r = await employer.verifyCredential(dana.cimt);
    expect(r.verified).toBe(true);
    expect(r.lifecycle).toMatchObject({ state: 'current', renewalOpensAt: '2026-11-15T00:00:00Z' });
    world.clock.set('2027-06-01T12:00:00Z');
    r = await employer.verifyCredential(dana.cimt);
    expect(r.verified).toBe(true);
    expect(r.lifecycle).toMatchObject({ state: 'in-grace-period', graceEndsAt: '2027-08-13T00:00:00Z' });
    world.clock.set('2027-08-14T12:00:00Z');
    r = await employer.verifyCredential(dana.cimt);
    expect(r.verified).toBe(false);
    expect(r.lifecycle?.state).toBe('lapsed');
    expect(r.problems.map((p) => p.title)).toEqual(['CREDENTIAL_EXPIRED']);
    // And the issuer refuses to renew a lapsed certification.
    const late = await world.council.call('POST', '/credentials/renew', {
      credentialId: dana.cimt.id,
      verifiableCredential: await danasContinuingEducation(world, '2027-03-01T00:00:00Z'),
    });
    expect(late.status).toBe(422);
    expect(late.json.title).toBe('CREDENTIAL_EXPIRED');
  });

  it('renews in the grace period with CE credits; the old credential is superseded; refresh returns the current one', async () => {
    world.clock.set('2027-06-01T12:00:00Z');
    // Dana's own CE credentials in every form: embedded proofs, a compact and an enveloped VC-JWT.
    const embedded = (await danasContinuingEducation(world, '2027-02-01T00:00:00Z')).slice(0, 3);
    const fluidPower = await ceJwt(world, 'Fluid Power', '2027-02-01T00:00:00Z');
    const automation = await ceJwt(world, 'Industrial Automation', '2027-02-01T00:00:00Z');
    const ce: unknown[] = [...embedded, compactOf(fluidPower), automation];
    const ceIds = [...embedded.map((c) => c.id), idInside(fluidPower), idInside(automation)];
    const res = await world.council.call('POST', '/credentials/renew', {
      credentialId: dana.cimt.id,
      verifiableCredential: ce,
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const renewed = res.json.verifiableCredential;
    expect(res.json.report.complete).toBe(true);
    expect(res.json.report.requirements[0].credits).toBe(30);
    expect([...res.json.report.counted].sort()).toEqual([...ceIds].sort());
    expect(renewed).toMatchObject({
      validFrom: '2027-06-01T12:00:00Z',
      validUntil: '2030-05-15T00:00:00Z',
      awardedDate: '2024-05-15T00:00:00Z',
      relatedResource: [{ id: dana.cimt.id, digestSRI: expect.stringMatching(/^sha384-[A-Za-z0-9+/]{64}$/) }],
    });
    expect(renewed.credentialSubject).toEqual(dana.cimt.credentialSubject);
    // Every counted CE credential is evidence, the JWT ones under the id of the credential inside.
    expect(renewed.evidence.map((e: any) => e.id)).toEqual(ceIds);
    expect(renewed.evidence.slice(3).map((e: any) => e.name)).toEqual([
      'Fluid Power (CE)',
      'Industrial Automation (CE)',
    ]);
    for (const s of renewed.credentialStatus)
      expect(dana.cimt.credentialStatus.map((o: any) => o.id)).not.toContain(s.id);

    const employer = employerVerifier(world, [recert.renewal!]);
    const old = await employer.verifyCredential(dana.cimt);
    expect(old.lifecycle).toMatchObject({ state: 'superseded', supersededBy: renewed.id });
    const current = await employer.verifyCredential(renewed);
    expect(current.verified).toBe(true);
    expect(current.lifecycle?.state).toBe('current');

    const refresh = await world.council.call(
      'GET',
      `/credentials/refresh/${encodeURIComponent(dana.cimt.id)}`,
      undefined,
      null,
    );
    expect(refresh.status).toBe(200);
    expect(refresh.json).toEqual(renewed);
    // Renewing the superseded copy again is refused; the lifecycle list says "superseded" (value 3).
    const again = await world.council.call('POST', '/credentials/renew', {
      credentialId: dana.cimt.id,
      verifiableCredential: ce,
    });
    expect(again.status).toBe(409);
    expect(again.json.supersededBy).toBe(renewed.id);
  });
});
