import { escapePointerToken } from './i-json-problem.ts';

/**
 * JSON Pointers (RFC 6901) built only when one is asked for. A document walk records each
 * object or array it enters — the container holding it and its key there — and keeps, for every
 * value still to look at, just that container's number and the value's key; the pointer is
 * spelled out from those when a problem is reported, so a walk that finds nothing builds none.
 *
 * @example
 * const trail = new PointerTrail();
 * const doc = trail.enter(ROOT, undefined); // the document itself
 * const subject = trail.enter(doc, 'credentialSubject'); // the container at /credentialSubject
 * trail.pointer(subject, 'a/b'); // '/credentialSubject/a~1b'
 * trail.pointer(ROOT, undefined); // '' (the document itself)
 */
export class PointerTrail {
  private readonly holders: number[] = [];
  private readonly keys: (string | number | undefined)[] = [];

  /** Records a container, found at `key` in the container numbered `holder`; its number. */
  enter(holder: number, key: string | number | undefined): number {
    this.holders.push(holder);
    this.keys.push(key);
    return this.holders.length - 1;
  }

  /**
   * The pointer of the value at `key` in the container numbered `holder` ({@link ROOT} with key
   * undefined: the document itself).
   */
  pointer(holder: number, key: string | number | undefined): string {
    const tokens: (string | number)[] = key === undefined ? [] : [key];
    for (let at = holder; at !== ROOT; at = this.holders[at]!) {
      const token = this.keys[at];
      // the document itself is entered with no key
      if (token !== undefined) tokens.push(token);
    }
    let out = '';
    for (let i = tokens.length - 1; i >= 0; i--) out += `/${escapePointerToken(tokens[i]!)}`;
    return out;
  }
}

/** The holder of the document itself (it is in no container). */
export const ROOT = -1;
