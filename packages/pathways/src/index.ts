export { creditValue } from './credit-value.ts';
export {
  type EvaluatePathwayOptions,
  evaluatePathway,
  evaluatePathwayWithCredentials,
} from './evaluate-pathway.ts';
export { matchCredential } from './match-credential.ts';
export { type OfferedCredential, openOffered, subjectIdsOf } from './open-offered.ts';
export type {
  CountedCredential,
  EvaluatedPathway,
  ExcludedCredential,
  GrantedStanding,
  PathwayReport,
  RequirementReport,
  RequirementStatus,
} from './types.ts';
