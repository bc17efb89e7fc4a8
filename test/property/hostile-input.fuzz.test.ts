/**
 * Fuzzing with hostile JSON (issue 9): the verifier library (`verifyCredential`,
 * `verifyPresentation`) and the issue and verify endpoints, fed deep, huge, oddly encoded,
 * prototype-polluting, oddly numbered input and wrong types at every position of a valid
 * credential. Nothing may throw, nothing may answer 500, no tampered credential may verify, and
 * every answer names a specific problem code — pinned per input class; INTERNAL_ERROR fails.
 * Fixed seed; `PROPERTY_RUNS=…` and `FUZZ_FULL=1` (every position × every wrong type) for more.
 */
import { PROBLEM_CODES, type ProblemCode } from '@repo/core';
import { escapePointerToken } from '@repo/schemas';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IssuerApp, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { readAnswer } from '../helpers/issuer-process.ts';
import { fixture, runs, SEED } from './arbitraries.ts';

let issuer: IssuerApp;
/** A credential the issuer signed (eddsa-rdfc-2022, status entries, refresh service). */
let signed: Record<string, any>;

beforeAll(async () => {
  issuer = await startIssuerApp();
  const res = await post('/credentials/issue', JSON.stringify({ credential: fixture() }));
  expect(res.status).toBe(201);
  signed = res.json.verifiableCredential;
});
afterAll(async () => {
  await issuer?.close();
});

async function post(path: string, body: string | Uint8Array) {
  const send = () =>
    fetch(`${issuer.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.full}` },
      body,
    });
  // A kept-alive connection the server closed while idle (its keep-alive timeout) is retried once.
  const res = await send().catch(send);
  const { status, json, text } = await readAnswer(res);
  return { status, json, text };
}

const KNOWN = new Set(Object.keys(PROBLEM_CODES));

/** Every JSON Pointer of a document, containers included. */
function pointersOf(value: unknown, at = ''): string[] {
  const out = [at];
  if (Array.isArray(value)) for (const [i, v] of value.entries()) out.push(...pointersOf(v, `${at}/${i}`));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...pointersOf(v, `${at}/${escapePointerToken(k)}`));
  return out;
}

/** A copy of `doc` with the value at `pointer` replaced. */
function replaceAt(doc: unknown, pointer: string, value: unknown): unknown {
  if (pointer === '') return value;
  const copy = structuredClone(doc) as any;
  const tokens = pointer
    .slice(1)
    .split('/')
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
  let parent = copy;
  for (const t of tokens.slice(0, -1)) parent = parent[t];
  parent[tokens.at(-1)!] = value;
  return copy;
}

/** Asserts a verification result of hostile input: not verified, specific codes only. */
function expectRefused(
  r: { verified: boolean; checks: any[]; problems: any[] },
  allowed: readonly ProblemCode[],
  what: string,
) {
  expect(r.verified, what).toBe(false);
  expect(r.problems.length, what).toBeGreaterThan(0);
  for (const c of r.checks) {
    if (c.status === 'failed' || c.status === 'could-not-check') expect(KNOWN.has(c.problem?.title), what).toBe(true);
  }
  const titles = r.problems.map((p) => p.title);
  expect(titles, what).not.toContain('INTERNAL_ERROR');
  expect(allowed, `${what}: ${titles.join(', ')}`).toContain(titles[0]);
}

/** The codes a wrong type may bring, by where in the credential it is. */
function allowedAt(pointer: string): readonly ProblemCode[] {
  if (pointer === '') return ['MALFORMED_VALUE_ERROR', 'PARSING_ERROR'];
  if (pointer.startsWith('/@context'))
    return ['MALFORMED_VALUE_ERROR', 'CONTEXT_NOT_ALLOWED', 'DATA_LOSS_DETECTION_ERROR'];
  if (pointer.startsWith('/proof'))
    return [
      'PROOF_VERIFICATION_ERROR',
      'MALFORMED_VALUE_ERROR',
      'CRYPTOGRAPHIC_SECURITY_ERROR',
      'DATA_LOSS_DETECTION_ERROR',
      'INVALID_VERIFICATION_METHOD',
      // Finding: a verificationMethod that is not a DID URL is asked of the document loader.
      'CONTEXT_NOT_ALLOWED',
    ];
  return ['CRYPTOGRAPHIC_SECURITY_ERROR', 'DATA_LOSS_DETECTION_ERROR', 'MALFORMED_VALUE_ERROR'];
}

const WRONG_TYPES: readonly unknown[] = [null, true, 0, 1.5, '', 'x', [], {}, ['x'], { a: 1 }];

describe('Fuzz: the verifier library with wrong types at every position of a signed credential (T1, I3)', () => {
  it('the signed credential verifies', async () => {
    expect((await issuer.deps.verifier.verifyCredential(signed)).verified).toBe(true);
  });

  it('no replacement verifies, throws or answers INTERNAL_ERROR; codes are those of the position', async () => {
    const pointers = pointersOf(signed);
    const cases = fc.tuple(fc.constantFrom(...pointers), fc.constantFrom(...WRONG_TYPES));
    const check = async ([pointer, value]: [string, unknown]) => {
      const doc = replaceAt(signed, pointer, value);
      const r = await issuer.deps.verifier.verifyCredential(doc);
      expectRefused(r, allowedAt(pointer), `${pointer} = ${JSON.stringify(value)}`);
    };
    if (process.env.FUZZ_FULL) {
      for (const p of pointers) for (const v of WRONG_TYPES) await check([p, v]);
    } else {
      await fc.assert(fc.asyncProperty(cases, check), { seed: SEED, numRuns: runs(150) });
    }
  });
});

describe('Fuzz: the verifier library with hostile values, one code per input class', () => {
  const stringLeaves = () =>
    pointersOf(signed).filter((p) => {
      const v = p
        .slice(1)
        .split('/')
        .reduce<any>((o, t) => o?.[t.replaceAll('~1', '/').replaceAll('~0', '~')], signed);
      // "/type/0" is "VerifiableCredential": changing it fails the shape check first.
      return typeof v === 'string' && !p.startsWith('/proof') && !p.startsWith('/@context') && p !== '/type/0';
    });

  it('RFC 7493 §2.1 a lone surrogate or noncharacter in any string → format MALFORMED_VALUE_ERROR at its pointer', async () => {
    const bad = fc.constantFrom('\uD800', '\uDFFF', 'x\uD83D', '\uFFFE', '\uFDD0', '\uDBFF\uDBFF');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...stringLeaves()), bad, fc.boolean(), async (pointer, s, append) => {
        const current = pointer
          .slice(1)
          .split('/')
          .reduce<any>((o, t) => o[t.replaceAll('~1', '/').replaceAll('~0', '~')], signed);
        const r = await issuer.deps.verifier.verifyCredential(replaceAt(signed, pointer, append ? current + s : s));
        expectRefused(r, ['MALFORMED_VALUE_ERROR'], pointer);
        expect(r.checks[0]).toMatchObject({ id: 'format', status: 'failed', problem: { pointer } });
      }),
      { seed: SEED, numRuns: runs(60) },
    );
  });

  it('I8 Unicode that is I-JSON but changed (NFC↔NFD, RTL, zero-width, emoji, BOM) → CRYPTOGRAPHIC_SECURITY_ERROR', async () => {
    const edits: Array<(s: string) => string> = [
      (s) => `${s}\u200B`,
      (s) => `\u200F${s}`,
      (s) => `${s}\u200D👩‍🔧`,
      (s) => `\uFEFF${s}`,
      (s) => `${s}e\u0301`,
      (s) => `${s}é`,
    ];
    const leaves = stringLeaves().filter((p) => !/\/(type|id)(\/\d+)?$|statusListCredential|statusPurpose/.test(p));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...leaves), fc.constantFrom(...edits), async (pointer, edit) => {
        const current = pointer
          .slice(1)
          .split('/')
          .reduce<any>((o, t) => o[t.replaceAll('~1', '/').replaceAll('~0', '~')], signed);
        const r = await issuer.deps.verifier.verifyCredential(replaceAt(signed, pointer, edit(current)));
        expectRefused(r, ['CRYPTOGRAPHIC_SECURITY_ERROR'], pointer);
      }),
      { seed: SEED, numRuns: runs(40) },
    );
    const nfd = structuredClone(signed);
    nfd.credentialSubject.achievement.name = 'Zoë'.normalize('NFD');
    expectRefused(await issuer.deps.verifier.verifyCredential(nfd), ['CRYPTOGRAPHIC_SECURITY_ERROR'], 'NFD name');
  });

  it('RFC 7493 §2.2 numbers that are not I-JSON or that canonicalisation changes, anywhere → MALFORMED_VALUE_ERROR', async () => {
    const numbers = fc.constantFrom(
      Number.NaN,
      Number.POSITIVE_INFINITY,
      -0,
      1e-7,
      2 ** 53,
      1e21,
      0.1 + 0.2,
      -1e308 * 10,
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...pointersOf(signed).filter((p) => p !== '')), numbers, async (pointer, n) => {
        const r = await issuer.deps.verifier.verifyCredential(replaceAt(signed, pointer, n));
        expectRefused(r, ['MALFORMED_VALUE_ERROR'], `${pointer} = ${n}`);
      }),
      { seed: SEED, numRuns: runs(60) },
    );
  });

  it('I7 prototype keys: an own "__proto__" → DATA_LOSS_DETECTION_ERROR; "constructor"/"prototype" → DATA_LOSS_DETECTION_ERROR', async () => {
    const objects = pointersOf(signed).filter((p) => {
      const v = replaceAt(signed, '', signed) as any;
      const target =
        p === ''
          ? v
          : p
              .slice(1)
              .split('/')
              .reduce<any>((o, t) => o?.[t], v);
      return (
        target &&
        typeof target === 'object' &&
        !Array.isArray(target) &&
        !p.startsWith('/@context') &&
        !p.startsWith('/proof')
      );
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...objects),
        fc.constantFrom('__proto__', 'constructor', 'prototype'),
        async (pointer, key) => {
          // JSON.parse makes an own "__proto__" member, as a request body would.
          const text = JSON.stringify(signed);
          const doc = JSON.parse(text);
          const target =
            pointer === ''
              ? doc
              : pointer
                  .slice(1)
                  .split('/')
                  .reduce((o: any, t) => o[t], doc);
          Object.defineProperty(target, key, {
            value: { polluted: true },
            enumerable: true,
            configurable: true,
            writable: true,
          });
          const r = await issuer.deps.verifier.verifyCredential(doc);
          expectRefused(r, ['DATA_LOSS_DETECTION_ERROR'], `${pointer}/${key}`);
          expect(({} as any).polluted).toBeUndefined();
        },
      ),
      { seed: SEED, numRuns: runs(30) },
    );
  });

  it('I2 deep nesting (1,000 and 100,000 levels, objects and lists) → format MALFORMED_VALUE_ERROR, no stack overflow', async () => {
    for (const depth of [1_000, 100_000]) {
      for (const wrap of [(x: unknown) => [x], (x: unknown) => ({ nested: x })]) {
        let deep: unknown = 'leaf';
        for (let i = 0; i < depth; i++) deep = wrap(deep);
        const doc = { ...signed, credentialSubject: { ...signed.credentialSubject, deep } };
        expectRefused(await issuer.deps.verifier.verifyCredential(doc), ['MALFORMED_VALUE_ERROR'], `depth ${depth}`);
        const vp = {
          '@context': [signed['@context'][0]],
          type: ['VerifiablePresentation'],
          verifiableCredential: [doc],
        };
        // The presentation's own format check already walks into its credentials.
        const rp = await issuer.deps.verifier.verifyPresentation(vp, { unsignedPresentation: true });
        expectRefused(rp, ['MALFORMED_VALUE_ERROR'], `VP holding a credential of depth ${depth}`);
        const deepVp = { ...vp, holder: deep };
        const rdeep = await issuer.deps.verifier.verifyPresentation(deepVp, { unsignedPresentation: true });
        expectRefused(rdeep, ['MALFORMED_VALUE_ERROR'], `VP depth ${depth}`);
      }
    }
  });

  it('huge input: a 4 MB string → CRYPTOGRAPHIC_SECURITY_ERROR; 50,000 undefined members → DATA_LOSS_DETECTION_ERROR', async () => {
    const long = structuredClone(signed);
    long.credentialSubject.achievement.description = 'x'.repeat(4 * 1024 * 1024);
    expectRefused(await issuer.deps.verifier.verifyCredential(long), ['CRYPTOGRAPHIC_SECURITY_ERROR'], '4 MB');
    const wide = structuredClone(signed);
    for (let i = 0; i < 50_000; i++) wide.credentialSubject[`m${i}`] = i;
    expectRefused(await issuer.deps.verifier.verifyCredential(wide), ['DATA_LOSS_DETECTION_ERROR'], '50k members');
  });

  it('not a credential at all (JS values, JWT-looking strings) → MALFORMED_VALUE_ERROR or PARSING_ERROR', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.anything(), fc.string(), fc.constantFrom('a.b.c', 'eyJhbGciOiJub25lIn0.e30.', 'x'.repeat(100_000))),
        async (value) => {
          const r = await issuer.deps.verifier.verifyCredential(value);
          expectRefused(
            r,
            ['MALFORMED_VALUE_ERROR', 'PARSING_ERROR'],
            JSON.stringify(value)?.slice(0, 80) ?? String(value),
          );
          const rp = await issuer.deps.verifier.verifyPresentation(value);
          expectRefused(rp, ['MALFORMED_VALUE_ERROR', 'PARSING_ERROR'], 'as a presentation');
        },
      ),
      { seed: SEED, numRuns: runs(80) },
    );
  });
});

describe('Fuzz: hostile JSON over HTTP — issue and verify endpoints never answer 500', () => {
  const body = (credential: unknown) => JSON.stringify({ credential });
  const classes: Array<[string, number, ProblemCode, () => string | Uint8Array]> = [
    ['I2 nested deeper than 32', 400, 'PARSING_ERROR', () => `{"credential":${'['.repeat(40)}${']'.repeat(40)}}`],
    ['I1 over 512 KB', 413, 'PAYLOAD_TOO_LARGE', () => body({ ...fixture(), description: 'x'.repeat(600 * 1024) })],
    ['I6 not JSON', 400, 'PARSING_ERROR', () => '{"credential":'],
    [
      '§2.1 not UTF-8',
      400,
      'PARSING_ERROR',
      () => Buffer.concat([Buffer.from('{"credential":{"name":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}}')]),
    ],
    [
      '§2.1 an escaped lone surrogate',
      400,
      'MALFORMED_VALUE_ERROR',
      () => body(fixture()).replace('"Certified', '"\\ud800Certified'),
    ],
    [
      '§2.3 a duplicate member',
      400,
      'MALFORMED_VALUE_ERROR',
      () => body(fixture()).replace('"name":', '"name":"x","name":'),
    ],
    [
      '§2.2 1e400',
      400,
      'MALFORMED_VALUE_ERROR',
      () => body(fixture()).replace('"creditsAvailable":6', '"creditsAvailable":1e400'),
    ],
    [
      '§2.2 9007199254740993',
      400,
      'MALFORMED_VALUE_ERROR',
      () => body(fixture()).replace('"creditsAvailable":6', '"creditsAvailable":9007199254740993'),
    ],
    [
      'I7 "__proto__"',
      400,
      'MALFORMED_VALUE_ERROR',
      () => body(fixture()).replace('"criteria":', '"__proto__":{"x":1},"criteria":'),
    ],
  ];

  it.each(classes)('%s → %i %s on issue, verify and presentations/verify', async (_name, status, code, make) => {
    for (const path of ['/credentials/issue', '/credentials/verify', '/presentations/verify']) {
      const res = await post(path, make());
      expect({ path, status: res.status, title: res.json?.title }).toEqual({ path, status, title: code });
    }
  });

  it('issue: −0 and 1e-7 (canonicalisation would change them) → 422 DATA_LOSS_DETECTION_ERROR', async () => {
    for (const n of ['-0', '1e-7']) {
      const res = await post(
        '/credentials/issue',
        body(fixture()).replace('"creditsAvailable":6', `"creditsAvailable":${n}`),
      );
      expect({ status: res.status, title: res.json?.title }).toEqual({
        status: 422,
        title: 'DATA_LOSS_DETECTION_ERROR',
      });
    }
  });

  it('issue: a wrong type at any position of a valid request → a specific 4xx (or a 201 that verifies), never 500', async () => {
    const request = { credential: fixture() };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...pointersOf(request)),
        fc.constantFrom(...WRONG_TYPES),
        async (pointer, value) => {
          const res = await post('/credentials/issue', JSON.stringify(replaceAt(request, pointer, value)));
          const what = `${pointer} = ${JSON.stringify(value)} → ${res.status} ${res.json?.title}`;
          expect(res.status, what).toBeLessThan(500);
          if (res.status === 201) {
            expect((await issuer.deps.verifier.verifyCredential(res.json.verifiableCredential)).verified, what).toBe(
              true,
            );
            return;
          }
          expect(KNOWN.has(res.json?.title), what).toBe(true);
          expect(res.json.title, what).not.toBe('INTERNAL_ERROR');
        },
      ),
      { seed: SEED, numRuns: runs(60) },
    );
  });

  it('verify: a wrong type at any position of a signed credential → 200/422 with specific problems, never 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...pointersOf(signed)),
        fc.constantFrom(...WRONG_TYPES),
        async (pointer, value) => {
          const doc = replaceAt(signed, pointer, value);
          const res = await post('/credentials/verify', JSON.stringify({ verifiableCredential: doc }));
          const what = `${pointer} = ${JSON.stringify(value)} → ${res.status} ${res.text.slice(0, 200)}`;
          expect([400, 422], what).toContain(res.status);
          const titles: string[] = res.status === 400 ? [res.json.title] : res.json.problems.map((p: any) => p.title);
          expect(titles.length, what).toBeGreaterThan(0);
          for (const t of titles) expect(KNOWN.has(t) && t !== 'INTERNAL_ERROR', what).toBe(true);
        },
      ),
      { seed: SEED, numRuns: runs(40) },
    );
  });
});
