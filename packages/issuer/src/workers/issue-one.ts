/**
 * One `POST /credentials/issue` body issued in a signing worker (`SigningPool.issueOne`), or in
 * the main thread when the service has no workers: the body's bytes are parsed as the route's
 * `jsonBody` parses them, then checked, given its status entries and signed by the batch rows'
 * code (`issueRows`: the route's own checks), and the answer and the stored credential are written
 * out as JSON text, so the main thread neither parses nor serializes the credential.
 */
import type { DocumentLoader } from '@repo/core';
import { requestFingerprint } from '../http/idempotency.ts';
import { parseJsonObject } from '../http/parse-json-object.ts';
import { issueResponse, issueResponseText } from '../issuance/issue-response.ts';
import { isoSeconds, issuedRecord } from '../issuance/sign-and-store.ts';
import type { KeySet } from '../keys/key-set.ts';
import { issueRows } from './issue-rows.ts';
import type { IssuedOne, IssueOneRequest } from './sign-messages.ts';

const MAIN: IssuedOne = { type: 'main' };
/** The route whose bodies are issued here (the fingerprint's method is POST). */
const ISSUE_PATH = '/credentials/issue';
/** No catalogue documents sent: a body that reads one (the catalogue form) is issued on the main thread. */
const NO_DOCUMENTS = new Map<string, unknown>();

/**
 * Issues one request body. Never throws: anything but a signed credential (a refusal, a body
 * that needs the store or other status indexes) is `main`, and the route's own chain answers it.
 *
 * @example
 * const outcome = await issueOne({ keys, documentLoader }, request);
 */
export async function issueOne(
  ctx: { keys: KeySet; documentLoader: DocumentLoader },
  request: IssueOneRequest,
): Promise<IssuedOne> {
  const { now, slots } = request;
  let body: Record<string, unknown>;
  try {
    const bytes = request.body;
    body = parseJsonObject(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), request.maxDepth);
  } catch {
    return MAIN;
  }
  // The Idempotency-Key fingerprint, of the body as parsed (before the checks read it).
  const fingerprint = request.fingerprint ? { fingerprint: requestFingerprint('POST', ISSUE_PATH, body) } : {};
  const [row] = await issueRows(ctx, {
    now,
    format: 'jsonl',
    controller: request.controller,
    config: request.config,
    documents: request.documents ?? NO_DOCUMENTS,
    rows: [{ body, slots }],
  });
  if (row?.type !== 'signed') return MAIN;
  const json = JSON.stringify(row.signed);
  if (row.jwt === undefined) {
    return {
      type: 'signed',
      id: row.id,
      used: row.used,
      json,
      response: issueResponseText(json),
      ...fingerprint,
    };
  }
  const used = row.used.map((j) => slots[j]!);
  const record = issuedRecord(row.id, { signed: row.signed, jwt: row.jwt }, used, request.issuedBy, isoSeconds(now));
  return {
    type: 'signed',
    id: row.id,
    used: row.used,
    json,
    response: JSON.stringify(issueResponse(record)),
    jwt: row.jwt,
    ...fingerprint,
  };
}
