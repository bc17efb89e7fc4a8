/**
 * Rotates a did:web issuer's signing key: adds a new key to the key file, makes it the signing
 * key, marks the old one retired and removes its secret (it stays in the DID document with
 * `retiredAt`, so what it signed before keeps verifying, and nothing can sign with it again),
 * writes the file atomically (mode 0600) and, with --did-document, the public DID document to serve
 * at /.well-known/did.json. With --add, the new key is added beside the signing key, which stays
 * the signing key. Restart the issuer afterwards.
 *
 * @example
 *   npm run rotate-key -- --key-file ./secrets/issuer-key.json --did-document ./public/did.json
 *   npm run rotate-key -- --key-file ./secrets/issuer-key.json --algorithm P-256 --add
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { didDocumentOf, loadKeySet, rotateKeySet } from '@repo/issuer';
import { Command } from 'commander';

const program = new Command()
  .name('rotate-key')
  .description('Rotate the signing key of a did:web issuer (old keys keep verifying what they signed before).')
  .requiredOption('--key-file <file>', 'the issuer key file (single key or key set); rewritten in place')
  .option('--algorithm <alg>', 'Ed25519, P-256, P-384, or RSA (JWT-only RS256 key; with --add)', 'Ed25519')
  .option('--did-document <file>', 'also write the public DID document')
  .option(
    '--add',
    'add the new key beside the signing key instead of rotating (e.g. a P-256 key for ES256 / ecdsa-rdfc-2019)',
    false,
  )
  .parse();
const opts = program.opts<{
  keyFile: string;
  algorithm: 'Ed25519' | 'P-256' | 'P-384' | 'RSA';
  didDocument?: string;
  add: boolean;
}>();
const cwd = process.env.INIT_CWD ?? process.cwd();
const file = resolve(cwd, opts.keyFile);
try {
  const before = await loadKeySet(JSON.parse(readFileSync(file, 'utf8')));
  const next = await rotateKeySet(JSON.parse(readFileSync(file, 'utf8')), {
    now: new Date(),
    algorithm: opts.algorithm,
    add: opts.add,
  });
  const keys = await loadKeySet(next);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  if (opts.add) {
    console.log(
      `added key: ${String(next.keys.at(-1)?.id)} (${opts.algorithm}); signing key unchanged: ${keys.signing.id}`,
    );
  } else {
    console.log(`new signing key: ${keys.signing.id}`);
    console.log(
      `retired: ${before.signing.id} (its secret is removed from the key file; it still verifies what it signed before)`,
    );
  }
  if (opts.didDocument) {
    writeFileSync(resolve(cwd, opts.didDocument), `${JSON.stringify(didDocumentOf(keys), null, 2)}\n`);
    console.log(`wrote the DID document to ${opts.didDocument}`);
  }
  console.log(opts.add ? 'Restart the issuer to use the added key.' : 'Restart the issuer to sign with the new key.');
} catch (error) {
  console.error(`rotate-key: ${(error as Error).message}`);
  process.exit(1);
}
