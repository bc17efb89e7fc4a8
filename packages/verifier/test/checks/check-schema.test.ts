import { checkSchema } from '@repo/verifier';
import { describe, expect, it } from 'vitest';
import { ob3Credential } from '../../../../test/helpers/credential-factory.ts';

describe('Open Badges 3.0 §9.2.1 step 1: JSON Schema validation', () => {
  it('an OB 3.0 credential that matches the schema → passed', () => {
    expect(checkSchema(ob3Credential('did:example:issuer'))).toMatchObject({ id: 'schema', status: 'passed' });
  });

  it('an OB 3.0 credential whose subject has no achievement → SCHEMA_VALIDATION_ERROR', () => {
    const credential = ob3Credential('did:example:issuer');
    delete credential.credentialSubject.achievement;
    const check = checkSchema(credential);
    expect(check.status).toBe('failed');
    expect(check.problem?.title).toBe('SCHEMA_VALIDATION_ERROR');
  });

  it('a credential that is not an Open Badge → skipped', () => {
    const check = checkSchema({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: 'did:example:1',
      credentialSubject: {},
    });
    expect(check.status).toBe('skipped');
  });
});
