/**
 * Generates a new issuer signing key (Ed25519 Multikey by default) for a did:key issuer, or for a
 * did:web issuer with its DID document. The same code as `certify keygen` (packages/cli).
 *
 * @example
 *   node --import tsx scripts/gen-key.ts --out ./secrets/issuer-key.json
 *   node --import tsx scripts/gen-key.ts --did-web did:web:issuer.example.org --out ./secrets/issuer-key.json --did-document ./public/.well-known/did.json
 */
import { keygenCommand, runCommand } from '@repo/cli';

await runCommand(keygenCommand('gen-key').exitOverride(), process.argv);
