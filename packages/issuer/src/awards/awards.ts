import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { isoSeconds } from '@repo/schemas';
import { emailIdentityObject } from '../catalogue/identity-object.ts';
import type { AppDeps } from '../deps.ts';
import { hashToken } from '../http/auth.ts';
import { ProblemError } from '../http/problem-error.ts';
import { prepareCredential } from '../issuance/prepare-credential.ts';
import { abandonIssued, commitIssued, IssueBatch, signAndStore } from '../issuance/sign-and-store.ts';
import type { SecuringOptions } from '../routes/check-issue-request.ts';
import type { CredentialRecord, DocumentWrite } from '../store/types.ts';

/** Document kinds the awards live under in the issuer's store. */
export const AWARD_KIND = 'award';
/** SHA-256 of an offer token → award id. */
export const OFFER_KIND = 'offer';
/** Credential id → its share link. */
export const SHARE_KIND = 'share';
/** Share token → credential id. */
export const SHARE_TOKEN_KIND = 'share-token';

/** Default time an offer can be claimed: 14 days. */
export const DEFAULT_OFFER_LIFETIME_S = 14 * 24 * 3600;
/** Longest an offer may be open: 90 days. */
export const MAX_OFFER_LIFETIME_S = 90 * 24 * 3600;

/** Who the award is for, as the certification body knows them. At least one of the fields. */
export interface AwardRecipient {
  name?: string;
  email?: string;
  /** The body's own id for the person (student number, member id). */
  identifier?: string;
}

/** How the award was claimed. */
export interface AwardClaim {
  at: string;
  /** The DID the wallet proved control of, or `email` for a file bound to the hashed email. */
  holder: string;
  via: ClaimChannel;
  credentialId: string;
}

/** The ways a worker claims: OID4VCI, a VC-API exchange (Learner Credential Wallet), or a file from the page. */
export type ClaimChannel = 'oid4vci' | 'vcapi' | 'file';

/**
 * An award recorded by the certification body: the credential to issue (without the subject's
 * id), who it is for and until when it can be claimed. The offer token itself is never stored,
 * only its SHA-256.
 */
export interface Award {
  id: string;
  state: 'offered' | 'claimed' | 'withdrawn';
  recipient: AwardRecipient;
  /** The request-shaped template `{ credential, options }`, as checked when the award was made. */
  template: { credential: Record<string, unknown>; options?: Record<string, unknown> };
  createdAt: string;
  createdBy: string;
  expiresAt: string;
  /** SHA-256 (hex) of the offer token. */
  tokenHash: string;
  /** SHA-256 (hex) of the transaction code, when the offer has one (OID4VCI `tx_code`). */
  txCodeHash?: string;
  txCodeLength?: number;
  /** When the OID4VCI pre-authorized code was exchanged for an access token (once only). */
  codeRedeemedAt?: string;
  claim?: AwardClaim;
}

/** A credential's public page link, which the worker can turn off and on. */
export interface ShareLink {
  credentialId: string;
  token: string;
  enabled: boolean;
  updatedAt: string;
}

/** What {@link createAward} takes (the body of `POST /awards`). */
export interface AwardInput {
  credential: Record<string, unknown>;
  options?: Record<string, unknown>;
  recipient: AwardRecipient;
  /** Seconds the offer stays open. Default {@link DEFAULT_OFFER_LIFETIME_S}. */
  expiresIn?: number;
  /** Ask the wallet for a transaction code (OID4VCI `tx_code`), sent to the worker separately. */
  txCode?: boolean;
}

/** A placeholder holder used to check a template when the award is made (never signed). */
const PLACEHOLDER_DID = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

const randomToken = (): string => randomBytes(32).toString('base64url');

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The credential an award becomes for `holder`: the template with the subject's `id` set to the
 * wallet's DID (`holder.id`), and the recipient's email as an Open Badges 3.0 `IdentityObject`
 * (`identityHash` "sha256$" + hex SHA-256 of the lower-cased email and a fresh salt, OB 3.0
 * §B.1.12 IdentityObject / IdentityHash) when the award has one. A file-only claim (no DID)
 * carries the hashed email alone.
 */
export function credentialFor(award: Award, holder: { id?: string }): Record<string, unknown> {
  const body = structuredClone(award.template);
  const subject = body.credential.credentialSubject as Record<string, unknown>;
  if (holder.id) subject.id = holder.id;
  const email = award.recipient.email;
  if (email) {
    const identifier = emailIdentityObject(email);
    const given = subject.identifier;
    subject.identifier = [...(Array.isArray(given) ? given : given === undefined ? [] : [given]), identifier];
  }
  return body as unknown as Record<string, unknown>;
}

/**
 * Records an award and makes its offer token. The template is checked now exactly as
 * `POST /credentials/issue` would check it (with a placeholder holder DID), so a claim cannot
 * fail on the credential itself. Returns the award, the offer token (shown once: only its hash
 * is stored) and the transaction code when asked for.
 *
 * @example
 * const { award, token } = await createAward(deps, { credential, recipient: { name: 'Ada', email: 'ada@example.org' } }, 'ops');
 */
export async function createAward(
  deps: AppDeps,
  input: AwardInput,
  createdBy: string,
): Promise<{ award: Award; token: string; txCode?: string }> {
  const now = deps.clock();
  const { recipient } = input;
  const subject = input.credential.credentialSubject;
  if (!subject || typeof subject !== 'object' || Array.isArray(subject)) {
    throw new ProblemError(
      422,
      'MALFORMED_VALUE_ERROR',
      'An award needs one credentialSubject object (its id is filled in when the worker claims).',
      { pointer: '/credential/credentialSubject' },
    );
  }
  if ('id' in subject) {
    throw new ProblemError(
      422,
      'MALFORMED_VALUE_ERROR',
      'An award leaves credentialSubject.id out: it becomes the DID the worker’s wallet proves it controls.',
      { pointer: '/credential/credentialSubject/id' },
    );
  }
  if (input.credential.id !== undefined) {
    throw new ProblemError(
      422,
      'MALFORMED_VALUE_ERROR',
      'An award leaves the credential id out: each claim gets a fresh one.',
      { pointer: '/credential/id' },
    );
  }
  const expiresIn = input.expiresIn ?? DEFAULT_OFFER_LIFETIME_S;
  const template = { credential: input.credential, ...(input.options && { options: input.options }) };
  const award: Award = {
    id: randomUUID(),
    state: 'offered',
    recipient,
    template,
    createdAt: isoSeconds(now),
    createdBy,
    expiresAt: isoSeconds(new Date(now.getTime() + expiresIn * 1000)),
    tokenHash: '',
  };
  // The same checks an issue request gets, for both kinds of holder.
  await prepareCredential(deps, credentialFor(award, { id: PLACEHOLDER_DID }), now);
  if (recipient.email) await prepareCredential(deps, credentialFor(award, {}), now);
  const token = randomToken();
  award.tokenHash = hashToken(token);
  let txCode: string | undefined;
  if (input.txCode) {
    txCode = String(randomBytes(4).readUInt32BE() % 1_000_000).padStart(6, '0');
    award.txCodeHash = hashToken(txCode);
    award.txCodeLength = txCode.length;
  }
  await deps.store.putDocuments([
    { kind: AWARD_KIND, id: award.id, document: award },
    { kind: OFFER_KIND, id: award.tokenHash, document: { awardId: award.id } },
  ]);
  deps.logger.info({ awardId: award.id, createdBy, expiresAt: award.expiresAt }, 'award recorded');
  return { award, token, ...(txCode && { txCode }) };
}

/**
 * Withdraws an offer that was not claimed (sent to the wrong person, issued in error): its token
 * then opens nothing but the "withdrawn" answer. A claimed award is 409 — revoke its credential.
 */
export async function withdrawAward(deps: AppDeps, id: string): Promise<Award> {
  return deps.lock.run(async () => {
    const award = await getAward(deps, id);
    if (!award) throw new ProblemError(404, 'NOT_FOUND', `No award ${id}.`);
    if (award.state === 'claimed') {
      throw new ProblemError(
        409,
        'CONFLICT',
        `Award ${id} was already claimed (credential ${award.claim?.credentialId}); revoke the credential instead.`,
      );
    }
    if (award.state === 'withdrawn') return award;
    const updated: Award = { ...award, state: 'withdrawn' };
    await deps.store.putDocuments([{ kind: AWARD_KIND, id, document: updated }]);
    deps.logger.info({ awardId: id }, 'award withdrawn');
    return updated;
  });
}

/** Every award, newest first; `state` keeps those in that state only. */
export async function listAwards(deps: AppDeps, state?: Award['state']): Promise<Award[]> {
  const all = (await deps.store.listDocuments(AWARD_KIND)) as Award[];
  return all
    .filter((a) => state === undefined || a.state === state)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
}

/** The award with this id, or undefined. */
export async function getAward(deps: AppDeps, id: string): Promise<Award | undefined> {
  return (await deps.store.getDocument(AWARD_KIND, id)) as Award | undefined;
}

/** The award an offer token opens, or undefined (unknown or malformed token). */
export async function findAwardByToken(deps: AppDeps, token: string): Promise<Award | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const hash = hashToken(token);
  const entry = (await deps.store.getDocument(OFFER_KIND, hash)) as { awardId?: string } | undefined;
  if (!entry?.awardId) return undefined;
  const award = await getAward(deps, entry.awardId);
  return award && sameHash(award.tokenHash, hash) ? award : undefined;
}

/**
 * Refuses an award that cannot be claimed now: claimed already (409 `OFFER_CLAIMED`), withdrawn
 * or past its `expiresAt` (410 `OFFER_EXPIRED`).
 */
export function assertClaimable(award: Award, now: Date): void {
  if (award.state === 'claimed') {
    throw new ProblemError(
      409,
      'OFFER_CLAIMED',
      `This offer was claimed on ${award.claim?.at}; an offer is good once.`,
    );
  }
  if (award.state === 'withdrawn') {
    throw new ProblemError(410, 'OFFER_EXPIRED', 'The issuer withdrew this offer.');
  }
  if (now.getTime() >= Date.parse(award.expiresAt)) {
    throw new ProblemError(
      410,
      'OFFER_EXPIRED',
      `This offer expired at ${award.expiresAt}; ask the issuer for a new one.`,
    );
  }
}

/** Whether `code` is the award's transaction code (constant time). */
export function txCodeMatches(award: Award, code: unknown): boolean {
  if (!award.txCodeHash) return true;
  return typeof code === 'string' && sameHash(award.txCodeHash, hashToken(code));
}

/**
 * Marks the OID4VCI pre-authorized code of an award as exchanged (once: a second exchange is
 * refused with `OFFER_CLAIMED`). Under the issuer's lock, so two token requests cannot both win.
 */
export async function redeemPreAuthorizedCode(deps: AppDeps, awardId: string): Promise<Award> {
  return deps.lock.run(async () => {
    const award = await getAward(deps, awardId);
    if (!award) throw new ProblemError(404, 'NOT_FOUND', 'No such offer.');
    assertClaimable(award, deps.clock());
    if (award.codeRedeemedAt) {
      throw new ProblemError(409, 'OFFER_CLAIMED', `This offer's code was already used at ${award.codeRedeemedAt}.`);
    }
    const updated: Award = { ...award, codeRedeemedAt: isoSeconds(deps.clock()) };
    await deps.store.putDocuments([{ kind: AWARD_KIND, id: award.id, document: updated }]);
    return updated;
  });
}

/** What {@link claimAward} needs: who the holder is and how they claim. */
export interface ClaimInput {
  /** The DID the wallet proved control of; omit for a file bound to the hashed email. */
  holderDid?: string;
  via: ClaimChannel;
  /** How to secure the credential (OID4VCI `jwt_vc_json` asks for a JWT). Default: the template's. */
  securing?: SecuringOptions;
}

/**
 * Issues an award's credential to its holder and marks the award claimed, in one atomic write
 * with the record and a fresh share link (enabled: the worker turns it off from the interaction
 * page). Re-checked under the issuer's lock, so of two concurrent claims one wins and the other
 * gets `OFFER_CLAIMED`; nothing of the loser is stored and its status indexes are given back.
 *
 * @example
 * const { record, share } = await claimAward(deps, award.id, { holderDid: 'did:key:z6Mk…', via: 'vcapi' });
 */
export async function claimAward(
  deps: AppDeps,
  awardId: string,
  input: ClaimInput,
): Promise<{ award: Award; record: CredentialRecord; share: ShareLink }> {
  const now = deps.clock();
  const award = await getAward(deps, awardId);
  if (!award) throw new ProblemError(404, 'NOT_FOUND', 'No such offer.');
  assertClaimable(award, now);
  if (!input.holderDid && !award.recipient.email) {
    throw new ProblemError(
      422,
      'MALFORMED_VALUE_ERROR',
      'This award has no email to bind a file to; claim it with a wallet.',
    );
  }
  const prepared = await prepareCredential(deps, credentialFor(award, { id: input.holderDid }), now);
  const batch = new IssueBatch();
  let result: { award: Award; share: ShareLink } | undefined;
  try {
    const record = await signAndStore(deps, prepared.credential, {
      purposes: prepared.purposes,
      securing: input.securing ?? prepared.securing,
      issuedBy: `award:${award.id}`,
      now,
      pointerPrefix: '/credential',
      batch,
    });
    await commitIssued(deps, batch, undefined, async (): Promise<DocumentWrite[]> => {
      const current = await getAward(deps, awardId);
      if (!current) throw new ProblemError(404, 'NOT_FOUND', 'No such offer.');
      assertClaimable(current, deps.clock());
      const claimed: Award = {
        ...current,
        state: 'claimed',
        claim: { at: isoSeconds(now), holder: input.holderDid ?? 'email', via: input.via, credentialId: record.id },
      };
      const share: ShareLink = {
        credentialId: record.id,
        token: randomToken(),
        enabled: true,
        updatedAt: isoSeconds(now),
      };
      result = { award: claimed, share };
      return [
        { kind: AWARD_KIND, id: award.id, document: claimed },
        { kind: SHARE_KIND, id: record.id, document: share },
        { kind: SHARE_TOKEN_KIND, id: share.token, document: { credentialId: record.id } },
      ];
    });
    deps.logger.info({ awardId: award.id, credentialId: record.id, via: input.via }, 'award claimed');
    return { ...result!, record };
  } finally {
    abandonIssued(deps, batch);
  }
}

/** The share link of a credential, or undefined when it has none. */
export async function getShare(deps: AppDeps, credentialId: string): Promise<ShareLink | undefined> {
  return (await deps.store.getDocument(SHARE_KIND, credentialId)) as ShareLink | undefined;
}

/** The share link a share token names, or undefined. Disabled links are returned (the caller decides). */
export async function findShareByToken(deps: AppDeps, token: string): Promise<ShareLink | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const entry = (await deps.store.getDocument(SHARE_TOKEN_KIND, token)) as { credentialId?: string } | undefined;
  if (!entry?.credentialId) return undefined;
  const share = await getShare(deps, entry.credentialId);
  return share && share.token === token ? share : undefined;
}

/**
 * Turns a credential's share link on or off; creates one (enabled as asked) when it has none,
 * for credentials issued directly rather than claimed.
 */
export async function setShare(deps: AppDeps, credentialId: string, enabled: boolean): Promise<ShareLink> {
  return deps.lock.run(async () => {
    const now = isoSeconds(deps.clock());
    const current = await getShare(deps, credentialId);
    const share: ShareLink = current
      ? { ...current, enabled, updatedAt: now }
      : { credentialId, token: randomToken(), enabled, updatedAt: now };
    await deps.store.putDocuments([
      { kind: SHARE_KIND, id: credentialId, document: share },
      { kind: SHARE_TOKEN_KIND, id: share.token, document: { credentialId } },
    ]);
    return share;
  });
}
