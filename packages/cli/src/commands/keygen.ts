import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { CliFailure, EXIT } from '../failure.ts';

/** What {@link writeNewSigningKey} makes. */
export interface KeygenOptions {
  /** Where to write the private key file (mode 0600). */
  out: string;
  /** A did:web DID; default a did:key. */
  didWeb?: string;
  /** The verification method fragment of a did:web key. Default `key-1`. */
  fragment?: string;
  algorithm?: 'Ed25519' | 'P-256' | 'P-384';
  /** Also write the public DID document here. */
  didDocument?: string;
  /** Overwrite an existing key file. */
  force?: boolean;
  /** Relative paths are resolved here. Default: `INIT_CWD` (where `npm run` was called), else the cwd. */
  cwd?: string;
}

/**
 * Generates an issuer signing key and writes its key file (0600; refuses to overwrite unless
 * `force`), and with `didDocument` the public DID document (serve it at `/.well-known/did.json`).
 * `npm run gen-key` and `certify keygen` both run this. Bad options: {@link CliFailure} (exit 2).
 *
 * @example
 * const { did } = await writeNewSigningKey({ out: 'secrets/issuer-key.json' });
 */
export async function writeNewSigningKey(
  options: KeygenOptions,
): Promise<{ keyFile: string; did: string; verificationMethod: string; didDocument?: string }> {
  const algorithm = options.algorithm ?? 'Ed25519';
  if (!['Ed25519', 'P-256', 'P-384'].includes(algorithm)) {
    throw new CliFailure('--algorithm must be Ed25519, P-256 or P-384.', EXIT.usage);
  }
  const cwd = options.cwd ?? process.env.INIT_CWD ?? process.cwd();
  const out = resolve(cwd, options.out);
  if (existsSync(out) && !options.force)
    throw new CliFailure(`${out} exists; pass --force to overwrite it.`, EXIT.usage);
  if (options.didWeb !== undefined && !/^did:web:[A-Za-z0-9.%-]+(:[A-Za-z0-9._%-]+)*$/.test(options.didWeb)) {
    throw new CliFailure(
      '--did-web must look like did:web:issuer.example.org (optionally :path:segments).',
      EXIT.usage,
    );
  }
  // Loaded here: @repo/core brings the JSON-LD and signature libraries, which no other command needs.
  const { didDocumentOf, generateSigningKey, importSigningKey } = await import('@repo/core');
  const { serialized } = await generateSigningKey(
    options.didWeb === undefined
      ? { algorithm }
      : { didWeb: options.didWeb, fragment: options.fragment ?? 'key-1', algorithm },
  );
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(serialized, null, 2)}\n`, { mode: 0o600 });
  const key = await importSigningKey(serialized);
  let didDocument: string | undefined;
  if (options.didDocument) {
    didDocument = resolve(cwd, options.didDocument);
    mkdirSync(dirname(didDocument), { recursive: true });
    writeFileSync(didDocument, `${JSON.stringify(didDocumentOf(key), null, 2)}\n`);
  }
  return { keyFile: out, did: key.controller, verificationMethod: key.id, ...(didDocument && { didDocument }) };
}

/**
 * The `keygen` command (also `npm run gen-key`, under the name `gen-key`).
 *
 * @example
 * await keygenCommand('gen-key').parseAsync();
 */
export function keygenCommand(name = 'keygen'): Command {
  return new Command(name)
    .description('generate an issuer signing key file (did:key, or did:web with its DID document)')
    .requiredOption('--out <file>', 'where to write the private key file (created with mode 0600; never commit it)')
    .option('--did-web <did>', 'make a did:web key, e.g. did:web:issuer.example.org')
    .option('--fragment <name>', 'verification method fragment for did:web', 'key-1')
    .addOption(
      new Option('--algorithm <alg>', 'Ed25519 (eddsa-rdfc-2022, EdDSA), P-256 or P-384 (ecdsa-rdfc-2019, ES256/ES384)')
        .choices(['Ed25519', 'P-256', 'P-384'])
        .default('Ed25519'),
    )
    .option('--did-document <file>', 'also write the public DID document (serve it at /.well-known/did.json)')
    .option('--force', 'overwrite an existing key file', false)
    .action(async (options: KeygenOptions, command: Command) => {
      const made = await writeNewSigningKey(options);
      if ((command.optsWithGlobals() as { json?: boolean }).json) {
        process.stdout.write(`${JSON.stringify(made, null, 2)}\n`);
        return;
      }
      console.log(`wrote private key file ${made.keyFile} (keep it secret; point ISSUER_KEY_FILE at it)`);
      console.log(`issuer DID: ${made.did}`);
      console.log(`verification method: ${made.verificationMethod}`);
      if (made.didDocument) console.log(`wrote public DID document ${made.didDocument}`);
    });
}
