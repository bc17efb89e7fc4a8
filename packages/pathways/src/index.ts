export { creditValue } from './credit-value.ts';
export { type EvaluatePathwayOptions, evaluatePathway } from './evaluate-pathway.ts';
export { matchCredential } from './match-credential.ts';
export type {
  ExcludedCredential,
  GrantedStanding,
  PathwayReport,
  RequirementReport,
  RequirementStatus,
} from './types.ts';
