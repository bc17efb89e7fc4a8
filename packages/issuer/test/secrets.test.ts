import { inspect } from 'node:util';
import { decodeBase58btc, generateSigningKey, type SerializedSigningKey } from '@repo/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  capturingLogger,
  type IssuerApp,
  PUBLIC_BASE_URL,
  startIssuerApp,
  storedState,
  TOKENS,
} from '../../../test/helpers/issuer-app.ts';
import { readAnswer } from '../../../test/helpers/issuer-process.ts';
import { expectProblem, ob3 } from './support.ts';

const DID = 'did:web:issuer.example.test';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** Every form a secret could leak in: the multibase secret, its raw seed (hex, base64, JWK `d`), every token. */
function secretForms(key: SerializedSigningKey): string[] {
  const decoded = decodeBase58btc(key.secretKeyMultibase.slice(1))!;
  // Multikey Ed25519 secret: 2-byte multicodec prefix (0x8026) + 32-byte seed.
  const seed = Buffer.from(decoded.slice(decoded.length - 32));
  expect(seed).toHaveLength(32);
  return [
    key.secretKeyMultibase,
    key.secretKeyMultibase.slice(1),
    seed.toString('hex'),
    seed.toString('base64').replace(/=+$/, ''),
    seed.toString('base64url'),
    ...Object.values(TOKENS),
  ];
}

describe('Key material and tokens never leave the service (SECURITY-CHECKLIST K1)', () => {
  let issuer: IssuerApp;
  let key: SerializedSigningKey;
  let lines: string[];
  const answers: Answer[] = [];

  /** One HTTP exchange, kept for the final scan. */
  async function send(
    method: string,
    path: string,
    init: { body?: string; type?: string; authorization?: string } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (init.type) headers['content-type'] = init.type;
    if (init.authorization) headers.authorization = init.authorization;
    const res = await fetch(issuer.url + path, { method, headers, body: init.body });
    const answer = await readAnswer(res);
    answers.push(answer);
    return answer;
  }
  const post = (path: string, body: unknown, token?: string) =>
    send('POST', path, {
      body: JSON.stringify(body),
      type: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    });
  const credential = () => {
    const c = ob3();
    c.issuer.id = DID;
    return c;
  };

  beforeAll(async () => {
    key = (await generateSigningKey({ didWeb: DID })).serialized;
    const capture = capturingLogger();
    lines = capture.lines;
    issuer = await startIssuerApp({ key, logger: capture.logger });
  });
  afterAll(async () => {
    await issuer?.close();
  });

  it('K1 the did:web document holds only the public key', async () => {
    const res = await send('GET', '/.well-known/did.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/did\+json/);
    expect(res.json).toMatchObject({ id: DID, assertionMethod: [`${DID}#key-1`] });
    expect(res.json.verificationMethod).toEqual([
      { id: `${DID}#key-1`, type: 'Multikey', controller: DID, publicKeyMultibase: key.publicKeyMultibase },
    ]);
    expect(res.text).not.toMatch(/secret|privateKey|"d"/i);
  });

  it('K1 issue, read, verify, revoke and every error path answer without key material or tokens', async () => {
    const issued = await post('/credentials/issue', { credential: credential() }, TOKENS.full);
    expect(issued.status, issued.text).toBe(201);
    const vc = issued.json.verifiableCredential;
    expect(vc.proof.verificationMethod).toBe(`${DID}#key-1`);
    const id = encodeURIComponent(vc.id);

    expect((await send('GET', `/credentials/${id}`, { authorization: `Bearer ${TOKENS.readOnly}` })).status).toBe(200);
    expect((await post('/credentials/verify', { verifiableCredential: vc })).status).toBe(200);
    const revoke = { credentialId: vc.id, credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }] };
    expect((await post('/credentials/status', revoke, TOKENS.statusOnly)).status).toBe(200);
    expect((await send('GET', '/status/revocation/0')).status).toBe(200);
    expect((await post('/credentials/verify', { verifiableCredential: vc })).status).toBe(422);

    // Error paths, each sending a token the service must not echo.
    const unsuspend = {
      credentialId: vc.id,
      credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'unsuspended' }],
    };
    expectProblem(await post('/credentials/status', unsuspend, TOKENS.full), 409, 'CONFLICT');
    expectProblem(
      await send('POST', '/credentials/issue', {
        authorization: `Bearer ${TOKENS.full}x`,
        type: 'application/json',
        body: '{}',
      }),
      401,
      'UNAUTHORIZED',
    );
    expectProblem(
      await send('POST', '/credentials/issue', { authorization: `Token ${TOKENS.full}` }),
      401,
      'UNAUTHORIZED',
    );
    expectProblem(await post('/credentials/issue', { credential: credential() }, TOKENS.readOnly), 403, 'FORBIDDEN');
    expectProblem(await post('/credentials/issue', { credential: ob3() }, TOKENS.full), 422, 'MALFORMED_VALUE_ERROR');
    expectProblem(
      await post('/credentials/issue', { credential: { ...credential(), foo: 1 } }, TOKENS.full),
      422,
      'DATA_LOSS_DETECTION_ERROR',
    );
    expectProblem(
      await post(
        '/credentials/issue',
        { credential: { ...credential(), proof: { secretKeyMultibase: 'x' } } },
        TOKENS.full,
      ),
      400,
      'MALFORMED_VALUE_ERROR',
    );
    expectProblem(
      await send('POST', '/credentials/issue', {
        authorization: `Bearer ${TOKENS.full}`,
        type: 'application/json',
        body: `{"token": "${TOKENS.full}"`,
      }),
      400,
      'PARSING_ERROR',
    );
    expectProblem(
      await send('POST', '/credentials/issue', {
        authorization: `Bearer ${TOKENS.full}`,
        type: 'text/plain',
        body: TOKENS.full,
      }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectProblem(
      await send('POST', '/credentials/issue', {
        authorization: `Bearer ${TOKENS.full}`,
        type: 'application/json',
        body: 'x'.repeat(600 * 1024),
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expectProblem(
      await send('GET', `/credentials/${encodeURIComponent('urn:uuid:none')}`, {
        authorization: `Bearer ${TOKENS.full}`,
      }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await send('GET', '/.well-known/secret', { authorization: `Bearer ${TOKENS.full}` }),
      404,
      'NOT_FOUND',
    );
    expectProblem(await send('GET', '/status/revocation/99'), 404, 'NOT_FOUND');

    const forms = secretForms(key);
    expect(answers.length).toBeGreaterThan(15);
    for (const answer of answers) {
      const headerText = [...answer.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
      for (const secret of forms) {
        expect(answer.text.includes(secret), `response body (${answer.status}) holds a secret`).toBe(false);
        expect(headerText.includes(secret), `response header (${answer.status}) holds a secret`).toBe(false);
      }
    }
  });

  it('K1 no log line holds key material or a token, though every request was logged', () => {
    expect(lines.some((l) => l.includes('"credential issued"'))).toBe(true);
    expect(lines.some((l) => l.includes('"status updated"'))).toBe(true);
    expect(lines.filter((l) => l.includes('"request"')).length).toBeGreaterThanOrEqual(answers.length);
    for (const line of lines) for (const secret of secretForms(key)) expect(line.includes(secret), line).toBe(false);
  });

  it('K1 the imported key object serializes and inspects without its secret', () => {
    const forms = secretForms(key).slice(0, 5);
    for (const text of [
      JSON.stringify(issuer.deps.key),
      inspect(issuer.deps.key, { depth: 10, showHidden: true }),
      JSON.stringify(issuer.deps.config),
    ]) {
      for (const secret of forms) expect(text.includes(secret)).toBe(false);
    }
  });
});

describe('Internal errors are answered generically (SECURITY-CHECKLIST K2)', () => {
  let issuer: IssuerApp;
  let lines: string[];
  let failure: unknown;
  beforeAll(async () => {
    const capture = capturingLogger();
    lines = capture.lines;
    issuer = await startIssuerApp({
      logger: capture.logger,
      wrapStore: (store) => ({
        ...store,
        records: () => store.records(),
        close: () => store.close(),
        putNewRecord: (r) => store.putNewRecord(r),
        updateRecord: (r) => store.updateRecord(r),
        async getRecord(id) {
          if (failure !== undefined) throw failure;
          return store.getRecord(id);
        },
      }),
    });
  });
  afterAll(async () => {
    await issuer?.close();
  });

  const leaks = [
    /boom/i,
    /secret/i,
    /\/secret\/path/,
    /\bat \S+ \(/,
    /node_modules/,
    /\.ts\b/,
    /stack/i,
    /level/i,
    /Error:/,
  ];

  async function expectGeneric500(res: Response) {
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const text = await res.text();
    for (const leak of leaks) expect(text).not.toMatch(leak);
    expect(JSON.parse(text)).toEqual({
      type: `${PUBLIC_BASE_URL}/problems#INTERNAL_ERROR`,
      title: 'INTERNAL_ERROR',
      detail: 'Something went wrong on our side. It has been logged.',
      status: 500,
    });
  }

  const json = (body: unknown, token = TOKENS.full) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

  it.each([
    ['a plain Error with a path', () => new Error('boom at /secret/path'), true],
    ['a thrown string', () => 'boom at /secret/path', true],
    [
      'an object with a stack',
      () => ({ message: 'boom', stack: 'Error: boom\n    at getRecord (/secret/path/level-store.ts:1:1)' }),
      false,
    ],
  ])(
    'K2 %s from the store → 500 generic problem on issue, read and status update; logged; nothing stored',
    async (_name, make, named) => {
      failure = make();
      const before = await storedState(issuer.deps);
      const logged = lines.length;
      await expectGeneric500(await fetch(`${issuer.url}/credentials/issue`, json({ credential: ob3() })));
      await expectGeneric500(
        await fetch(`${issuer.url}/credentials/urn%3Auuid%3Aabc`, {
          headers: { authorization: `Bearer ${TOKENS.full}` },
        }),
      );
      await expectGeneric500(
        await fetch(
          `${issuer.url}/credentials/status`,
          json({
            credentialId: 'urn:uuid:abc',
            credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }],
          }),
        ),
      );
      failure = undefined;
      expect(await storedState(issuer.deps)).toEqual(before);
      const errors = lines.slice(logged).filter((l) => JSON.parse(l).level >= 50);
      expect(errors).toHaveLength(3);
      // Operators get the details in the log (a non-Error object is logged only as its string form).
      if (named) expect(errors.every((l) => l.includes('boom at /secret/path'))).toBe(true);
      // The lock was released: the service keeps working.
      const ok = await fetch(`${issuer.url}/credentials/issue`, json({ credential: ob3() }));
      expect(ok.status).toBe(201);
    },
  );

  it('K2 an unknown route answers a problem that names only the method and path', async () => {
    const res = await fetch(`${issuer.url}/admin/../../etc/passwd`);
    expect(res.status).toBe(404);
    const text = await res.text();
    for (const leak of leaks) expect(text).not.toMatch(leak);
  });
});
