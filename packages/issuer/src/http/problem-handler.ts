import { problem, VcError } from '@repo/core';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ProblemError } from './problem-error.ts';

const STATUS_OF_CODE: Partial<Record<string, number>> = {
  INSUFFICIENT_STORAGE: 507,
  SERVICE_UNAVAILABLE: 503,
  DATA_LOSS_DETECTION_ERROR: 422,
  CONTEXT_NOT_ALLOWED: 422,
  MALFORMED_VALUE_ERROR: 422,
};

/** Sends an RFC 9457 `application/problem+json` answer. */
function send(
  res: Parameters<RequestHandler>[1],
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
  typeOf: (type: string) => string = (t) => t,
): void {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  const type = typeof body.type === 'string' ? typeOf(body.type) : body.type;
  res
    .status(status)
    .type('application/problem+json')
    .send(JSON.stringify({ ...body, type, status }));
}

/**
 * The one error middleware: {@link ProblemError} and coded {@link VcError}s become problem
 * answers; body-parser errors become 413/400; anything else is logged and answered with a generic
 * 500 that carries no stack, path or library text (K2).
 *
 * @example
 * app.use(problemHandler(logger));
 */
export function problemHandler(logger: Logger, typeOf: (type: string) => string = (t) => t): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (res.headersSent) return;
    if (error instanceof ProblemError) {
      return send(
        res,
        error.status,
        { ...error.problem, ...error.extra, instance: req.originalUrl },
        error.headers,
        typeOf,
      );
    }
    if (error instanceof VcError) {
      const status = STATUS_OF_CODE[error.code] ?? 400;
      if (status >= 500)
        logger.error(
          { err: { code: error.code, cause: String((error.cause as Error)?.message ?? '') } },
          'storage failure',
        );
      return send(res, status, { ...error.toProblem(), instance: req.originalUrl }, {}, typeOf);
    }
    const type = (error as { type?: string })?.type;
    if (type === 'entity.too.large') {
      return send(
        res,
        413,
        {
          ...problem(
            'PAYLOAD_TOO_LARGE',
            `The request body is larger than the limit of ${Number((error as { limit?: unknown }).limit) || 'the configured'} bytes.`,
          ),
          limit: (error as { limit?: unknown }).limit,
          instance: req.originalUrl,
        },
        {},
        typeOf,
      );
    }
    if (
      type === 'request.aborted' ||
      type === 'request.size.invalid' ||
      type === 'encoding.unsupported' ||
      type === 'charset.unsupported'
    ) {
      return send(res, 400, {
        ...problem('PARSING_ERROR', 'The request body could not be read.'),
      });
    }
    logger.error(
      {
        err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
      },
      'unhandled error',
    );
    send(
      res,
      500,
      { ...problem('INTERNAL_ERROR', 'Something went wrong on our side. It has been logged.') },
      {},
      typeOf,
    );
  };
}
