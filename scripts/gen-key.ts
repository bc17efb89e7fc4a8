/**
 * Generates a new Ed25519 issuer key (Multikey) for a did:key issuer, or for a did:web issuer
 * with its DID document.
 *
 * @example
 *   node --import tsx scripts/gen-key.ts --out ./secrets/issuer-key.json
 *   node --import tsx scripts/gen-key.ts --did-web did:web:issuer.example.org --out ./secrets/issuer-key.json --did-document ./public/.well-known/did.json
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { generateSigningKey, importSigningKey } from '@repo/core';
import { didDocumentOf } from '@repo/issuer';
import { Command } from 'commander';

const program = new Command()
  .name('gen-key')
  .description('Generate an Ed25519 issuer signing key (did:key, or did:web with its DID document).')
  .requiredOption('--out <file>', 'where to write the private key file (created with mode 0600; never commit it)')
  .option('--did-web <did>', 'make a did:web key, e.g. did:web:issuer.example.org')
  .option('--fragment <name>', 'verification method fragment for did:web', 'key-1')
  .option(
    '--algorithm <alg>',
    'Ed25519 (eddsa-rdfc-2022, EdDSA), P-256 or P-384 (ecdsa-rdfc-2019, ES256/ES384)',
    'Ed25519',
  )
  .option('--did-document <file>', 'also write the public DID document (serve it at /.well-known/did.json)')
  .option('--force', 'overwrite an existing key file', false)
  .parse();

const opts = program.opts<{
  out: string;
  didWeb?: string;
  fragment: string;
  didDocument?: string;
  force: boolean;
  algorithm: 'Ed25519' | 'P-256' | 'P-384';
}>();
if (!['Ed25519', 'P-256', 'P-384'].includes(opts.algorithm)) {
  console.error('--algorithm must be Ed25519, P-256 or P-384.');
  process.exit(1);
}
const cwd = process.env.INIT_CWD ?? process.cwd();
const out = resolve(cwd, opts.out);
if (existsSync(out) && !opts.force) {
  console.error(`${out} exists; pass --force to overwrite it.`);
  process.exit(1);
}
if (opts.didWeb !== undefined && !/^did:web:[A-Za-z0-9.%-]+(:[A-Za-z0-9._%-]+)*$/.test(opts.didWeb)) {
  console.error('--did-web must look like did:web:issuer.example.org (optionally :path:segments).');
  process.exit(1);
}
const { serialized } = await generateSigningKey(
  opts.didWeb === undefined
    ? { algorithm: opts.algorithm }
    : { didWeb: opts.didWeb, fragment: opts.fragment, algorithm: opts.algorithm },
);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(serialized, null, 2)}\n`, { mode: 0o600 });
const key = await importSigningKey(serialized);
console.log(`wrote private key file ${out} (keep it secret; point ISSUER_KEY_FILE at it)`);
console.log(`issuer DID: ${key.controller}`);
console.log(`verification method: ${key.id}`);
if (opts.didDocument) {
  const file = resolve(cwd, opts.didDocument);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(didDocumentOf(key), null, 2)}\n`);
  console.log(`wrote public DID document ${file}`);
}
