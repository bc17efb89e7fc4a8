/**
 * Requests that make the employer's verify page answer each documented status (the form again,
 * with the status and the reason, for every refusal).
 */
import type { ProbeTable } from './probes-core.ts';
import { issue, REDIRECTING, SILENT, send, TOO_LARGE, UNKNOWN_TOKEN, type World } from './world.ts';

const FORM = 'application/x-www-form-urlencoded';
const form = (fields: Record<string, string>) => ({ body: new URLSearchParams(fields).toString(), type: FORM });

/** Probes of `/`, `/verify` and its files. */
export function verifyPageProbes(w: World): ProbeTable {
  const u = w.main.url;
  const post = (base: string, fields: Record<string, string>) => send(base, 'POST', '/verify', form(fields));
  return {
    'GET /': { '200': () => send(u, 'GET', '/') },
    'GET /verify': { '200': () => send(u, 'GET', '/verify') },
    'GET /verify/verify.js': { '200': () => send(u, 'GET', '/verify/verify.js') },
    'GET /verify/verify.css': { '200': () => send(u, 'GET', '/verify/verify.css') },
    'POST /verify': {
      '200': async () => post(u, { credential: JSON.stringify((await issue(w.main)).verifiableCredential) }),
      '400': () => post(u, { credential: '' }),
      '404': () => post(u, { url: `${u}/c/${UNKNOWN_TOKEN}` }),
      '413': () => send(u, 'POST', '/verify', { body: TOO_LARGE, type: 'multipart/form-data; boundary=x' }),
      '415': () => send(u, 'POST', '/verify', { body: 'hello', type: 'text/plain' }),
      '422': () => post(u, { credential: JSON.stringify({ hello: 'world' }) }),
      // Another service's credential page, fetched (as its credential.json) through the guarded fetch.
      '502': () => post(w.fetching.url, { url: `${w.remote}/c/${REDIRECTING}` }),
      '504': () => post(w.fetching.url, { url: `${w.remote}/c/${SILENT}` }),
    },
  };
}
