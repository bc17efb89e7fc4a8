import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGuardedFetch } from '@repo/core';
import { createOb2Fetcher, type Ob2Fetcher } from '@repo/verifier';

/** The recorded OB 2.0 examples (test/fixtures/ob2, sources in sources.json). */
export function fixture(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../fixtures/ob2/${path}`, import.meta.url), 'utf8'));
}

/** A fixture's text exactly as recorded. */
export function fixtureText(path: string): string {
  return readFileSync(new URL(`../fixtures/ob2/${path}`, import.meta.url), 'utf8');
}

/** What the loopback server answers for one URL. */
export interface Answer {
  status?: number;
  body: unknown;
  /** Never answer (a host that hangs: N4). */
  hang?: boolean;
}

/**
 * A loopback HTTP server standing in for the badge hosts: `serve('https://example.org/a.json', doc)`
 * makes the fetcher's request for that URL answer `doc`. Unknown URLs answer 404. `requests` lists
 * every URL asked for.
 */
export interface BadgeHosts {
  origin: string;
  requests: string[];
  serve(url: string, body: unknown, status?: number): void;
  hang(url: string): void;
  /** An OB 2.0 fetcher that sends `https://host/path` to this server as `/host/path`, through the real guarded fetch. */
  fetcher(options?: { timeoutMs?: number }): Ob2Fetcher;
  close(): Promise<void>;
}

export async function startBadgeHosts(): Promise<BadgeHosts> {
  const answers = new Map<string, Answer>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const key = req.url ?? '/';
    requests.push(key);
    const a = answers.get(key);
    if (a?.hang) return;
    if (!a) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const text = typeof a.body === 'string' ? a.body : JSON.stringify(a.body);
    res.writeHead(a.status ?? 200, { 'content-type': 'application/ld+json' }).end(text);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const keyOf = (url: string) => {
    const u = new URL(url);
    return u.origin === origin ? `${u.pathname}${u.search}` : `/${u.host}${u.pathname}${u.search}`;
  };
  return {
    origin,
    requests,
    serve: (url, body, status) => answers.set(keyOf(url), { body, ...(status ? { status } : {}) }),
    hang: (url) => answers.set(keyOf(url), { body: '', hang: true }),
    fetcher(options = {}) {
      const real = createOb2Fetcher(createGuardedFetch({ allowLocalhost: true, ...options }));
      return (url) => real(`${origin}${keyOf(url)}`);
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
