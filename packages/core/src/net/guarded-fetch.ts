/**
 * The only network code in the project (STYLE.md): an outbound GET that refuses to reach anything
 * but public https hosts (SECURITY-CHECKLIST N1–N5).
 *
 * - N1: IP literals and `localhost` / `*.localhost` are refused before any DNS lookup or connection.
 * - N2: the address check runs inside the `lookup` handed to `node:https`, so it judges exactly the
 *   addresses the socket will connect to (no DNS-rebinding gap between check and connect).
 * - N3: redirects are never followed. N4: one deadline covers DNS, connect, headers and the whole
 *   body. N5: the body is counted while it streams and the request is torn down the moment it is
 *   over the limit (or as soon as `content-length` announces too much).
 */
import { promises as dnsPromises, type LookupAddress, type LookupOptions } from 'node:dns';
import type { IncomingMessage } from 'node:http';
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';
import { VcError } from '../problems.ts';
import { isForbiddenAddress } from './forbidden-address.ts';
import { NetError } from './net-error.ts';

/**
 * Default time limit for one request, DNS to last body byte: 10 s.
 *
 * @example
 * createGuardedFetch({ timeoutMs: DEFAULT_TIMEOUT_MS / 2 });
 */
export const DEFAULT_TIMEOUT_MS = 10_000;
/**
 * Default response body limit: 1 MB.
 *
 * @example
 * createGuardedFetch({ maxBytes: DEFAULT_MAX_BYTES / 4 });
 */
export const DEFAULT_MAX_BYTES = 1_048_576;

/** A response the guarded fetch accepted (always 2xx). */
export interface GuardedResponse {
  /** HTTP status (200–299). */
  status: number;
  /** Response headers, names lower-cased, repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The whole body, at most `maxBytes` long. */
  body: Buffer;
  /** The body parsed as JSON; throws a `VcError('PARSING_ERROR')` when it is not JSON. */
  json(): unknown;
}

/** Options for one request. */
export interface GuardedFetchRequestOptions {
  /** `Accept` header; default `application/json`. */
  accept?: string;
}

/** A guarded GET: resolves with a 2xx response, rejects with a {@link NetError}. */
export type GuardedFetch = (url: string, opts?: GuardedFetchRequestOptions) => Promise<GuardedResponse>;

/** Resolves a host name to every address it has (the injectable DNS step). */
export type HostLookup = (hostname: string) => Promise<ReadonlyArray<{ address: string; family: number }>>;

/**
 * Options of {@link createGuardedFetch}. Defaults are the production policy.
 *
 * @example
 * // tests only: route a made-up host name to a loopback server
 * const options: GuardedFetchOptions = {
 *   allowHttp: true,
 *   lookup: async () => [{ address: '127.0.0.1', family: 4 }],
 *   unsafeAllowPrivateForTests: ['127.0.0.1'],
 * };
 */
export interface GuardedFetchOptions {
  /** Time limit covering DNS, connect, headers and the whole body; default {@link DEFAULT_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Body size limit in bytes; default {@link DEFAULT_MAX_BYTES}. */
  maxBytes?: number;
  /** DNS step; default `dns.lookup(host, { all: true })`. Its answers are still checked (N2). */
  lookup?: HostLookup;
  /** TESTS ONLY. Also accept `http:` URLs. Default `false`. */
  allowHttp?: boolean;
  /**
   * TESTS ONLY. Addresses exempted from the N2 address check (`true`: every address). Default: none.
   * IP literals and `localhost` in URLs stay refused regardless (N1).
   */
  unsafeAllowPrivateForTests?: boolean | readonly string[];
  /**
   * DEVELOPMENT ONLY. Also fetch from this machine: `http:` or `https:` URLs whose host is exactly
   * `localhost`, `127.0.0.1` or `[::1]` (a local issuer's status lists, a badge served by a local
   * test server). Every other rule stays: other hosts are https and public only. Default `false`.
   */
  allowLocalhost?: boolean;
}

/** The hosts {@link GuardedFetchOptions.allowLocalhost} lets through. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const isLoopbackAddress = (address: string): boolean => address === '::1' || /^127\./.test(address);

const defaultLookup: HostLookup = (hostname) => dnsPromises.lookup(hostname, { all: true, verbatim: true });

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(`${name} must be a positive integer`);
  }
  return value;
}

/**
 * Checks the URL against the scheme and host rules (N1) without touching the network, and returns it
 * parsed. The WHATWG parser has already turned `2130706433`, `0x7f.1`, `0177.0.0.1` … into dotted
 * quads, so one `isIP` covers every IPv4 spelling; IPv6 hosts arrive bracketed.
 */
function checkUrl(raw: string, allowHttp: boolean, allowLocalhost = false): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    throw new NetError('scheme', 'Refused a request: not a valid URL.', { cause });
  }
  if (
    allowLocalhost &&
    LOCAL_HOSTS.has(url.hostname) &&
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.username === '' &&
    url.password === ''
  ) {
    return url;
  }
  const schemeOk = url.protocol === 'https:' || (allowHttp && url.protocol === 'http:');
  if (!schemeOk) {
    throw new NetError('scheme', `Refused a request: only https URLs are fetched, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new NetError('scheme', 'Refused a request: URLs with credentials are not fetched.');
  }
  const host = url.hostname.replace(/\.+$/, '');
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  // Belt and braces: anything whose last label is numeric or hex would be an IPv4 literal.
  const lastLabel = bare.slice(bare.lastIndexOf('.') + 1);
  if (isIP(bare) !== 0 || host.startsWith('[') || /^(0x[0-9a-f]*|[0-9]+)$/i.test(lastLabel)) {
    throw new NetError('ip-literal', 'Refused a request: IP address literals are not fetched.');
  }
  if (bare === '' || bare === 'localhost' || bare.endsWith('.localhost')) {
    throw new NetError('localhost', 'Refused a request: localhost is not fetched.');
  }
  return url;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * Builds the `lookup` handed to `http(s).request`: resolves with `resolveHost`, refuses the whole
 * answer if any address is forbidden (N2), and answers in whichever shape `net` asked for.
 */
function guardedLookup(resolveHost: HostLookup, isExempt: (address: string, hostname: string) => boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolveHost(hostname).then(
      (answers) => {
        const addresses: LookupAddress[] = answers.map((a) => ({ address: a.address, family: a.family }));
        if (addresses.length === 0) {
          callback(new NetError('network', 'The host name did not resolve to any address.'), []);
          return;
        }
        for (const a of addresses) {
          if (isIP(a.address) === 0 || (isForbiddenAddress(a.address) && !isExempt(a.address, hostname))) {
            callback(
              new NetError('private-address', 'Refused a request: the host resolves to a non-public address.'),
              [],
            );
            return;
          }
        }
        if (options.all === true) {
          callback(null, addresses);
        } else {
          const first = addresses[0]!;
          callback(null, first.address, first.family);
        }
      },
      (cause: unknown) => {
        callback(new NetError('network', 'The host name could not be resolved.', { cause }), []);
      },
    );
  };
}

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function parseJson(body: Buffer): unknown {
  let text = body.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new VcError('PARSING_ERROR', 'The response body is not JSON.', { cause });
  }
}

/**
 * Creates a guarded fetch. With no options it is the production policy: https only, public
 * addresses only, no redirects, 10 s, 1 MB.
 *
 * @example
 * const fetchJson = createGuardedFetch({ timeoutMs: 5_000, maxBytes: 256 * 1024 });
 * const res = await fetchJson('https://example.com/.well-known/did.json', { accept: 'application/did+json' });
 * const doc = res.json();
 */
export function createGuardedFetch(options: GuardedFetchOptions = {}): GuardedFetch {
  const timeoutMs = positiveInteger('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS);
  const maxBytes = positiveInteger('maxBytes', options.maxBytes, DEFAULT_MAX_BYTES);
  const allowHttp = options.allowHttp === true;
  const resolveHost = options.lookup ?? defaultLookup;
  const unsafe = options.unsafeAllowPrivateForTests;
  const exempt = new Set(Array.isArray(unsafe) ? unsafe : []);
  const allowLocalhost = options.allowLocalhost === true;
  // `localhost` itself resolves to loopback; with allowLocalhost that (and only that) is let through.
  const isExempt = (address: string, hostname: string): boolean =>
    unsafe === true ||
    exempt.has(address) ||
    (allowLocalhost && hostname === 'localhost' && isLoopbackAddress(address));
  const lookup = guardedLookup(resolveHost, isExempt);

  return (rawUrl, opts = {}) =>
    new Promise<GuardedResponse>((resolve, reject) => {
      let url: URL;
      try {
        url = checkUrl(rawUrl, allowHttp, allowLocalhost);
      } catch (e) {
        reject(e);
        return;
      }

      let settled = false;
      let req: http.ClientRequest | undefined;
      const finish = (error: unknown, response?: GuardedResponse): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error === undefined && response !== undefined) {
          resolve(response);
        } else {
          req?.destroy();
          reject(error instanceof NetError ? error : new NetError('network', 'The request failed.', { cause: error }));
        }
      };
      const timer = setTimeout(() => {
        finish(new NetError('timeout', `Gave up on the request after ${timeoutMs} ms.`));
      }, timeoutMs);

      const requestOptions: https.RequestOptions = {
        method: 'GET',
        agent: false,
        lookup,
        headers: {
          accept: opts.accept ?? 'application/json',
          'accept-encoding': 'identity',
        },
      };
      const onResponse = (res: IncomingMessage): void => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          finish(new NetError('redirect', `Refused to follow a redirect (HTTP ${status}).`, { status }));
          return;
        }
        if (status < 200 || status >= 300) {
          finish(new NetError('http-status', `The server answered HTTP ${status}.`, { status }));
          return;
        }
        const announced = res.headers['content-length'];
        if (announced !== undefined && Number(announced) > maxBytes) {
          finish(new NetError('too-large', `The response announces more than ${maxBytes} bytes.`));
          return;
        }
        const chunks: Buffer[] = [];
        let received = 0;
        res.on('data', (chunk: Buffer) => {
          if (settled) return;
          received += chunk.length;
          if (received > maxBytes) {
            finish(new NetError('too-large', `The response is larger than ${maxBytes} bytes.`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          const body = Buffer.concat(chunks, received);
          finish(undefined, { status, headers: flattenHeaders(res.headers), body, json: () => parseJson(body) });
        });
        res.on('error', (e) => finish(e));
        res.on('close', () => {
          if (!res.complete) finish(new NetError('network', 'The response was cut off.'));
        });
      };

      try {
        req =
          url.protocol === 'https:'
            ? https.request(url, requestOptions, onResponse)
            : http.request(url, requestOptions, onResponse);
      } catch (cause) {
        finish(new NetError('network', 'The request could not be started.', { cause }));
        return;
      }
      req.on('error', (e) => finish(e));
      req.end();
    });
}

/**
 * The production guarded fetch: https only, public addresses only, no redirects, 10 s, 1 MB.
 *
 * @example
 * const res = await guardedFetch('https://example.com/credentials/status/3');
 */
export const guardedFetch: GuardedFetch = createGuardedFetch();
