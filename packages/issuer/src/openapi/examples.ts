/**
 * Example bodies for the main operations (issue, award, verify), written for the service's own
 * issuer DID so that a newcomer can send them as they are.
 */

/**
 * An Open Badges 3.0 certification, unsigned, as `POST /credentials/issue` takes it.
 *
 * @example
 * exampleCredential('did:key:z6Mk…').issuer.id; // 'did:key:z6Mk…'
 */
export function exampleCredential(issuerDid: string, subjectId?: string): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Certified Industrial Maintenance Technician',
    issuer: { id: issuerDid, type: ['Profile'], name: 'Midwest Industrial Skills Council (example)' },
    validUntil: '2029-06-30T23:59:59Z',
    credentialSubject: {
      ...(subjectId && { id: subjectId }),
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://skills-council.example/achievements/cimt-level-1',
        type: ['Achievement'],
        achievementType: 'Certification',
        name: 'Certified Industrial Maintenance Technician — Level 1',
        description: 'Maintains industrial mechanical, electrical and fluid power systems safely.',
        criteria: { narrative: 'Passed the written exam and a proctored practical assessment.' },
      },
    },
  };
}

/**
 * The body of `POST /credentials/issue`.
 *
 * @example
 * issueExample('did:key:z6Mk…').options; // { credentialStatus: […] }
 */
export function issueExample(issuerDid: string): Record<string, unknown> {
  return {
    credential: exampleCredential(issuerDid, 'did:example:worker-4f1c'),
    options: { credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }] },
  };
}

/**
 * The body of `POST /awards`: the credential without `id` and `credentialSubject.id`.
 *
 * @example
 * awardExample('did:key:z6Mk…').recipient; // { name: 'Ada Lovelace', email: 'ada@example.org' }
 */
export function awardExample(issuerDid: string): Record<string, unknown> {
  return {
    credential: exampleCredential(issuerDid),
    recipient: { name: 'Ada Lovelace', email: 'ada@example.org' },
    expiresIn: 1209600,
    txCode: false,
  };
}

/**
 * The body of `POST /credentials/verify` (the proof shortened).
 *
 * @example
 * verifyExample('did:key:z6Mk…').options; // { checks: ['proof', 'credentialStatus', 'expiration'] }
 */
export function verifyExample(issuerDid: string): Record<string, unknown> {
  return {
    verifiableCredential: {
      ...exampleCredential(issuerDid, 'did:example:worker-4f1c'),
      id: 'urn:uuid:0d5b7a1e-3c1f-4b6a-9a51-2f0e3c7d9b10',
      validFrom: '2026-03-01T12:00:00Z',
      proof: {
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        created: '2026-03-01T12:00:00Z',
        verificationMethod: `${issuerDid}#${issuerDid.split(':').pop()}`,
        proofPurpose: 'assertionMethod',
        proofValue: 'z3FXQ…',
      },
    },
    options: { checks: ['proof', 'credentialStatus', 'expiration'] },
  };
}
