import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createGuardedFetch,
  DEFAULT_MAX_BYTES,
  DEFAULT_TIMEOUT_MS,
  type GuardedFetchOptions,
  guardedFetch,
} from '../../src/net/guarded-fetch.ts';
import { NetError, type NetErrorReason } from '../../src/net/net-error.ts';
import { VcError } from '../../src/problems.ts';
import { FAKE_HOST, fixedLookup, type LoopbackServer, startLoopbackServer } from './loopback-server.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function server(handler: Parameters<typeof startLoopbackServer>[0], host?: string): Promise<LoopbackServer> {
  const s = await startLoopbackServer(handler, host === undefined ? {} : { host });
  cleanups.push(() => s.close());
  return s;
}

/** A guarded fetch that may reach the loopback test server (http, 127.0.0.1 exempted from N2). */
function loopbackFetch(options: GuardedFetchOptions = {}) {
  return createGuardedFetch({
    allowHttp: true,
    lookup: fixedLookup('127.0.0.1'),
    unsafeAllowPrivateForTests: ['127.0.0.1'],
    ...options,
  });
}

async function refusal(promise: Promise<unknown>): Promise<NetError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NetError);
  expect(error).toBeInstanceOf(VcError);
  expect((error as NetError).code).toBe('NETWORK_REFUSED');
  return error as NetError;
}

async function expectReason(promise: Promise<unknown>, reason: NetErrorReason): Promise<NetError> {
  const error = await refusal(promise);
  expect(error.reason).toBe(reason);
  return error;
}

const ok =
  (body = '{"ok":true}') =>
  (_req: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  };

describe('guarded fetch: happy path over loopback (test-only options)', () => {
  it('returns status, headers, body and json() for a 200', async () => {
    const s = await server(ok('{"hello":"world"}'));
    const res = await loopbackFetch()(`http://${FAKE_HOST}:${s.port}/doc.json`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body.toString()).toBe('{"hello":"world"}');
    expect(res.json()).toEqual({ hello: 'world' });
  });

  it('sends the Accept header it is given and asks for an unencoded body', async () => {
    const s = await server(ok());
    await loopbackFetch()(`http://${FAKE_HOST}:${s.port}/`, { accept: 'application/did+json' });
    expect(s.requests()[0]?.headers.accept).toBe('application/did+json');
    expect(s.requests()[0]?.headers['accept-encoding']).toBe('identity');
  });

  it('json() on a body that is not JSON throws PARSING_ERROR', async () => {
    const s = await server(ok('<html>'));
    const res = await loopbackFetch()(`http://${FAKE_HOST}:${s.port}/`);
    expect(() => res.json()).toThrow(expect.objectContaining({ code: 'PARSING_ERROR' }));
  });

  it('a non-2xx answer is an http-status error carrying the status', async () => {
    const s = await server((_req, res) => {
      res.writeHead(404);
      res.end('nope');
    });
    const error = await expectReason(loopbackFetch()(`http://${FAKE_HOST}:${s.port}/`), 'http-status');
    expect(error.status).toBe(404);
  });

  it('a refused connection is a network error', async () => {
    const s = await server(ok());
    const port = s.port;
    await s.close();
    await expectReason(loopbackFetch()(`http://${FAKE_HOST}:${port}/`), 'network');
  });
});

describe('guarded fetch: production defaults are strict', () => {
  it('defaults: refuses http URLs, with no lookup and no connection', async () => {
    const s = await server(ok());
    const lookup = fixedLookup('127.0.0.1');
    await expectReason(createGuardedFetch({ lookup })(`http://${FAKE_HOST}:${s.port}/`), 'scheme');
    await expectReason(guardedFetch(`http://${FAKE_HOST}:${s.port}/`), 'scheme');
    expect(lookup.calls).toEqual([]);
    expect(s.connections()).toBe(0);
  });

  it.each([
    'ftp://example.com/x',
    'file:///etc/passwd',
    'data:application/json,{}',
    'gopher://example.com/',
    'ws://example.com/',
    'not a url',
  ])('defaults: refuses %s', async (url) => {
    await expectReason(createGuardedFetch({ allowHttp: true })(url), 'scheme');
  });

  it('defaults: refuses URLs carrying credentials', async () => {
    await expectReason(guardedFetch('https://user:pass@example.com/'), 'scheme');
  });

  it('defaults: without unsafeAllowPrivateForTests a host resolving to loopback is refused, no connection', async () => {
    const s = await server(ok());
    const lookup = fixedLookup('127.0.0.1');
    await expectReason(
      createGuardedFetch({ allowHttp: true, lookup })(`http://${FAKE_HOST}:${s.port}/`),
      'private-address',
    );
    expect(lookup.calls).toEqual([FAKE_HOST]);
    expect(s.connections()).toBe(0);
  });

  it('defaults: the https path uses the guarded lookup too (refused before any TCP connection)', async () => {
    let connections = 0;
    const tcp: TcpServer = createTcpServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => tcp.close(() => resolve())));
    const { port } = tcp.address() as import('node:net').AddressInfo;

    await expectReason(
      createGuardedFetch({ lookup: fixedLookup('127.0.0.1') })(`https://${FAKE_HOST}:${port}/`),
      'private-address',
    );
    expect(connections).toBe(0);
    // Control: with the test exemption the same request does reach the socket (and fails TLS).
    await expectReason(
      createGuardedFetch({ lookup: fixedLookup('127.0.0.1'), unsafeAllowPrivateForTests: ['127.0.0.1'] })(
        `https://${FAKE_HOST}:${port}/`,
      ),
      'network',
    );
    expect(connections).toBe(1);
  });

  it('defaults: 10 s time limit and 1 MB size limit', () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(10_000);
    expect(DEFAULT_MAX_BYTES).toBe(1024 * 1024);
  });

  it('bad options are a TypeError', () => {
    expect(() => createGuardedFetch({ timeoutMs: 0 })).toThrow(TypeError);
    expect(() => createGuardedFetch({ maxBytes: -1 })).toThrow(TypeError);
    expect(() => createGuardedFetch({ timeoutMs: Number.NaN })).toThrow(TypeError);
  });
});

describe('N1 IP literals and localhost are refused before any fetch', () => {
  it.each([
    'https://127.0.0.1/',
    'https://127.0.0.1:8443/did.json',
    'https://8.8.8.8/',
    'https://169.254.169.254/latest/meta-data/',
    'https://2130706433/',
    'https://0x7f000001/',
    'https://0x7f.0.0.1/',
    'https://017700000001/',
    'https://0177.0.0.1/',
    'https://127.1/',
    'https://0/',
    'https://[::1]/',
    'https://[::1]:8443/',
    'https://[::ffff:127.0.0.1]/',
    'https://[::ffff:7f00:1]/',
    'https://[fe80::1]/',
    'https://[2606:4700::1111]/',
  ])('N1 refuses the IP literal %s with no lookup and no connection', async (url) => {
    const lookup = fixedLookup('127.0.0.1');
    await expectReason(createGuardedFetch({ lookup, allowHttp: true })(url), 'ip-literal');
    expect(lookup.calls).toEqual([]);
  });

  it.each([
    'https://localhost/',
    'https://localhost:3000/',
    'https://LOCALHOST/',
    'https://localhost./',
    'https://foo.localhost/',
    'https://a.b.localhost:8080/x',
    'https://ｌｏｃａｌｈｏｓｔ/',
  ])('N1 refuses %s (any port) with no lookup', async (url) => {
    const lookup = fixedLookup('127.0.0.1');
    await expectReason(createGuardedFetch({ lookup, allowHttp: true })(url), 'localhost');
    expect(lookup.calls).toEqual([]);
  });

  it('N1 refuses http://2130706433 and http://localhost:<port> with no connection to a listening server', async () => {
    const s = await server(ok());
    const f = loopbackFetch();
    await expectReason(f(`http://2130706433:${s.port}/`), 'ip-literal');
    await expectReason(f(`http://127.0.0.1:${s.port}/`), 'ip-literal');
    await expectReason(f(`http://localhost:${s.port}/`), 'localhost');
    expect(s.connections()).toBe(0);
  });
});

describe('N2 hosts resolving to non-public addresses are refused, with no connection', () => {
  it('N2 refuses a host that resolves to 169.254.169.254, with no connection', async () => {
    const s = await server(ok());
    // The answer also holds the loopback server's (test-exempted) address: a guard that checked only
    // some answers, or fell back to the next one, would connect to it.
    const lookup = fixedLookup('169.254.169.254', '127.0.0.1');
    const f = loopbackFetch({ lookup });
    const error = await expectReason(f(`http://${FAKE_HOST}:${s.port}/latest/meta-data/`), 'private-address');
    expect(error.message).not.toContain('169.254');
    expect(lookup.calls).toEqual([FAKE_HOST]);
    expect(s.connections()).toBe(0);
    // Control: the same server is reachable when the answer is only the exempted address.
    await loopbackFetch()(`http://${FAKE_HOST}:${s.port}/`);
    expect(s.connections()).toBe(1);
  });

  it('N2 refuses a host that resolves to loopback, with no connection', async () => {
    const s = await server(ok());
    const f = createGuardedFetch({ allowHttp: true, lookup: fixedLookup('127.0.0.1') });
    await expectReason(f(`http://${FAKE_HOST}:${s.port}/`), 'private-address');
    expect(s.connections()).toBe(0);
  });

  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.255',
    '0.0.0.0',
    '0.1.2.3',
    '224.0.0.1',
    '239.255.255.250',
    '255.255.255.255',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fe80::1%eth0',
    'ff02::1',
    '::ffff:10.0.0.1',
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
    '::ffff:a9fe:a9fe',
    '64:ff9b::a9fe:a9fe',
    '2002:a9fe:a9fe::1',
  ])('N2 refuses a host resolving to %s, with no connection', async (address) => {
    const s = await server(ok());
    const lookup = fixedLookup(address);
    await expectReason(
      createGuardedFetch({ allowHttp: true, lookup })(`http://${FAKE_HOST}:${s.port}/`),
      'private-address',
    );
    expect(lookup.calls).toHaveLength(1);
    expect(s.connections()).toBe(0);
  });

  it('N2 refuses when any of several answers is non-public', async () => {
    const s = await server(ok());
    const lookup = fixedLookup('93.184.216.34', '10.1.2.3');
    await expectReason(
      createGuardedFetch({ allowHttp: true, lookup })(`http://${FAKE_HOST}:${s.port}/`),
      'private-address',
    );
    expect(s.connections()).toBe(0);
  });

  it('N2 refuses answers that are not IP addresses, and empty answers', async () => {
    await expectReason(
      createGuardedFetch({ allowHttp: true, lookup: fixedLookup('not-an-ip') })(`http://${FAKE_HOST}/`),
      'private-address',
    );
    await expectReason(
      createGuardedFetch({ allowHttp: true, lookup: fixedLookup() })(`http://${FAKE_HOST}/`),
      'network',
    );
  });

  it('N2 a failing DNS lookup is a network error', async () => {
    const lookup = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    await expectReason(createGuardedFetch({ lookup })(`https://${FAKE_HOST}/`), 'network');
  });

  it('N2 connects to exactly the address it checked (one lookup per request, no DNS-rebinding gap)', async () => {
    // "public" server on 127.0.0.2 (exempted for the test), "internal" one on 127.0.0.1, same port.
    const publicServer = await server(ok('{"from":"public"}'), '127.0.0.2');
    const internal = await startLoopbackServer(ok('{"from":"internal"}'), {
      host: '127.0.0.1',
      port: publicServer.port,
    });
    cleanups.push(() => internal.close());

    // A rebinding resolver: first answer public, every later answer internal.
    const calls: string[] = [];
    const rebinding = async (hostname: string) => {
      calls.push(hostname);
      return [{ address: calls.length === 1 ? '127.0.0.2' : '127.0.0.1', family: 4 }];
    };
    const f = createGuardedFetch({ allowHttp: true, lookup: rebinding, unsafeAllowPrivateForTests: ['127.0.0.2'] });
    const res = await f(`http://${FAKE_HOST}:${publicServer.port}/`);
    expect(res.json()).toEqual({ from: 'public' });
    expect(calls).toHaveLength(1);
    expect(internal.connections()).toBe(0);
    // The next request sees the rebound (internal) answer and is refused before connecting.
    await expectReason(f(`http://${FAKE_HOST}:${publicServer.port}/`), 'private-address');
    expect(internal.connections()).toBe(0);
  });
});

describe('N3 redirects are not followed', () => {
  it.each([301, 302, 303, 307, 308])('N3 does not follow a %i: error names the status, one request', async (status) => {
    const s = await server((req, res) => {
      if (req.url === '/start') {
        res.writeHead(status, { location: `/target` });
        res.end();
      } else ok()(req, res);
    });
    const error = await expectReason(loopbackFetch()(`http://${FAKE_HOST}:${s.port}/start`), 'redirect');
    expect(error.status).toBe(status);
    expect(error.message).toContain(String(status));
    expect(s.requests().map((r) => r.url)).toEqual(['/start']);
  });
});

describe('N4 slow responses abort at the time limit', () => {
  it('N4 aborts a body that keeps trickling past the limit (limit covers the whole body)', async () => {
    let serverSawClose = false;
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      const timer = setInterval(() => res.write('0,'), 20);
      res.on('close', () => {
        clearInterval(timer);
        serverSawClose = true;
      });
    });
    const started = performance.now();
    const error = await expectReason(loopbackFetch({ timeoutMs: 300 })(`http://${FAKE_HOST}:${s.port}/`), 'timeout');
    const elapsed = performance.now() - started;
    expect(error.message).toContain('300');
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(serverSawClose).toBe(true);
  });

  it('N4 aborts a server that accepts the request but never answers', async () => {
    const s = await server(() => {});
    const started = performance.now();
    await expectReason(loopbackFetch({ timeoutMs: 200 })(`http://${FAKE_HOST}:${s.port}/`), 'timeout');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('N4 the limit also covers a DNS lookup that never answers', async () => {
    const hanging = () => new Promise<never>(() => {});
    await expectReason(createGuardedFetch({ lookup: hanging, timeoutMs: 100 })(`https://${FAKE_HOST}/`), 'timeout');
  });
});

describe('N5 large responses abort at the size limit', () => {
  it('N5 aborts as soon as the streamed body (no content-length) exceeds the limit', async () => {
    const total = 64 * 1024 * 1024;
    let written = 0;
    let serverSawClose = false;
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(16 * 1024, 0x61);
      const pump = (): void => {
        while (written < total && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!res.destroyed) res.end();
      };
      res.on('close', () => {
        serverSawClose = true;
      });
      pump();
    });
    const error = await expectReason(
      loopbackFetch({ maxBytes: 64 * 1024 })(`http://${FAKE_HOST}:${s.port}/`),
      'too-large',
    );
    expect(error.message).toContain(String(64 * 1024));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(serverSawClose).toBe(true);
    expect(written).toBeLessThan(total / 4);
  });

  it('N5 refuses at once when content-length announces too much', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
      res.write('x'); // and then nothing: only the header can end this early
    });
    const started = performance.now();
    await expectReason(loopbackFetch({ timeoutMs: 5_000 })(`http://${FAKE_HOST}:${s.port}/`), 'too-large');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('N5 the default limit is 1 MB: exactly 1 MB passes, one byte more is refused', async () => {
    const s = await server((req, res) => {
      const size = req.url === '/over' ? DEFAULT_MAX_BYTES + 1 : DEFAULT_MAX_BYTES;
      res.writeHead(200); // chunked, no content-length: the streaming count decides
      res.end(Buffer.alloc(size, 0x62));
    });
    const f = loopbackFetch();
    const res = await f(`http://${FAKE_HOST}:${s.port}/exact`);
    expect(res.body.length).toBe(DEFAULT_MAX_BYTES);
    await expectReason(f(`http://${FAKE_HOST}:${s.port}/over`), 'too-large');
  });
});

describe('allowLocalhost (development only): a local issuer on this machine', () => {
  const ok = (_req: unknown, res: { setHeader(n: string, v: string): void; end(b: string): void }) => {
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  };

  it('fetches http://127.0.0.1 and http://localhost; the default policy refuses both (N1)', async () => {
    const s = await server(ok as Parameters<typeof startLoopbackServer>[0]);
    const dev = createGuardedFetch({ allowLocalhost: true });
    expect((await dev(`http://127.0.0.1:${s.port}/status/revocation/0`)).json()).toEqual({ ok: true });
    expect((await dev(`http://localhost:${s.port}/x`)).json()).toEqual({ ok: true });
    expect((await refusal(guardedFetch(`http://127.0.0.1:${s.port}/x`))).reason).toBe('scheme');
    expect((await refusal(createGuardedFetch()(`https://localhost:${s.port}/x`))).reason).toBe('localhost');
  });

  it('lets nothing else through: other http hosts, names resolving to loopback (N2), private literals, credentials in URLs', async () => {
    const s = await server(ok as Parameters<typeof startLoopbackServer>[0]);
    const dev = createGuardedFetch({ allowLocalhost: true, lookup: fixedLookup('127.0.0.1') });
    expect((await refusal(dev(`http://${FAKE_HOST}:${s.port}/x`))).reason).toBe('scheme');
    expect((await refusal(dev(`https://${FAKE_HOST}:${s.port}/x`))).reason).toBe('private-address');
    expect((await refusal(dev('http://10.0.0.1/x'))).reason).toBe('scheme');
    expect((await refusal(dev('https://169.254.169.254/latest/meta-data'))).reason).toBe('ip-literal');
    expect((await refusal(dev(`http://user:pw@127.0.0.1:${s.port}/x`))).reason).toBe('scheme');
    expect(s.requests()).toHaveLength(0);
  });
});
