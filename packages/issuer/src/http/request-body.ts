import { escapePointerToken } from '@repo/schemas';
import { Ajv, type ErrorObject, type SchemaObject } from 'ajv';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ProblemError } from './problem-error.ts';

/**
 * A request body's JSON Schema, with the sentence a person reads when a value is wrong in the
 * `description` of the property that holds it (a missing property: its own `description`, or
 * "<name> is required."). `options` objects list their known members: anything else is
 * `UNKNOWN_OPTION_PROVIDED` (VC-API), an unknown member elsewhere `MALFORMED_VALUE_ERROR`.
 */
export type BodySchema = SchemaObject;

const ajv = new Ajv({ allErrors: false, verbose: true, strict: true, strictRequired: false });

const describe = (schema: unknown): string | undefined =>
  schema && typeof schema === 'object' && typeof (schema as { description?: unknown }).description === 'string'
    ? (schema as { description: string }).description
    : undefined;

/** The one problem for the first thing the schema refuses, with its JSON Pointer. */
function toProblem(error: ErrorObject, hint: string | undefined): ProblemError {
  const at = error.instancePath;
  if (error.keyword === 'additionalProperties') {
    const name = String((error.params as { additionalProperty: string }).additionalProperty);
    const pointer = `${at}/${escapePointerToken(name)}`;
    if (at === '/options') {
      const known = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
      return new ProblemError(
        400,
        'UNKNOWN_OPTION_PROVIDED',
        `Unknown option "${name}".${known.length > 0 ? ` Known options: ${known.join(', ')}.` : ''}`,
        { pointer },
      );
    }
    const where = at === '' ? 'request field' : 'field';
    return new ProblemError(
      400,
      'MALFORMED_VALUE_ERROR',
      `Unknown ${where} "${name}".${at === '' && hint ? ` ${hint}` : ''}`,
      {
        pointer,
      },
    );
  }
  if (error.keyword === 'required') {
    const name = String((error.params as { missingProperty: string }).missingProperty);
    const property = (error.parentSchema as { properties?: Record<string, unknown> })?.properties?.[name];
    return new ProblemError(400, 'MALFORMED_VALUE_ERROR', describe(property) ?? `${name} is required.`, {
      pointer: `${at}/${name}`,
    });
  }
  return new ProblemError(
    400,
    'MALFORMED_VALUE_ERROR',
    describe(error.parentSchema) ?? `${at || 'The body'} ${error.message ?? 'is not valid'}.`,
    { pointer: at },
  );
}

/**
 * Checks a parsed JSON body against its route's {@link BodySchema} (one Ajv instance, each schema
 * compiled once) and refuses the first problem as a 400 RFC 9457 answer naming the JSON Pointer.
 * Goes after `jsonBody`; the route then reads a body whose shape is known.
 *
 * @example
 * app.post('/credentials/status', ...body, requestBody(STATUS_UPDATE_BODY), handler);
 */
export function requestBody(schema: BodySchema, hint?: string): RequestHandler {
  const check = bodyChecker(schema, hint);
  return (req: Request, _res: Response, next: NextFunction): void => {
    next(check(req.body));
  };
}

/**
 * The check {@link requestBody} runs, as a function: the problem for the first thing `schema`
 * refuses in `value`, or undefined (each line of a batch upload is checked with the issue route's).
 *
 * @example
 * const problem = bodyChecker(ISSUE_BODY)(row); // ProblemError | undefined
 */
export function bodyChecker(schema: BodySchema, hint?: string): (value: unknown) => ProblemError | undefined {
  const validate = ajv.compile(schema);
  return (value) => (validate(value) ? undefined : toProblem(validate.errors![0]!, hint));
}
