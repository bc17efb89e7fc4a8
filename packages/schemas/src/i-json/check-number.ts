/** Decimal value of a JSON number text or `String(number)`: sign, significant digits, exponent. */
interface Decimal {
  negative: boolean;
  /** Significant digits, no leading or trailing zeros; `''` for zero. */
  digits: string;
  /** The value is `0.digits × 10^exponent`. */
  exponent: number;
}

function decimalOf(text: string): Decimal | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return undefined;
  const [, sign, int = '', frac = '', exp = '0'] = m;
  const all = int + frac;
  const lead = all.length - all.replace(/^0+/, '').length;
  const digits = all.slice(lead).replace(/0+$/, '');
  return { negative: sign === '-', digits, exponent: int.length - lead + Number(exp) };
}

const sameDecimal = (a: Decimal, b: Decimal): boolean =>
  a.digits === b.digits && (a.digits === '' || (a.negative === b.negative && a.exponent === b.exponent));

/** RFC 7493 §2.2: integers in this range are exact in every IEEE 754 double implementation. */
export const MAX_EXACT_INTEGER = Number.MAX_SAFE_INTEGER;

/**
 * Checks one JSON number as written (RFC 7493 §2.2): it must be finite as an IEEE 754 double,
 * an integer must lie within ±(2^53−1), and the text must stand for exactly the double it is read
 * as (`1.0` and `1e2` do; `0.10000000000000001`, read as 0.1, and `9007199254740993` do not).
 * Returns the sentence saying what is wrong, or undefined.
 *
 * @example
 * numberTextProblem('12'); // undefined
 * numberTextProblem('9007199254740993'); // 'The number 9007199254740993 is an integer beyond …'
 */
export function numberTextProblem(text: string): string | undefined {
  const value = Number(text);
  if (!Number.isFinite(value))
    return `The number ${text} is too large for an IEEE 754 double (RFC 7493 §2.2); send it as a string.`;
  if (Number.isInteger(value) && !Number.isSafeInteger(value))
    return `The number ${text} is an integer beyond ±(2^53−1), which JSON implementations do not carry exactly (RFC 7493 §2.2); send it as a string.`;
  const written = decimalOf(text);
  const read = decimalOf(String(value));
  if (!written || !read || !sameDecimal(written, read))
    return `The number ${text} is more precise than an IEEE 754 double: it would be read as ${String(value)} (RFC 7493 §2.2); send ${String(value)} or a string.`;
  return undefined;
}

/**
 * How JSON-LD turns a JSON number into an RDF literal, as RDF canonicalisation signs it (JSON-LD
 * 1.1 "Object to RDF Conversion", jsonld.js `toRdf`): a number whose `String` form has a `.`, or
 * of magnitude ≥ 1e21, is an `xsd:double` written `toExponential(15)` with the mantissa's trailing
 * zeros dropped; any other number is an `xsd:integer` written `toFixed(0)` — so `1e-7`, whose
 * `String` form has no `.`, is signed as the integer 0.
 *
 * @example
 * canonicalLiteral(0.1); // '1.0E-1'
 * canonicalLiteral(1e-7); // '0'
 */
export function canonicalLiteral(value: number): string {
  const isDouble = String(value).includes('.') || Math.abs(value) >= 1e21;
  return isDouble ? value.toExponential(15).replace(/(\d)0*e\+?/, '$1E') : value.toFixed(0);
}

/**
 * Checks one JavaScript number found in a document (RFC 7493 §2.2, and what canonicalisation can
 * carry): it must be finite, an integer within ±(2^53−1), not −0 (JCS and RDF canonicalisation
 * write 0, so a proof cannot tell them apart), and its RDF literal ({@link canonicalLiteral}) must
 * read back as the same number: 0.1 and 0.10000000000000002 are both signed as `1.0E-1`, and
 * `1e-7` as `0`. Returns the rule broken and a sentence, or undefined.
 *
 * @example
 * numberValueProblem(-0); // { rule: 'unfaithful-number', detail: '−0 cannot be signed faithfully: …' }
 * numberValueProblem(6); // undefined
 */
export function numberValueProblem(
  value: number,
  options: { rdf?: boolean } = {},
): { rule: 'number' | 'unfaithful-number'; detail: string } | undefined {
  if (!Number.isFinite(value))
    return { rule: 'number', detail: `${String(value)} is not a JSON number (RFC 7493 §2.2).` };
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    return {
      rule: 'number',
      detail: `The number ${String(value)} is an integer beyond ±(2^53−1), which JSON implementations do not carry exactly (RFC 7493 §2.2); send it as a string.`,
    };
  }
  if (Object.is(value, -0)) {
    return {
      rule: 'unfaithful-number',
      detail: '−0 cannot be signed faithfully: canonicalisation (JCS and RDF) writes it as 0; send 0.',
    };
  }
  if (options.rdf === false) return undefined;
  const literal = canonicalLiteral(value);
  if (!Object.is(Number(literal), value)) {
    return {
      rule: 'unfaithful-number',
      detail: `The number ${String(value)} cannot be signed faithfully: RDF canonicalisation writes it as ${literal}, which is another number; send fewer significant digits, or the number as a string.`,
    };
  }
  return undefined;
}
