import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import type { Caller } from '../http/auth.ts';
import {
  DEFAULT_IDEMPOTENCY_TTL_MS,
  holdIdempotencyKey,
  type IdempotencyClaim,
  idempotencyStorageKey,
  idempotencyWriteOfText,
  requestIdempotencyKey,
} from '../http/idempotency.ts';
import { isJsonMediaType } from '../http/json-body.ts';
import { isoSeconds, issuedRecord } from '../issuance/sign-and-store.ts';
import { likelyStatusPurposes, workerIssueConfig } from '../workers/issue-config.ts';
import { issueOne } from '../workers/issue-one.ts';
import type { IssuedOne, IssueOneRequest } from '../workers/sign-messages.ts';
import { catalogueDocuments } from './catalogue-documents.ts';

/** Reads the whole body; rejects as body-parser does when the client goes away. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once('aborted', () => reject(Object.assign(new Error('request aborted'), { type: 'request.aborted' })));
    req.once('error', reject);
  });
}

/**
 * Whether a request is one the fast path takes: `POST /credentials/issue` (exactly: anything else
 * goes to the router), with a JSON body of known length within the limit, not encoded.
 */
function eligible(req: IncomingMessage, limit: number): boolean {
  if (req.method !== 'POST' || req.url !== '/credentials/issue') return false;
  const h = req.headers;
  if (h['content-encoding'] !== undefined || h['transfer-encoding'] !== undefined) return false;
  const length = Number(h['content-length']);
  if (!(length > 0 && length <= limit)) return false;
  return isJsonMediaType(h['content-type']);
}

/**
 * Where a request the fast path does not issue goes: the app's own handling (Express's
 * `app.handle`, the router), with the error to answer if there is one.
 */
export type FastPathNext = (error?: unknown) => void;

/**
 * `POST /credentials/issue` without detours, for the common request (`{ credential, options }`,
 * or the catalogue form with its documents read here; a JSON body of known length; with or
 * without an `Idempotency-Key`, held and answered as the route's `idempotency` middleware does),
 * run before Express handles the request
 * (`createApp` calls it from `app.handle`: no router, no request/response prototypes swapped in):
 * the caller is checked by `authenticate` (the route's `requireScope`), the body read, likely
 * status indexes taken under the issuer's lock (from open lists only), and the body's bytes
 * parsed, checked, prepared and signed by the route's own code (`issueOne`) in a signing worker
 * once the pool runs, else in this thread; the record is then written (its id checked free under
 * the lock, I13; the credential stored as the worker's JSON text) and the worker's 201 body sent
 * with the headers the route sends. Anything else — another request, a refused token, a refusal,
 * a body that needs the store (related resources, catalogue documents not read here), an index
 * it was not given, a stopped worker, an id already taken, an `Idempotency-Key` that is malformed,
 * in flight or already answered — goes on to `next` (the app, the route's chain) with the
 * body already read (`req.body`) and the indexes given back, so every refusal is the chain's own
 * answer and nothing is stored.
 *
 * @example
 * const fast = issueCredentialFast(deps, requireScope(tokens, SCOPES.issue));
 * fast(req, res, (error) => handle(req, res, error));
 */
export function issueCredentialFast(
  deps: AppDeps,
  authenticate: RequestHandler,
): (req: IncomingMessage, res: ServerResponse, next: FastPathNext) => void {
  const { config } = deps;
  const purposes = likelyStatusPurposes(config);
  const checks = workerIssueConfig(config);
  const here = { keys: deps.keys, documentLoader: deps.documentLoader };
  return (req: IncomingMessage, res: ServerResponse, next: FastPathNext): void => {
    // With the request log on (debug), every request takes the chain, which logs it.
    if (!eligible(req, config.bodyLimit) || deps.logger.isLevelEnabled('debug')) {
      next();
      return;
    }
    // The token is checked as the route checks it (its caller in `res.locals`, which Express
    // keeps); a refusal is the route's own answer.
    const locals: Record<string, unknown> = Object.create(null);
    (res as Response).locals = locals;
    let allowed = false;
    authenticate(req as Request, res as Response, (error?: unknown) => {
      allowed = !error;
    });
    if (!allowed) {
      next();
      return;
    }
    // A malformed Idempotency-Key is the chain's 400.
    let key: string | undefined;
    try {
      key = requestIdempotencyKey(req as Request);
    } catch {
      next();
      return;
    }
    readBody(req).then(
      (buf) => {
        (req as Request).body = buf;
        issue(res, next, buf, locals.caller as Caller, key).catch(next);
      },
      (error) => {
        res.setHeader('X-Content-Type-Options', 'nosniff');
        next(error);
      },
    );
  };

  /**
   * With an `Idempotency-Key`, the key held (in flight) as the route's `idempotency` holds it,
   * and where its answer is stored; `false` when the chain answers (a key in flight: 409; an
   * answer stored for it, expired or not: the replay, 422 or a new issue; a store error). The
   * body's fingerprint comes with the signed credential (`IssueOneRequest.fingerprint`: the route's
   * `requestFingerprint` of the body as parsed there); a body that is not a JSON object is not
   * signed, and goes to the chain.
   */
  async function claimKey(res: ServerResponse, caller: Caller, key: string) {
    const storageKey = idempotencyStorageKey(caller, key);
    const release = holdIdempotencyKey(deps, storageKey);
    if (!release) return false;
    res.once('finish', release);
    res.once('close', release);
    const entry = await deps.store.getIdempotency(storageKey).catch(() => null);
    if (entry !== undefined) {
      release();
      return false;
    }
    return { key: storageKey, release };
  }

  /** Where and how the answer to an `Idempotency-Key` is stored. */
  function claim(key: string, fingerprint: string): IdempotencyClaim {
    return { key, fingerprint, ttlMs: config.idempotencyTtlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS };
  }

  async function issue(res: ServerResponse, chain: FastPathNext, buf: Buffer, caller: Caller, key?: string) {
    const now = deps.clock();
    const held = key === undefined ? undefined : await claimKey(res, caller, key);
    if (held === false) return chain();
    // The chain holds the key itself: given back first.
    const next = () => {
      held?.release();
      chain();
    };
    const documents = await catalogueDocuments(deps, buf);
    if (documents === false) return next();
    // Taken before the body is known to be issuable, so only from lists already open: a refused
    // body gives them back and leaves no list behind. A credential that needs one not taken here
    // (the first of a list) is issued by the chain.
    const slots = await deps.lock.run(async () =>
      purposes.filter((p) => deps.registry.hasRoom(p)).map((p) => deps.registry.allocate(p)),
    );
    const request: IssueOneRequest = {
      // Its own copy: a received chunk may be a view into a larger buffer, which a message would copy whole.
      body: new Uint8Array(buf),
      maxDepth: config.maxDepth,
      now,
      controller: deps.key.controller,
      config: checks,
      slots,
      issuedBy: caller.name,
      ...(documents && { documents }),
      ...(held && { fingerprint: true }),
    };
    // In a worker once one is ready (a lazy pool is started here; workers are not waited for), else here.
    const pool = deps.signingPool;
    if (pool && !pool.ready) pool.warm();
    let outcome: IssuedOne | undefined;
    try {
      outcome = pool?.ready ? await pool.issueOne(request) : await issueOne(here, request);
    } catch {
      // A stopped worker, a busy or closed pool: the route's own chain issues it.
    }
    if (outcome?.type !== 'signed' || (held && outcome.fingerprint === undefined)) {
      for (const s of slots) deps.registry.release(s);
      return next();
    }
    const { id, json, response } = outcome;
    const used = outcome.used.map((j) => slots[j]!);
    for (const [j, s] of slots.entries()) if (!outcome.used.includes(j)) deps.registry.release(s);
    const secured = outcome.jwt === undefined ? { signed: {} } : { signed: {}, jwt: outcome.jwt };
    // The credential is stored as the worker wrote it (its JSON text in place of the `{}`).
    const record = issuedRecord(id, secured, used, caller.name, isoSeconds(now));
    // Under the lock: the id is still free (I13), and the write is queued; awaited outside it.
    const queued = await deps.lock
      .run(async () =>
        (await deps.store.getRecord(id))
          ? undefined
          : {
              durable: deps.store.putIssued({
                records: [record],
                credentialJson: [json],
                // The answer is stored with the record, as the route stores it (a retry gets it again).
                ...(held && {
                  idempotency: idempotencyWriteOfText(
                    claim(held.key, outcome.fingerprint!),
                    deps.clock(),
                    201,
                    response,
                    [id],
                  ),
                }),
              }),
            },
      )
      .catch(() => undefined);
    if (!queued) {
      // Taken meanwhile, or unreadable: the route's chain answers (409 naming /credential/id, or its error).
      for (const s of used) deps.registry.release(s);
      return next();
    }
    // From here the write was attempted: its indexes are never handed out again (S10).
    await queued.durable;
    deps.logger.info({ credentialId: id, issuedBy: caller.name, statuses: used.length }, 'credential issued');
    // The headers the chain sends (the app's nosniff, Express's JSON type and length), in its order.
    res.writeHead(201, {
      'X-Content-Type-Options': 'nosniff',
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(response),
    });
    res.end(response);
  }
}
