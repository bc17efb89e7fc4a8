/**
 * A small test wallet: claims an OID4VCI 1.0 credential offer (pre-authorized code flow) with
 * `@digitalbazaar/oid4-client`, the library behind the DCC Learner Credential Wallet, for an
 * Ed25519 did:key holder, and saves the credential.
 *
 * @example
 *   npm run wallet -- claim 'openid-credential-offer://?credential_offer_uri=…'
 *   npm run wallet -- claim 'http://127.0.0.1:8080/interactions/…?iuv=1' --tx-code 123456 --format jwt_vc_json
 *   npm run wallet -- claim https://issuer.example/oid4vci/offers/… --key ./my-key.json --out ./my-wallet
 *
 * The library speaks to https issuers only (OID4VCI 1.0 §12.2.1) and never sends a transaction
 * code; for a plain-http issuer on loopback (a development server) and for offers with `tx_code`,
 * this script resolves the offer, reads the metadata and asks for the token itself, then hands the
 * token to the library, which makes the key proof and the credential request.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateSigningKey, importSigningKey, type SigningKey } from '@repo/core';
import { Command, CommanderError } from 'commander';
import { decodeJwt } from 'jose';

const PRE_AUTH = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const FORMATS = ['ldp_vc', 'jwt_vc_json'] as const;
type Format = (typeof FORMATS)[number];

/** What `claim` did. */
export interface ClaimResult {
  did: string;
  credentialId: string;
  file: string;
}

/** Options of {@link claim}. */
export interface ClaimOptions {
  txCode?: string;
  format: Format;
  /** The holder key file (Multikey JSON); made when missing. Default `<out>/holder-key.json`. */
  key?: string;
  out: string;
  /** PEM file of a CA (or self-signed certificate) to trust for https issuers. */
  ca?: string;
}

// The untyped client libraries, loaded by name.
const load = (name: string): Promise<any> => import(name);
const { OID4Client, getCredentialOffer, discoverIssuer } = await load('@digitalbazaar/oid4-client');
const { httpClient } = await load('@digitalbazaar/http-client');

const isLoopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

/** Reads the holder key file, or makes a new Ed25519 did:key and writes it (mode 0600). */
async function holderKey(file: string): Promise<SigningKey> {
  if (existsSync(file)) return importSigningKey(JSON.parse(readFileSync(file, 'utf8')));
  const { serialized } = await generateSigningKey({ algorithm: 'Ed25519' });
  writeFileSync(file, `${JSON.stringify(serialized, null, 2)}\n`, { mode: 0o600 });
  return importSigningKey(serialized);
}

async function getJson(url: string, agent: Agent | undefined): Promise<any> {
  return (await httpClient.get(url, { agent, headers: { accept: 'application/json' } })).data;
}

/**
 * The credential offer object from what the user pasted (OID4VCI 1.0 §4.1): an
 * `openid-credential-offer://` link (by value or by reference, §4.1.2 / §4.1.3), a VCALM
 * interaction URL (its `protocols.OID4VCI`), or a `credential_offer_uri`.
 */
async function resolveOffer(input: string, agent: Agent | undefined, depth = 0): Promise<Record<string, any>> {
  if (depth > 2) throw new Error('The interaction URL does not lead to a credential offer.');
  const url = new URL(input);
  if (url.protocol === 'openid-credential-offer:') {
    const byReference = url.searchParams.get('credential_offer_uri');
    if (byReference?.startsWith('https://')) return getCredentialOffer({ url: input, agent });
    if (byReference) return resolveOffer(byReference, agent, depth + 1);
    return getCredentialOffer({ url: input, agent });
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) {
    throw new Error(`Only https URLs (or http on loopback, for development) are followed, not ${url.origin}.`);
  }
  const answer = await getJson(input, agent);
  if (typeof answer?.protocols?.OID4VCI === 'string') return resolveOffer(answer.protocols.OID4VCI, agent, depth + 1);
  if (typeof answer?.credential_issuer === 'string') return answer;
  throw new Error(`${input} answered neither a credential offer nor interaction protocols with OID4VCI.`);
}

/** The issuer's metadata, merged with its authorization server's (the library's `issuerConfig`). */
async function issuerConfigOf(issuer: string, agent: Agent | undefined): Promise<Record<string, any>> {
  if (issuer.startsWith('https://')) {
    return (await discoverIssuer({ issuerConfigUrl: `${issuer}/.well-known/openid-credential-issuer`, agent }))
      .issuerConfig;
  }
  const { origin, pathname } = new URL(issuer);
  const path = pathname === '/' ? '' : pathname;
  const metadata = await getJson(`${origin}/.well-known/openid-credential-issuer${path}`, agent);
  if (metadata.credential_issuer !== issuer)
    throw new Error(`The metadata names another issuer: ${metadata.credential_issuer}.`);
  const as = await getJson(`${origin}/.well-known/oauth-authorization-server${path}`, agent);
  return { ...as, ...metadata };
}

/** OID4VCI 1.0 §6.1 token request by hand (with `tx_code`, which the library does not send). */
async function tokenFor(
  offer: Record<string, any>,
  config: Record<string, any>,
  format: Format,
  txCode: string | undefined,
  agent: Agent | undefined,
) {
  const body = new URLSearchParams({
    grant_type: PRE_AUTH,
    'pre-authorized_code': offer.grants[PRE_AUTH]['pre-authorized_code'],
  });
  if (txCode !== undefined) body.set('tx_code', txCode);
  const configurationId = (offer.credential_configuration_ids as string[]).find(
    (id) => config.credential_configurations_supported?.[id]?.format === format,
  );
  if (!configurationId) throw new Error(`The offer holds no ${format} credential.`);
  if (config.authorization_details_types_supported?.includes('openid_credential')) {
    body.set(
      'authorization_details',
      JSON.stringify([{ type: 'openid_credential', credential_configuration_id: configurationId }]),
    );
  }
  const { data } = await httpClient.post(config.token_endpoint, {
    agent,
    body,
    headers: { accept: 'application/json' },
  });
  return new OID4Client({
    accessToken: data.access_token,
    authorizationDetails: data.authorization_details,
    issuerConfig: config,
    offer,
    agent,
  });
}

/**
 * Claims the offer `input` for the holder key (made when missing) and saves the credential in
 * `out` (`<id>.json` for ldp_vc, `<id>.jwt` for jwt_vc_json).
 *
 * @example
 * const { did, credentialId, file } = await claim('openid-credential-offer://?…', { format: 'ldp_vc', out: 'wallet-data' });
 */
export async function claim(input: string, options: ClaimOptions): Promise<ClaimResult> {
  mkdirSync(options.out, { recursive: true });
  const agent = options.ca ? new Agent({ ca: readFileSync(options.ca, 'utf8') }) : undefined;
  const key = await holderKey(options.key ?? join(options.out, 'holder-key.json'));
  const offer = await resolveOffer(input, agent);
  const issuer = new URL(offer.credential_issuer);
  if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && isLoopback(issuer))) {
    throw new Error(`The credential issuer ${issuer.origin} is neither https nor a loopback development server.`);
  }
  const grant = offer.grants?.[PRE_AUTH];
  if (!grant) throw new Error('This wallet takes offers with a pre-authorized code only.');
  if (grant.tx_code && options.txCode === undefined) {
    const { length, description } = grant.tx_code;
    throw new Error(
      `This offer needs its transaction code: pass --tx-code${length ? ` (${length} characters)` : ''}.${description ? ` ${description}` : ''}`,
    );
  }
  const secure = issuer.protocol === 'https:';
  const client =
    secure && !grant.tx_code
      ? await OID4Client.fromCredentialOffer({ offer, supportedFormats: [options.format], agent })
      : await tokenFor(
          offer,
          await issuerConfigOf(offer.credential_issuer, agent),
          options.format,
          options.txCode,
          agent,
        );
  const nonce = secure
    ? (await client.getNonce({ agent })).nonce
    : (await httpClient.post(client.issuerConfig.nonce_endpoint, { agent, headers: { accept: 'application/json' } }))
        .data.c_nonce;
  const result = await client.requestCredentials({
    did: key.controller,
    didProofSigner: key.signer,
    nonce,
    format: options.format,
    agent,
  });
  const credential = result.credentials?.[0];
  const isJwt = typeof credential === 'string';
  const credentialId: string = isJwt ? String(decodeJwt(credential).jti ?? decodeJwt(credential).id) : credential?.id;
  if (!credentialId || credentialId === 'undefined') throw new Error('The issuer answered no credential.');
  const file = resolve(
    options.out,
    `${credentialId.replace(/^urn:uuid:/, '').replace(/[^A-Za-z0-9._-]/g, '_')}.${isJwt ? 'jwt' : 'json'}`,
  );
  writeFileSync(file, isJwt ? `${credential}\n` : `${JSON.stringify(credential, null, 2)}\n`);
  return { did: key.controller, credentialId, file };
}

/** The most specific text of a failure: the OAuth error or problem the server answered, else the message chain. */
export function problemText(error: unknown): string {
  const messages: string[] = [];
  for (let e: any = error, depth = 0; e && depth < 8; e = e.cause, depth++) {
    const data = e.data;
    if (data?.error) return `${data.error}: ${data.error_description ?? ''}`.trim();
    if (data?.title) return `${data.title}: ${data.detail ?? ''}`.trim();
    if (typeof e.message === 'string' && e.message) messages.push(e.message);
  }
  return messages.join(' ← ') || String(error);
}

/**
 * Runs the CLI on `argv` (`process.argv` form); answers the exit code. Output goes to `out`/`err`.
 *
 * @example
 * process.exitCode = await main(process.argv);
 */
export async function main(
  argv: string[],
  io: { out: (line: string) => void; err: (line: string) => void } = {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  },
): Promise<number> {
  let code = 0;
  const program = new Command()
    .name('wallet')
    .description('A test wallet for OID4VCI 1.0 offers (pre-authorized code flow), on @digitalbazaar/oid4-client.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  program
    .command('claim')
    .description('claim a credential offer and save the credential')
    .argument('<offer>', 'openid-credential-offer:// link, interaction URL (…?iuv=1) or credential_offer_uri')
    .option('--tx-code <code>', 'the transaction code the issuer sent separately')
    .option('--format <format>', `credential format: ${FORMATS.join(' or ')}`, 'ldp_vc')
    .option('--key <file>', 'holder key file (Ed25519 did:key; made when missing) [default: <out>/holder-key.json]')
    .option('--out <dir>', 'where to save credentials', 'wallet-data')
    .option('--ca <pem>', 'extra CA / self-signed certificate to trust (test servers)')
    .action(async (offer: string, opts: ClaimOptions) => {
      if (!(FORMATS as readonly string[]).includes(opts.format)) {
        io.err(`--format must be ${FORMATS.join(' or ')}.`);
        code = 2;
        return;
      }
      try {
        const result = await claim(offer, opts);
        io.out(`holder: ${result.did}`);
        io.out(`credential: ${result.credentialId}`);
        io.out(`saved: ${result.file}`);
      } catch (error) {
        io.err(`claim failed: ${problemText(error)}`);
        code = 1;
      }
    });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  return code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv);
}
