/**
 * The achievement catalogue and the issuer profile over real HTTP (LevelDB on disk, 127.0.0.1):
 * the OB 3.0 Profile (OB 3.0 §B.1.16) and Achievements (§B.1.1, versioned with its `version`
 * property), and `POST /credentials/issue` in the catalogue form (achievement id + recipient),
 * whose credentials a peer (`@digitalbazaar/vc`) and the service's verifier both verify.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IssuerApp, startIssuerApp, storedState, TOKENS } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';
import { peerVerify } from '../helpers/peer-verify.ts';

const WORKER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

const safety = (change: Record<string, unknown> = {}) => ({
  id: 'https://college.example/achievements/safety-basics',
  type: ['Achievement'],
  achievementType: 'Certificate',
  name: 'Safety basics',
  description: 'Completed the safety courses.',
  criteria: { narrative: 'Pass the OSHA 10-hour course.' },
  ...change,
});

let issuer: IssuerApp;
const put = (path: string, body: unknown, token: string = TOKENS.full) => call(issuer.url, 'PUT', path, body, token);
const post = (path: string, body: unknown, token: string = TOKENS.full) => call(issuer.url, 'POST', path, body, token);
const get = (path: string) => call(issuer.url, 'GET', path);
const enc = encodeURIComponent;

beforeAll(async () => {
  issuer = await startIssuerApp({ loopbackPublicBaseUrl: true });
});
afterAll(async () => {
  await issuer?.close();
});

describe('Issuer profile (OB 3.0 §B.1.16 Profile): GET /issuer, PUT /issuer', () => {
  it('the profile is the service DID; PUT configures it, validated against the OB 3.0 Profile schema', async () => {
    const before = await get('/issuer');
    expect(before.status).toBe(200);
    expect(before.json).toEqual({ id: issuer.deps.key.controller, type: ['Profile'] });

    const profile = {
      type: ['Profile'],
      name: 'Example College',
      url: 'https://college.example',
      email: 'registrar@college.example',
      description: 'A college that certifies technicians.',
      image: { id: 'https://college.example/logo.png', type: 'Image' },
    };
    const res = await put('/issuer', profile);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ...profile, id: issuer.deps.key.controller });
    expect((await get('/issuer')).json).toEqual(res.json);
  });

  it('I3 a profile the OB 3.0 schema refuses is 422 with a pointer; another id is 422 at /id; no scope is 401', async () => {
    const configured = (await get('/issuer')).json;
    const badName = await put('/issuer', { name: 42 });
    expect(badName.status).toBe(422);
    expect(badName.json.pointer).toBe('/name');
    const badImage = await put('/issuer', { name: 'X', image: { id: 'https://college.example/logo.png' } });
    expect(badImage.status).toBe(422);
    expect(badImage.json.pointer).toBe('/image/type');
    const otherId = await put('/issuer', { id: 'did:example:someone-else', name: 'X' });
    expect(otherId.status).toBe(422);
    expect(otherId.json.pointer).toBe('/id');
    expect((await call(issuer.url, 'PUT', '/issuer', { name: 'X' })).status).toBe(401);
    expect((await put('/issuer', { name: 'X' }, TOKENS.issueOnly)).status).toBe(403);
    expect((await get('/issuer')).json).toEqual(configured);
  });
});

describe('Achievements (OB 3.0 §B.1.1): create, read, versions', () => {
  it('POST creates version 1 (201); the same again is 200 with it; other content under the id is 409', async () => {
    const created = await post('/achievements', safety());
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ ...safety(), version: '1' });
    const again = await post('/achievements', safety());
    expect(again.status).toBe(200);
    expect(again.json).toEqual(created.json);
    const other = await post('/achievements', safety({ name: 'Changed' }));
    expect(other.status).toBe(409);
    expect(other.json.title).toBe('CONFLICT');
  });

  it('an id is minted under the service from the name when the body has none; GET by slug and by encoded id', async () => {
    const res = await post('/achievements', {
      name: 'Forklift Operator — Level 2',
      description: 'Operates a forklift.',
      criteria: { narrative: 'Practical test.' },
    });
    expect(res.status).toBe(201);
    expect(res.json.id).toBe(`${issuer.url}/achievements/forklift-operator-level-2`);
    expect(res.json.type).toEqual(['Achievement']);
    expect((await get('/achievements/forklift-operator-level-2')).json).toEqual(res.json);
    expect((await get(`/achievements/${enc(res.json.id)}`)).json).toEqual(res.json);
  });

  it('PUT with changed content makes version n+1, never editing n; unchanged is 200; a stale version is 409', async () => {
    const id = 'https://college.example/achievements/welding';
    const v1 = safety({ id, name: 'Welding' });
    expect((await post('/achievements', v1)).status).toBe(201);
    const v2 = { ...v1, criteria: { narrative: 'Pass the welding test, twice.' } };
    const changed = await put(`/achievements/${enc(id)}`, v2);
    expect(changed.status).toBe(201);
    expect(changed.json.version).toBe('2');
    expect((await put(`/achievements/${enc(id)}`, v2)).status).toBe(200);
    expect((await get(`/achievements/${enc(id)}`)).json).toEqual({ ...v2, version: '2' });
    expect((await get(`/achievements/${enc(id)}/versions/1`)).json).toEqual({ ...v1, version: '1' });
    expect((await get(`/achievements/${enc(id)}/versions/3`)).status).toBe(404);
    const stale = await put(`/achievements/${enc(id)}`, { ...v2, name: 'Welding I', version: '1' });
    expect(stale.status).toBe(409);
    expect(stale.json.pointer).toBe('/version');
    const list = await get('/achievements');
    expect(list.json.achievements.find((a: any) => a.id === id)).toEqual({ ...v2, version: '2' });
  });

  it('I3 an achievement the OB 3.0 schema refuses is 422 at its pointer, and nothing is stored; unknown PUT is 404', async () => {
    const res = await post(
      '/achievements',
      safety({ id: 'https://college.example/achievements/bad', criteria: undefined }),
    );
    expect(res.status).toBe(422);
    expect(res.json.pointer).toBe('/criteria');
    expect((await get(`/achievements/${enc('https://college.example/achievements/bad')}`)).status).toBe(404);
    const unknown = await put(
      `/achievements/${enc('https://college.example/achievements/none')}`,
      safety({ id: undefined }),
    );
    expect(unknown.status).toBe(404);
  });
});

describe('POST /credentials/issue, catalogue form: { achievement, recipient, fields }', () => {
  it('issues an OB 3.0 credential from the catalogue; @digitalbazaar/vc and the service verifier both verify it', async () => {
    await post('/achievements', safety());
    const res = await post('/credentials/issue', {
      achievement: safety().id,
      recipient: { id: WORKER },
      fields: { creditsEarned: 1.5, validUntil: '2029-03-01T00:00:00Z' },
    });
    expect(res.status).toBe(201);
    const credential = res.json.verifiableCredential;
    expect(credential['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.issuer).toEqual((await get('/issuer')).json);
    expect(credential.credentialSubject).toMatchObject({
      id: WORKER,
      type: ['AchievementSubject'],
      creditsEarned: 1.5,
      achievement: { ...safety(), version: '1' },
    });
    expect(credential.validUntil).toBe('2029-03-01T00:00:00Z');

    const peer = await peerVerify(credential);
    expect(peer.error).toBeUndefined();
    expect(peer.verified).toBe(true);
    const ours = await post('/credentials/verify', { verifiableCredential: credential });
    expect(ours.json.verified).toBe(true);
  });

  it('a credential issued before an achievement changes keeps the old version; achievementVersion picks one', async () => {
    const id = 'https://college.example/achievements/first-aid';
    await post('/achievements', safety({ id, name: 'First aid' }));
    const before = (await post('/credentials/issue', { achievement: id, recipient: { id: WORKER } })).json
      .verifiableCredential;
    await put(`/achievements/${enc(id)}`, safety({ id, name: 'First aid (2026)' }));
    const after = (await post('/credentials/issue', { achievement: id, recipient: { id: WORKER } })).json
      .verifiableCredential;
    const pinned = (
      await post('/credentials/issue', { achievement: id, achievementVersion: 1, recipient: { id: WORKER } })
    ).json.verifiableCredential;
    const stored = await call(issuer.url, 'GET', `/credentials/${enc(before.id)}`, undefined, TOKENS.full);
    expect(stored.json.verifiableCredential.credentialSubject.achievement).toMatchObject({
      name: 'First aid',
      version: '1',
    });
    expect(after.credentialSubject.achievement).toMatchObject({ name: 'First aid (2026)', version: '2' });
    expect(pinned.credentialSubject.achievement).toMatchObject({ name: 'First aid', version: '1' });
    expect((await post('/credentials/verify', { verifiableCredential: before })).json.verified).toBe(true);
  });

  it('OB 3.0 §B.1.12: an email recipient becomes a hashed IdentityObject, recomputed here with node:crypto', async () => {
    const res = await post('/credentials/issue', { achievement: safety().id, recipient: { email: 'Ada@Example.ORG' } });
    expect(res.status).toBe(201);
    const subject = res.json.verifiableCredential.credentialSubject;
    expect(subject.id).toBeUndefined();
    const [identity] = subject.identifier;
    expect(identity).toMatchObject({ type: 'IdentityObject', identityType: 'emailAddress', hashed: true });
    expect(identity.salt).toMatch(/^[0-9a-f]{32}$/);
    const expected = createHash('sha256').update(`ada@example.org${identity.salt}`).digest('hex');
    expect(identity.identityHash).toBe(`sha256$${expected}`);
  });

  it('I3 refusals store nothing: unknown achievement or version (422), both forms, no recipient, bad DID or email (400)', async () => {
    await post('/achievements', safety());
    const before = await storedState(issuer.deps);
    const cases: Array<[unknown, number, string]> = [
      [{ achievement: 'https://college.example/achievements/none', recipient: { id: WORKER } }, 422, '/achievement'],
      [{ achievement: safety().id, achievementVersion: 9, recipient: { id: WORKER } }, 422, '/achievementVersion'],
      [{ credential: {}, achievement: safety().id, recipient: { id: WORKER } }, 400, '/achievement'],
      [{ achievement: safety().id }, 400, '/recipient'],
      [{ achievement: safety().id, recipient: { id: 'https://not-a-did.example' } }, 400, '/recipient/id'],
      [{ achievement: safety().id, recipient: { email: 'nobody' } }, 400, '/recipient/email'],
      [{ achievement: safety().id, recipient: {} }, 400, '/recipient'],
      [{ achievement: safety().id, recipient: { id: WORKER }, fields: { colour: 'red' } }, 400, '/fields/colour'],
      [{}, 400, '/credential'],
      // The rules of the built credential, pointed back at the request's fields: I3 a bad date is 400 (VC 2.0 §4.9),
      // the OB 3.0 schema's refusals 422.
      [
        { achievement: safety().id, recipient: { id: WORKER }, fields: { validUntil: 'soon' } },
        400,
        '/fields/validUntil',
      ],
      [
        { achievement: safety().id, recipient: { id: WORKER }, fields: { creditsEarned: 'many' } },
        422,
        '/fields/creditsEarned',
      ],
    ];
    for (const [body, status, pointer] of cases) {
      const res = await post('/credentials/issue', body);
      expect({ body, status: res.status, pointer: res.json.pointer }).toEqual({ body, status, pointer });
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    expect(await storedState(issuer.deps)).toEqual(before);
  });
});
