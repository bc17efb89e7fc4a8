import { issueBodyFor } from '../catalogue/issue-form.ts';
import { recordingDocuments } from '../catalogue/recording-store.ts';
import type { AppDeps } from '../deps.ts';
import { parseJsonObject } from '../http/json-body.ts';

/** The full form's member: a body without these bytes may be the catalogue form. */
const CREDENTIAL_MEMBER = Buffer.from('"credential"');
/** Larger bodies are not read here for catalogue documents (the catalogue form is a few hundred bytes). */
const CATALOGUE_FORM_LIMIT = 64 * 1024;

/**
 * The catalogue documents (issuer profile, achievement entry and version) a catalogue-form body
 * reads, read here by the route's own code (`issueBodyFor`) for the worker, which builds and
 * issues the credential from them; `undefined` for a body that names `"credential"` (the full
 * form, which reads none) or is large; `false` for a body the route would refuse (the chain
 * answers it, without a worker's round trip). Used by the issue fast path
 * (`issue-credential-fast.ts`).
 *
 * @example
 * const documents = await catalogueDocuments(deps, body); // Map { 'achievement!https://…' => {…}, … }
 */
export async function catalogueDocuments(
  deps: AppDeps,
  buf: Buffer,
): Promise<Map<string, unknown> | undefined | false> {
  if (buf.length > CATALOGUE_FORM_LIMIT || buf.includes(CREDENTIAL_MEMBER)) return undefined;
  const { deps: recording, documents } = recordingDocuments(deps);
  try {
    await issueBodyFor(recording, parseJsonObject(buf, deps.config.maxDepth));
  } catch {
    return false;
  }
  return documents;
}
