import { type Constraint, type PathwayComponent, parseDuration } from '@repo/schemas';

/** A number as people write it: no float noise, no trailing zeros. */
export function formatNumber(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/**
 * An ISO 8601 duration in words: `P5Y` → "5 years", `P1Y6M` → "1 year and 6 months".
 *
 * @example
 * durationInWords('P90D'); // '90 days'
 */
export function durationInWords(duration: string): string {
  const d = parseDuration(duration);
  if (!d) return duration;
  const parts = [
    d.years ? plural(d.years, 'year', 'years') : '',
    d.months ? plural(d.months, 'month', 'months') : '',
    d.weeks ? plural(d.weeks, 'week', 'weeks') : '',
    d.days ? plural(d.days, 'day', 'days') : '',
  ].filter(Boolean);
  if (parts.length === 0) return '0 days';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * A requirement name inside a sentence: sentence-case names lose their capital
 * ("Technical electives" → "technical electives"); names with other capitals or acronyms
 * ("General Education", "OSHA courses") stay as written.
 *
 * @example
 * inSentence('Technical electives'); // 'technical electives'
 */
export function inSentence(name: string): string {
  const words = name.trim().split(/\s+/);
  const first = words[0] ?? '';
  const sentenceCase =
    /^[A-Z][a-z]/.test(first) &&
    first.slice(1) === first.slice(1).toLowerCase() &&
    words.slice(1).every((w) => w === w.toLowerCase());
  return sentenceCase ? name.trim()[0]!.toLowerCase() + name.trim().slice(1) : name.trim();
}

/**
 * An OB 3.0 `resultType` in words: `GradePointAverage` → "grade point average", `ext:BandScore`
 * → "band score".
 *
 * @example
 * resultTypeInWords('RawScore'); // 'raw score'
 */
export function resultTypeInWords(resultType: string): string {
  return resultType
    .replace(/^ext:/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/**
 * What a missing component needs, in words: its name, with its constraints spelled out.
 *
 * @example
 * describeComponentNeed({ name: 'College Composition', constraints: [{ type: 'MinResult', value: 70 }] });
 * // 'a result of at least 70 in College Composition'
 * describeComponentNeed({ name: 'Forklift operator', constraints: [{ type: 'AwardedWithin', duration: 'P3Y' }] });
 * // 'Forklift operator, awarded within the last 3 years'
 */
export function describeComponentNeed(component: Pick<PathwayComponent, 'name' | 'constraints'>): string {
  const constraints: readonly Constraint[] = component.constraints ?? [];
  let text = component.name;
  const results = constraints.filter((c) => c.type === 'MinResult');
  if (results.length > 0) {
    const phrases = results.map(
      (c) =>
        `a result of at least ${formatNumber(c.value)}${c.resultType ? ` (${resultTypeInWords(c.resultType)})` : ''}`,
    );
    text = `${phrases.join(' and ')} in ${component.name}`;
  }
  for (const c of constraints) {
    if (c.type === 'AwardedWithin') text += `, awarded within the last ${durationInWords(c.duration)}`;
  }
  return text;
}

/**
 * The credit shortfall in words ("6 more credits"); with `scope`, says where
 * ("6 more credits in technical electives"). Empty when nothing is short.
 *
 * @example
 * describeCreditNeed(9, 15); // '6 more credits'
 */
export function describeCreditNeed(credits: number, required: number | undefined, scope?: string): string {
  if (required === undefined) return '';
  const short = Math.round((required - credits) * 1000) / 1000;
  if (short <= 0) return '';
  const text = `${plural(short, 'more credit', 'more credits')}`;
  return scope === undefined ? text : `${text} in ${inSentence(scope)}`;
}

/**
 * How many more children an `AtLeast` condition needs: "2 of 3 technical electives" (two more
 * of the three required). Empty when enough are satisfied.
 *
 * @example
 * describeCountNeed('Technical electives', 1, 3); // '2 of 3 technical electives'
 */
export function describeCountNeed(name: string, satisfied: number, required: number): string {
  const missing = required - satisfied;
  return missing > 0 ? `${missing} of ${required} ${inSentence(name)}` : '';
}
