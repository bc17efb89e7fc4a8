import { CliFailure, EXIT, type Problem, ServiceRefusal } from '../failure.ts';

/** What one request sends. */
export interface RequestOptions {
  /** A JSON body. */
  json?: unknown;
  /** A streamed body (sent with `duplex: 'half'`), with its `type`. */
  stream?: ReadableStream<Uint8Array>;
  type?: string;
  accept?: string;
  headers?: Record<string, string>;
}

/**
 * The issuer's HTTP API as the CLI calls it: `base` + path, the bearer token, JSON or streamed
 * bodies. An error status becomes a {@link ServiceRefusal} (exit 1) carrying the service's
 * problem; a network failure a {@link CliFailure} with exit 2. This file is the CLI's only network
 * code (the one `fetch`).
 *
 * @example
 * const client = new IssuerClient('http://localhost:8080', process.env.ISSUER_TOKEN);
 * const { achievements } = await client.json('GET', '/achievements');
 */
export class IssuerClient {
  readonly base: string;
  readonly #token: string | undefined;
  constructor(base: string, token?: string) {
    let url: URL;
    try {
      url = new URL(base);
    } catch {
      throw new CliFailure(`--url must be an http(s) URL, not ${JSON.stringify(base)}.`, EXIT.usage);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new CliFailure(`--url must be an http(s) URL, not ${JSON.stringify(base)}.`, EXIT.usage);
    }
    this.base = url.href.replace(/\/+$/, '');
    this.#token = token || undefined;
  }

  /** Sends one request; resolves to the response when its status is 2xx. */
  async send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.#token) headers.authorization = `Bearer ${this.#token}`;
    if (options.accept) headers.accept = options.accept;
    let body: string | ReadableStream<Uint8Array> | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.stream) {
      if (options.type) headers['content-type'] = options.type;
      body = options.stream;
    }
    let res: Response;
    try {
      res = await fetch(this.base + path, {
        method,
        headers,
        body,
        redirect: 'manual',
        ...(options.stream && { duplex: 'half' }),
      } as RequestInit);
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new CliFailure(
        `Could not reach ${this.base}: ${cause?.code ?? cause?.message ?? (error as Error).message}.`,
        EXIT.unreachable,
      );
    }
    if (res.status >= 200 && res.status < 300) return res;
    throw new ServiceRefusal(res.status, await problemOf(res));
  }

  /** {@link send}, then the body as JSON. */
  async json<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const res = await this.send(method, path, { accept: 'application/json', ...options });
    return (await res.json()) as T;
  }
}

/** The problem of an error answer, or one made from its status when the body is not a problem. */
async function problemOf(res: Response): Promise<Problem> {
  const text = await res.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { status: res.status, ...parsed };
  } catch {}
  return {
    status: res.status,
    title: `HTTP_${res.status}`,
    detail: res.statusText || 'the service refused the request',
  };
}
