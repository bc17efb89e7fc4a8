/**
 * A signing worker answers a signed credential as the members its signature added or changed
 * (changedMembers), and the pool rebuilds it from the caller's credential (withMembers): the
 * rebuilt credential must be exactly what a structured clone of the whole signed credential gives
 * (keys in order, -0, undefined, NaN), and whenever that cannot be told, the whole one is answered.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneableValue, describeValue } from '../../../../test/helpers/structured-values.ts';
import { changedMembers, isPlainJson, withMembers } from '../../src/workers/signed-members.ts';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261207);

const bytes = (value: unknown) => JSON.stringify(describeValue(value));

const value = cloneableValue;

/** JSON a credential holds: no undefined, -0 or NaN. */
const json = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('any')),
    fc.dictionary(fc.string(), tie('any'), { noNullPrototype: true }),
  ),
})).any;

const edit = fc.record({
  key: fc.oneof(fc.string(), fc.constantFrom('proof', '@context', 'id')),
  value,
  drop: fc.boolean(),
});

describe('signed members: the proof travels back, not the credential', () => {
  it('any edit of a credential: rebuilt from the changed members, the same as a structured clone of the whole', () => {
    let rebuilt = 0;
    fc.assert(
      fc.property(fc.dictionary(fc.string(), value), fc.array(edit, { maxLength: 6 }), (credential, edits) => {
        const signed: Record<string, unknown> = structuredClone(credential);
        for (const e of edits) {
          if (e.drop) delete signed[e.key];
          else signed[e.key] = e.value;
        }
        // what the pool does: a credential that is not plain JSON data is answered whole
        const members = isPlainJson(credential) ? changedMembers(structuredClone(credential), signed) : undefined;
        if (members === undefined) return;
        rebuilt++;
        // the members travel by postMessage: a structured clone
        expect(bytes(withMembers(credential, structuredClone(members)))).toBe(bytes(structuredClone(signed)));
      }),
      { seed: SEED, numRuns: 3000 },
    );
    expect(rebuilt).toBeGreaterThan(500);
  });

  it('a proof added to JSON data: only the proof travels, and the rest is the caller’s own', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), json, { noNullPrototype: true }), json, (credential, proof) => {
        fc.pre(!('proof' in credential) && !Object.hasOwn(credential, '__proto__') && isPlainJson(credential));
        const signed = { ...structuredClone(credential), proof };
        const members = changedMembers(structuredClone(credential), signed);
        expect(members && Object.keys(members)).toEqual(['proof']);
        const rebuilt = withMembers(credential, structuredClone(members ?? {}));
        expect(bytes(rebuilt)).toBe(bytes(signed));
        for (const key of Object.keys(credential)) expect(rebuilt[key]).toBe(credential[key]);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('a changed member travels with the proof (a VC 1.1 @context)', () => {
    const credential = { '@context': ['v1'], id: 'urn:x', credentialSubject: { id: 'did:x', n: [1, 2] } };
    const signed = { ...structuredClone(credential), '@context': ['v1', 'di'], proof: { type: 'DataIntegrityProof' } };
    expect(changedMembers(structuredClone(credential), signed)).toEqual({
      '@context': ['v1', 'di'],
      proof: { type: 'DataIntegrityProof' },
    });
  });

  it('the whole credential travels when the members are not the same JSON in the same order', () => {
    const base = { a: { b: [1, 'x', null] }, c: 2 };
    const whole = (credential: Record<string, unknown>, signed: Record<string, unknown>) =>
      changedMembers(structuredClone(credential), signed);
    // members moved, or one dropped
    expect(whole(base, { c: 2, a: { b: [1, 'x', null] }, proof: 1 })).toBeUndefined();
    expect(whole(base, { a: { b: [1, 'x', null] }, proof: 1 })).toBeUndefined();
    // a member that holds what JSON cannot say: answered whole, as a structured clone would copy it
    expect(whole({ a: -0 }, { a: -0, proof: 1 })).toEqual({ proof: 1 });
    expect(whole({ a: 0 }, { a: -0, proof: 1 })).toEqual({ a: -0, proof: 1 });
    expect(whole({ a: undefined }, { a: undefined, proof: 1 })).toEqual({ a: undefined, proof: 1 });
    const when = new Date(0);
    expect(whole({ a: when }, { a: new Date(0), proof: 1 })).toEqual({ a: new Date(0), proof: 1 });
    const holey = [1, 2, 3];
    delete holey[1];
    expect(Object.keys(whole({ a: holey }, { a: [1, undefined, 3], proof: 1 }) ?? {})).toEqual(['a', 'proof']);
    // nested key order counts
    expect(Object.keys(whole({ a: { x: 1, y: 2 } }, { a: { y: 2, x: 1 }, proof: 1 }) ?? {})).toEqual(['a', 'proof']);
    // an own __proto__ member would be set as a prototype by withMembers
    expect(
      whole(JSON.parse('{"__proto__": {"p": 1}}'), JSON.parse('{"__proto__": {"p": 1}, "proof": 1}')),
    ).toBeUndefined();
    // not a plain object
    expect(whole([] as unknown as Record<string, unknown>, { proof: 1 })).toBeUndefined();
  });

  it('only plain JSON data is answered by its changed members: its structured clone is the same data', () => {
    class Thing {
      a = 1;
    }
    expect(isPlainJson({ a: [1, 'x', null, true, { b: -0, c: undefined }] })).toBe(true);
    expect(isPlainJson(JSON.parse('{"__proto__": {"a": 1}}'))).toBe(true);
    for (const other of [{ a: Object.create(null) }, { a: [new Thing()] }, { a: new Date(0) }, { a: new Map() }])
      expect(isPlainJson(other)).toBe(false);
    const deep: Record<string, unknown> = {};
    let at = deep;
    for (let i = 0; i < 100; i++) at = at.next = {};
    expect(isPlainJson(deep)).toBe(false);
  });
});
