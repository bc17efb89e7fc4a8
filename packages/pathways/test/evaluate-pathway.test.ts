import type { DocumentLoader, SigningKey } from '@repo/core';
import type { Pathway } from '@repo/schemas';
import { createVerifier, type Verifier } from '@repo/verifier';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestKey,
  createTestLoader,
  FROZEN_NOW,
  presentation,
  STATUS_BASE,
  signedPresentation,
  signedStatusList,
  signWith,
  statusEntry,
  statusListServer,
} from '../../../test/helpers/credential-factory.ts';
import {
  achievementCredential,
  allOf,
  atLeast,
  component,
  registryUrl,
} from '../../../test/helpers/pathway-fixtures.ts';
import { evaluatePathway, type PathwayReport, type RequirementReport } from '../src/index.ts';

const ENG101 = 'https://college.example/courses/eng-101';
const IMT110 = 'https://college.example/courses/imt-110';
const IMT210 = 'https://college.example/courses/imt-210';
const IMT230 = 'https://college.example/courses/imt-230';
const WLD101 = 'https://college.example/courses/wld-101';
const ELT150 = 'https://college.example/courses/elt-150';
const CIMT = 'https://skills-council.example/achievements/cimt';
const JST = 'https://jst.example/courses/army-91b-maintenance';
const SAFETY_CTID = 'ce-3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';
const REVOCATION_URL = `${STATUS_BASE}/revocation/0`;
const CHALLENGE = '5d9e1a4c-2b7f-4c61-9e0d-8f3a6b2c1d70';
const DOMAIN = 'registrar.college.example';

const now = () => FROZEN_NOW;

let college: SigningKey;
let council: SigningKey;
let holder: SigningKey;
let documentLoader: DocumentLoader;
let verifier: Verifier;
/** Signed once; tests copy what they change. */
const c: Record<string, Record<string, any>> = {};

/**
 * AAS in Industrial Maintenance Technology: core courses, a current industry certification and
 * three technical electives worth ≥ 9 credits; 24 credits in all; military training as advanced
 * standing toward the electives.
 */
function degreePathway(): Pathway {
  return {
    type: 'Pathway',
    id: 'https://college.example/pathways/aas-imt',
    name: 'AAS Industrial Maintenance Technology',
    description: 'Stackable credentials toward the AAS in Industrial Maintenance Technology.',
    destination: {
      kind: 'degree',
      achievement: { id: 'https://college.example/degrees/aas-imt', name: 'AAS Industrial Maintenance Technology' },
    },
    requirement: allOf(
      'aas-imt',
      'AAS Industrial Maintenance Technology',
      [
        allOf('core', 'Core courses', [
          component(
            'eng-101',
            'College Composition',
            { achievementIds: [ENG101] },
            {
              constraints: [{ type: 'MinResult', value: 70 }],
            },
          ),
          component('imt-110', 'Industrial Safety', { alignmentTargets: [SAFETY_CTID] }),
        ]),
        component(
          'cimt',
          'Industrial Maintenance Technician certification',
          { achievementTypes: ['Certification'], issuers: [council.controller] },
          { credits: 9, constraints: [{ type: 'AwardedWithin', duration: 'P5Y' }] },
        ),
        atLeast(
          'electives',
          'Technical electives',
          3,
          [
            component('hydraulics', 'Hydraulics', { tags: ['hydraulics'] }),
            component('plc', 'PLC programming', { fieldsOfStudy: ['Electrical Engineering Technology'] }),
            component('welding', 'Welding fundamentals', { tags: ['welding'] }),
            component('motors', 'Motor controls', { achievementIds: [ELT150] }),
          ],
          { constraints: [{ type: 'MinCredits', credits: 9 }] },
        ),
      ],
      { constraints: [{ type: 'MinCredits', credits: 24 }] },
    ),
    advancedStanding: [
      {
        id: 'jst-maintenance',
        name: 'Military maintenance training (Joint Services Transcript)',
        match: { achievementIds: [JST] },
        credits: 3,
        toward: 'electives',
      },
    ],
  };
}

/** A one-condition pathway around `requirement`. */
function smallPathway(requirement: Pathway['requirement'], extra: Partial<Pathway> = {}): Pathway {
  return {
    type: 'Pathway',
    id: 'https://college.example/pathways/small',
    name: 'Small pathway',
    description: 'A pathway built for one rule.',
    destination: {
      kind: 'certificate',
      achievement: { id: 'https://college.example/certificates/small', name: 'Small' },
    },
    requirement,
    ...extra,
  };
}

function byId(report: PathwayReport): Record<string, RequirementReport> {
  return Object.fromEntries(report.requirements.map((r) => [r.id, r]));
}

beforeAll(async () => {
  const loader = createTestLoader();
  documentLoader = loader.documentLoader;
  [college, council, holder] = await Promise.all([createTestKey(), createTestKey(), createTestKey()]);
  const server = statusListServer();
  server.publish(
    REVOCATION_URL,
    await signedStatusList({ key: college, documentLoader, url: REVOCATION_URL, set: [13] }),
  );
  verifier = createVerifier({ now, didResolver: loader.didResolver, fetchStatusList: server.fetchStatusList });

  const unsigned: Array<[string, SigningKey, Record<string, any>]> = [
    [
      'eng101',
      college,
      achievementCredential(college, {
        credentialId: 'urn:example:cred:eng-101',
        achievementId: ENG101,
        name: 'College Composition',
        creditsAvailable: 3,
        result: { value: '85', resultType: 'Percent' },
        awardedDate: '2025-05-15T00:00:00Z',
      }),
    ],
    [
      'eng101Low',
      college,
      achievementCredential(college, {
        credentialId: 'urn:example:cred:eng-101-low',
        achievementId: ENG101,
        name: 'College Composition',
        creditsAvailable: 3,
        result: { value: '65', resultType: 'Percent' },
        awardedDate: '2024-12-15T00:00:00Z',
      }),
    ],
    [
      'imt110',
      college,
      achievementCredential(college, {
        credentialId: 'urn:example:cred:imt-110',
        achievementId: IMT110,
        name: 'Industrial Safety',
        creditsAvailable: 2,
        creditsEarned: 3,
        alignTo: [registryUrl(SAFETY_CTID)],
        awardedDate: '2025-01-10T00:00:00Z',
      }),
    ],
    [
      'cimt',
      council,
      achievementCredential(council, {
        credentialId: 'urn:example:cred:cimt-2024',
        achievementId: CIMT,
        name: 'Certified Industrial Maintenance Technician',
        achievementType: 'Certification',
        awardedDate: '2024-03-01T00:00:00Z',
      }),
    ],
    [
      'cimtOld',
      council,
      achievementCredential(council, {
        credentialId: 'urn:example:cred:cimt-2019',
        achievementId: CIMT,
        name: 'Certified Industrial Maintenance Technician',
        achievementType: 'Certification',
        awardedDate: '2019-01-01T00:00:00Z',
      }),
    ],
    [
      'hyd',
      college,
      achievementCredential(college, {
        credentialId: 'urn:example:cred:imt-210',
        achievementId: IMT210,
        name: 'Hydraulics and Pneumatics',
        creditsAvailable: 3,
        tags: ['Hydraulics', 'Fluid power'],
        awardedDate: '2025-12-10T00:00:00Z',
      }),
    ],
    [
      'plc',
      college,
      achievementCredential(college, {
        credentialId: 'urn:example:cred:imt-230',
        achievementId: IMT230,
        name: 'Programmable Logic Controllers',
        creditsAvailable: 4,
        fieldOfStudy: 'electrical engineering technology',
        awardedDate: '2025-12-12T00:00:00Z',
      }),
    ],
    [
      'weld',
      college,
      achievementCredential(college, {
        credentialId: 'urn:example:cred:wld-101',
        achievementId: WLD101,
        name: 'Welding Fundamentals',
        creditsAvailable: 3,
        tags: ['welding'],
        awardedDate: '2025-08-20T00:00:00Z',
      }),
    ],
    [
      'motors',
      college,
      achievementCredential(college, {
        credentialId: 'urn:example:cred:elt-150',
        achievementId: ELT150,
        name: 'Motor Controls',
        creditsAvailable: 2,
        awardedDate: '2026-03-05T00:00:00Z',
      }),
    ],
    [
      'jst',
      college,
      achievementCredential(college, {
        credentialId: 'urn:example:cred:jst-91b',
        achievementId: JST,
        name: 'Wheeled Vehicle Mechanic (91B) maintenance training',
        achievementType: 'ext:MilitaryTraining',
        awardedDate: '2021-06-30T00:00:00Z',
      }),
    ],
    [
      'hydRevoked',
      college,
      achievementCredential(college, {
        credentialId: 'urn:example:cred:imt-210-revoked',
        achievementId: IMT210,
        name: 'Hydraulics and Pneumatics',
        creditsAvailable: 3,
        tags: ['Hydraulics'],
        credentialStatus: statusEntry({ index: '13' }),
      }),
    ],
    [
      'weldExpired',
      college,
      achievementCredential(college, {
        credentialId: 'urn:example:cred:wld-101-expired',
        achievementId: WLD101,
        name: 'Welding Fundamentals',
        creditsAvailable: 3,
        tags: ['welding'],
        validFrom: '2025-01-01T00:00:00Z',
        validUntil: '2026-01-31T00:00:00Z',
      }),
    ],
  ];
  // Signed before every evaluation instant used here (the AwardedWithin test evaluates on
  // 2026-03-01): a proof created after "now" is refused (Data Integrity 1.0 §2.1 created).
  const signedAt = new Date('2026-01-01T00:00:00Z');
  const signed = await Promise.all(unsigned.map(([, key, doc]) => signWith(key, documentLoader, doc, signedAt)));
  unsigned.forEach(([name], i) => {
    c[name] = signed[i]!;
  });
});

/** A credential as signed, with `change` applied to a copy (which breaks the signature). */
function tampered(name: string, change: (doc: Record<string, any>) => void): Record<string, any> {
  const doc = structuredClone(c[name]!);
  change(doc);
  return doc;
}

describe('CTDL ComponentCondition (AllOf / AtLeast requiredNumber) over verified OB 3.0 credentials', () => {
  it('a complete pathway: every requirement satisfied, credits from creditsEarned / creditsAvailable / component credits', async () => {
    const report = await evaluatePathway(degreePathway(), [c.eng101, c.imt110, c.cimt, c.hyd, c.plc, c.weld], {
      verifier,
      now,
    });
    expect(report.complete).toBe(true);
    expect(report.status).toBe('satisfied');
    expect(report.pathwayId).toBe('https://college.example/pathways/aas-imt');
    expect(report.evaluatedAt).toBe(FROZEN_NOW.toISOString());
    expect(report.excluded).toEqual([]);
    expect(report.unused).toEqual([]);
    expect(report.advancedStanding).toEqual([]);
    const r = byId(report);
    expect(report.requirements.every((x) => x.stillNeeded === '')).toBe(true);
    // Three of four electives are needed; the fourth (Motor controls) is not asked for.
    expect(report.requirements.filter((x) => x.status !== 'satisfied').map((x) => [x.id, x.status])).toEqual([
      ['motors', 'missing'],
    ]);
    expect(r['eng-101']?.credits).toBe(3); // achievement.creditsAvailable
    expect(r['imt-110']?.credits).toBe(3); // subject.creditsEarned wins over creditsAvailable (2)
    expect(r.cimt?.credits).toBe(9); // the component's own credits
    expect(r.electives).toMatchObject({ credits: 10, progress: { satisfied: 3, required: 3 }, creditsRequired: 9 });
    expect(r['aas-imt']).toMatchObject({ credits: 25, creditsRequired: 24, progress: { satisfied: 3, required: 3 } });
    expect(report.counted).toEqual([
      'urn:example:cred:cimt-2024',
      'urn:example:cred:imt-110',
      'urn:example:cred:eng-101',
      'urn:example:cred:wld-101',
      'urn:example:cred:imt-210',
      'urn:example:cred:imt-230',
    ]);
    expect(Object.keys(report.verification).sort()).toEqual([...report.counted].sort());
    expect(Object.values(report.verification).every((v) => v.verified)).toBe(true);
  });

  it('an incomplete pathway reports every requirement, root first, with exactly what is still needed', async () => {
    const report = await evaluatePathway(degreePathway(), [c.eng101Low, c.imt110, c.cimtOld, c.hyd], {
      verifier,
      now,
    });
    expect(report.complete).toBe(false);
    expect(report.status).toBe('partial');
    expect(report.requirements).toEqual([
      {
        id: 'aas-imt',
        name: 'AAS Industrial Maintenance Technology',
        kind: 'AllOf',
        status: 'partial',
        satisfiedBy: ['urn:example:cred:imt-110', 'urn:example:cred:imt-210'],
        credits: 6,
        stillNeeded:
          'a result of at least 70 in College Composition; Industrial Maintenance Technician certification, awarded within the last 5 years; 2 of 3 technical electives; 6 more credits in technical electives; 18 more credits',
        progress: { satisfied: 0, required: 3 },
        creditsRequired: 24,
      },
      {
        id: 'core',
        name: 'Core courses',
        kind: 'AllOf',
        status: 'partial',
        satisfiedBy: ['urn:example:cred:imt-110'],
        credits: 3,
        stillNeeded: 'a result of at least 70 in College Composition',
        progress: { satisfied: 1, required: 2 },
        parent: 'aas-imt',
      },
      {
        id: 'eng-101',
        name: 'College Composition',
        kind: 'Component',
        status: 'missing',
        satisfiedBy: [],
        credits: 0,
        stillNeeded: 'a result of at least 70 in College Composition',
        parent: 'core',
      },
      {
        id: 'imt-110',
        name: 'Industrial Safety',
        kind: 'Component',
        status: 'satisfied',
        satisfiedBy: ['urn:example:cred:imt-110'],
        credits: 3,
        stillNeeded: '',
        parent: 'core',
      },
      {
        id: 'cimt',
        name: 'Industrial Maintenance Technician certification',
        kind: 'Component',
        status: 'missing',
        satisfiedBy: [],
        credits: 0,
        stillNeeded: 'Industrial Maintenance Technician certification, awarded within the last 5 years',
        parent: 'aas-imt',
      },
      {
        id: 'electives',
        name: 'Technical electives',
        kind: 'AtLeast',
        status: 'partial',
        satisfiedBy: ['urn:example:cred:imt-210'],
        credits: 3,
        stillNeeded: '2 of 3 technical electives; 6 more credits',
        progress: { satisfied: 1, required: 3 },
        creditsRequired: 9,
        parent: 'aas-imt',
      },
      {
        id: 'hydraulics',
        name: 'Hydraulics',
        kind: 'Component',
        status: 'satisfied',
        satisfiedBy: ['urn:example:cred:imt-210'],
        credits: 3,
        stillNeeded: '',
        parent: 'electives',
      },
      {
        id: 'plc',
        name: 'PLC programming',
        kind: 'Component',
        status: 'missing',
        satisfiedBy: [],
        credits: 0,
        stillNeeded: 'PLC programming',
        parent: 'electives',
      },
      {
        id: 'welding',
        name: 'Welding fundamentals',
        kind: 'Component',
        status: 'missing',
        satisfiedBy: [],
        credits: 0,
        stillNeeded: 'Welding fundamentals',
        parent: 'electives',
      },
      {
        id: 'motors',
        name: 'Motor controls',
        kind: 'Component',
        status: 'missing',
        satisfiedBy: [],
        credits: 0,
        stillNeeded: 'Motor controls',
        parent: 'electives',
      },
    ]);
    // Verified, but failing MinResult / AwardedWithin: they count for nothing.
    expect(report.unused).toEqual(['urn:example:cred:cimt-2019', 'urn:example:cred:eng-101-low']);
    expect(report.counted).toEqual(['urn:example:cred:imt-110', 'urn:example:cred:imt-210']);
  });

  it('with no matching credential at all every requirement is missing', async () => {
    const report = await evaluatePathway(degreePathway(), [], { verifier, now });
    expect(report.requirements.map((r) => r.status)).toEqual(Array(10).fill('missing'));
    expect(report.requirements[0]?.stillNeeded).toBe(
      'a result of at least 70 in College Composition; Industrial Safety; Industrial Maintenance Technician certification, awarded within the last 5 years; 3 of 3 technical electives; 9 more credits in technical electives; 24 more credits',
    );
  });
});

describe('VC 2.0 verification before counting: revoked, expired and forged credentials are excluded', () => {
  it('a revoked (Bitstring Status List bit set), an expired (validUntil) and a forged credential each count for nothing, with the reason', async () => {
    const forged = tampered('plc', (d) => {
      d.credentialSubject.achievement.creditsAvailable = 40;
    });
    const report = await evaluatePathway(degreePathway(), [c.hydRevoked, c.weldExpired, forged, c.eng101], {
      verifier,
      now,
    });
    expect(report.excluded.map(({ id, reason }) => ({ id, reason }))).toEqual([
      {
        id: 'urn:example:cred:imt-210-revoked',
        reason: 'This credential was revoked by its issuer.',
      },
      {
        id: 'urn:example:cred:imt-230',
        reason: 'The signature does not match the credential: it was changed after signing or signed by another key.',
      },
      { id: 'urn:example:cred:wld-101-expired', reason: 'This credential expired on 2026-01-31T00:00:00Z.' },
    ]);
    expect(report.excluded.map((e) => e.problems[0]?.title)).toEqual([
      'CREDENTIAL_REVOKED',
      'CRYPTOGRAPHIC_SECURITY_ERROR',
      'CREDENTIAL_EXPIRED',
    ]);
    expect(report.counted).toEqual(['urn:example:cred:eng-101']);
    const r = byId(report);
    expect([r.hydraulics?.status, r.plc?.status, r.welding?.status]).toEqual(['missing', 'missing', 'missing']);
    expect(r.electives).toMatchObject({ status: 'missing', credits: 0, satisfiedBy: [] });
    expect(report.verification['urn:example:cred:imt-210-revoked']?.verified).toBe(false);
    expect(report.verification['urn:example:cred:eng-101']?.verified).toBe(true);
  });

  it('a genuine copy wins over a forged copy of the same id, whatever the order', async () => {
    const forged = tampered('plc', (d) => {
      d.credentialSubject.achievement.creditsAvailable = 40;
    });
    const a = await evaluatePathway(degreePathway(), [forged, c.plc], { verifier, now });
    const b = await evaluatePathway(degreePathway(), [c.plc, forged], { verifier, now });
    expect(a).toEqual(b);
    expect(a.excluded).toEqual([]);
    expect(byId(a).plc).toMatchObject({ status: 'satisfied', credits: 4 });
  });
});

describe('credit arithmetic: OB 3.0 creditsEarned / creditsAvailable, CTDL MinCredits and isAdvancedStandingFor', () => {
  it('advanced standing toward a condition adds its credits there and to every ancestor, once per credential', async () => {
    const pathway = degreePathway();
    pathway.advancedStanding!.push({
      id: 'jst-any',
      name: 'Any Joint Services Transcript course',
      match: { achievementTypes: ['ext:MilitaryTraining'] },
      credits: 6,
      toward: 'aas-imt',
    });
    const report = await evaluatePathway(pathway, [c.eng101, c.imt110, c.hyd, c.weld, c.jst], { verifier, now });
    expect(report.advancedStanding).toEqual([
      {
        id: 'jst-maintenance',
        name: 'Military maintenance training (Joint Services Transcript)',
        credentialId: 'urn:example:cred:jst-91b',
        credits: 3,
        toward: 'electives',
      },
    ]);
    const r = byId(report);
    // Electives: hydraulics 3 + welding 3 + standing 3; two of three courses still short.
    expect(r.electives).toMatchObject({
      status: 'partial',
      credits: 9,
      progress: { satisfied: 2, required: 3 },
      satisfiedBy: ['urn:example:cred:jst-91b', 'urn:example:cred:wld-101', 'urn:example:cred:imt-210'],
      stillNeeded: '1 of 3 technical electives',
    });
    expect(r.core).toMatchObject({ status: 'satisfied', credits: 6 });
    // Root: core 6 + cimt 0 + electives 9 = 15 of 24.
    expect(r['aas-imt']).toMatchObject({ status: 'partial', credits: 15, creditsRequired: 24 });
    expect(r['aas-imt']?.stillNeeded).toBe(
      'Industrial Maintenance Technician certification, awarded within the last 5 years; 1 of 3 technical electives; 9 more credits',
    );
    expect(report.counted).toContain('urn:example:cred:jst-91b');
    expect(report.unused).toEqual([]);
  });

  it('AtLeast counts only the children it needs (most credits first); extras stay listed in satisfiedBy', async () => {
    const report = await evaluatePathway(degreePathway(), [c.hyd, c.plc, c.weld, c.motors], { verifier, now });
    const r = byId(report);
    // Four electives satisfied (3, 4, 3, 2 credits); three are needed: 4 + 3 + 3 = 10.
    expect(r.electives).toMatchObject({ status: 'satisfied', credits: 10, progress: { satisfied: 3, required: 3 } });
    expect(r.electives?.satisfiedBy).toEqual([
      'urn:example:cred:wld-101',
      'urn:example:cred:imt-210',
      'urn:example:cred:imt-230',
      'urn:example:cred:elt-150',
    ]);
    expect(r['aas-imt']?.credits).toBe(10);
  });

  it('AtLeast takes a further child when its MinCredits needs it', async () => {
    const pathway = degreePathway();
    const electives = pathway.requirement.children[2] as Pathway['requirement'];
    electives.constraints = [{ type: 'MinCredits', credits: 12 }];
    const report = await evaluatePathway(pathway, [c.hyd, c.plc, c.weld, c.motors], { verifier, now });
    expect(byId(report).electives).toMatchObject({ status: 'satisfied', credits: 12, creditsRequired: 12 });
    const short = await evaluatePathway(pathway, [c.hyd, c.plc, c.weld], { verifier, now });
    expect(byId(short).electives).toMatchObject({ status: 'partial', credits: 10, stillNeeded: '2 more credits' });
  });
});

describe('no double counting (CTDL components; allowReuse)', () => {
  const twoComponents = (allowReuse: boolean) =>
    smallPathway(
      allOf('both', 'Fluid power', [
        component('by-tag', 'A hydraulics course', { tags: ['Hydraulics'] }),
        component('by-id', 'IMT 210', { achievementIds: [IMT210] }, allowReuse ? { allowReuse } : {}),
      ]),
    );

  it('one credential matching two components counts once', async () => {
    const report = await evaluatePathway(twoComponents(false), [c.hyd], { verifier, now });
    const r = byId(report);
    expect([r['by-tag']?.status, r['by-id']?.status]).toEqual(['satisfied', 'missing']);
    expect(r.both).toMatchObject({ status: 'partial', credits: 3, progress: { satisfied: 1, required: 2 } });
    expect(report.counted).toEqual(['urn:example:cred:imt-210']);
  });

  it('allowReuse lets the same credential count in both components (and its credits twice)', async () => {
    const report = await evaluatePathway(twoComponents(true), [c.hyd], { verifier, now });
    const r = byId(report);
    expect([r['by-tag']?.status, r['by-id']?.status]).toEqual(['satisfied', 'satisfied']);
    expect(r.both).toMatchObject({ status: 'satisfied', credits: 6, satisfiedBy: ['urn:example:cred:imt-210'] });
    expect(report.counted).toEqual(['urn:example:cred:imt-210']);
  });

  it('a credential used by a component is not also granted advanced standing', async () => {
    const pathway = smallPathway(allOf('root', 'Root', [component('hyd', 'Hydraulics', { tags: ['Hydraulics'] })]), {
      advancedStanding: [{ id: 'any-course', name: 'Any course', match: {}, credits: 5, toward: 'root' }],
    });
    const report = await evaluatePathway(pathway, [c.hyd, c.weld], { verifier, now });
    expect(report.advancedStanding.map((s) => s.credentialId)).toEqual(['urn:example:cred:wld-101']);
    expect(byId(report).root?.credits).toBe(8);
  });

  it('the same credential offered twice counts once', async () => {
    const once = await evaluatePathway(degreePathway(), [c.hyd, c.plc], { verifier, now });
    const twice = await evaluatePathway(degreePathway(), [c.hyd, c.plc, structuredClone(c.hyd), c.plc], {
      verifier,
      now,
    });
    expect(twice).toEqual(once);
  });
});

describe('assignment: scarcest first, required before optional (CTDL ComponentCondition requiredNumber)', () => {
  it('a component that could use several credentials leaves the only one another component can use', async () => {
    // Pathway order puts the broad component first; greedy would give it IMT 110 (awarded earliest).
    const pathway = smallPathway(
      allOf('root', 'Maintenance certificate', [
        atLeast('any', 'Any course', 1, [
          component('any-course', 'Any college course', { achievementTypes: ['Course'] }),
        ]),
        component('safety', 'Industrial Safety', { alignmentTargets: [SAFETY_CTID] }),
      ]),
    );
    const report = await evaluatePathway(pathway, [c.imt110, c.hyd], { verifier, now });
    const r = byId(report);
    expect(r.safety?.satisfiedBy).toEqual(['urn:example:cred:imt-110']);
    expect(r['any-course']?.satisfiedBy).toEqual(['urn:example:cred:imt-210']);
    expect(report.complete).toBe(true);
  });

  it('an AtLeast group does not steal the only credential a required component could use', async () => {
    // Electives (AtLeast 1 of 2) come first; each fits one course; the required course fits either.
    const pathway = smallPathway(
      allOf('root', 'Maintenance certificate', [
        atLeast('electives', 'Electives', 1, [
          component('e-safety', 'Safety elective', { achievementIds: [IMT110] }),
          component('e-hydraulics', 'Hydraulics elective', { achievementIds: [IMT210] }),
        ]),
        component('required', 'Any college course', { achievementTypes: ['Course'] }),
      ]),
    );
    const report = await evaluatePathway(pathway, [c.hyd, c.imt110], { verifier, now });
    const r = byId(report);
    expect(report.complete).toBe(true);
    // Greedy in pathway order would give both courses to the electives and none to `required`.
    expect(r.required?.satisfiedBy).toEqual(['urn:example:cred:imt-210']);
    expect(r['e-safety']?.satisfiedBy).toEqual(['urn:example:cred:imt-110']);
    expect(r['e-hydraulics']).toMatchObject({ status: 'missing', stillNeeded: '' });
    expect(r.electives).toMatchObject({ status: 'satisfied', progress: { satisfied: 1, required: 1 } });
    expect(report.counted).toEqual(['urn:example:cred:imt-110', 'urn:example:cred:imt-210']);
  });
});

describe('CTDL Constraint AwardedWithin and MinResult (OB 3.0 awardedDate, result / resultDescription.resultType) with a frozen clock', () => {
  const certOnly = (duration: string) =>
    smallPathway(
      allOf('renewal', 'Renewal', [
        component(
          'cert',
          'Industrial Maintenance Technician certification',
          { achievementIds: [CIMT] },
          { constraints: [{ type: 'AwardedWithin', duration }] },
        ),
      ]),
    );

  it('AwardedWithin counts back from the evaluation time, boundary included', async () => {
    // Awarded 2024-03-01; P2Y from 2026-06-01 reaches back to 2024-06-01 only.
    const late = await evaluatePathway(certOnly('P2Y'), [c.cimt], { verifier, now });
    expect(byId(late).cert).toMatchObject({
      status: 'missing',
      stillNeeded: 'Industrial Maintenance Technician certification, awarded within the last 2 years',
    });
    const inTime = await evaluatePathway(certOnly('P2Y'), [c.cimt], {
      verifier,
      now: () => new Date('2026-03-01T00:00:00Z'),
    });
    expect(byId(inTime).cert?.status).toBe('satisfied');
    const dayAfter = await evaluatePathway(certOnly('P2Y'), [c.cimt], {
      verifier,
      now: () => new Date('2026-03-02T00:00:00Z'),
    });
    expect(byId(dayAfter).cert?.status).toBe('missing');
    // The older certification does not count even when it is the only one offered.
    const old = await evaluatePathway(certOnly('P5Y'), [c.cimtOld, c.cimt], { verifier, now });
    expect(byId(old).cert?.satisfiedBy).toEqual(['urn:example:cred:cimt-2024']);
    expect(old.unused).toEqual(['urn:example:cred:cimt-2019']);
  });

  it('MinResult compares result values, of the resultDescription resultType when given', async () => {
    const withResult = (value: number, resultType?: string) =>
      smallPathway(
        allOf('root', 'Writing', [
          component(
            'eng',
            'College Composition',
            { achievementIds: [ENG101] },
            { constraints: [resultType ? { type: 'MinResult', value, resultType } : { type: 'MinResult', value }] },
          ),
        ]),
      );
    const pass = await evaluatePathway(withResult(70, 'Percent'), [c.eng101Low, c.eng101], { verifier, now });
    expect(byId(pass).eng?.satisfiedBy).toEqual(['urn:example:cred:eng-101']);
    const exact = await evaluatePathway(withResult(85), [c.eng101], { verifier, now });
    expect(byId(exact).eng?.status).toBe('satisfied');
    const tooHigh = await evaluatePathway(withResult(86), [c.eng101], { verifier, now });
    expect(byId(tooHigh).eng?.stillNeeded).toBe('a result of at least 86 in College Composition');
    const otherType = await evaluatePathway(withResult(3, 'GradePointAverage'), [c.eng101], { verifier, now });
    expect(byId(otherType).eng).toMatchObject({
      status: 'missing',
      stillNeeded: 'a result of at least 3 (grade point average) in College Composition',
    });
  });
});

describe('determinism: same inputs → same report', () => {
  it('does not depend on input order', async () => {
    const all = [
      c.eng101,
      c.eng101Low,
      c.imt110,
      c.cimt,
      c.cimtOld,
      c.hyd,
      c.plc,
      c.weld,
      c.motors,
      c.jst,
      c.weldExpired,
    ];
    const forward = await evaluatePathway(degreePathway(), all, { verifier, now });
    const backward = await evaluatePathway(degreePathway(), [...all].reverse(), { verifier, now });
    const shuffled = await evaluatePathway(degreePathway(), [...all.slice(5), ...all.slice(0, 5)], { verifier, now });
    expect(backward).toEqual(forward);
    expect(shuffled).toEqual(forward);
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
    expect(forward.complete).toBe(true);
  });

  it('gives a deep-equal report when run twice', async () => {
    const inputs = [c.eng101, c.imt110, c.hyd, c.jst];
    const a = await evaluatePathway(degreePathway(), inputs, { verifier, now });
    const b = await evaluatePathway(degreePathway(), inputs, { verifier, now });
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

describe('VC 2.0 verifiable presentation input (holder proof, challenge, domain)', () => {
  it('counts the credentials of a presentation signed with the expected challenge and domain', async () => {
    const vp = await signedPresentation({
      key: holder,
      documentLoader,
      credentials: [c.eng101, c.imt110],
      challenge: CHALLENGE,
      domain: DOMAIN,
    });
    const report = await evaluatePathway(degreePathway(), vp, { verifier, now, challenge: CHALLENGE, domain: DOMAIN });
    expect(report.excluded).toEqual([]);
    expect(byId(report).core?.status).toBe('satisfied');
    expect(report.counted).toEqual(['urn:example:cred:imt-110', 'urn:example:cred:eng-101']);

    const wrong = await evaluatePathway(degreePathway(), vp, { verifier, now, challenge: 'another', domain: DOMAIN });
    expect(wrong.excluded.map(({ id, reason }) => ({ id, reason }))).toEqual([
      { id: 'urn:example:cred:eng-101', reason: 'The presentation was made for another challenge.' },
      { id: 'urn:example:cred:imt-110', reason: 'The presentation was made for another challenge.' },
    ]);
    expect(wrong.excluded[0]?.problems.map((p) => p.title)).toEqual(['INVALID_CHALLENGE_ERROR']);
    expect(wrong.counted).toEqual([]);
    expect(wrong.status).toBe('missing');
  });

  it('an unsigned presentation counts only when unsignedPresentation is asked for', async () => {
    const vp = presentation([c.eng101, c.hydRevoked]);
    const accepted = await evaluatePathway(degreePathway(), vp, { verifier, now, unsignedPresentation: true });
    expect(accepted.counted).toEqual(['urn:example:cred:eng-101']);
    expect(accepted.excluded.map((e) => e.reason)).toEqual(['This credential was revoked by its issuer.']);
    const refused = await evaluatePathway(degreePathway(), vp, { verifier, now });
    expect(refused.excluded.map((e) => e.reason)).toEqual([
      'The presentation is not signed by its holder.',
      'The presentation is not signed by its holder.',
    ]);
    expect(refused.verification['urn:example:cred:eng-101']?.verified).toBe(true);
  });
});

describe('bad options', () => {
  it('throws TypeError without a verifier, or for a broken pathway', async () => {
    await expect(evaluatePathway(degreePathway(), [], undefined as never)).rejects.toThrow(TypeError);
    await expect(evaluatePathway(degreePathway(), [], {} as never)).rejects.toThrow(TypeError);
    const broken = degreePathway();
    broken.advancedStanding![0]!.toward = 'hydraulics';
    await expect(evaluatePathway(broken, [], { verifier, now })).rejects.toThrow(/not a condition/);
  });
});
