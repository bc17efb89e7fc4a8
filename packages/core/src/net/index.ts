export { isForbiddenAddress } from './forbidden-address.ts';
export type {
  GuardedFetch,
  GuardedFetchOptions,
  GuardedFetchRequestOptions,
  GuardedResponse,
  HostLookup,
} from './guarded-fetch.ts';
export { createGuardedFetch, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, guardedFetch } from './guarded-fetch.ts';
export type { NetErrorReason } from './net-error.ts';
export { NetError } from './net-error.ts';
