/** Requests that make the app answer each documented status of the records operations (issue 12). */

import { TOKENS } from '../helpers/issuer-app.ts';
import { bodyRefusals, type ProbeTable, tokenRefusals } from './probes-core.ts';
import { issue, send, type World } from './world.ts';

/** Probes of `GET /credentials`, `GET /credentials/{id}/history` and `POST /credentials/status/bulk`. */
export function recordProbes(w: World): ProbeTable {
  const u = w.main.url;
  const full = { token: TOKENS.full };
  const history = async () => {
    const id = encodeURIComponent((await issue(w.main)).verifiableCredential.id as string);
    return `/credentials/${id}/history`;
  };
  return {
    'GET /credentials': {
      '200': () => send(u, 'GET', '/credentials?limit=2', full),
      '400': () => send(u, 'GET', '/credentials?limit=0', full),
      ...tokenRefusals(u, 'GET', '/credentials', TOKENS.issueOnly),
    },
    'GET /credentials/{id}/history': {
      '200': async () => send(u, 'GET', await history(), full),
      '401': async () => send(u, 'GET', await history()),
      '403': async () => send(u, 'GET', await history(), { token: TOKENS.issueOnly }),
      '404': () => send(u, 'GET', '/credentials/urn%3Auuid%3Anever-issued/history', full),
    },
    'POST /credentials/status/bulk': {
      '200': async () => {
        const ids = [(await issue(w.main)).verifiableCredential.id, 'urn:uuid:never-issued'];
        return send(u, 'POST', '/credentials/status/bulk', { json: { ids, status: 'suspended' }, ...full });
      },
      '400': () => send(u, 'POST', '/credentials/status/bulk', { json: { status: 'revoked' }, ...full }),
      ...tokenRefusals(u, 'POST', '/credentials/status/bulk', TOKENS.issueOnly, { ids: ['x'], status: 'revoked' }),
      '404': () =>
        send(u, 'POST', '/credentials/status/bulk', { json: { batch: 'no-such-job', status: 'revoked' }, ...full }),
      ...bodyRefusals(u, 'POST', '/credentials/status/bulk', TOKENS.full),
    },
  };
}
