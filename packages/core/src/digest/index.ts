export type { RelatedResource, RelatedResourceOutcome } from './related-resources.ts';
export { checkRelatedResourceDigests, readRelatedResources } from './related-resources.ts';
export type { DeclaredDigest } from './resource-digest.ts';
export {
  matchDigests,
  matchPublishedDigest,
  PUBLISHED_DIGESTS,
  parseDigestMultibase,
  parseDigestSri,
} from './resource-digest.ts';
