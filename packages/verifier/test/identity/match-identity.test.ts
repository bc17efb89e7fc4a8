// Verifying the recipient with an email address the employer knows (issue 11): Open Badges 3.0
// "Verify the Recipient Using an Identifier" (#verify-identifier) over IdentityObjects, and the
// Open Badges 2.0 `recipient` IdentityObject. The spec examples come first, verbatim; the other
// hashes are computed here with node:crypto, independently of the code under test.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { identityHash, identityHashMatches, matchesIdentity } from '@repo/verifier';
import { describe, expect, it } from 'vitest';

const hex = (algorithm: 'sha256' | 'md5', text: string) => createHash(algorithm).update(text, 'utf8').digest('hex');

describe('IdentityHash: the specifications examples, verbatim', () => {
  it('OB 3.0 IdentityHash: "sha256$b5809d8a…" is SHA-256 of "a@example.com" salted with "Kosher"', () => {
    // 1EdTech Open Badges 3.0, Derived Types, IdentityHash (the example in its definition).
    expect(identityHash('a@example.com', 'Kosher')).toBe(
      'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399',
    );
    expect(
      identityHashMatches(
        'a@example.com',
        'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399',
        'Kosher',
      ),
    ).toBe(true);
  });

  it('OB 2.0 IdentityHash: "sha256$7a1a1b3f…" is SHA-256 of "mayze" (no salt)', () => {
    // Open Badges v2.0, Data Validation and Verification: IdentityHash.
    expect(
      identityHashMatches('mayze', 'sha256$7a1a1b3f7d40552e4299180e346e3add12bf9a751a43d9c4ca4518febc2c60c6'),
    ).toBe(true);
  });

  it('OB 3.0 implementation guide "Advanced Shoe Tie": its hashed email identifier matches jjefferson18@example.com', () => {
    // 1EdTech OB 3.0 Implementation Guide, Getting Started (the credentialSubject, verbatim). It
    // writes identityType "email", the OB 2.0 name; OB 3.0's IdentifierTypeEnum says "emailAddress".
    const credentialSubject = {
      type: 'AchievementSubject',
      identifier: {
        type: 'IdentityObject',
        hashed: true,
        identityHash: 'sha256$658625b25ab3d75d613ca97d9a5a77f70e2192feca5557f4ad09a4d4f121f5fc',
        identityType: 'email',
        salt: 'FleurDeSel',
      },
    };
    expect(matchesIdentity({ credentialSubject }, 'jjefferson18@example.com')).toEqual({
      outcome: 'match',
      compared: 1,
      pointer: '/credentialSubject/identifier/identityHash',
      hashed: true,
    });
    expect(matchesIdentity({ credentialSubject }, 'jjefferson19@example.com')).toEqual({
      outcome: 'no-match',
      compared: 1,
    });
  });

  it('OB 3.0 example "Full Open Badge": plain emailAddress identifiers compare case-insensitively', () => {
    // 1EdTech OB 3.0 examples, fullOpenBadge: two identifiers with hashed false.
    const credentialSubject = {
      identifier: [
        {
          type: 'IdentityObject',
          identityHash: 'student@1edtech.edu',
          identityType: 'emailAddress',
          hashed: false,
          salt: 'not-used',
        },
        {
          type: 'IdentityObject',
          identityHash: 'somebody@gmail.com',
          identityType: 'emailAddress',
          hashed: false,
          salt: 'not-used',
        },
      ],
    };
    expect(matchesIdentity({ credentialSubject }, ' Somebody@Gmail.com ')).toEqual({
      outcome: 'match',
      compared: 2,
      pointer: '/credentialSubject/identifier/1/identityHash',
      hashed: false,
    });
    expect(matchesIdentity({ credentialSubject }, 'nobody@gmail.com').outcome).toBe('no-match');
  });

  it('OB 2.0 example Assertion ("deadsea" salt): its email recipient is found and compared', () => {
    // Open Badges v2.0 examples, Assertion — the recipient, verbatim. The spec does not say whose
    // address it is, so only "found and not this one" can be asserted of it.
    const assertion = {
      '@context': 'https://w3id.org/openbadges/v2',
      type: 'Assertion',
      id: 'https://example.org/beths-robotics-badge.json',
      recipient: {
        type: 'email',
        hashed: true,
        salt: 'deadsea',
        identity: 'sha256$c7ef86405ba71b85acd8e2e95166c4b111448089f2e1599f42fe1bba46e865c5',
      },
    };
    expect(matchesIdentity(assertion, 'someone.else@example.org')).toEqual({ outcome: 'no-match', compared: 1 });
  });
});

describe('IdentityHash: hashes computed independently with node:crypto', () => {
  const email = 'worker@example.org';
  const salt = '9f86d081884c7d65';

  it('sha256 and md5, hex in upper or lower case (both specifications allow either)', () => {
    expect(identityHashMatches(email, `sha256$${hex('sha256', email + salt)}`, salt)).toBe(true);
    expect(identityHashMatches(email, `sha256$${hex('sha256', email + salt).toUpperCase()}`, salt)).toBe(true);
    expect(identityHashMatches(email, `md5$${hex('md5', email + salt)}`, salt)).toBe(true);
    expect(identityHash(email, salt, 'md5')).toBe(`md5$${hex('md5', email + salt)}`);
  });

  it('refuses other algorithms, wrong lengths, a missing "$" and the wrong salt', () => {
    expect(
      identityHashMatches(
        email,
        `sha1$${createHash('sha1')
          .update(email + salt)
          .digest('hex')}`,
        salt,
      ),
    ).toBe(false);
    expect(identityHashMatches(email, `sha256$${hex('sha256', email + salt).slice(0, 63)}`, salt)).toBe(false);
    expect(identityHashMatches(email, `md5$${hex('sha256', email + salt)}`, salt)).toBe(false);
    expect(identityHashMatches(email, hex('sha256', email + salt), salt)).toBe(false);
    expect(identityHashMatches(email, `sha256$${hex('sha256', email + salt)}`, 'other')).toBe(false);
  });

  it('UTF-8 before hashing (OB 3.0 IdentityHash): a non-ASCII address', () => {
    const address = 'zoë@exämple.org';
    expect(
      identityHashMatches(
        address,
        `sha256$${createHash('sha256')
          .update(Buffer.from(`${address}x`, 'utf8'))
          .digest('hex')}`,
        'x',
      ),
    ).toBe(true);
  });
});

describe('matchesIdentity: OB 3.0 credentials and OB 2.0 assertions', () => {
  const salt = 'c0ffee';
  const hashed = (address: string, type = 'emailAddress') => ({
    type: 'IdentityObject',
    identityHash: `sha256$${hex('sha256', address + salt)}`,
    identityType: type,
    hashed: true,
    salt,
  });

  it('this issuer hashes the lower-cased address: the employer may type it in any case, with spaces around', () => {
    const credential = { credentialSubject: { id: 'did:example:1', identifier: [hashed('ada.lovelace@example.org')] } };
    expect(matchesIdentity(credential, '  Ada.Lovelace@Example.org ').outcome).toBe('match');
  });

  it('an issuer that hashed the address as written (mixed case) still matches when typed the same way', () => {
    const credential = { credentialSubject: { identifier: hashed('Ada.Lovelace@Example.org') } };
    expect(matchesIdentity(credential, 'Ada.Lovelace@Example.org').outcome).toBe('match');
    expect(matchesIdentity(credential, 'ada.lovelace@example.org').outcome).toBe('no-match');
  });

  it('only email identities are compared: another identityType with the same hash is not an email', () => {
    const credential = { credentialSubject: { identifier: [hashed('ada@example.org', 'studentId')] } };
    expect(matchesIdentity(credential, 'ada@example.org')).toEqual({ outcome: 'no-email-identity', compared: 0 });
    expect(matchesIdentity({ credentialSubject: { id: 'did:example:1' } }, 'ada@example.org').outcome).toBe(
      'no-email-identity',
    );
  });

  it('every subject of a multi-subject credential is searched, and the pointer says where the match is', () => {
    const credential = {
      credentialSubject: [{ identifier: [hashed('a@example.org')] }, { identifier: [hashed('b@example.org')] }],
    };
    expect(matchesIdentity(credential, 'b@example.org')).toEqual({
      outcome: 'match',
      compared: 2,
      pointer: '/credentialSubject/1/identifier/0/identityHash',
      hashed: true,
    });
  });

  it('OB 2.0 recipient: hashed without salt (OB 2.0: "assumed that the hash was not salted"), and plain', () => {
    const unsalted = {
      recipient: { type: 'email', hashed: true, identity: `sha256$${hex('sha256', 'bob@example.org')}` },
    };
    expect(matchesIdentity(unsalted, 'Bob@Example.org').outcome).toBe('match');
    const plain = { recipient: { type: 'email', hashed: false, identity: 'Bob@Example.org' } };
    expect(matchesIdentity(plain, 'bob@example.org')).toEqual({
      outcome: 'match',
      compared: 1,
      pointer: '/recipient/identity',
      hashed: false,
    });
    expect(
      matchesIdentity({ recipient: { type: 'url', hashed: false, identity: 'https://bob.example' } }, 'bob@example.org')
        .outcome,
    ).toBe('no-email-identity');
  });

  it('accepts a verification result carrying the credential (JWT inputs) and refuses an empty address', () => {
    const result = { verified: true, credential: { credentialSubject: { identifier: hashed('c@example.org') } } };
    expect(matchesIdentity(result, 'c@example.org').outcome).toBe('match');
    expect(() => matchesIdentity(result, '  ')).toThrow(TypeError);
  });

  it('a CredentialSummary (result.summary: OB 2.0 email recipients read as emailAddress) and a result carrying one', () => {
    const summary = {
      version: 'ob2',
      recipient: {
        identifiers: [
          { type: 'url', hashed: false, identity: 'https://dana.example' },
          { type: 'emailAddress', hashed: true, identity: `sha256$${hex('sha256', `dana@example.org${salt}`)}`, salt },
        ],
      },
    };
    expect(matchesIdentity(summary, 'Dana@Example.org')).toEqual({
      outcome: 'match',
      compared: 1,
      pointer: '/recipient/identifiers/1/identity',
      hashed: true,
    });
    expect(matchesIdentity({ verified: false, checks: [], summary }, 'erin@example.org')).toEqual({
      outcome: 'no-match',
      compared: 1,
    });
  });

  it('the project fixture (test/fixtures/ob3-certification.json) carries no email identity', () => {
    const fixture = JSON.parse(
      readFileSync(new URL('../../../../test/fixtures/ob3-certification.json', import.meta.url), 'utf8'),
    );
    expect(matchesIdentity(fixture, 'ada@example.org').outcome).toBe('no-email-identity');
  });
});
