/**
 * fast-check arbitraries for the property and fuzz suites: Open Badges 3.0 issue requests built
 * on `test/fixtures/ob3-certification.json`, valid and malformed, and JSON text with tokens
 * `JSON.stringify` cannot write (escaped lone surrogates, −0, numbers in other spellings).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';

/** Fixed seed and run counts: deterministic in `npm test`; `PROPERTY_RUNS=2000` for a longer run. */
export const SEED = Number(process.env.PROPERTY_SEED ?? 20260301);
export const runs = (n: number): number => Number(process.env.PROPERTY_RUNS ?? n);

const FIXTURE = JSON.parse(
  readFileSync(new URL('../fixtures/ob3-certification.json', import.meta.url), 'utf8'),
) as Record<string, any>;

/** A fresh copy of the OB 3.0 certification fixture. */
export function fixture(): Record<string, any> {
  return structuredClone(FIXTURE);
}

/** JSON text written as is where a value is expected (what `JSON.stringify` cannot produce). */
export class Raw {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** `JSON.stringify`, with every {@link Raw} value written as its text. */
export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v) => {
    if (v instanceof Raw) {
      raws.push(v.text);
      return `@@RAW${raws.length - 1}@@`;
    }
    return v;
  });
  return text.replace(/"@@RAW(\d+)@@"/g, (_m, i) => raws[Number(i)]!);
}

/** Unicode names a credential must carry byte for byte (I8). */
export const UNICODE_NAMES = [
  'Zoë Ångström-Núñez',
  'Zoë Ångström-Núñez'.normalize('NFD'),
  '\u200Fشهادة فني صيانة\u200F',
  'עברית \u202Bembedded\u202C',
  'Technician 👩\u200D🔧 🏅',
  'zero\u200Bwidth\u200C\u200D\uFEFF',
  '工業保全技術者認定 レベル1',
  'e\u0301\u0302\u0303 combining',
  'NUL\u0000inside',
  'tabs\tand\nnewlines\r\n',
  '\uFFFD replacement character',
  'x'.repeat(2000),
  // A valid pair, escaped in the JSON text.
  new Raw('"\\ud83d\\ude80 escaped rocket"'),
] as const;

/** JSON text I-JSON forbids: escaped lone surrogates and noncharacters (RFC 7493 §2.1). */
export const HOSTILE_STRINGS = [
  new Raw('"Tech \\ud800 nician"'),
  new Raw('"\\udfff"'),
  new Raw('"a\\ud83d"'),
  new Raw('"\\uffff"'),
  new Raw('"\\ufdd0"'),
] as const;

/** Strings a credential may carry: arbitrary graphemes and the I8 names. */
export const text: fc.Arbitrary<string | Raw> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }) },
  { weight: 2, arbitrary: fc.constantFrom<string | Raw>(...UNICODE_NAMES) },
);

/** `dateTimeStamp`s around the frozen clock (2026-03-01T12:00:00Z), offsets and fractions included. */
export const dateFrom = fc.constantFrom(
  '2020-01-01T00:00:00Z',
  '2024-02-29T12:00:00Z',
  '2026-03-01T12:00:00Z',
  '2025-12-31T23:59:59.999Z',
  '2026-03-02T01:00:00+14:00',
  '2026-02-28T12:00:00-12:00',
  '2025-06-01T00:00:00.123456789+05:30',
  '2026-06-01T00:00:00Z',
);
export const dateUntil = fc.constantFrom(
  '2029-06-30T23:59:59Z',
  '2026-03-01T12:00:00Z',
  '2099-12-31T23:59:59+01:00',
  '2028-02-29T00:00:00Z',
  '2026-01-01T00:00:00Z',
);

/** Dates and non-dates the issuer must refuse: impossible days, bad offsets, no zone, other types. */
export const HOSTILE_DATES: readonly unknown[] = [
  '2026-02-30T00:00:00Z',
  '2025-02-29T00:00:00Z',
  '2026-04-31T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-01-01T24:00:01Z',
  '2026-01-01T00:00:00+24:00',
  '2026-01-01T00:00:00z',
  '2026-01-01T00:00:00',
  '2026-01-01',
  '',
  1767225600,
  null,
  ['2026-01-01T00:00:00Z'],
];

/** Numbers canonicalisation carries, some written in other spellings of the same double. */
export const number: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 400 }) },
  { weight: 2, arbitrary: fc.double({ min: 0.001, max: 1000, noNaN: true }).map((d) => Math.round(d * 1000) / 1000) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(0, 0.5, 12.5, 1.5e-7, Number.MAX_SAFE_INTEGER, new Raw('6.0'), new Raw('1E1')),
  },
);

/** Numbers that are not I-JSON, or that canonicalisation would change. */
export const HOSTILE_NUMBERS: readonly unknown[] = [
  0.1 + 0.2,
  0.10000000000000002,
  1e-7,
  2 ** 53,
  1e21,
  new Raw('-0'),
  new Raw('1e400'),
  new Raw('-1e400'),
  new Raw('1e-400'),
  new Raw('9007199254740993'),
  new Raw('0.10000000000000001'),
];

const url = fc.constantFrom(
  'https://skills-council.example/frameworks/cimt#C1',
  'https://skills-council.example/evidence/4f1c',
  'urn:uuid:0b2b6f0e-8d7a-4c1e-9b0f-3f6f5c1d2e3a',
  'did:example:evidence-1',
);

const alignment = fc.record(
  {
    type: fc.constant(['Alignment']),
    targetName: text,
    targetUrl: url,
    targetType: fc.constantFrom('ceasn:Competency', 'CFItem', 'CTDL', 'ext:Custom'),
    targetCode: text,
    targetDescription: text,
  },
  { requiredKeys: ['type', 'targetName', 'targetUrl'] },
);

const resultDescription = fc.record(
  {
    id: url,
    type: fc.constant(['ResultDescription']),
    name: text,
    resultType: fc.constantFrom('LetterGrade', 'Percent', 'Status', 'ScaledScore', 'ext:Custom'),
    valueMax: fc.constant('100'),
    valueMin: fc.constant('0'),
  },
  { requiredKeys: ['id', 'type', 'name', 'resultType'] },
);

const result = fc.record(
  {
    type: fc.constant(['Result']),
    value: fc.oneof(text, fc.constant('87')),
    resultDescription: url,
    status: fc.constantFrom('Completed', 'Enrolled', 'Failed', 'InProgress', 'OnHold', 'Provisional', 'Withdrew'),
  },
  { requiredKeys: ['type'] },
);

const evidence = fc.record(
  {
    id: url,
    type: fc.constantFrom(['Evidence'], 'Evidence'),
    narrative: text,
    name: text,
    description: text,
    genre: text,
    audience: text,
  },
  { requiredKeys: ['type'] },
);

/** An arbitrary JSON value under a term the request defines as `@json` (nesting, odd strings). */
const jsonPayload = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    number,
    fc.boolean(),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;

const JSON_TERM = { extraData: { '@id': 'https://skills-council.example/vocab#extraData', '@type': '@json' } };

/** Where a hostile string or number is written. */
const PLACES = [
  'name',
  'achievementName',
  'description',
  'narrative',
  'tag',
  'alignment',
  'credits',
  'extraData',
] as const;

/** One thing wrong with a request, which the issuer must refuse with a specific 4xx problem. */
export type Hostility =
  | { kind: 'malformation'; name: (typeof MALFORMATIONS)[number] }
  | { kind: 'string' | 'number'; place: (typeof PLACES)[number]; value: unknown }
  | { kind: 'date'; field: 'validFrom' | 'validUntil'; value: unknown };

/** Ways to break a request's shape. */
export const MALFORMATIONS = [
  'subject-string',
  'type-string',
  'issuer-number',
  'no-context',
  'v2-not-first',
  'no-subject',
  'proof-present',
  'unknown-top-level-term',
  'unknown-option',
  'other-issuer',
  'inline-vocab',
  'redefine-ob-term',
  'alias-vc-term',
  'duplicate-key',
  'deep-nesting',
  'proto-key',
  'id-not-url',
  'achievement-without-criteria',
  'evidence-id-not-url',
  'unknown-result-status',
  'undefined-evidence-type',
  'null-member',
  'empty-list',
  'repeated-tag',
  'nest-member',
  'blank-node-id',
  'full-iri-member',
] as const;

const hostility: fc.Arbitrary<Hostility> = fc.oneof(
  fc.record({ kind: fc.constant('malformation' as const), name: fc.constantFrom(...MALFORMATIONS) }),
  fc.record({
    kind: fc.constant('string' as const),
    place: fc.constantFrom(...PLACES),
    value: fc.constantFrom<unknown>(...HOSTILE_STRINGS),
  }),
  fc.record({
    kind: fc.constant('number' as const),
    place: fc.constantFrom(...PLACES),
    value: fc.constantFrom(...HOSTILE_NUMBERS),
  }),
  fc.record({
    kind: fc.constant('date' as const),
    field: fc.constantFrom('validFrom' as const, 'validUntil' as const),
    value: fc.constantFrom(...HOSTILE_DATES),
  }),
);

/** Everything one request varies, applied to a fresh fixture by {@link buildIssueRequest}. */
export interface IssueVariation {
  names: Array<string | Raw>;
  from: string | undefined;
  until: string | undefined;
  credits: unknown;
  creditsEarned: unknown;
  alignment: unknown[] | undefined;
  result: unknown[] | undefined;
  resultDescription: unknown[] | undefined;
  evidence: unknown[] | undefined;
  tag: Array<string | Raw> | undefined;
  json: unknown;
  options: Record<string, unknown> | undefined;
  /** Present in about a third of the requests. */
  hostile: Hostility | undefined;
}

const sometimes = <T>(arb: fc.Arbitrary<T>, weight = 1): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight, arbitrary: arb });

export const issueVariation: fc.Arbitrary<IssueVariation> = fc.record({
  names: fc.array(text, { minLength: 4, maxLength: 4 }),
  from: sometimes(dateFrom, 2),
  until: sometimes(dateUntil, 2),
  credits: sometimes(number, 2),
  creditsEarned: sometimes(number),
  alignment: sometimes(fc.array(alignment, { minLength: 1, maxLength: 2 })),
  result: sometimes(fc.array(result, { minLength: 1, maxLength: 2 })),
  resultDescription: sometimes(fc.array(resultDescription, { minLength: 1, maxLength: 2 })),
  evidence: sometimes(fc.array(evidence, { minLength: 1, maxLength: 2 })),
  tag: sometimes(fc.array(text, { minLength: 1, maxLength: 3 })),
  json: sometimes(jsonPayload),
  options: sometimes(
    fc.constantFrom<Record<string, unknown>>(
      { cryptosuite: 'eddsa-jcs-2022' },
      { format: 'jwt' },
      { format: 'di+jwt' },
      { credentialStatus: [] },
    ),
  ),
  hostile: sometimes(hostility),
});

/** Writes `value` at one of the {@link PLACES} of a fixture credential. */
function place(c: Record<string, any>, where: (typeof PLACES)[number], value: unknown): void {
  const a = c.credentialSubject.achievement;
  if (where === 'name') c.name = value;
  else if (where === 'achievementName') a.name = value;
  else if (where === 'description') a.description = value;
  else if (where === 'narrative') a.criteria.narrative = value;
  else if (where === 'tag') a.tag = ['maintenance', value];
  else if (where === 'alignment')
    a.alignment = [{ type: ['Alignment'], targetName: value, targetUrl: 'https://skills-council.example/c#1' }];
  else if (where === 'credits') a.creditsAvailable = value;
  else {
    c['@context'] = [...c['@context'], JSON_TERM];
    c.credentialSubject.extraData = { nested: [{ value }] };
  }
}

/** The JSON text of the issue request a variation describes. */
export function buildIssueRequest(v: IssueVariation): string {
  const c = fixture();
  const a = c.credentialSubject.achievement;
  [c.name, a.name, a.description, a.criteria.narrative] = v.names;
  if (v.from !== undefined) c.validFrom = v.from;
  if (v.until === undefined) delete c.validUntil;
  else c.validUntil = v.until;
  if (v.credits === undefined) delete a.creditsAvailable;
  else a.creditsAvailable = v.credits;
  if (v.creditsEarned !== undefined) c.credentialSubject.creditsEarned = v.creditsEarned;
  if (v.alignment) a.alignment = v.alignment;
  if (v.result) c.credentialSubject.result = v.result;
  if (v.resultDescription) a.resultDescription = v.resultDescription;
  if (v.evidence) c.evidence = v.evidence;
  if (v.tag) a.tag = v.tag;
  if (v.json !== undefined) {
    c['@context'] = [...c['@context'], JSON_TERM];
    c.credentialSubject.extraData = v.json;
  }
  const body: Record<string, unknown> = { credential: c };
  if (v.options) body.options = v.options;
  const h = v.hostile;
  if (h?.kind === 'string' || h?.kind === 'number') place(c, h.place, h.value);
  if (h?.kind === 'date') c[h.field] = h.value;
  if (h?.kind !== 'malformation') return toJsonText(body);
  switch (h.name) {
    case 'subject-string':
      c.credentialSubject = 'did:example:worker-4f1c';
      break;
    case 'type-string':
      c.type = 'VerifiableCredential';
      break;
    case 'issuer-number':
      c.issuer = 42;
      break;
    case 'no-context':
      delete c['@context'];
      break;
    case 'v2-not-first':
      c['@context'] = [...c['@context']].reverse();
      break;
    case 'no-subject':
      delete c.credentialSubject;
      break;
    case 'proof-present':
      c.proof = { type: 'DataIntegrityProof' };
      break;
    case 'unknown-top-level-term':
      c.favouriteColour = 'green';
      break;
    case 'unknown-option':
      body.options = { ...(body.options as object), colour: 'green' };
      break;
    case 'other-issuer':
      c.issuer = { ...c.issuer, id: 'did:example:someone-else' };
      break;
    case 'inline-vocab':
      c['@context'] = [...c['@context'], { '@vocab': 'https://example.org/#' }];
      break;
    case 'redefine-ob-term':
      c['@context'] = [...c['@context'], { Achievement: 'https://example.org/#Achievement' }];
      break;
    case 'alias-vc-term':
      c['@context'] = [...c['@context'], { grantedBy: 'https://www.w3.org/2018/credentials#issuer' }];
      c.grantedBy = 'did:example:forger';
      break;
    case 'duplicate-key':
      return toJsonText(body).replace('"name":', '"name":"Forged","name":');
    case 'deep-nesting':
      c['@context'] = [...c['@context'], JSON_TERM];
      c.credentialSubject.extraData = Array.from({ length: 40 }).reduce<unknown>((inner) => ({ x: inner }), 1);
      break;
    case 'proto-key':
      return toJsonText(body).replace('"criteria":', '"__proto__":{"polluted":true},"criteria":');
    case 'id-not-url':
      c.id = 'not a url';
      break;
    case 'achievement-without-criteria':
      delete a.criteria;
      break;
    case 'evidence-id-not-url':
      c.evidence = [{ id: 'not a url', type: ['Evidence'] }];
      break;
    case 'unknown-result-status':
      c.credentialSubject.result = [{ type: ['Result'], status: 'Done' }];
      break;
    case 'undefined-evidence-type':
      c.evidence = [{ type: ['Evidence', 'Extra'] }];
      break;
    case 'null-member':
      a.description = null;
      break;
    case 'empty-list':
      a.alignment = [];
      break;
    case 'repeated-tag':
      a.tag = ['maintenance', 'safety', 'maintenance'];
      break;
    case 'nest-member':
      c['@nest'] = { validUntil: '2026-01-01T00:00:00Z' };
      break;
    case 'blank-node-id':
      c.issuer.image = { id: '_:logo', type: 'Image' };
      break;
    case 'full-iri-member':
      c['https://www.w3.org/2018/credentials#validUntil'] = '2026-01-01T00:00:00Z';
      break;
  }
  return toJsonText(body);
}
