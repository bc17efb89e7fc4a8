/**
 * What the round trips found (issue 9: "input that cannot be signed faithfully is signed
 * anyway"): values for which a proof over the canonical form also covers a different JSON value,
 * shown by signing with the issuer's own key and loader, changing the value, and verifying the
 * proof — which still passes. Each such input is now refused: 4xx at issue time, and the
 * verifier's format check (or, for repetitions, nothing: see the last test) names it.
 */
import { signCredential, verifyCredentialProof } from '@repo/core';
import { checkCredentialShape } from '@repo/verifier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FROZEN_NOW, type IssuerApp, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { fixture, Raw, toJsonText } from './arbitraries.ts';

let issuer: IssuerApp;
beforeAll(async () => {
  issuer = await startIssuerApp();
});
afterAll(async () => {
  await issuer?.close();
});

type Edit = (c: Record<string, any>, v: unknown) => void;
const credits: Edit = (c, v) => (c.credentialSubject.achievement.creditsAvailable = v);
const description: Edit = (c, v) => (c.credentialSubject.achievement.description = v);
const tag: Edit = (c, v) => (c.credentialSubject.achievement.tag = v);
const imageId: Edit = (c, v) => (c.issuer.image = { id: v, type: 'Image' });

/** Signs `signedValue`, swaps in `otherValue`, and reports whether the proof still verifies. */
async function proofSurvives(edit: Edit, signedValue: unknown, otherValue: unknown): Promise<boolean> {
  const credential = {
    ...fixture(),
    id: 'urn:uuid:5f0c2a8e-8b52-4f3e-9d7a-1c2b3d4e5f60',
    validFrom: '2026-01-01T00:00:00Z',
  };
  edit(credential, signedValue);
  const signed = await signCredential(credential, {
    key: issuer.deps.key,
    documentLoader: issuer.deps.documentLoader,
    now: FROZEN_NOW,
  });
  const changed = structuredClone(signed);
  edit(changed, otherValue);
  return (await verifyCredentialProof(changed, { documentLoader: issuer.deps.documentLoader })).verified;
}

async function issue(edit: Edit, value: unknown) {
  const credential = fixture();
  edit(credential, value);
  const res = await fetch(`${issuer.url}/credentials/issue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.full}` },
    body: toJsonText({ credential }),
  });
  return { status: res.status, json: (await res.json()) as any };
}

describe('Round trips: values eddsa-rdfc-2022 cannot sign faithfully, and their refusal', () => {
  it.each<[string, Edit, unknown, unknown, unknown, number, string]>([
    ['−0 / 0', credits, -0, 0, new Raw('-0'), 422, 'DATA_LOSS_DETECTION_ERROR'],
    [
      '0.1 / 0.10000000000000002 (both "1.0E-1")',
      credits,
      0.1,
      0.10000000000000002,
      0.10000000000000002,
      422,
      'DATA_LOSS_DETECTION_ERROR',
    ],
    ['1e-7 / 0 (signed as the integer "0")', credits, 1e-7, 0, 1e-7, 422, 'DATA_LOSS_DETECTION_ERROR'],
    ['1e21 / its next double (both "1.0E21")', credits, 1e21, 1e21 + 2 ** 17, 1e21, 400, 'MALFORMED_VALUE_ERROR'],
    [
      'a lone surrogate / U+FFFD (UTF-8 encoding replaces it)',
      description,
      'a\uD800b',
      'a\uFFFDb',
      new Raw('"a\\ud800b"'),
      400,
      'MALFORMED_VALUE_ERROR',
    ],
    ['null / absent (JSON-LD drops null)', description, null, undefined, null, 422, 'DATA_LOSS_DETECTION_ERROR'],
    ['[] / absent (JSON-LD drops empty lists)', tag, [], undefined, [], 422, 'DATA_LOSS_DETECTION_ERROR'],
    ['a repeated value / once (RDF keeps a set)', tag, ['a', 'a'], ['a'], ['a', 'a'], 422, 'DATA_LOSS_DETECTION_ERROR'],
    ['"_:a" / "_:b" (blank nodes are relabelled)', imageId, '_:a', '_:b', '_:a', 422, 'MALFORMED_VALUE_ERROR'],
  ])(
    '%s: the proof survives the change; the issuer refuses it (%i %s)',
    async (_name, edit, signedValue, other, sent, status, code) => {
      expect(await proofSurvives(edit, signedValue, other)).toBe(true);
      const res = await issue(edit, sent);
      expect({ status: res.status, title: res.json.title }).toEqual({ status, title: code });
    },
  );

  it('the verifier names the number and string cases in its format check (MALFORMED_VALUE_ERROR)', () => {
    for (const [edit, value] of [
      [credits, -0],
      [credits, 0.10000000000000002],
      [credits, 1e-7],
      [credits, 1e21],
      [description, 'a\uD800b'],
      [imageId, '_:a'],
    ] as Array<[Edit, unknown]>) {
      const c = fixture();
      edit(c, value);
      expect(checkCredentialShape(c)?.title).toBe('MALFORMED_VALUE_ERROR');
    }
  });

  it('known limit, not refused: the order of a list is not signed (RDF has no order outside @list)', async () => {
    expect(await proofSurvives(tag, ['a', 'b'], ['b', 'a'])).toBe(true);
  });
});
