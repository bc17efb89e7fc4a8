import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { vi } from 'vitest';

/**
 * Replaces every way the code under test could reach the network (global `fetch`, `node:http(s)`
 * `request`/`get`, `node:net` `connect`, DNS lookups) with spies that refuse, and counts the
 * attempts. `syncBuiltinESMExports` makes `import * as https from 'node:https'` see the spies too.
 */
export function spyOnNetwork(): { attempts: () => string[]; restore: () => void } {
  const seen: string[] = [];
  const refuse =
    (what: string) =>
    (...args: unknown[]) => {
      seen.push(`${what} ${String(args[0])}`);
      throw new Error(`network access in a test: ${what}`);
    };
  const refuseAsync =
    (what: string) =>
    async (...args: unknown[]) => {
      seen.push(`${what} ${String(args[0])}`);
      throw new Error(`network access in a test: ${what}`);
    };
  const spies = [
    vi.spyOn(globalThis, 'fetch').mockImplementation(refuseAsync('fetch') as typeof fetch),
    vi.spyOn(http, 'request').mockImplementation(refuse('http.request') as typeof http.request),
    vi.spyOn(http, 'get').mockImplementation(refuse('http.get') as typeof http.get),
    vi.spyOn(https, 'request').mockImplementation(refuse('https.request') as typeof https.request),
    vi.spyOn(https, 'get').mockImplementation(refuse('https.get') as typeof https.get),
    vi.spyOn(net, 'connect').mockImplementation(refuse('net.connect') as typeof net.connect),
    vi.spyOn(net, 'createConnection').mockImplementation(refuse('net.createConnection') as typeof net.createConnection),
    vi.spyOn(dns, 'lookup').mockImplementation(refuse('dns.lookup') as unknown as typeof dns.lookup),
    vi
      .spyOn(dns.promises, 'lookup')
      .mockImplementation(refuseAsync('dns.promises.lookup') as typeof dns.promises.lookup),
  ];
  syncBuiltinESMExports();
  return {
    attempts: () => [...seen],
    restore: () => {
      for (const s of spies) s.mockRestore();
      syncBuiltinESMExports();
    },
  };
}
