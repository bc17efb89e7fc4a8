import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IssuerApp, startIssuerApp, TOKENS } from '../../../test/helpers/issuer-app.ts';
import { readAnswer } from '../../../test/helpers/issuer-process.ts';
import { expectNothingStored, expectProblem, ob3 } from './support.ts';

let issuer: IssuerApp;
beforeAll(async () => {
  issuer = await startIssuerApp();
});
afterAll(async () => {
  await issuer?.close();
});

/** POSTs raw JSON text (or bytes) to a path, with the full-scope token. */
async function post(path: string, body: string | Uint8Array) {
  const res = await fetch(`${issuer.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.full}` },
    body,
  });
  return readAnswer(res);
}

/** The OB 3.0 fixture as an issue request, its text with `find` replaced by `replace`. */
function issueText(find: string, replace: string): string {
  const text = JSON.stringify({ credential: ob3() });
  if (!text.includes(find)) throw new Error(`fixture has no ${find}`);
  return text.replace(find, replace);
}

const ROUTES = ['/credentials/issue', '/credentials/verify', '/presentations/verify', '/credentials/status'];

describe('RFC 7493 I-JSON at the door: every JSON body, every route', () => {
  it.each<[string, string, string, string]>([
    [
      '§2.3 a duplicate member name',
      issueText('"fieldOfStudy"', '"name":"Forged","fieldOfStudy"'),
      '/credential/credentialSubject/achievement/name',
      'MALFORMED_VALUE_ERROR',
    ],
    [
      '§2.3 a duplicate hidden by an escape',
      issueText('"fieldOfStudy"', '"n\\u0061me":"Forged","fieldOfStudy"'),
      '/credential/credentialSubject/achievement/name',
      'MALFORMED_VALUE_ERROR',
    ],
    [
      '§2.1 an escaped lone surrogate',
      issueText('"Industrial Maintenance"', '"Industrial \\ud800 Maintenance"'),
      '/credential/credentialSubject/achievement/fieldOfStudy',
      'MALFORMED_VALUE_ERROR',
    ],
    [
      '§2.1 an escaped noncharacter in a member name',
      issueText('"fieldOfStudy"', '"field\\uffffOfStudy"'),
      '/credential/credentialSubject/achievement/field\uffffOfStudy',
      'MALFORMED_VALUE_ERROR',
    ],
    [
      '§2.2 an integer beyond 2^53 − 1',
      issueText('"creditsAvailable":6', '"creditsAvailable":9007199254740993'),
      '/credential/credentialSubject/achievement/creditsAvailable',
      'MALFORMED_VALUE_ERROR',
    ],
    [
      '§2.2 a number a double cannot hold',
      issueText('"creditsAvailable":6', '"creditsAvailable":1e400'),
      '/credential/credentialSubject/achievement/creditsAvailable',
      'MALFORMED_VALUE_ERROR',
    ],
    [
      '§2.2 more digits than a double keeps',
      issueText('"creditsAvailable":6', '"creditsAvailable":6.0000000000000000001'),
      '/credential/credentialSubject/achievement/creditsAvailable',
      'MALFORMED_VALUE_ERROR',
    ],
  ])('I-JSON %s → 400 naming the pointer, nothing stored', async (_name, body, pointer, code) => {
    const res = await expectNothingStored(issuer.deps, () => post('/credentials/issue', body));
    expectProblem(res, 400, code, pointer);
  });

  it('§2.1 bytes that are not UTF-8 → 400 PARSING_ERROR naming the string', async () => {
    const text = issueText('"Industrial Maintenance"', '"Industrial XX Maintenance"');
    const bytes = Buffer.from(text, 'utf8');
    const at = bytes.indexOf('XX');
    bytes[at] = 0xed; // an encoded surrogate (CESU-8): ED A0 80
    bytes[at + 1] = 0xa0;
    const body = Buffer.concat([bytes.subarray(0, at + 2), Buffer.from([0x80]), bytes.subarray(at + 2)]);
    const res = await expectNothingStored(issuer.deps, () => post('/credentials/issue', body));
    expectProblem(res, 400, 'PARSING_ERROR', '/credential/credentialSubject/achievement/fieldOfStudy');
  });

  it.each(ROUTES)('the same door stands before %s (a duplicate member → 400)', async (path) => {
    const res = await post(path, '{"verifiableCredential":{"a":1,"a":2},"credentialId":"x","credential":{}}');
    expectProblem(res, 400, 'MALFORMED_VALUE_ERROR', '/verifiableCredential/a');
  });

  it('a credential to verify with a lone surrogate → 400 at the door, not a 5xx', async () => {
    const res = await post('/credentials/verify', '{"verifiableCredential":{"name":"\\udfff"}}');
    expectProblem(res, 400, 'MALFORMED_VALUE_ERROR', '/verifiableCredential/name');
  });

  it('I-JSON bodies pass: 1.0, 1e2, escaped pairs, NFD, emoji → 201', async () => {
    const credential = ob3();
    credential.credentialSubject.achievement.name = 'Zoë Ångström'.normalize('NFD');
    const text = JSON.stringify({ credential })
      .replace('"creditsAvailable":6', '"creditsAvailable":6.0')
      .replace('"fieldOfStudy":"Industrial Maintenance"', '"fieldOfStudy":"Industrial Maintenance \\ud83d\\udd27"');
    const res = await post('/credentials/issue', text);
    expect(res.status, res.text).toBe(201);
    expect(res.json.verifiableCredential.credentialSubject.achievement.fieldOfStudy).toBe('Industrial Maintenance 🔧');
  });
});
