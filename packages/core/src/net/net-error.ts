import { VcError } from '../problems.ts';

/** Why the guarded fetch refused or failed a request. */
export type NetErrorReason =
  | 'scheme'
  | 'ip-literal'
  | 'localhost'
  | 'private-address'
  | 'redirect'
  | 'timeout'
  | 'too-large'
  | 'http-status'
  | 'network';

/**
 * An outbound request the guarded fetch refused (policy) or could not complete. Always carries the
 * code `NETWORK_REFUSED`; callers map it to their own code (`STATUS_RETRIEVAL_ERROR`,
 * `DID_RESOLUTION_ERROR`, …) by looking at `reason`, never at the message.
 *
 * @example
 * try {
 *   await guardedFetch('https://example.com/status/1');
 * } catch (e) {
 *   if (e instanceof NetError && e.reason === 'http-status' && e.status === 404) {
 *     // not found
 *   }
 * }
 */
export class NetError extends VcError {
  /** The rule that refused the request, or what went wrong. */
  readonly reason: NetErrorReason;
  /** The HTTP status, for `redirect` and `http-status`. */
  readonly status: number | undefined;

  constructor(reason: NetErrorReason, message: string, options: { status?: number; cause?: unknown } = {}) {
    super('NETWORK_REFUSED', message, options.cause === undefined ? {} : { cause: options.cause });
    this.name = 'NetError';
    this.reason = reason;
    this.status = options.status;
  }
}
