/**
 * The signing pool sends jobs asked for together to its workers in groups (one message per group,
 * one answer per group): each job still settles on its own — its own credential, its own problem,
 * and a credential that cannot be sent refuses only itself.
 */
import { Worker } from 'node:worker_threads';
import { createDocumentLoader, generateSigningKey, importSigningKey, signCredential } from '@repo/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestLoader, ob3Credential } from '../../../../test/helpers/credential-factory.ts';
import { lazySigningPool } from '../../src/workers/lazy-signing-pool.ts';
import { createSigningPool, type SigningPool } from '../../src/workers/signing-pool.ts';

const loader = createTestLoader();
const ed = (await generateSigningKey()).serialized;
const created = new Date('2026-05-01T10:00:00Z');
let pool: SigningPool;

beforeAll(async () => {
  pool = await createSigningPool({ keys: ed, contexts: loader.contexts, size: 2 });
});
afterAll(async () => {
  await pool.close();
});

describe('signing pool: jobs in groups', () => {
  it('a chunk signed in one go: every job gets its own credential back, in the order asked', async () => {
    const credentials = Array.from({ length: 150 }, () => ob3Credential(ed.controller));
    const signed = await Promise.all(credentials.map((c) => pool.sign(c, { created })));
    expect(signed.map((s) => s.id)).toEqual(credentials.map((c) => c.id));
    expect(pool.pending).toBe(0);
  });

  it('a bad credential among good ones fails alone, with its own problem', async () => {
    const credentials = Array.from({ length: 40 }, (_, i) =>
      ob3Credential(ed.controller, i === 17 ? { madeUpTerm: 'x' } : {}),
    );
    const outcomes = await Promise.allSettled(credentials.map((c) => pool.sign(c, { created })));
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(1);
    expect(outcomes[17]).toMatchObject({ status: 'rejected', reason: { code: 'DATA_LOSS_DETECTION_ERROR' } });
  });

  it('a credential that cannot be sent to a worker refuses only itself (TypeError)', async () => {
    const credentials: Array<Record<string, unknown>> = Array.from({ length: 20 }, () => ob3Credential(ed.controller));
    credentials[5] = { ...credentials[5], notJson: () => 1 };
    const outcomes = await Promise.allSettled(credentials.map((c) => pool.sign(c, { created })));
    expect(outcomes[5]).toMatchObject({ status: 'rejected', reason: expect.any(TypeError) });
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(19);
  });

  it('jobs asked at once go in full groups: a message per group, not per job the workers answered', async () => {
    const sent = vi.spyOn(Worker.prototype, 'postMessage');
    try {
      const credentials = Array.from({ length: 1000 }, () => ob3Credential(ed.controller));
      await Promise.all(credentials.map((c) => pool.sign(c, { created })));
      // 1,000 jobs in groups of up to 32: ~32 messages (one per job before the groups were kept full)
      expect(sent.mock.calls.length).toBeLessThan(60);
    } finally {
      sent.mockRestore();
    }
  });

  it('only what the signature added comes back: the same bytes as in-process, the rest the caller’s own', async () => {
    const key = await importSigningKey(ed);
    const documentLoader = createDocumentLoader({ contexts: loader.contexts, refuseVocab: true });
    const v2 = ob3Credential(ed.controller);
    // VC 1.1: the signature also appends the Data Integrity context to @context
    const v11 = ob3Credential(ed.controller, {
      '@context': ['https://www.w3.org/2018/credentials/v1', v2['@context'][1]],
      validFrom: undefined,
      issuanceDate: '2026-01-01T00:00:00Z',
    });
    for (const credential of [v2, v11]) {
      const before = JSON.stringify(credential);
      const local = await signCredential(credential, { key, documentLoader, now: created });
      const pooled = await pool.sign(credential, { created });
      expect(JSON.stringify(pooled)).toBe(JSON.stringify(local));
      expect(JSON.stringify(credential)).toBe(before);
      expect(pooled).not.toBe(credential);
      expect(pooled.credentialSubject).toBe(credential.credentialSubject);
    }
    expect((await pool.sign(v11, { created }))['@context']).not.toBe(v11['@context']);
  });

  it('a credential that is not plain JSON data comes back whole, as a copy', async () => {
    const credential = ob3Credential(ed.controller);
    credential.credentialSubject = Object.assign(Object.create(null), credential.credentialSubject);
    const pooled = await pool.sign(credential, { created });
    expect(pooled.credentialSubject).not.toBe(credential.credentialSubject);
    expect(Object.getPrototypeOf(pooled.credentialSubject)).toBe(Object.prototype);
    expect(JSON.stringify(pooled.credentialSubject)).toBe(JSON.stringify(credential.credentialSubject));
  });

  it('a lazy pool starts its workers on warm(), before the first sign', async () => {
    let made = 0;
    const lazy = lazySigningPool(async () => {
      made++;
      return createSigningPool({ keys: ed, contexts: loader.contexts, size: 1 });
    }, 1);
    expect(made).toBe(0);
    lazy.warm();
    lazy.warm();
    expect(made).toBe(1);
    const signed = await lazy.sign(ob3Credential(ed.controller), { created });
    expect(signed.proof.cryptosuite).toBe('eddsa-rdfc-2022');
    expect(made).toBe(1);
    await lazy.close();
  });
});
