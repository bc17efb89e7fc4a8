/**
 * Revokes a compromised key of a did:web issuer: marks its verification method `revoked` (the
 * date-time of Controlled Identifiers 1.0 §2.2.4) in the key file — and so in the DID document,
 * where it leaves `assertionMethod` and `authentication` — and removes its secret. Once the new
 * DID document is served, nothing the key signed verifies, whatever its date. The signing key can
 * be revoked only together with a new one (--replace, which rotates first); otherwise rotate
 * first. Writes the key file atomically (mode 0600) and, with --did-document, the public DID
 * document. Restart the issuer afterwards.
 *
 * @example
 *   npm run revoke-key -- --key-file ./secrets/issuer-key.json --key key-1 --did-document ./public/did.json
 *   npm run revoke-key -- --key-file ./secrets/issuer-key.json --key key-2 --replace --did-document ./public/did.json
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { didDocumentOf, loadKeySet, rotateKeySet, type SerializedKeySet } from '@repo/issuer';
import { Command } from 'commander';

const program = new Command()
  .name('revoke-key')
  .description('Revoke a compromised key of a did:web issuer: nothing it signed verifies any more.')
  .requiredOption('--key-file <file>', 'the issuer key file (single key or key set); rewritten in place')
  .requiredOption('--key <id>', 'the key to revoke: its verification method id or fragment (key-1)')
  .option('--replace', 'the key is the signing key: make a new signing key in the same step', false)
  .option('--algorithm <alg>', 'with --replace: Ed25519, P-256 or P-384', 'Ed25519')
  .option('--did-document <file>', 'also write the public DID document')
  .parse();
const opts = program.opts<{
  keyFile: string;
  key: string;
  replace: boolean;
  algorithm: 'Ed25519' | 'P-256' | 'P-384';
  didDocument?: string;
}>();
const cwd = process.env.INIT_CWD ?? process.cwd();
const file = resolve(cwd, opts.keyFile);

/** `Date` → `2026-03-01T12:00:00Z` (whole seconds, as rotate-key writes `retiredAt`). */
const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

try {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  let set: SerializedKeySet = Array.isArray(json?.keys) ? json : { keys: [json], signing: String(json?.id) };
  const controller = String(set.keys[0]?.controller ?? '');
  if (!controller.startsWith('did:web:')) {
    throw new Error(
      `Only a did:web issuer can revoke a key (this one is ${controller || 'unknown'}): a did:key is its key, so stop using that DID instead.`,
    );
  }
  const id = opts.key.includes('#') ? opts.key : `${controller}#${opts.key}`;
  const entry = set.keys.find((k) => k.id === id);
  if (!entry) throw new Error(`The key file has no key ${id}; its keys: ${set.keys.map((k) => k.id).join(', ')}.`);
  if (entry.revoked !== undefined) throw new Error(`${id} was already revoked on ${String(entry.revoked)}.`);
  const now = new Date();
  const wasSigning = id === set.signing;
  if (wasSigning) {
    if (!opts.replace) {
      throw new Error(
        `${id} is the signing key: revoking it leaves the issuer nothing to sign with. Add --replace to make a new signing key in the same step, or run rotate-key first and then revoke ${id}.`,
      );
    }
    set = await rotateKeySet(set, { now, algorithm: opts.algorithm });
  }
  const revoked = set.keys.find((k) => k.id === id)!;
  revoked.revoked = isoSeconds(now);
  delete revoked.secretKeyMultibase;
  delete revoked.privateKeyJwk;
  const statusListFellBack = set.statusListSigning === id;
  if (statusListFellBack) delete set.statusListSigning;
  const keys = await loadKeySet(set);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(set, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  console.log(`revoked: ${id} on ${String(revoked.revoked)}; its secret is removed from the key file`);
  console.log(`signing key: ${keys.signing.id}${wasSigning ? ' (new)' : ''}`);
  if (statusListFellBack) console.log(`status lists are now signed by the signing key ${keys.signing.id}`);
  if (opts.didDocument) {
    writeFileSync(resolve(cwd, opts.didDocument), `${JSON.stringify(didDocumentOf(keys), null, 2)}\n`);
    console.log(`wrote the DID document to ${opts.didDocument}`);
  }
  console.log(
    `Publish the DID document and restart the issuer: from then on nothing ${id} signed verifies, whatever its date.`,
  );
} catch (error) {
  console.error(`revoke-key: ${(error as Error).message}`);
  process.exit(1);
}
