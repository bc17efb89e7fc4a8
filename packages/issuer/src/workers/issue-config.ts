import type { AppDeps } from '../deps.ts';
import type { StatusPurpose } from '../status/status-registry.ts';
import type { IssueRowsRequest } from './sign-messages.ts';

/**
 * The status purposes an issue gets unless it asks for others (configured defaults, plus
 * lifecycle when certifications get one): allocated on the main thread before a worker prepares
 * the credential (single issues and batch rows alike); those it does not use are given back.
 *
 * @example
 * likelyStatusPurposes(deps.config); // ['revocation', 'suspension', 'lifecycle']
 */
export function likelyStatusPurposes(config: AppDeps['config']): StatusPurpose[] {
  const { defaultStatusPurposes, renewableLifecycle } = config;
  return renewableLifecycle && defaultStatusPurposes.length > 0 && !defaultStatusPurposes.includes('lifecycle')
    ? [...defaultStatusPurposes, 'lifecycle']
    : [...defaultStatusPurposes];
}

/**
 * The part of the service's configuration a signing worker's checks read (`issueRows`, `issueOne`).
 *
 * @example
 * const request = { now, controller, config: workerIssueConfig(deps.config), … };
 */
export function workerIssueConfig(config: AppDeps['config']): IssueRowsRequest['config'] {
  return {
    publicBaseUrl: config.publicBaseUrl,
    defaultStatusPurposes: config.defaultStatusPurposes,
    renewableLifecycle: config.renewableLifecycle,
  };
}
