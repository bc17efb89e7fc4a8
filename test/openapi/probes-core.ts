/**
 * Requests that make the app answer each documented status of the issuing, verifying, pathway and
 * reference operations (keyed `METHOD /openapi/path`, then status). Each probe sets up what it needs.
 */
import { randomUUID } from 'node:crypto';
import { TOKENS } from '../helpers/issuer-app.ts';
import {
  type Answer,
  ceCourse,
  certification,
  issue,
  renewalPathway,
  safetyPathway,
  send,
  TOO_LARGE,
  WORKER,
  type World,
} from './world.ts';

/** Requests per operation and status. */
export type ProbeTable = Record<string, Record<string, () => Promise<Answer>>>;

/** The refusals every JSON-body route gives the same way (I1, I6). */
export function bodyRefusals(
  base: string,
  method: string,
  path: string,
  token?: string,
): Record<string, () => Promise<Answer>> {
  return {
    '413': () => send(base, method, path, { body: TOO_LARGE, ...(token && { token }) }),
    '415': () => send(base, method, path, { body: 'hello', type: 'text/plain', ...(token && { token }) }),
  };
}

/** No token (A1) and a token without the scope (A5). */
export function tokenRefusals(
  base: string,
  method: string,
  path: string,
  otherScope: string,
  json?: unknown,
): Record<string, () => Promise<Answer>> {
  return {
    '401': () => send(base, method, path, { ...(json !== undefined && { json }) }),
    '403': () => send(base, method, path, { token: otherScope, ...(json !== undefined && { json }) }),
  };
}

const once = <T>(make: () => Promise<T>): (() => Promise<T>) => {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
};

/** Probes of the issuing, verifying, pathway and reference operations. */
export function coreProbes(w: World): ProbeTable {
  const u = w.main.url;
  const full = { token: TOKENS.full };
  const issued = once(() => issue(w.main));
  const issuedId = async () => (await issued()).verifiableCredential.id as string;
  const enc = (id: string) => encodeURIComponent(id);
  const status = (credentialId: string, change: string) =>
    send(u, 'POST', '/credentials/status', {
      json: { credentialId, credentialStatus: [{ type: 'BitstringStatusListEntry', status: change }] },
      ...full,
    });
  const revokedCertification = async () => {
    const id = (await issue(w.main)).verifiableCredential.id as string;
    await status(id, 'revoked');
    return id;
  };
  const renewalPublished = once(() => send(u, 'POST', '/pathways', { json: renewalPathway(), ...full }));
  const safety = safetyPathway();
  const safetyPublished = once(() => send(u, 'POST', '/pathways', { json: safety, ...full }));
  const evaluate = `/pathways/${enc(safety.id)}/evaluate`;
  const renew = (credentialId: string, verifiableCredential: unknown[] = []) =>
    send(u, 'POST', '/credentials/renew', { json: { credentialId, verifiableCredential }, ...full });

  return {
    'POST /credentials/issue': {
      '201': () => send(u, 'POST', '/credentials/issue', { json: { credential: certification() }, ...full }),
      '400': () => send(u, 'POST', '/credentials/issue', { json: { options: {} }, ...full }),
      ...tokenRefusals(u, 'POST', '/credentials/issue', TOKENS.readOnly, { credential: certification() }),
      '409': async () => {
        const credential = certification((c) => {
          c.id = `urn:uuid:${randomUUID()}`;
        });
        await issue(w.main, credential);
        return send(u, 'POST', '/credentials/issue', { json: { credential }, ...full });
      },
      ...bodyRefusals(u, 'POST', '/credentials/issue', TOKENS.full),
      '422': () =>
        send(u, 'POST', '/credentials/issue', {
          json: { credential: certification((c) => (c.issuer.id = 'did:example:someone-else')) },
          ...full,
        }),
    },
    'POST /credentials/status': {
      '200': async () => status((await issue(w.main)).verifiableCredential.id, 'suspended'),
      '400': () => send(u, 'POST', '/credentials/status', { json: { credentialId: 'x' }, ...full }),
      ...tokenRefusals(u, 'POST', '/credentials/status', TOKENS.issueOnly, { credentialId: 'x' }),
      '404': () => status(`urn:uuid:${randomUUID()}`, 'revoked'),
      '409': async () => status(await revokedCertification(), 'unsuspended'),
      ...bodyRefusals(u, 'POST', '/credentials/status', TOKENS.full),
    },
    'GET /credentials/{id}': {
      '200': async () => send(u, 'GET', `/credentials/${enc(await issuedId())}`, full),
      '401': async () => send(u, 'GET', `/credentials/${enc(await issuedId())}`),
      '403': async () => send(u, 'GET', `/credentials/${enc(await issuedId())}`, { token: TOKENS.statusOnly }),
      '404': () => send(u, 'GET', `/credentials/${enc(`urn:uuid:${randomUUID()}`)}`, full),
    },
    'POST /credentials/renew': {
      '201': async () => {
        await renewalPublished();
        const due = certification((c) => (c.validUntil = '2026-05-01T00:00:00Z'));
        const id = (await issue(w.main, due)).verifiableCredential.id as string;
        const ce = (await issue(w.main, ceCourse())).verifiableCredential;
        return renew(id, [ce]);
      },
      '400': () => send(u, 'POST', '/credentials/renew', { json: { verifiableCredential: [] }, ...full }),
      ...tokenRefusals(u, 'POST', '/credentials/renew', TOKENS.readOnly, { credentialId: 'x' }),
      '404': () => renew(`urn:uuid:${randomUUID()}`),
      '409': async () => renew(await revokedCertification()),
      ...bodyRefusals(u, 'POST', '/credentials/renew', TOKENS.full),
      // Renewal opens six months before validUntil (2029-06-30); the clock says 2026-03-01.
      '422': async () => {
        await renewalPublished();
        return renew(await issuedId());
      },
    },
    'GET /credentials/refresh/{id}': {
      '200': async () => send(u, 'GET', `/credentials/refresh/${enc(await issuedId())}`),
      '404': () => send(u, 'GET', `/credentials/refresh/${enc(`urn:uuid:${randomUUID()}`)}`),
    },
    'POST /credentials/verify': {
      '200': async () =>
        send(u, 'POST', '/credentials/verify', {
          json: { verifiableCredential: (await issued()).verifiableCredential },
        }),
      '400': () => send(u, 'POST', '/credentials/verify', { json: { something: 'else' } }),
      ...bodyRefusals(u, 'POST', '/credentials/verify'),
      '422': async () => {
        const tampered = { ...(await issued()).verifiableCredential, name: 'Forged' };
        return send(u, 'POST', '/credentials/verify', { json: { verifiableCredential: tampered } });
      },
    },
    'POST /presentations/verify': {
      '200': async () =>
        send(u, 'POST', '/presentations/verify', {
          json: {
            verifiablePresentation: {
              '@context': ['https://www.w3.org/ns/credentials/v2'],
              type: ['VerifiablePresentation'],
              verifiableCredential: [(await issued()).verifiableCredential],
            },
          },
        }),
      '400': () => send(u, 'POST', '/presentations/verify', { json: { something: 'else' } }),
      ...bodyRefusals(u, 'POST', '/presentations/verify'),
      '422': async () =>
        send(u, 'POST', '/presentations/verify', {
          json: {
            verifiablePresentation: {
              '@context': ['https://www.w3.org/ns/credentials/v2'],
              type: ['VerifiablePresentation'],
              verifiableCredential: [{ ...(await issued()).verifiableCredential, name: 'Forged' }],
            },
          },
        }),
    },
    'POST /challenges': { '200': () => send(u, 'POST', '/challenges') },
    'POST /credentials/derive': {
      '201': async () => {
        const base = await issue(
          w.web,
          certification((c) => (c.issuer.id = w.web.deps.key.controller)),
          {
            cryptosuite: 'ecdsa-sd-2023',
            mandatoryPointers: ['/issuer', '/validFrom', '/credentialSubject/achievement/name', '/credentialStatus'],
          },
        );
        return send(u, 'POST', '/credentials/derive', {
          json: {
            verifiableCredential: base.verifiableCredential,
            options: { selectivePointers: ['/type', '/credentialSubject/type', '/credentialSubject/achievement/type'] },
          },
        });
      },
      '400': () => send(u, 'POST', '/credentials/derive', { json: { options: {} } }),
      ...bodyRefusals(u, 'POST', '/credentials/derive'),
      '422': async () =>
        send(u, 'POST', '/credentials/derive', {
          json: { verifiableCredential: (await issued()).verifiableCredential },
        }),
    },
    'GET /status/{purpose}/{list}': {
      '200': async () => {
        await issued();
        return send(u, 'GET', '/status/revocation/0');
      },
      '404': () => send(u, 'GET', '/status/revocation/7'),
    },
    'GET /.well-known/did.json': { '200': () => send(w.web.url, 'GET', '/.well-known/did.json') },
    'GET /problems': { '200': () => send(u, 'GET', '/problems', { headers: { accept: 'application/json' } }) },
    'POST /pathways': {
      '200': async () => {
        await safetyPublished();
        return send(u, 'POST', '/pathways', { json: safety, ...full });
      },
      '201': () =>
        send(u, 'POST', '/pathways', {
          json: safetyPathway(`https://college.example/pathways/${randomUUID()}`),
          ...full,
        }),
      '400': () => send(u, 'POST', '/pathways', { body: '{"type": "Pathway",', ...full }),
      ...tokenRefusals(u, 'POST', '/pathways', TOKENS.issueOnly, safety),
      '409': async () => {
        await safetyPublished();
        return send(u, 'POST', '/pathways', { json: { ...safety, name: 'Another definition' }, ...full });
      },
      ...bodyRefusals(u, 'POST', '/pathways', TOKENS.full),
      '422': () => send(u, 'POST', '/pathways', { json: { ...safety, requirement: undefined }, ...full }),
    },
    'GET /pathways': { '200': () => send(u, 'GET', '/pathways') },
    'GET /pathways/{id}': {
      '200': async () => {
        await safetyPublished();
        return send(u, 'GET', `/pathways/${enc(safety.id)}`);
      },
      '404': () => send(u, 'GET', `/pathways/${enc('https://college.example/pathways/none')}`),
    },
    'POST /pathways/{id}/evaluate': {
      '200': async () => {
        await safetyPublished();
        return send(u, 'POST', evaluate, { json: { verifiableCredential: [(await issued()).verifiableCredential] } });
      },
      '201': async () => {
        await safetyPublished();
        return send(u, 'POST', evaluate, {
          json: { verifiableCredential: [], options: { issue: ['progress'], recipient: WORKER } },
          ...full,
        });
      },
      '400': () => send(u, 'POST', evaluate, { json: {} }),
      '401': async () => {
        await safetyPublished();
        return send(u, 'POST', evaluate, { json: { verifiableCredential: [], options: { issue: ['progress'] } } });
      },
      '403': async () => {
        await safetyPublished();
        return send(u, 'POST', evaluate, {
          json: { verifiableCredential: [], options: { issue: ['progress'] } },
          token: TOKENS.readOnly,
        });
      },
      '404': () =>
        send(u, 'POST', `/pathways/${enc('https://college.example/pathways/none')}/evaluate`, {
          json: { verifiableCredential: [] },
        }),
      ...bodyRefusals(u, 'POST', evaluate),
      '422': async () => {
        await safetyPublished();
        return send(u, 'POST', evaluate, {
          json: { verifiableCredential: [], options: { issue: ['achievement'], recipient: WORKER } },
          ...full,
        });
      },
    },
    'GET /openapi.json': { '200': () => send(u, 'GET', '/openapi.json') },
    'GET /api': { '200': () => send(u, 'GET', '/api') },
    'GET /api/{asset}': {
      '200': () => send(u, 'GET', '/api/swagger-ui.css'),
      '404': () => send(u, 'GET', '/api/package.json'),
    },
  };
}
