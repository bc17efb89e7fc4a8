// What the public page shows of a credential (Open Badges 3.0 §B.1 Achievement, Profile,
// AchievementSubject, IdentityObject): the recipient only as the credential names them — a hashed
// identifier by its type alone, never an email address — and only images and links a page can
// safely show.
import { describe, expect, it } from 'vitest';
import { credentialView } from '../../packages/issuer/src/pages/credential-view.ts';

const base = {
  id: 'urn:uuid:1',
  issuer: { id: 'did:key:z6Mkissuer', type: ['Profile'], name: 'Skills Council', url: 'https://skills.example' },
  validFrom: '2026-03-01T12:00:00Z',
  validUntil: '2029-06-30T23:59:59Z',
};

describe('credential view', () => {
  it('reads the achievement, issuer, dates and alignments', () => {
    const view = credentialView({
      ...base,
      credentialSubject: {
        id: 'did:key:z6Mkholder',
        achievement: {
          name: 'Welding 1',
          description: 'Can weld.',
          achievementType: 'Certification',
          criteria: { id: 'https://skills.example/criteria', narrative: 'Passed.\n\nTwice.' },
          alignment: [
            { type: ['Alignment'], targetName: 'AWS D1.1', targetUrl: 'https://aws.example/d1', targetCode: 'D1.1' },
            { type: ['Alignment'], targetName: 'Bad link', targetUrl: 'javascript:alert(1)' },
          ],
        },
      },
    });
    expect(view).toMatchObject({
      id: 'urn:uuid:1',
      name: 'Welding 1',
      description: 'Can weld.',
      achievementType: 'Certification',
      criteria: { narrative: 'Passed.\n\nTwice.', url: 'https://skills.example/criteria' },
      issuer: { id: 'did:key:z6Mkissuer', name: 'Skills Council', url: 'https://skills.example' },
      issued: '2026-03-01T12:00:00Z',
      validUntil: '2029-06-30T23:59:59Z',
      recipient: { id: 'did:key:z6Mkholder', hashedIdentifiers: [] },
    });
    expect(view.alignments).toEqual([
      { name: 'AWS D1.1', url: 'https://aws.example/d1', code: 'D1.1' },
      { name: 'Bad link' },
    ]);
  });

  it('never shows an email address: hashed by type only, plain ones not at all; a plain name is shown', () => {
    const view = credentialView({
      ...base,
      credentialSubject: {
        achievement: { name: 'A' },
        identifier: [
          { type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash: 'sha256$abc', salt: 's' },
          { type: 'IdentityObject', identityType: 'emailAddress', hashed: false, identityHash: 'ada@example.org' },
          { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Ada Lovelace' },
        ],
      },
    });
    expect(view.recipient).toEqual({ name: 'Ada Lovelace', hashedIdentifiers: ['emailAddress'] });
    expect(JSON.stringify(view)).not.toContain('ada@example.org');
    expect(JSON.stringify(view)).not.toContain('sha256$abc');
  });

  it('shows only https: and data:image/ images, with the caption as the text alternative', () => {
    const image = (v: unknown) =>
      credentialView({ ...base, credentialSubject: { achievement: { name: 'A', image: v } } }).image;
    expect(image({ id: 'https://skills.example/a.png', type: 'Image', caption: 'A badge' })).toEqual({
      src: 'https://skills.example/a.png',
      alt: 'A badge',
    });
    expect(image({ id: 'data:image/png;base64,AAAA', type: 'Image' })).toEqual({
      src: 'data:image/png;base64,AAAA',
      alt: '',
    });
    expect(image({ id: 'http://skills.example/a.png', type: 'Image' })).toBeUndefined();
    expect(image({ id: 'javascript:alert(1)', type: 'Image' })).toBeUndefined();
    expect(image({ id: 'data:text/html,<script>', type: 'Image' })).toBeUndefined();
  });

  it('VC 1.1 dates (issuanceDate, expirationDate) are read too', () => {
    const view = credentialView({
      issuer: 'did:key:z6Mkissuer',
      issuanceDate: '2024-01-01T00:00:00Z',
      expirationDate: '2025-01-01T00:00:00Z',
      credentialSubject: { achievement: { name: 'Old' } },
    });
    expect(view).toMatchObject({
      issued: '2024-01-01T00:00:00Z',
      validUntil: '2025-01-01T00:00:00Z',
      issuer: { id: 'did:key:z6Mkissuer' },
    });
  });
});
