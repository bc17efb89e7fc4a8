import { problem } from '@repo/core';
import { asList } from '@repo/schemas';
import type { Check } from '../types.ts';

const REQUIRED: ReadonlyArray<{ at: string; class: string; props: readonly string[] }> = [
  { at: '/badge', class: 'BadgeClass', props: ['id', 'type', 'name', 'description', 'image', 'criteria', 'issuer'] },
  { at: '/badge/issuer', class: 'Profile', props: ['id', 'type', 'name', 'url', 'email'] },
];

/**
 * The `schema` check of an OB 2.0 badge — OB 2.0 "Data Validation" of the linked objects: the
 * BadgeClass has `id`, `type`, `name`, `description`, `image`, `criteria` and `issuer`; the issuer
 * Profile has `id`, `type`, `name`, `url` and `email` (OB 2.0 Profile, "required when used as a
 * badge issuer"); `name` and `description` are text. Findings are a `warning` (`schemaChecking:
 * 'report'`, the default) or make the check fail (`'strict'`), as for OB 3.0 schemas.
 *
 * @example
 * checkOb2Data(badgeClass, issuer, 'report').status; // 'passed'
 */
export function checkOb2Data(
  badgeClass: Record<string, unknown>,
  issuer: Record<string, unknown>,
  schemaChecking: 'report' | 'strict',
): Check {
  const findings: Array<{ pointer: string; message: string }> = [];
  for (const [i, doc] of [badgeClass, issuer].entries()) {
    const rule = REQUIRED[i]!;
    for (const prop of rule.props) {
      const v = doc[prop];
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0))
        findings.push({ pointer: `${rule.at}/${prop}`, message: `The ${rule.class} has no ${prop}.` });
    }
    for (const prop of ['name', 'description']) {
      const v = doc[prop];
      if (v !== undefined && typeof v !== 'string')
        findings.push({ pointer: `${rule.at}/${prop}`, message: `The ${rule.class}'s ${prop} must be text.` });
    }
  }
  if (badgeClass.type !== undefined && !asList(badgeClass.type).includes('BadgeClass'))
    findings.push({ pointer: '/badge/type', message: 'The badge is not of type BadgeClass.' });
  if (findings.length === 0)
    return {
      id: 'schema',
      status: 'passed',
      message: 'The BadgeClass and issuer Profile have every required property (Open Badges 2.0).',
    };
  const first = findings[0]!;
  const detail =
    findings.length === 1 ? first.message : `${first.message} (and ${findings.length - 1} more: see details.findings)`;
  return {
    id: 'schema',
    status: schemaChecking === 'strict' ? 'failed' : 'warning',
    problem: problem('SCHEMA_VALIDATION_ERROR', detail, first.pointer),
    details: { findings, standard: 'Open Badges 2.0 Data Validation' },
  };
}
