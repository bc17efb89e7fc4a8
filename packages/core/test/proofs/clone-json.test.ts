import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneableValue, describeValue } from '../../../../test/helpers/structured-values.ts';
import { cloneJson } from '../../src/proofs/fast/clone-json.ts';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261207);

describe('cloneJson copies as structuredClone does', () => {
  it('JSON data (and undefined, -0, NaN): same keys in the same order, same values, new objects', () => {
    fc.assert(
      fc.property(cloneableValue, (v) => {
        const copy = cloneJson(v);
        expect(describeValue(copy)).toEqual(describeValue(structuredClone(v)));
        if (v !== null && typeof v === 'object') expect(copy).not.toBe(v);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('a credential: equal JSON, no object shared with the input', () => {
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      credentialSubject: { id: 'did:example:1', results: [{ value: 'a—b' }] },
    };
    const copy = cloneJson(credential);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(credential));
    expect(copy['@context']).not.toBe(credential['@context']);
    expect(copy.credentialSubject.results[0]).not.toBe(credential.credentialSubject.results[0]);
  });

  it('anything else is structuredClone’s: Date, Map, class instances, holes, array properties, __proto__, cycles', () => {
    class Thing {
      a = 1;
    }
    const holey = [1, 2, 3];
    delete holey[1];
    const withProperty = Object.assign([1, 2], { extra: true });
    const protoKey = JSON.parse('{"__proto__": {"polluted": true}, "b": 1}');
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const deep: Record<string, unknown> = {};
    let at = deep;
    for (let i = 0; i < 200; i++) at = at.next = {};
    for (const v of [
      { when: new Date(0) },
      { m: new Map([[1, 2]]) },
      { t: new Thing() },
      { holey },
      { withProperty },
      protoKey,
      deep,
      Object.create(null),
    ]) {
      expect(describeValue(cloneJson(v))).toEqual(describeValue(structuredClone(v)));
    }
    expect(Object.hasOwn(cloneJson(protoKey), '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const c = cloneJson(cyclic);
    expect(c.self).toBe(c);
    expect(1 in (cloneJson({ holey }).holey as unknown[])).toBe(false);
  });

  it('throws what structuredClone throws for what it cannot copy', () => {
    const error = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return [(e as Error).name, (e as Error).message];
      }
      return undefined;
    };
    for (const v of [{ f: () => 1 }, { s: Symbol('x') }]) {
      expect(error(() => cloneJson(v))).toEqual(error(() => structuredClone(v)));
      expect(error(() => cloneJson(v))).toBeDefined();
    }
  });
});
