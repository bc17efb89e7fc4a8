// W3C "Data Integrity EdDSA Cryptosuites v1.0" (REC 15 May 2025) Appendix B.5.3 "Extended Proof
// Chain": the file TestVectors/proof-set-chain/signedProofChain2.json of w3c/vc-di-eddsa at commit
// abb673eb9df673e24a8eaf939337de74759b5f8d (last changed in 5073ff139ac853e685dec4227858f7a90e949179),
// values unchanged (whitespace as Biome formats it). Its first three proofs are B.5.2 "Proof Chain
// with Multiple Dependencies" (signedProofChain1.json). The verification methods are did:key, so
// our resolver serves them; the issuer is not one of them. Kept here rather than in test/vectors/
// because these are eddsa-rdfc-2022 chain vectors, used only by proof-chains.test.ts.

/** signedProofChain2.json: two independent proofs, a third chained to both, a fourth to the third. */
export const SIGNED_PROOF_CHAIN_2 = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
  id: 'urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33',
  type: ['VerifiableCredential', 'AlumniCredential'],
  name: 'Alumni Credential',
  description: 'A minimum viable example of an Alumni Credential.',
  issuer: 'https://vc.example/issuers/5678',
  validFrom: '2023-01-01T00:00:00Z',
  credentialSubject: {
    id: 'did:example:abcdefgh',
    alumniOf: 'The School of Examples',
  },
  proof: [
    {
      type: 'DataIntegrityProof',
      id: 'urn:uuid:26329423-bec9-4b2e-88cb-a7c7d9dc4544',
      cryptosuite: 'eddsa-rdfc-2022',
      created: '2023-02-24T23:36:38Z',
      verificationMethod:
        'did:key:z6MktgKTsu1QhX6QPbyqG6geXdw6FQCZBPq7uQpieWbiQiG7#z6MktgKTsu1QhX6QPbyqG6geXdw6FQCZBPq7uQpieWbiQiG7',
      proofPurpose: 'assertionMethod',
      proofValue: 'z66vWyqwAghu52WbpRkCwFRTu6Msn92ArtjpJ3gGMSVoU5RADwBfszoDt1QWY8owqLPz4nTj7hAwV7xFti1p93zdr',
    },
    {
      type: 'DataIntegrityProof',
      id: 'urn:uuid:8cc9022b-6b14-4cf3-8571-74972c5feb54',
      cryptosuite: 'eddsa-rdfc-2022',
      created: '2023-02-24T23:36:38Z',
      verificationMethod:
        'did:key:z6MkhWqdDBPojHA7cprTGTt5yHv5yUi1B8cnXn8ReLumkw6E#z6MkhWqdDBPojHA7cprTGTt5yHv5yUi1B8cnXn8ReLumkw6E',
      proofPurpose: 'assertionMethod',
      proofValue: 'z2scr94SNNrGpP2bE7ajvKWeUHm7HJ2edDkxpARvFAQ8V3USzwEzibqrXKaLHBrWostswsfvg82twQR88BgtnsrXY',
    },
    {
      type: 'DataIntegrityProof',
      id: 'urn:uuid:d94f792a-c546-4d06-b38a-da070ab56c23',
      cryptosuite: 'eddsa-rdfc-2022',
      created: '2023-02-26T22:06:38Z',
      verificationMethod:
        'did:key:z6MkmEq87wkHCYnWnNZkigeDMGTN7oUw1upkhzd77KuXERS1#z6MkmEq87wkHCYnWnNZkigeDMGTN7oUw1upkhzd77KuXERS1',
      proofPurpose: 'assertionMethod',
      previousProof: ['urn:uuid:26329423-bec9-4b2e-88cb-a7c7d9dc4544', 'urn:uuid:8cc9022b-6b14-4cf3-8571-74972c5feb54'],
      proofValue: 'zWaPeEvBAkhQpNQj8pknuvg5STcKnt3cvM9t4kAYeJETFjvVMSXEEjadC4uxC9fKCn6JHbjt6fj2fhoaVNynBm6J',
    },
    {
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      created: '2023-02-26T22:16:38Z',
      verificationMethod:
        'did:key:z6Mkm1S51iPHJvDEkJ9MRtxJmT8Pqo6wHipAFwBAjN83vntT#z6Mkm1S51iPHJvDEkJ9MRtxJmT8Pqo6wHipAFwBAjN83vntT',
      proofPurpose: 'assertionMethod',
      previousProof: 'urn:uuid:d94f792a-c546-4d06-b38a-da070ab56c23',
      proofValue: 'z4b5uUtxNiV4E541LiR8qLvA21xM1Vt4Hfn6nLmmDePdFvLB3jFj3HyEEJyRMbpJzv4Gfdr8ABeuRTxAvZv6KWRRh',
    },
  ],
} as const;
