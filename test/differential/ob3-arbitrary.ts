/**
 * fast-check arbitrary of Open Badges 3.0 credentials for the differential test of the fast
 * Data Integrity pipeline: VC 2.0 and VC 1.1 contexts (with or without the Data Integrity one), Unicode text (NFC and NFD forms, right-to-
 * left scripts, emoji, astral characters), optional fields, alignments, results, evidence, ids,
 * recipient identifiers (hashed or plain IdentityObjects), Bitstring Status List entries (VC 2.0)
 * and dates (Open Badges 3.0 §B.1.1 OpenBadgeCredential, §B.1.2 Achievement, §B.1.5 Alignment,
 * §B.1.17 Result, §B.1.8 Evidence).
 */
import fc from 'fast-check';

const VC2 = 'https://www.w3.org/ns/credentials/v2';
const VC1 = 'https://www.w3.org/2018/credentials/v1';
const OB3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const DI = 'https://w3id.org/security/data-integrity/v2';

/** Text a certification body writes, plus the hard cases: NFD, RTL, emoji, controls. */
const SAMPLES = [
  'Café — Level 1',
  'Cafe\u0301 — Level 1',
  'شهادة الصيانة الصناعية',
  'תעודת טכנאי',
  '🎓👩🏽‍🔧 Technician',
  'Größe ＡＢＣ ﬁ',
  '"quoted" \\ back\tslash\nnew line',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𐍈',
  'mixed עברית and English',
];
export const text = fc.oneof(
  fc.constantFrom(...SAMPLES),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
);
const slug = fc.stringMatching(/^[a-z0-9-]{1,16}$/);
const url = slug.map((s) => `https://skills-council.example/${s}`);
const urn = fc.uuid().map((u) => `urn:uuid:${u}`);
const instant = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2090-12-31T23:59:59Z'),
  noInvalidDate: true,
});
/** A date as written in credentials: with milliseconds, without, or with an offset. */
const written = (d: Date) =>
  fc.constantFrom(d.toISOString(), `${d.toISOString().slice(0, 19)}Z`, `${d.toISOString().slice(0, 19)}+00:00`);
const date = instant.chain(written);

const alignment = fc.record(
  {
    type: fc.constant(['Alignment']),
    targetName: text,
    targetUrl: url,
    targetCode: slug,
    targetType: fc.constantFrom('ceasn:Competency', 'CFItem', 'ext:Custom'),
  },
  { requiredKeys: ['type', 'targetName', 'targetUrl'] },
);
const result = fc.record(
  {
    type: fc.constant(['Result']),
    value: fc.oneof(text, fc.integer().map(String)),
    status: fc.constantFrom('Completed', 'Enrolled', 'InProgress'),
  },
  { requiredKeys: ['type'] },
);
const evidence = fc.record(
  { id: url, type: fc.constant(['Evidence']), name: text, narrative: text, genre: text },
  { requiredKeys: ['type'] },
);
const achievement = fc.record(
  {
    id: url,
    type: fc.constant(['Achievement']),
    achievementType: fc.constantFrom('Certification', 'Badge', 'Course', 'ext:Apprenticeship'),
    name: text,
    description: text,
    criteria: fc.record({ narrative: text }),
    creditsAvailable: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.double({ min: 0, max: 1000, noNaN: true })),
    fieldOfStudy: text,
    alignment: fc.array(alignment, { minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: ['id', 'type', 'name', 'description', 'criteria'] },
);
/** A recipient identifier (OB 3.0 §B.1.13 IdentityObject): hashed (sha256$…) or plain. */
const identityObject = fc.oneof(
  fc.record({
    type: fc.constant('IdentityObject'),
    identityHash: fc.stringMatching(/^[0-9a-f]{64}$/).map((h) => `sha256$${h}`),
    identityType: fc.constant('emailAddress'),
    hashed: fc.constant(true),
    salt: slug,
  }),
  fc.record({
    type: fc.constant('IdentityObject'),
    identityHash: slug.map((s) => `${s}@example.org`),
    identityType: fc.constant('emailAddress'),
    hashed: fc.constant(false),
  }),
);
/** A Bitstring Status List entry (VC 2.0 only: its terms are in the VC 2.0 context). */
const statusEntry = fc
  .record({
    purpose: fc.constantFrom('revocation', 'suspension'),
    list: fc.nat({ max: 9 }),
    index: fc.nat({ max: 131_071 }),
  })
  .map(({ purpose, list, index }) => ({
    id: `https://skills-council.example/status/${purpose}/${list}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential: `https://skills-council.example/status/${purpose}/${list}`,
  }));

const subject = fc.record(
  {
    id: fc.oneof(
      slug.map((s) => `did:example:${s}`),
      urn,
    ),
    type: fc.constant(['AchievementSubject']),
    achievement,
    result: fc.array(result, { minLength: 1, maxLength: 3 }),
    creditsEarned: fc.integer({ min: 0, max: 60 }),
    activityEndDate: date,
    identifier: fc.array(identityObject, { minLength: 1, maxLength: 2 }),
  },
  { requiredKeys: ['type', 'achievement'] },
);

/**
 * An Open Badges 3.0 credential issued by `issuerId`, under VC 2.0 or VC 1.1 contexts.
 *
 * @example
 * fc.sample(ob3Credential('did:key:z6Mk…'), 1)[0].type; // ['VerifiableCredential', 'OpenBadgeCredential']
 */
export function ob3Credential(issuerId: string): fc.Arbitrary<{ credential: Record<string, unknown>; now: Date }> {
  return instant.chain((from) => ob3At(issuerId, from));
}

/** A credential valid from `from`, and a signing time (`now`) when it is valid. */
function ob3At(issuerId: string, from: Date) {
  const now = new Date(Math.floor(from.getTime() / 1000) * 1000 + 3_600_000);
  const until = fc
    .integer({ min: 1, max: 3650 })
    .chain((days) => written(new Date(from.getTime() + days * 86_400_000)));
  return fc
    .record(
      {
        vc11: fc.boolean(),
        withDi: fc.boolean(),
        id: urn,
        name: text,
        description: text,
        issuerName: text,
        issuerUrl: url,
        validFrom: written(from),
        validUntil: fc.option(until, { nil: undefined }),
        credentialSubject: subject,
        evidence: fc.option(fc.array(evidence, { minLength: 1, maxLength: 3 }), { nil: undefined }),
        credentialStatus: fc.option(statusEntry, { nil: undefined }),
      },
      { requiredKeys: ['vc11', 'withDi', 'id', 'name', 'issuerName', 'validFrom', 'credentialSubject'] },
    )
    .map((r) => {
      const c: Record<string, unknown> = {
        '@context': r.vc11 ? [VC1, OB3, ...(r.withDi ? [DI] : [])] : [VC2, OB3],
        id: r.id,
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        name: r.name,
        issuer: { id: issuerId, type: ['Profile'], name: r.issuerName, ...(r.issuerUrl ? { url: r.issuerUrl } : {}) },
        [r.vc11 ? 'issuanceDate' : 'validFrom']: r.validFrom,
        credentialSubject: r.credentialSubject,
      };
      if (r.description !== undefined) c.description = r.description;
      if (r.validUntil !== undefined) c[r.vc11 ? 'expirationDate' : 'validUntil'] = r.validUntil;
      if (r.evidence !== undefined) c.evidence = r.evidence;
      if (r.credentialStatus !== undefined && !r.vc11) c.credentialStatus = r.credentialStatus;
      return { credential: c, now };
    });
}
