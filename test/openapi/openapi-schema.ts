/**
 * Ajv (2020-12) loaded the way the repository's own packages load it, with the official OpenAPI 3.1
 * JSON Schemas of test/fixtures/openapi/ (see its README for their source): a validator for whole
 * documents, and one for instances against a Schema Object of a document.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The members of an Ajv instance the tests use. */
export interface AjvLike {
  addSchema(schema: object, key?: string): AjvLike;
  compile(schema: object): ValidateLike;
  getSchema(key: string): ValidateLike | undefined;
}
/** A compiled Ajv validator. */
export interface ValidateLike {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; schemaPath: string; message?: string }> | null;
}

// ajv and ajv-formats are dependencies of packages/schemas (not of the repository root).
const load = createRequire(fileURLToPath(new URL('../../packages/schemas/package.json', import.meta.url)));
const Ajv2020 = (load('ajv/dist/2020') as { default: new (options: object) => AjvLike }).default;
const addFormats = (load('ajv-formats') as { default: (ajv: AjvLike) => AjvLike }).default;

const fixture = (name: string): object =>
  JSON.parse(readFileSync(new URL(`../fixtures/openapi/${name}`, import.meta.url), 'utf8'));

/** RFC 9110 §12.5.1 `media-range` (with parameters), the format the schema gives Encoding `contentType`. */
const MEDIA_RANGE = /^(\*\/\*|[A-Za-z0-9!#$&^_.+-]+\/(\*|[A-Za-z0-9!#$&^_.+-]+))(\s*;\s*[^;]+)*(\s*,\s*.+)?$/;

/** `$id` of the schema of a whole OpenAPI 3.1 document (Schema Objects checked only as objects). */
export const OAS_SCHEMA = 'https://spec.openapis.org/oas/3.1/schema/2022-10-07';
/** `$id` of the OpenAPI 3.1 "base" dialect every Schema Object of a document follows. */
export const OAS_DIALECT = 'https://spec.openapis.org/oas/3.1/dialect/base';

/**
 * An Ajv 2020-12 instance holding the official OpenAPI 3.1 schemas: {@link OAS_SCHEMA} for the
 * document and {@link OAS_DIALECT} for its Schema Objects. Ajv resolves `$dynamicRef` only to a
 * `$dynamicAnchor` at the root of a schema resource, and `schema.json` puts its `meta` anchor at
 * `$defs/schema`; used on its own (as here) that anchor is the only one in scope, so its four
 * `$dynamicRef: "#meta"` are loaded as the equivalent `$ref: "#/$defs/schema"`. `schema-base.json`
 * (which swaps the anchor for the dialect) is replaced by checking each Schema Object against the
 * dialect, whose anchor is at its root.
 *
 * @example
 * const ajv = openApiAjv(); ajv.getSchema(OAS_SCHEMA)!(doc);
 */
export function openApiAjv(): AjvLike {
  const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false, formats: { 'media-range': MEDIA_RANGE } }));
  ajv.addSchema(fixture('meta-base.schema.json'));
  ajv.addSchema(fixture('dialect-base.schema.json'));
  const text = readFileSync(new URL('../fixtures/openapi/schema.json', import.meta.url), 'utf8');
  ajv.addSchema(JSON.parse(text.replaceAll('"$dynamicRef": "#meta"', '"$ref": "#/$defs/schema"')));
  return ajv;
}

/**
 * A validator for instances against a document's Schema Objects: the document is added under its
 * own key, so `$ref: '#/components/…'` inside a schema resolves.
 *
 * @example
 * const check = schemaChecker(doc); check({ $ref: '#/components/schemas/Problem' }, body);
 */
export function schemaChecker(doc: object): (schema: object, value: unknown) => string[] {
  const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false, validateSchema: false }));
  ajv.addSchema({ ...doc, $id: DOCUMENT_ID });
  const compiled = new Map<string, ValidateLike>();
  return (schema, value) => {
    const text = JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${DOCUMENT_ID}#/`);
    let validate = compiled.get(text);
    if (!validate) {
      validate = ajv.compile(JSON.parse(text));
      compiled.set(text, validate);
    }
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}

/** The `$id` the document is added under, so that its `#/components/…` references resolve. */
const DOCUMENT_ID = 'https://openapi.test/document';
