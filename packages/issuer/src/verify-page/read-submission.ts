import busboy from 'busboy';
import type { Request } from 'express';
import { ProblemError } from '../http/problem-error.ts';

/** A file picked on the verify form. */
export interface SubmittedFile {
  name: string;
  /** The Content-Type the browser gave the part (a hint only: the bytes are sniffed). */
  mediaType: string;
  bytes: Uint8Array;
}

/** What the verify form sent: each field as typed ('' when left empty), and the file if one was picked. */
export interface Submission {
  credential: string;
  url: string;
  email: string;
  file?: SubmittedFile;
}

const FIELDS = new Set(['credential', 'url', 'email']);
const FORM_TYPES = new Set(['multipart/form-data', 'application/x-www-form-urlencoded']);

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
const tooLarge = (limit: number) =>
  new ProblemError(
    413,
    'PAYLOAD_TOO_LARGE',
    `The submission is larger than ${kb(limit)}, the most this service reads. A credential, even baked into a badge image, is usually far smaller: check that this is the right file.`,
  );

/**
 * Reads the verify form (`multipart/form-data` — or url-encoded when no file is sent — parsed with
 * busboy): the fields `credential`, `url`, `email` and one file `file`. The whole body may be at
 * most `limit` bytes (the service's body limit, SECURITY-CHECKLIST I1): a declared
 * `Content-Length` over it is refused before anything is read, and reading stops as soon as more
 * arrives; what is left is discarded, never buffered. Refusals are {@link ProblemError}s: 413 too
 * large, 415 not a form, 400 a form that cannot be read, an unknown or repeated field, or a
 * second file.
 *
 * @example
 * const submission = await readSubmission(req, deps.config.bodyLimit);
 */
export function readSubmission(req: Request, limit: number): Promise<Submission> {
  const mime = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!FORM_TYPES.has(mime)) {
    req.resume();
    return Promise.reject(
      new ProblemError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the verify form as multipart/form-data (the form on this page does).',
      ),
    );
  }
  if (Number(req.headers['content-length']) > limit) {
    req.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = { credential: '', url: '', email: '' };
    const seen = new Set<string>();
    let file: SubmittedFile | undefined;
    let pendingFiles = 0;
    let closed = false;
    let failed = false;
    let parser: busboy.Busboy;
    const fail = (error: ProblemError) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.resume(); // the rest is read and dropped, so the page can still be answered
      reject(error);
    };
    const done = () => {
      if (!failed && closed && pendingFiles === 0)
        resolve({ ...(fields as Pick<Submission, 'credential' | 'url' | 'email'>), ...(file && { file }) });
    };
    const once = (name: string): boolean => {
      if (!FIELDS.has(name) && name !== 'file') {
        fail(
          new ProblemError(
            400,
            'MALFORMED_VALUE_ERROR',
            `The form has a field this page does not know: "${name.slice(0, 40)}".`,
          ),
        );
        return false;
      }
      if (seen.has(name)) {
        fail(
          new ProblemError(
            400,
            'MALFORMED_VALUE_ERROR',
            `The form sent "${name}" twice: give one credential at a time.`,
          ),
        );
        return false;
      }
      seen.add(name);
      return true;
    };
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: limit, fieldSize: limit, files: 1, fields: FIELDS.size, parts: FIELDS.size + 1 },
      });
    } catch (cause) {
      req.resume();
      reject(
        new ProblemError(400, 'PARSING_ERROR', 'The form could not be read (its multipart boundary is missing).', {
          cause,
        }),
      );
      return;
    }
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) fail(tooLarge(limit));
    });
    parser.on('field', (name, value, info) => {
      if (!once(name) || name === 'file') return;
      if (info.valueTruncated) return fail(tooLarge(limit));
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (!once(name) || name !== 'file') {
        stream.resume();
        return;
      }
      pendingFiles += 1;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(tooLarge(limit)));
      stream.on('end', () => {
        pendingFiles -= 1;
        const bytes = Buffer.concat(chunks);
        // An empty file input still sends a part: no name, no bytes.
        if (!stream.truncated && (bytes.length > 0 || info.filename))
          file = { name: info.filename ?? '', mediaType: info.mimeType, bytes: new Uint8Array(bytes) };
        done();
      });
    });
    const over = (what: string) => () =>
      fail(new ProblemError(400, 'MALFORMED_VALUE_ERROR', `The form sent more ${what} than this page has.`));
    parser.on('filesLimit', over('files'));
    parser.on('fieldsLimit', over('fields'));
    // (busboy's 'partsLimit' only says the last allowed part was read; parts past it are dropped.)
    parser.on('error', (cause) =>
      fail(
        new ProblemError(400, 'PARSING_ERROR', 'The form could not be read: the upload is malformed or was cut off.', {
          cause,
        }),
      ),
    );
    parser.on('close', () => {
      closed = true;
      done();
    });
    req.pipe(parser);
  });
}
