/**
 * The signing pool sends jobs asked for together to its workers in groups (one message per group,
 * one answer per group): each job still settles on its own — its own credential, its own problem,
 * and a credential that cannot be sent refuses only itself.
 */
import { Worker } from 'node:worker_threads';
import { generateSigningKey } from '@repo/core';
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
