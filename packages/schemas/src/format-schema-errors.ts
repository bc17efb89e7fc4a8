/**
 * Turns ajv's raw errors into `{ pointer, message }` pairs a person can act on. Internal to the
 * package: `validateCredential` is the public entry point.
 */
import type { ErrorObject } from 'ajv/dist/2019.js';

/**
 * One schema violation: where it is (RFC 6901 JSON Pointer) and what to do about it.
 *
 * @example
 * const error: SchemaValidationError = {
 *   pointer: '/credentialSubject/achievement/name',
 *   message: '`credentialSubject.achievement.name` is required: the name of the achievement.',
 * };
 */
export interface SchemaValidationError {
  /** JSON Pointer to the offending field; for a missing property, the pointer of that property. */
  pointer: string;
  /** A sentence naming the field and what it must be. */
  message: string;
}

const OB_CONTEXT_EXAMPLE = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/**
 * Maps ajv errors (compiled with `allErrors` and `verbose`) to {@link SchemaValidationError}s.
 * `documentNoun` names the root in messages, e.g. "the credential".
 *
 * @example
 * formatSchemaErrors(validate.errors ?? [], 'the credential');
 * // [{ pointer: '/validFrom', message: '`validFrom` is required: when the credential becomes valid …' }]
 */
export function formatSchemaErrors(errors: readonly ErrorObject[], documentNoun: string): SchemaValidationError[] {
  // `anyOf` and `contains` also report every failed branch or item; one message says it better.
  const collapsed = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'contains');
  // `if` only reports that a `then`/`else` branch failed; that branch's own errors say why. It
  // does tell what else the value could have been ("one or many", "a URI or a Profile").
  const alternatives = new Map(errors.filter((e) => e.keyword === 'if').map((e) => [e.instancePath, e]));
  const out: SchemaValidationError[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    if (collapsed.some((a) => a !== error && isInside(error, a))) continue;
    const item = describe(error, documentNoun, alternatives.get(error.instancePath));
    const key = `${item.pointer}\u0000${item.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

function isInside(error: ErrorObject, parent: ErrorObject): boolean {
  const path = parent.instancePath;
  return (
    error.schemaPath.startsWith(`${parent.schemaPath}/`) &&
    (error.instancePath === path || error.instancePath.startsWith(`${path}/`))
  );
}

function describe(error: ErrorObject, documentNoun: string, alternative?: ErrorObject): SchemaValidationError {
  const pointer = error.instancePath;
  const field = humanPath(pointer, documentNoun);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const name = String(params.missingProperty);
      const missing = `${pointer}/${escapePointer(name)}`;
      const hint = propertyDescription(error.parentSchema, name);
      return {
        pointer: missing,
        message: `${humanPath(missing, documentNoun)} is required${hint ? `: ${hint}` : ''}.`,
      };
    }
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const extra = `${pointer}/${escapePointer(name)}`;
      const title = typeof error.parentSchema?.title === 'string' ? `an ${error.parentSchema.title}` : 'this object';
      const allowed = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      return {
        pointer: extra,
        message: `${humanPath(extra, documentNoun)} is not allowed in ${title}; remove it${allowed.length ? ` (allowed: ${allowed.map((a) => `\`${a}\``).join(', ')})` : ''}.`,
      };
    }
    case 'type': {
      const expected = pointer === '' ? typeNames(String(params.type)) : expectedKind(error);
      const other = (alternative?.parentSchema?.if as { type?: unknown } | undefined)?.type;
      if (other === 'array')
        return { pointer, message: `${capitalize(field)} must be ${expected} or an array of them.` };
      if (other === 'string') return { pointer, message: `${capitalize(field)} must be a string or ${expected}.` };
      return { pointer, message: `${capitalize(field)} must be ${expected}.` };
    }
    case 'const':
      return { pointer, message: `${capitalize(field)} must be ${JSON.stringify(params.allowedValue)}.` };
    case 'enum':
      return { pointer, message: `${capitalize(field)} must be one of: ${listValues(params.allowedValues)}.` };
    case 'anyOf':
      return { pointer, message: anyOfMessage(error, field) };
    case 'contains':
      return { pointer, message: `${capitalize(field)} must include ${containsWhat(error.schema)}.` };
    case 'format':
      return {
        pointer,
        message: `${capitalize(field)} must be ${formatName(String(params.format))}${got(error.data)}.`,
      };
    case 'pattern':
      return {
        pointer,
        message: `${capitalize(field)} must be ${patternName(String(params.pattern))}${got(error.data)}.`,
      };
    case 'minItems':
      return { pointer, message: `${capitalize(field)} must have at least ${String(params.limit)} item(s).` };
    case 'minimum':
      return { pointer, message: `${capitalize(field)} must be at least ${String(params.limit)}.` };
    default:
      return { pointer, message: `${capitalize(field)} ${error.message ?? 'is invalid'}.` };
  }
}

function anyOfMessage(error: ErrorObject, field: string): string {
  const branches = Array.isArray(error.schema) ? (error.schema as Array<Record<string, unknown>>) : [];
  const values = branches.find((b) => Array.isArray(b.enum))?.enum;
  // Ours anchor the extension pattern (`^ext:…`); 1EdTech's official texts write `(ext:)…`.
  const extensible = branches.some((b) => typeof b.pattern === 'string' && /^\^?\(?ext:/.test(b.pattern));
  if (values && extensible) {
    return `${capitalize(field)} must be one of: ${listValues(values)}, or an extension term starting with \`ext:\` (e.g. \`ext:MyType\`)${got(error.data)}.`;
  }
  const rule = error.parentSchema?.description;
  if (typeof rule === 'string') return `${capitalize(field)} ${rule}`;
  return `${capitalize(field)} does not match any of the allowed forms.`;
}

function propertyDescription(schema: unknown, name: string): string | undefined {
  const properties = (schema as { properties?: Record<string, { description?: unknown }> } | undefined)?.properties;
  const text = properties?.[name]?.description;
  if (typeof text !== 'string') return undefined;
  const trimmed = text.replace(/\.$/, '');
  // Lower-case a leading capital unless it starts an acronym ("URI", "ISO").
  return /^[A-Z][a-z]/.test(trimmed) ? trimmed[0]!.toLowerCase() + trimmed.slice(1) : trimmed;
}

function containsWhat(schema: unknown): string {
  const s = schema as { const?: unknown; enum?: unknown[] } | undefined;
  if (s && 'const' in s) return JSON.stringify(s.const);
  if (Array.isArray(s?.enum)) return `one of ${s.enum.map((v) => JSON.stringify(v)).join(' or ')}`;
  return 'a matching item';
}

function formatName(format: string): string {
  switch (format) {
    case 'date-time':
      return 'an RFC 3339 date-time with a time zone, e.g. "2025-03-01T09:00:00Z"';
    case 'date':
      return 'a date written YYYY-MM-DD';
    case 'uri':
      return 'an absolute URI, e.g. "https://…", "urn:uuid:…" or "did:…"';
    default:
      return `a valid ${format}`;
  }
}

function patternName(pattern: string): string {
  if (pattern.includes('purl\\.imsglobal\\.org\\/spec\\/ob\\/v3p0\\/context')) {
    return `an Open Badges 3.0 context URL such as "${OB_CONTEXT_EXAMPLE}"`;
  }
  if (pattern === '^[0-9]+$') return 'a string of digits, e.g. "94567"';
  if (pattern.startsWith('^[a-zA-Z0-9_-]+\\.')) return 'a compact JWS (three base64url parts separated by dots)';
  if (pattern.startsWith('^[a-z]{2,4}')) return 'a BCP 47 language code such as "en" or "nl-NL"';
  return `a string matching ${pattern}`;
}

/** "a Profile object" when the schema names its class, else "a JSON object" / "a string" / …. */
function expectedKind(error: ErrorObject): string {
  const type = String((error.params as { type?: unknown }).type);
  const title = error.parentSchema?.title;
  if (type === 'object' && typeof title === 'string') return `${/^[AEIOU]/.test(title) ? 'an' : 'a'} ${title} object`;
  return typeNames(type);
}

function typeNames(types: string): string {
  const article: Record<string, string> = {
    object: 'a JSON object',
    array: 'an array',
    string: 'a string',
    number: 'a number',
    integer: 'an integer',
    boolean: 'true or false',
    null: 'null',
  };
  return types
    .split(',')
    .map((t) => article[t] ?? t)
    .join(' or ');
}

function listValues(values: unknown): string {
  return Array.isArray(values) ? values.map((v) => String(v)).join(', ') : String(values);
}

function got(data: unknown): string {
  if (typeof data !== 'string') return '';
  const shown = data.length > 60 ? `${data.slice(0, 57)}...` : data;
  return ` (got ${JSON.stringify(shown)})`;
}

/** `/credentialSubject/achievement/criteria` → "`credentialSubject.achievement.criteria`". */
function humanPath(pointer: string, documentNoun: string): string {
  if (pointer === '') return documentNoun;
  let path = '';
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^\d+$/.test(segment) ? `[${segment}]` : path === '' ? segment : `.${segment}`;
  }
  return `\`${path}\``;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function capitalize(text: string): string {
  return text.startsWith('`') ? text : text.charAt(0).toUpperCase() + text.slice(1);
}
