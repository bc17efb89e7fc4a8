/**
 * Requests that make the app answer each documented status of the catalogue operations: the
 * issuer profile (`/issuer`) and the achievements (`/achievements…`). Each probe sets up what it needs.
 */
import { randomUUID } from 'node:crypto';
import { TOKENS } from '../helpers/issuer-app.ts';
import { bodyRefusals, type ProbeTable, tokenRefusals } from './probes-core.ts';
import { send, type World } from './world.ts';

/** A valid OB 3.0 Achievement under a fresh id. */
function achievement(change: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `https://college.example/achievements/probe-${randomUUID()}`,
    type: ['Achievement'],
    name: 'Probe achievement',
    description: 'An achievement the OpenAPI probes make.',
    criteria: { narrative: 'Be a probe.' },
    ...change,
  };
}

/** Probes of the catalogue operations. */
export function catalogueProbes(w: World): ProbeTable {
  const u = w.main.url;
  const full = { token: TOKENS.full };
  const enc = encodeURIComponent;
  const create = async (a = achievement()) => {
    await send(u, 'POST', '/achievements', { json: a, ...full });
    return a;
  };
  const at = (a: Record<string, unknown>) => `/achievements/${enc(String(a.id))}`;

  return {
    'GET /issuer': { '200': () => send(u, 'GET', '/issuer') },
    'PUT /issuer': {
      '200': () => send(u, 'PUT', '/issuer', { json: { name: 'Example College' }, ...full }),
      '400': () => send(u, 'PUT', '/issuer', { json: [], ...full }),
      ...tokenRefusals(u, 'PUT', '/issuer', TOKENS.issueOnly, { name: 'X' }),
      ...bodyRefusals(u, 'PUT', '/issuer', TOKENS.full),
      '422': () => send(u, 'PUT', '/issuer', { json: { name: 42 }, ...full }),
    },
    'POST /achievements': {
      '200': async () => send(u, 'POST', '/achievements', { json: await create(), ...full }),
      '201': () => send(u, 'POST', '/achievements', { json: achievement(), ...full }),
      '400': () => send(u, 'POST', '/achievements', { json: [], ...full }),
      ...tokenRefusals(u, 'POST', '/achievements', TOKENS.issueOnly, achievement()),
      '409': async () => {
        const a = await create();
        return send(u, 'POST', '/achievements', { json: { ...a, name: 'Another' }, ...full });
      },
      ...bodyRefusals(u, 'POST', '/achievements', TOKENS.full),
      '422': () => send(u, 'POST', '/achievements', { json: achievement({ criteria: 'none' }), ...full }),
    },
    'GET /achievements': { '200': () => send(u, 'GET', '/achievements') },
    'GET /achievements/{id}': {
      '200': async () => send(u, 'GET', at(await create())),
      '404': () => send(u, 'GET', at(achievement())),
    },
    'PUT /achievements/{id}': {
      '200': async () => {
        const a = await create();
        return send(u, 'PUT', at(a), { json: a, ...full });
      },
      '201': async () => {
        const a = await create();
        return send(u, 'PUT', at(a), { json: { ...a, name: 'Renamed' }, ...full });
      },
      '400': async () => send(u, 'PUT', at(await create()), { json: [], ...full }),
      ...tokenRefusals(u, 'PUT', '/achievements/x', TOKENS.issueOnly, achievement()),
      '404': () => {
        const a = achievement();
        return send(u, 'PUT', at(a), { json: a, ...full });
      },
      '409': async () => {
        const a = await create();
        await send(u, 'PUT', at(a), { json: { ...a, name: 'Second' }, ...full });
        return send(u, 'PUT', at(a), { json: { ...a, name: 'Third', version: '1' }, ...full });
      },
      ...bodyRefusals(u, 'PUT', '/achievements/x', TOKENS.full),
      '422': async () => {
        const a = await create();
        return send(u, 'PUT', at(a), { json: { ...a, description: 7 }, ...full });
      },
    },
    'GET /achievements/{id}/versions/{n}': {
      '200': async () => send(u, 'GET', `${at(await create())}/versions/1`),
      '404': async () => send(u, 'GET', `${at(await create())}/versions/2`),
    },
  };
}
