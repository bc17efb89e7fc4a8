export type { ExcludedCredential, GrantedStanding, PathwayReport, RequirementReport, RequirementStatus } from './types.ts';
