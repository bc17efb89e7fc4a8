/**
 * Differential test of core's fast `eddsa-rdfc-2022` pipeline against the stock
 * `@digitalbazaar/vc` one (EdDSA Cryptosuites v1.0 §3.2; Data Integrity 1.0 §4.2 "Add Proof",
 * §4.4 "Verify Proof"): generated Open Badges 3.0 credentials are signed by both with the same key
 * and `created`; the proofs must be the same string, and each pipeline must verify the other's
 * output. Tampered credentials must be refused by both. A small fixed-seed count here; the full
 * count runs under `bench/di-differential.ts`.
 */
import { generateSigningKey, importSigningKey, signCredential } from '@repo/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ob3Credential } from './ob3-arbitrary.ts';
import { documentLoader, fastSign, fastVerify, key, stockSign, stockVerify } from './pipelines.ts';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261207);
const RUNS = Number(process.env.DIFFERENTIAL_RUNS ?? 150);

describe('fast eddsa-rdfc-2022 pipeline vs @digitalbazaar/vc', () => {
  it('signs the Open Badges 3.0 fixture exactly as vc.issue does (first test uses the stock library)', async () => {
    const credential = structuredClone((await import('../fixtures/ob3-certification.json')).default) as Record<
      string,
      unknown
    >;
    credential.validFrom = '2026-01-01T00:00:00Z';
    const now = new Date('2026-06-01T00:00:00.123Z');
    const stock = await stockSign(credential, now);
    const fast = await fastSign(credential, now);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(stock));
    expect(fast.proof.created).toBe('2026-06-01T00:00:00Z');
  });

  it('generated credentials: identical proofs, and each verifies the other', async () => {
    await fc.assert(
      fc.asyncProperty(ob3Credential(key.controller), async ({ credential, now }) => {
        const stock = await stockSign(credential, now);
        const fast = await fastSign(credential, now);
        expect(JSON.stringify(fast.proof)).toBe(JSON.stringify(stock.proof));
        expect(JSON.stringify(fast)).toBe(JSON.stringify(stock));
        const core = await signCredential(credential, { key, documentLoader, now });
        expect(JSON.stringify(core)).toBe(JSON.stringify(stock));
        expect(await fastVerify(stock)).toBe(true);
        expect(await stockVerify(fast, now)).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 60_000);

  it('tampered credentials are refused by both (content, created, proofValue)', async () => {
    const [{ credential, now }] = fc.sample(ob3Credential(key.controller), { seed: SEED, numRuns: 1 });
    const signed = await fastSign(credential!, now!);
    const tampers: Record<string, (c: any) => void> = {
      name: (c) => {
        c.name = `${c.name}!`;
      },
      subject: (c) => {
        c.credentialSubject.achievement.name = 'Forged achievement';
      },
      created: (c) => {
        c.proof.created = '2001-01-01T00:00:00Z';
      },
      proofValue: (c) => {
        const v: string = c.proof.proofValue;
        c.proof.proofValue = `${v.slice(0, 10)}${v[10] === 'A' ? 'B' : 'A'}${v.slice(11)}`;
      },
    };
    for (const [what, tamper] of Object.entries(tampers)) {
      const forged = structuredClone(signed) as any;
      tamper(forged);
      expect(await fastVerify(forged), what).toBe(false);
      expect(await stockVerify(forged, now!), what).toBe(false);
    }
  });

  it('safe mode still throws for an undefined term, in both pipelines (I-series: data-loss detection)', async () => {
    const [{ credential, now }] = fc.sample(ob3Credential(key.controller), { seed: SEED, numRuns: 1 });
    const bad = { ...credential!, notAnOb3Term: 'dropped by JSON-LD' };
    await expect(stockSign(bad, now!)).rejects.toThrow(/safe mode/i);
    await expect(fastSign(bad, now!)).rejects.toThrow(/safe mode/i);
    // core's signCredential (fast path wired in) still answers with the coded problem
    await expect(signCredential(bad, { key, documentLoader, now: now! })).rejects.toMatchObject({
      code: 'DATA_LOSS_DETECTION_ERROR',
    });
  });

  it('a key paired with another signer is not signed with its key object (the stock signer is used)', async () => {
    const [{ credential, now }] = fc.sample(ob3Credential(key.controller), { seed: SEED, numRuns: 1 });
    const other = await importSigningKey((await generateSigningKey()).serialized);
    const mixed = Object.defineProperty({ ...key, signer: { ...other.signer, id: key.id } }, 'keyObjects', {
      value: key.keyObjects,
    }) as typeof key;
    const signed = await signCredential(credential!, { key: mixed, documentLoader, now: now! });
    expect(await fastVerify(signed)).toBe(false);
    expect(await stockVerify(signed, now!)).toBe(false);
  });
});
