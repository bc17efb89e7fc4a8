import { describe, expect, it } from 'vitest';
import { PointerTrail, ROOT } from '../src/index.ts';

describe('PointerTrail (RFC 6901 pointers spelled out on demand)', () => {
  it('the document itself is the empty pointer; members and items below it are escaped', () => {
    const trail = new PointerTrail();
    expect(trail.pointer(ROOT, undefined)).toBe('');
    const doc = trail.enter(ROOT, undefined);
    const subject = trail.enter(doc, 'credentialSubject');
    const list = trail.enter(subject, 'a/b~c');
    expect(trail.pointer(doc, 'name')).toBe('/name');
    expect(trail.pointer(subject, '')).toBe('/credentialSubject/');
    expect(trail.pointer(list, 2)).toBe('/credentialSubject/a~1b~0c/2');
    expect(trail.pointer(list, undefined)).toBe('/credentialSubject/a~1b~0c');
  });
});
