import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IssuerApp, startIssuerApp, storedState, TOKENS } from '../../../test/helpers/issuer-app.ts';
import { readAnswer } from '../../../test/helpers/issuer-process.ts';
import { call, expectNothingStored, expectProblem, ob3, plainV2 } from './support.ts';

const ISSUER = 'did:key:z6MkqMMAQQvN5n58NqVd7NEGr1PM3okrrPv8N17TqYWjT2fL';
const V1 = 'https://www.w3.org/2018/credentials/v1';
const V2 = 'https://www.w3.org/ns/credentials/v2';
const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

let issuer: IssuerApp;
beforeAll(async () => {
  issuer = await startIssuerApp();
});
afterAll(async () => {
  await issuer?.close();
});

const issue = (body: unknown, token: string = TOKENS.full) =>
  call(issuer.url, 'POST', '/credentials/issue', body, token);

/** POSTs raw bytes with the given content type (or none). */
async function post(body: string | Uint8Array, contentType?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${TOKENS.full}` };
  if (contentType !== undefined) headers['content-type'] = contentType;
  const res = await fetch(`${issuer.url}/credentials/issue`, { method: 'POST', headers, body });
  return readAnswer(res);
}

/** Afterwards the service still answers: one ordinary issuance succeeds. */
async function expectNextRequestServed(): Promise<void> {
  const res = await issue({ credential: ob3() });
  expect(res.status, res.text).toBe(201);
}

describe('Issuance request limits (SECURITY-CHECKLIST I1, I2)', () => {
  it('I1 answers 413 to a body over 512 KB sent with Content-Length, stores nothing, serves the next request', async () => {
    const body = JSON.stringify({ credential: { ...ob3(), description: 'x'.repeat(600 * 1024) } });
    const res = await expectNothingStored(issuer.deps, () => issue(body));
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    await expectNextRequestServed();
  });

  it('I1 answers 413 to a streamed (chunked, no Content-Length) body over 512 KB', async () => {
    const bytes = new TextEncoder().encode(
      JSON.stringify({ credential: { ...ob3(), description: 'y'.repeat(700 * 1024) } }),
    );
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 16 * 1024) controller.enqueue(bytes.slice(i, i + 16 * 1024));
        controller.close();
      },
    });
    const before = await storedState(issuer.deps);
    const res = await fetch(`${issuer.url}/credentials/issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.full}` },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).title).toBe('PAYLOAD_TOO_LARGE');
    expect(await storedState(issuer.deps)).toEqual(before);
    await expectNextRequestServed();
  });

  it('I1 does not read a large body before authentication (401 first)', async () => {
    const res = await call(issuer.url, 'POST', '/credentials/issue', JSON.stringify({ pad: 'z'.repeat(600 * 1024) }));
    expect(res.status).toBe(401);
  });

  it.each([
    ['objects', `{"credential": ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`],
    ['arrays', `{"credential": {"credentialSubject": ${'['.repeat(10_000)}${']'.repeat(10_000)}}}`],
    ['one level over the limit', `{"credential": ${'{"a":'.repeat(32)}1${'}'.repeat(32)}}`],
  ])(
    'I2 answers 400 to JSON nested 10,000 deep (%s), without crashing, and serves the next request',
    async (_name, body) => {
      const res = await expectNothingStored(issuer.deps, () => issue(body));
      expectProblem(res, 400, 'PARSING_ERROR');
      await expectNextRequestServed();
    },
  );

  it('I2 nesting inside strings does not count', async () => {
    const credential = { ...ob3(), description: '{'.repeat(100) + '['.repeat(100) };
    const res = await issue({ credential });
    expect(res.status, res.text).toBe(201);
  });
});

describe('Issuance request shape (SECURITY-CHECKLIST I3, I4, I5, I11)', () => {
  it.each<[string, (c: Record<string, any>) => void, string]>([
    [
      'credentialSubject as a string',
      (c) => (c.credentialSubject = 'did:example:worker-4f1c'),
      '/credential/credentialSubject',
    ],
    [
      'credentialSubject list with a string',
      (c) => (c.credentialSubject = ['did:example:worker-4f1c']),
      '/credential/credentialSubject/0',
    ],
    ['type not a list', (c) => (c.type = 'VerifiableCredential'), '/credential/type'],
    ['type with a number', (c) => (c.type = ['VerifiableCredential', 3]), '/credential/type'],
    ['numeric issuer', (c) => (c.issuer = 42), '/credential/issuer'],
    ['issuer object with a numeric id', (c) => (c.issuer = { id: 42 }), '/credential/issuer'],
    ['validFrom not a date', (c) => (c.validFrom = 'next tuesday'), '/credential/validFrom'],
    ['validFrom as a number', (c) => (c.validFrom = 1767225600), '/credential/validFrom'],
    ['validFrom without a time zone', (c) => (c.validFrom = '2026-01-01T00:00:00'), '/credential/validFrom'],
    ['validFrom on a day that does not exist', (c) => (c.validFrom = '2026-02-30T00:00:00Z'), '/credential/validFrom'],
    ['validUntil in month 13', (c) => (c.validUntil = '2029-13-01T00:00:00Z'), '/credential/validUntil'],
    ['id that is not a URL', (c) => (c.id = 'not a url'), '/credential/id'],
  ])('I3 %s → 400 MALFORMED_VALUE_ERROR naming the field', async (_name, edit, pointer) => {
    const credential = ob3();
    edit(credential);
    const res = await expectNothingStored(issuer.deps, () => issue({ credential }));
    expectProblem(res, 400, 'MALFORMED_VALUE_ERROR', pointer);
  });

  it('I3 the same field checks apply to a credential no schema covers', async () => {
    const credential = { ...plainV2(ISSUER), validFrom: '2026-02-30T00:00:00Z' };
    const res = await expectNothingStored(issuer.deps, () => issue({ credential }));
    expectProblem(res, 400, 'MALFORMED_VALUE_ERROR', '/credential/validFrom');
  });

  it.each<[string, (c: Record<string, any>) => void, string]>([
    ['missing @context', (c) => delete c['@context'], '/credential/@context'],
    ['empty @context', (c) => (c['@context'] = []), '/credential/@context'],
    ['@context as a single string', (c) => (c['@context'] = V2), '/credential/@context'],
    ['v2 context not first', (c) => (c['@context'] = [OB_CONTEXT, V2]), '/credential/@context/0'],
    ['missing type', (c) => delete c.type, '/credential/type'],
    ['type without VerifiableCredential', (c) => (c.type = ['OpenBadgeCredential']), '/credential/type'],
    ['missing credentialSubject', (c) => delete c.credentialSubject, '/credential/credentialSubject'],
    ['empty credentialSubject list', (c) => (c.credentialSubject = []), '/credential/credentialSubject'],
    ['missing issuer', (c) => delete c.issuer, '/credential/issuer'],
  ])('I4 %s → 400', async (_name, edit, pointer) => {
    const credential = ob3();
    edit(credential);
    const res = await expectNothingStored(issuer.deps, () => issue({ credential }));
    expectProblem(res, 400, 'MALFORMED_VALUE_ERROR', pointer);
  });

  it('I4 a request without a credential → 400', async () => {
    const res = await expectNothingStored(issuer.deps, () => issue({ options: {} }));
    expectProblem(res, 400, 'MALFORMED_VALUE_ERROR', '/credential');
  });

  it('I5 an unknown option → 400 UNKNOWN_OPTION_PROVIDED naming it', async () => {
    const res = await expectNothingStored(issuer.deps, () =>
      issue({ credential: ob3(), options: { challenge: 'abc' } }),
    );
    expectProblem(res, 400, 'UNKNOWN_OPTION_PROVIDED', '/options/challenge');
  });

  it('I5 mandatoryPointers without cryptosuite ecdsa-sd-2023 → 400 naming the option', async () => {
    const res = await expectNothingStored(issuer.deps, () =>
      issue({ credential: ob3(), options: { mandatoryPointers: ['/issuer'] } }),
    );
    expectProblem(res, 400, 'MALFORMED_VALUE_ERROR', '/options/mandatoryPointers');
  });

  it('I5 an unknown field inside a status option → 400 UNKNOWN_OPTION_PROVIDED', async () => {
    const options = {
      credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '7' }],
    };
    const res = await expectNothingStored(issuer.deps, () => issue({ credential: ob3(), options }));
    expectProblem(res, 400, 'UNKNOWN_OPTION_PROVIDED', '/options/credentialStatus/0/statusListIndex');
  });

  it('I5 an unknown top-level request field → 400 naming it', async () => {
    const res = await expectNothingStored(issuer.deps, () => issue({ credential: ob3(), verifiableCredential: {} }));
    expectProblem(res, 400, 'MALFORMED_VALUE_ERROR', '/verifiableCredential');
  });

  it('I11 a credential that already carries a proof → 400', async () => {
    const credential = {
      ...ob3(),
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofValue: 'z111' },
    };
    const res = await expectNothingStored(issuer.deps, () => issue({ credential }));
    expectProblem(res, 400, 'MALFORMED_VALUE_ERROR', '/credential/proof');
  });

  it('a caller-written BitstringStatusListEntry → 400 (the issuer allocates those; ask with options)', async () => {
    const credential = {
      ...ob3(),
      credentialStatus: { id: 'https://elsewhere.example/status/1#5', type: 'BitstringStatusListEntry' },
    };
    const res = await expectNothingStored(issuer.deps, () => issue({ credential }));
    expectProblem(res, 400, 'MALFORMED_VALUE_ERROR', '/credential/credentialStatus/type');
    expect(res.json.detail).toContain('options.credentialStatus');
  });
});

describe('VC Data Model 2.0 §4.5 typed objects, §4.10 status, §4.11 schemas, §5.3 related resources', () => {
  const plain = (extra: Record<string, unknown>) => ({
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      { ExampleStatus: 'https://example.org/examples#ExampleStatus' },
    ],
    type: ['VerifiableCredential'],
    issuer: issuer.deps.key.controller,
    credentialSubject: { id: 'did:example:subject' },
    ...extra,
  });
  it('§4.10 a caller-supplied status entry of another type is kept, before the issuer-managed entries', async () => {
    const res = await issue({
      credential: plain({ credentialStatus: { id: 'did:example:status', type: 'ExampleStatus' } }),
    });
    expect(res.status, res.text).toBe(201);
    const status = res.json.verifiableCredential.credentialStatus;
    expect(status[0]).toEqual({ id: 'did:example:status', type: 'ExampleStatus' });
    expect(status.slice(1).map((e: any) => e.type)).toEqual(['BitstringStatusListEntry', 'BitstringStatusListEntry']);
  });
  it.each([
    [
      'credentialStatus without type',
      { credentialStatus: { id: 'did:example:status' } },
      '/credential/credentialStatus/type',
    ],
    [
      'credentialStatus with two ids',
      { credentialStatus: { id: ['did:example:a', 'did:example:b'], type: 'ExampleStatus' } },
      '/credential/credentialStatus/id',
    ],
    [
      'credentialStatus with a non-URL id',
      { credentialStatus: { id: 'not a url', type: 'ExampleStatus' } },
      '/credential/credentialStatus/id',
    ],
    [
      'refreshService without type',
      { refreshService: { id: 'did:example:refresh/1' } },
      '/credential/refreshService/type',
    ],
    [
      'credentialSchema without type',
      { credentialSchema: { id: 'did:example:schemas/1' } },
      '/credential/credentialSchema/type',
    ],
    ['credentialSchema without id', { credentialSchema: { type: 'JsonSchema' } }, '/credential/credentialSchema/id'],
    [
      'relatedResource as a list of strings',
      { relatedResource: ['https://www.w3.org/ns/credentials/v2'] },
      '/credential/relatedResource/0',
    ],
    [
      'relatedResource without id',
      { relatedResource: [{ digestMultibase: 'uJKGMkOmFbVJhEfKTduMC2XCyvRAYLjOVmZWwIH1wQ7k' }] },
      '/credential/relatedResource/0/id',
    ],
    [
      'relatedResource without a digest',
      { relatedResource: [{ id: 'https://www.w3.org/ns/credentials/v2' }] },
      '/credential/relatedResource/0',
    ],
    [
      'relatedResource with a malformed SRI',
      { relatedResource: [{ id: 'https://example.org/a', digestSRI: 'sha384-_rCVIV7f' }] },
      '/credential/relatedResource/0/digestSRI',
    ],
    [
      'relatedResource with a duplicate id',
      {
        relatedResource: [
          { id: 'https://example.org/a', digestMultibase: 'uJKGMkOmFbVJhEfKTduMC2XCyvRAYLjOVmZWwIH1wQ7k' },
          { id: 'https://example.org/a', digestMultibase: 'uJKGMkOmFbVJhEfKTduMC2XCyvRAYLjOVmZWwIH1wQ7k' },
        ],
      },
      '/credential/relatedResource/1/id',
    ],
  ])('%s → 400 naming the field, nothing stored', async (_name, extra, pointer) => {
    const res = await expectNothingStored(issuer.deps, () => issue({ credential: plain(extra) }));
    expectProblem(res, 400, 'MALFORMED_VALUE_ERROR', pointer);
  });
  // The VC 2.0 base context's SHA-256 is published in VC 2.0 §B.1; the W3C suite's fixture uses it.
  it('§5.3 a relatedResource digest that does not match the resource → 422; the published one → 201', async () => {
    const wrong = await expectNothingStored(issuer.deps, () =>
      issue({
        credential: plain({
          relatedResource: [
            {
              id: 'https://www.w3.org/ns/credentials/v2',
              digestMultibase: 'uM4RgWQc3RUDtjJCSgTJtTfvpZ7SPEg_LNO0ESlovQC0',
            },
          ],
        }),
      }),
    );
    expectProblem(wrong, 422, 'MALFORMED_VALUE_ERROR', '/credential/relatedResource/0');
    const right = await issue({
      credential: plain({
        relatedResource: {
          id: 'https://www.w3.org/ns/credentials/v2',
          digestMultibase: 'uJKGMkOmFbVJhEfKTduMC2XCyvRAYLjOVmZWwIH1wQ7k',
        },
      }),
    });
    expect(right.status, right.text).toBe(201);
  });
  it('§5.3 a relatedResource naming a credential this issuer issued is checked against it', async () => {
    const first = (await issue({ credential: plain({}) })).json.verifiableCredential;
    const { createHash } = await import('node:crypto');
    const good = `sha384-${createHash('sha384').update(JSON.stringify(first)).digest('base64')}`;
    const ok = await issue({ credential: plain({ relatedResource: [{ id: first.id, digestSRI: good }] }) });
    expect(ok.status, ok.text).toBe(201);
    const bad = `sha384-${createHash('sha384')
      .update(`${JSON.stringify(first)} `)
      .digest('base64')}`;
    const no = await issue({ credential: plain({ relatedResource: [{ id: first.id, digestSRI: bad }] }) });
    expectProblem(no, 422, 'MALFORMED_VALUE_ERROR', '/credential/relatedResource/0');
  });
});

describe('Issuance request bodies (SECURITY-CHECKLIST I6, I7)', () => {
  it.each([
    ['invalid JSON', '{"credential": {'],
    ['a trailing comma', '{"credential": {},}'],
    ['an empty body', ''],
    ['whitespace only', '  \n '],
  ])('I6 %s → 400 PARSING_ERROR', async (_name, body) => {
    const res = await expectNothingStored(issuer.deps, () => post(body, 'application/json'));
    expectProblem(res, 400, 'PARSING_ERROR');
  });

  it('I6 a JSON body that is not an object → 400', async () => {
    const res = await expectNothingStored(issuer.deps, () => post('[1, 2]', 'application/json'));
    expectProblem(res, 400, 'MALFORMED_VALUE_ERROR');
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['form data', 'application/x-www-form-urlencoded'],
    ['no content type', undefined],
  ])('I6 %s → 415', async (_name, type) => {
    const body = new TextEncoder().encode(JSON.stringify({ credential: ob3() }));
    const res = await expectNothingStored(issuer.deps, () => post(body, type));
    expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('I6 application/json with a charset parameter is JSON', async () => {
    const res = await post(JSON.stringify({ credential: ob3() }), 'application/json; charset=utf-8');
    expect(res.status, res.text).toBe(201);
  });

  const polluting = (key: string, where: 'subject' | 'options' | 'deep') => {
    const c = ob3();
    if (where === 'subject') c.credentialSubject.POLLUTE = { polluted: 'yes' };
    if (where === 'deep')
      c.credentialSubject.achievement.criteria.extra = [{ inner: { POLLUTE: { polluted: 'yes' } } }];
    const body =
      where === 'options'
        ? { credential: c, options: { POLLUTE: { prototype: { polluted: 'yes' } } } }
        : { credential: c };
    return JSON.stringify(body).replace('"POLLUTE"', JSON.stringify(key));
  };

  it.each([
    ['__proto__', 'subject'],
    ['__proto__', 'deep'],
    ['constructor', 'options'],
    ['constructor', 'deep'],
    ['prototype', 'subject'],
    ['prototype', 'deep'],
  ] as const)('I7 a "%s" key (%s) → 400 and Object.prototype is untouched', async (key, where) => {
    const body = polluting(key, where);
    expect(body).toContain(`"${key}"`);
    const res = await expectNothingStored(issuer.deps, () => issue(body));
    expectProblem(res, 400, 'MALFORMED_VALUE_ERROR');
    expect(res.json.detail).toContain(key);
    expect(({} as any).polluted).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });
});

describe('Unicode in credentials (SECURITY-CHECKLIST I8)', () => {
  const nfc = 'Zoë Ångström-Núñez';
  const nfd = nfc.normalize('NFD');
  const rtl = '\u200Fشهادة فني صيانة\u200F (RTL)';
  const zwj = 'Technician 👩\u200D🔧 🏅 zero\u200Bwidth';
  const cjk = '工業保全技術者認定 レベル1 · 산업 정비 기술자';

  it('I8 NFC and NFD forms stay distinct', () => {
    expect(nfd).not.toBe(nfc);
    expect(nfd.normalize('NFC')).toBe(nfc);
  });

  it('I8 signs Unicode names and descriptions, returns and stores them byte-for-byte, and they verify', async () => {
    const credential = ob3();
    credential.name = `${nfd} — ${cjk}`;
    credential.description = `${rtl} ${zwj}`;
    credential.credentialSubject.achievement.name = `${nfc} ${cjk}`;
    credential.credentialSubject.achievement.description = `${nfd} ${rtl} ${zwj}`;
    const res = await fetch(`${issuer.url}/credentials/issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.full}` },
      body: JSON.stringify({ credential }),
    });
    expect(res.status).toBe(201);
    const bytes = Buffer.from(await res.arrayBuffer());
    for (const s of [
      credential.name,
      credential.description,
      credential.credentialSubject.achievement.name,
      credential.credentialSubject.achievement.description,
    ]) {
      expect(bytes.includes(Buffer.from(JSON.stringify(s), 'utf8')), s).toBe(true);
    }
    const vc = JSON.parse(bytes.toString('utf8')).verifiableCredential;
    expect(vc.name).toBe(credential.name);
    expect(vc.description).toBe(credential.description);
    expect(vc.credentialSubject.achievement.name).toBe(credential.credentialSubject.achievement.name);
    expect(vc.credentialSubject.achievement.description).toBe(credential.credentialSubject.achievement.description);
    expect((await issuer.deps.store.getRecord(vc.id))?.credential).toEqual(vc);

    const verified = await call(issuer.url, 'POST', '/credentials/verify', { verifiableCredential: vc });
    expect(verified.status, verified.text).toBe(200);
    expect(verified.json.verified).toBe(true);

    // The signature covers the exact code points: the NFC form of the same name does not verify.
    const normalized = { ...vc, name: vc.name.normalize('NFC') };
    expect(normalized.name).not.toBe(vc.name);
    const tampered = await call(issuer.url, 'POST', '/credentials/verify', { verifiableCredential: normalized });
    expect(tampered.status).toBe(422);
    expect(tampered.json.problems.map((p: any) => p.title)).toContain('CRYPTOGRAPHIC_SECURITY_ERROR');
  });
});

describe('Duplicate credential ids (SECURITY-CHECKLIST I13)', () => {
  it('I13 a re-used credential id → 409; one record, one set of indexes', async () => {
    const id = 'urn:uuid:6d0b4c0e-7f1a-4c55-9a4e-13d1c3a0b7e2';
    const first = await issue({ credential: { ...ob3(), id } });
    expect(first.status, first.text).toBe(201);
    const stored = await issuer.deps.store.getRecord(id);
    const again = await expectNothingStored(issuer.deps, () =>
      issue({ credential: { ...ob3(), id, name: 'Another name' } }),
    );
    expectProblem(again, 409, 'CONFLICT', '/credential/id');
    expect(await issuer.deps.store.getRecord(id)).toEqual(stored);
    expect(stored?.credential).toEqual(first.json.verifiableCredential);
  });

  it('I13 concurrent requests with one id: exactly one 201, the rest 409, one set of indexes', async () => {
    const id = 'urn:uuid:0f5e7d7c-2b54-4a8f-8c71-9e3b2f6d1a40';
    const before = await storedState(issuer.deps);
    const answers = await Promise.all(Array.from({ length: 6 }, () => issue({ credential: { ...ob3(), id } })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const after = await storedState(issuer.deps);
    expect(after.records).toBe(before.records + 1);
    expect(after.usage.revocation!.reduce((a, b) => a + b, 0)).toBe(
      before.usage.revocation!.reduce((a, b) => a + b, 0) + 1,
    );
    expect(after.usage.suspension!.reduce((a, b) => a + b, 0)).toBe(
      before.usage.suspension!.reduce((a, b) => a + b, 0) + 1,
    );
  });
});

describe('Credential content checks before signing (OB 3.0 schema, JSON-LD safe mode, VC version)', () => {
  it('an OB 3.0 achievement without criteria → 422 naming the pointer', async () => {
    const credential = ob3();
    delete credential.credentialSubject.achievement.criteria;
    const res = await expectNothingStored(issuer.deps, () => issue({ credential }));
    expectProblem(res, 422, 'SCHEMA_VALIDATION_ERROR', '/credential/credentialSubject/achievement/criteria');
    expect(res.json.errors.map((e: any) => e.pointer)).toContain('/credential/credentialSubject/achievement/criteria');
  });

  it('a term no context defines ("foo" at the top level) → 422 DATA_LOSS_DETECTION_ERROR naming it', async () => {
    const res = await expectNothingStored(issuer.deps, () => issue({ credential: { ...ob3(), foo: 1 } }));
    expectProblem(res, 422, 'DATA_LOSS_DETECTION_ERROR');
    expect(res.json.detail).toContain('"foo"');
  });

  it('a term no context defines inside the subject → 422 DATA_LOSS_DETECTION_ERROR', async () => {
    const credential = ob3();
    credential.credentialSubject.achievement.shoeSize = 44;
    const res = await expectNothingStored(issuer.deps, () => issue({ credential }));
    expectProblem(res, 422, 'DATA_LOSS_DETECTION_ERROR');
    expect(res.json.detail).toContain('shoeSize');
  });

  it.each(['LocalBadge', './relative-type'])(
    'a relative @type ("%s") → 422 DATA_LOSS_DETECTION_ERROR',
    async (type) => {
      const credential = { ...ob3(), type: ['VerifiableCredential', 'OpenBadgeCredential', type] };
      const res = await expectNothingStored(issuer.deps, () => issue({ credential }));
      expectProblem(res, 422, 'DATA_LOSS_DETECTION_ERROR');
      expect(res.json.detail).toContain(type);
    },
  );

  it.each(['issuanceDate', 'expirationDate'])('%s in a VC 2.0 credential → 422', async (field) => {
    const res = await expectNothingStored(issuer.deps, () =>
      issue({ credential: { ...ob3(), [field]: '2026-01-01T00:00:00Z' } }),
    );
    expectProblem(res, 422, 'MALFORMED_VALUE_ERROR', `/credential/${field}`);
  });

  it('validFrom in a VC 1.1 credential → 422', async () => {
    const credential = { ...plainV2(ISSUER), '@context': [V1], validFrom: '2026-01-01T00:00:00Z' };
    const res = await expectNothingStored(issuer.deps, () => issue({ credential }));
    expectProblem(res, 422, 'MALFORMED_VALUE_ERROR', '/credential/validFrom');
  });

  it.each([
    ['another did:key', 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'],
    ['a web URL', 'https://skills-council.example'],
  ])('an issuer that is not ours (%s) → 422 naming /credential/issuer', async (_name, other) => {
    const credential = ob3();
    credential.issuer.id = other;
    const res = await expectNothingStored(issuer.deps, () => issue({ credential }));
    expectProblem(res, 422, 'MALFORMED_VALUE_ERROR', '/credential/issuer');
  });
});

describe('What an accepted request produces', () => {
  it('a VC 1.1 request (no issuanceDate) → 201 with issuanceDate filled, and it verifies', async () => {
    const credential = {
      '@context': [V1],
      type: ['VerifiableCredential'],
      issuer: ISSUER,
      credentialSubject: { id: 'did:example:abc' },
    };
    const res = await issue({ credential });
    expect(res.status, res.text).toBe(201);
    const vc = res.json.verifiableCredential;
    expect(vc.issuanceDate).toBe('2026-03-01T12:00:00Z');
    expect(vc.validFrom).toBeUndefined();
    expect(vc['@context'][0]).toBe(V1);
    // No context the caller did not ask for: without the status context, no default status entries.
    expect(vc['@context']).toEqual([V1, 'https://w3id.org/security/data-integrity/v2']);
    expect(vc.credentialStatus).toBeUndefined();
    expect(vc.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
    const verified = await call(issuer.url, 'POST', '/credentials/verify', { verifiableCredential: vc });
    expect(verified.status, verified.text).toBe(200);
    expect(verified.json.verified).toBe(true);
  });

  it('a VC 1.1 request whose @context holds the status context, or that asks for status, gets status entries', async () => {
    const STATUS = 'https://www.w3.org/ns/credentials/status/v1';
    const base = { type: ['VerifiableCredential'], issuer: ISSUER, credentialSubject: { id: 'did:example:abc' } };
    const withContext = await issue({ credential: { '@context': [V1, STATUS], ...base } });
    expect(withContext.status, withContext.text).toBe(201);
    expect(withContext.json.verifiableCredential.credentialStatus).toHaveLength(2);
    const asked = await issue({
      credential: { '@context': [V1], ...base },
      options: { credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' } },
    });
    expect(asked.status, asked.text).toBe(201);
    const vc = asked.json.verifiableCredential;
    expect(vc['@context']).toContain(STATUS);
    expect(vc.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' });
    const verified = await call(issuer.url, 'POST', '/credentials/verify', { verifiableCredential: vc });
    expect(verified.json.verified, verified.text).toBe(true);
  });

  it('a VC 2.0 request without validFrom gets the frozen clock as validFrom; a given one is kept', async () => {
    const filled = await issue({ credential: ob3() });
    expect(filled.json.verifiableCredential.validFrom).toBe('2026-03-01T12:00:00Z');
    const kept = await issue({ credential: { ...ob3(), validFrom: '2026-02-01T00:00:00+01:00' } });
    expect(kept.json.verifiableCredential.validFrom).toBe('2026-02-01T00:00:00+01:00');
    const leapDay = await issue({
      credential: { ...ob3(), validFrom: '2028-02-29T00:00:00Z', validUntil: '2029-02-28T23:59:59.5Z' },
    });
    expect(leapDay.status, leapDay.text).toBe(201);
  });

  it('options.credentialStatus with one revocation entry → exactly one entry, one index used', async () => {
    const before = await storedState(issuer.deps);
    const res = await issue({
      credential: ob3(),
      options: { credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }] },
    });
    expect(res.status, res.text).toBe(201);
    const status = res.json.verifiableCredential.credentialStatus;
    expect(Array.isArray(status)).toBe(false);
    expect(status).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListCredential: 'https://issuer.example.test/status/revocation/0',
    });
    const after = await storedState(issuer.deps);
    expect(after.usage.revocation![0]).toBe(before.usage.revocation![0]! + 1);
    expect(after.usage.suspension).toEqual(before.usage.suspension);
    const record = await issuer.deps.store.getRecord(res.json.verifiableCredential.id);
    expect(record?.statuses).toEqual([{ purpose: 'revocation', list: 0, index: Number(status.statusListIndex) }]);
  });

  it('options.credentialStatus: [] → no status entry and no index used', async () => {
    const before = await storedState(issuer.deps);
    const res = await issue({ credential: ob3(), options: { credentialStatus: [] } });
    expect(res.status, res.text).toBe(201);
    expect(res.json.verifiableCredential.credentialStatus).toBeUndefined();
    const after = await storedState(issuer.deps);
    expect(after.usage).toEqual(before.usage);
    expect(after.records).toBe(before.records + 1);
  });

  it('the stored record is the credential exactly as returned, with who issued it', async () => {
    const res = await issue({ credential: ob3() }, TOKENS.issueOnly);
    expect(res.status).toBe(201);
    const vc = res.json.verifiableCredential;
    const record = await issuer.deps.store.getRecord(vc.id);
    expect(record).toMatchObject({
      id: vc.id,
      credential: vc,
      issuedBy: 'issue-only',
      issuedAt: '2026-03-01T12:00:00Z',
      revoked: false,
      suspended: false,
    });
  });
});

describe('VC 2.0 §4.9 validity period at issuance', () => {
  it('validUntil before validFrom → 422 naming validUntil, nothing stored', async () => {
    const credential = { ...ob3(), validFrom: '2027-01-01T00:00:00Z', validUntil: '2026-01-01T00:00:00Z' };
    const res = await expectNothingStored(issuer.deps, () => issue({ credential }));
    expectProblem(res, 422, 'MALFORMED_VALUE_ERROR', '/credential/validUntil');
  });
  it('validUntil in the past with no validFrom (which would be now) → 422, nothing stored', async () => {
    const credential = { ...ob3(), validUntil: '2026-01-01T00:00:00Z' };
    const res = await expectNothingStored(issuer.deps, () => issue({ credential }));
    expectProblem(res, 422, 'MALFORMED_VALUE_ERROR', '/credential/validUntil');
  });
  it('validUntil equal to validFrom is allowed ("the same or later")', async () => {
    const res = await issue({
      credential: { ...ob3(), validFrom: '2027-01-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z' },
    });
    expect(res.status, res.text).toBe(201);
  });
});
