/**
 * The signing pool (issue 12, "Use both cores"): worker threads that sign with core's
 * signCredential. Data Integrity 1.0 §4 / VC DI EdDSA 1.0 §3.3 (eddsa-rdfc-2022) and VC DI ECDSA
 * 1.0 §3.3 (ecdsa-rdfc-2019): the proof's bytes depend only on the document, key and `created`, so
 * the pool must give the same bytes as signing in-process.
 */
import { createDocumentLoader, generateSigningKey, importSigningKey, signCredential } from '@repo/core';
import { createVerifier } from '@repo/verifier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLoader, FROZEN_NOW, ob3Credential } from '../../../../test/helpers/credential-factory.ts';
import { createSigningPool, type SigningPool } from '../../src/workers/signing-pool.ts';

const loader = createTestLoader();
const verifier = createVerifier({ now: () => FROZEN_NOW, didResolver: loader.didResolver });
const ed = (await generateSigningKey()).serialized;
const p256 = (await generateSigningKey({ algorithm: 'P-256' })).serialized;
const created = new Date('2026-05-01T10:00:00Z');
let pool: SigningPool;

beforeAll(async () => {
  pool = await createSigningPool({ keys: ed, contexts: loader.contexts, size: 2, testHooks: true });
});
afterAll(async () => {
  await pool.close();
});

describe('signing pool', () => {
  it('eddsa-rdfc-2022: the same bytes as in-process signCredential, and the verifier accepts them', async () => {
    const key = await importSigningKey(ed);
    const credential = ob3Credential(key);
    const documentLoader = createDocumentLoader({ contexts: loader.contexts, refuseVocab: true });
    const local = await signCredential(credential, { key, documentLoader, now: created });
    const pooled = await pool.sign(credential, { created });
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(local));
    expect(pooled.proof.cryptosuite).toBe('eddsa-rdfc-2022');
    const result = await verifier.verifyCredential(pooled);
    expect(result.problems).toEqual([]);
    expect(result.verified).toBe(true);
  });

  it('ecdsa-rdfc-2019 with a P-256 key: the verifier accepts it', async () => {
    const own = await createSigningPool({ keys: p256, contexts: loader.contexts, size: 1 });
    const credential = ob3Credential(p256.controller);
    const pooled = await own.sign(credential, { created, cryptosuite: 'ecdsa-rdfc-2019' });
    await own.close();
    expect(pooled.proof.cryptosuite).toBe('ecdsa-rdfc-2019');
    expect(pooled.proof.verificationMethod).toBe(p256.id);
    expect(pooled.proof.created).toBe('2026-05-01T10:00:00Z');
    expect((await verifier.verifyCredential(pooled)).verified).toBe(true);
  });

  it('200 concurrent signs all resolve, each with its own proof', async () => {
    const credentials = Array.from({ length: 200 }, () => ob3Credential(ed.controller));
    const signed = await Promise.all(credentials.map((c) => pool.sign(c, { created })));
    expect(signed.map((s) => s.id)).toEqual(credentials.map((c) => c.id));
    expect(new Set(signed.map((s) => s.proof.proofValue)).size).toBe(200);
    expect((await verifier.verifyCredential(signed[199])).verified).toBe(true);
  });

  it('a coded signing problem comes back as the same VcError (undefined term: DATA_LOSS_DETECTION_ERROR)', async () => {
    const credential = ob3Credential(ed.controller, { madeUpTerm: 'x' });
    await expect(pool.sign(credential, { created })).rejects.toMatchObject({
      name: 'VcError',
      code: 'DATA_LOSS_DETECTION_ERROR',
    });
  });

  it('a worker that dies rejects its job with a clear error, is replaced, and the pool keeps signing', async () => {
    const crash = pool.sign(ob3Credential(ed.controller), { created, testCrash: true });
    await expect(crash).rejects.toThrow(/signing worker stopped \(exit code 70\).*not signed/);
    const after = await Promise.all(
      Array.from({ length: 10 }, () => pool.sign(ob3Credential(ed.controller), { created })),
    );
    expect(after.every((s) => s.proof.type === 'DataIntegrityProof')).toBe(true);
    expect(pool.size).toBe(2);
  });

  it('K1: a bad key file fails before any worker starts, without key material in the message', async () => {
    const broken = { ...ed, secretKeyMultibase: `${ed.secretKeyMultibase.slice(0, -4)}zzzz` };
    const error = await createSigningPool({
      keys: { ...broken, publicKeyMultibase: p256.publicKeyMultibase },
      contexts: loader.contexts,
    }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error?.message).not.toContain(ed.secretKeyMultibase.slice(1, 12));
  });

  it('close() waits for accepted jobs, then rejects new work', async () => {
    const own = await createSigningPool({ keys: ed, contexts: loader.contexts, size: 1, maxInFlight: 2 });
    const jobs = Array.from({ length: 5 }, () => own.sign(ob3Credential(ed.controller), { created }));
    await own.close();
    expect((await Promise.all(jobs)).length).toBe(5);
    expect(own.pending).toBe(0);
    await expect(own.sign(ob3Credential(ed.controller), { created })).rejects.toThrow('The signing pool is closed');
  });

  it('backpressure: beyond maxInFlight + maxQueued, sign rejects at once', async () => {
    const own = await createSigningPool({ keys: ed, contexts: loader.contexts, size: 1, maxInFlight: 1, maxQueued: 1 });
    const accepted = [
      own.sign(ob3Credential(ed.controller), { created }),
      own.sign(ob3Credential(ed.controller), { created }),
    ];
    await expect(own.sign(ob3Credential(ed.controller), { created })).rejects.toThrow(/signing pool is busy/);
    await Promise.all(accepted);
    await own.close();
  });
});
