import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorld,
  danasContinuingEducation,
  danasCredentials,
  examplePathway,
  type Service,
  TOKEN,
  WORKER,
  type World,
} from '../../scripts/demo/world.ts';
import { storedState } from '../helpers/issuer-app.ts';

const aas = examplePathway('manufacturing-aas');
const recert = examplePathway('cimt-recertification');
const evaluatePath = `/pathways/${encodeURIComponent(aas.id)}/evaluate`;

async function post(service: Service, path: string, body: unknown, key?: string, token: string | null = TOKEN) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (key !== undefined) headers['idempotency-key'] = key;
  const res = await fetch(service.url + path, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, replayed: res.headers.get('idempotent-replayed'), text, json: JSON.parse(text) };
}

describe('Idempotency-Key on pathway evaluation with options.issue and on renewal (issue 9; SECURITY-CHECKLIST I13)', () => {
  let world: World;
  let dana: Record<string, Record<string, any>>;

  beforeAll(async () => {
    world = await createWorld('2026-09-01T12:00:00Z');
    expect((await world.college.call('POST', '/pathways', aas)).status).toBe(201);
    expect((await world.council.call('POST', '/pathways', recert)).status).toBe(201);
    dana = await danasCredentials(world);
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('I13 a retried evaluation that issues a CLR and the degree: both issued once, in one write, and the first answer again', async () => {
    const body = {
      verifiablePresentation: {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiablePresentation'],
        holder: WORKER,
        verifiableCredential: Object.values(dana),
      },
      options: { issue: ['clr', 'achievement'] },
    };
    const before = await storedState(world.college.deps);
    const first = await post(world.college, evaluatePath, body, '"aas-dana-0001"');
    expect(first.status).toBe(201);
    expect(Object.keys(first.json.issued).sort()).toEqual(['achievement', 'clr']);
    const after = await storedState(world.college.deps);
    expect(after.records).toBe(before.records + 2);

    const again = await post(world.college, evaluatePath, body, '"aas-dana-0001"');
    expect(again.status).toBe(201);
    expect(again.replayed).toBe('true');
    expect(again.text).toBe(first.text);
    expect(await storedState(world.college.deps)).toEqual(after);

    // Asking for something else with the same key is refused; so is the key without a token.
    const other = await post(world.college, evaluatePath, { ...body, options: { issue: ['clr'] } }, '"aas-dana-0001"');
    expect([other.status, other.json.title]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect((await post(world.college, evaluatePath, body, '"aas-dana-0001"', null)).status).toBe(401);
    expect(await storedState(world.college.deps)).toEqual(after);

    // An evaluation that issues nothing creates nothing: its key is not remembered.
    const { options: _o, ...report } = body;
    const plain = await post(world.college, evaluatePath, report, '"aas-dana-0002"', null);
    expect(plain.status).toBe(200);
    expect(plain.replayed).toBeNull();
    expect((await post(world.college, evaluatePath, report, '"malformed', null)).status).toBe(400);
  });

  it('I13 a retried renewal: one renewal, the first answer again; another body with the same key → 422', async () => {
    world.clock.set('2027-06-01T12:00:00Z');
    const ce = await danasContinuingEducation(world, '2027-02-01T00:00:00Z');
    const body = { credentialId: dana.cimt!.id, verifiableCredential: ce };
    const before = await storedState(world.council.deps);
    const first = await post(world.council, '/credentials/renew', body, '"renew-cimt-0001"');
    expect(first.status, first.text).toBe(201);
    const after = await storedState(world.council.deps);
    expect(after.records).toBe(before.records + 1);

    const again = await post(world.council, '/credentials/renew', body, '"renew-cimt-0001"');
    expect(again.status).toBe(201);
    expect(again.replayed).toBe('true');
    expect(again.text).toBe(first.text);
    expect(await storedState(world.council.deps)).toEqual(after);

    const fewer = await post(
      world.council,
      '/credentials/renew',
      { ...body, verifiableCredential: ce.slice(0, 4) },
      '"renew-cimt-0001"',
    );
    expect([fewer.status, fewer.json.title]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    // Without the key, the retry is a second renewal of the same certification: refused as before.
    expect((await post(world.council, '/credentials/renew', body)).status).toBe(409);
  });
});
