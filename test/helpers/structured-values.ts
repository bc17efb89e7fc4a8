/**
 * What property tests of copies compare against `structuredClone`: a description of everything a
 * structured clone keeps, and the values they draw.
 */
import fc from 'fast-check';

/**
 * Everything a structured clone keeps, as plain comparable data: keys in order, -0, NaN,
 * `undefined`, array holes, dates, maps, and whether an object has the plain prototype.
 *
 * @example
 * expect(describeValue(copy)).toEqual(describeValue(structuredClone(value)));
 */
export const describeValue = (v: unknown): unknown => {
  if (v === undefined) return ['undefined'];
  if (typeof v === 'number') return ['number', Object.is(v, -0) ? '-0' : String(v)];
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v))
    return ['array', v.length, ...Array.from(v.keys(), (i) => (i in v ? describeValue(v[i]) : 'hole'))];
  if (v instanceof Date) return ['date', v.getTime()];
  if (v instanceof Map) return ['map', [...v].map(([k, x]) => [describeValue(k), describeValue(x)])];
  return [
    'object',
    Object.getPrototypeOf(v) === Object.prototype,
    ...Object.entries(v).map(([k, x]) => [k, describeValue(x)]),
  ];
};

/** Values JSON nearly holds, and what it does not: -0, NaN, `undefined`, in arrays and objects. */
export const cloneableValue = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.constantFrom(-0, 0, Number.NaN),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('any')),
    fc.dictionary(fc.string(), tie('any')),
  ),
})).any;
