/**
 * `@argyle-webhooks/client`: a typed client for Argyle's webhook subscription API (`/v2/webhooks`) with a
 * declarative `sync`. The `argyle-webhooks subscriptions` command (in `@argyle-webhooks/testing`) is built on it.
 * @module
 */

export { type ArgyleSubscriptionSpec, checkSubscription } from "./check-subscription.js";
export {
  type ArgyleClient,
  type ArgyleClientOptions,
  type ArgyleSyncOptions,
  type ArgyleWebhooksApi,
  createArgyleClient,
} from "./create-argyle-client.js";
export { defineSubscription } from "./define-subscription.js";
export {
  ArgyleApiError,
  ArgyleAuthError,
  ArgyleClientError,
  ArgyleNetworkError,
  ArgyleSyncError,
  ArgyleTimeoutError,
  ArgyleValidationError,
} from "./errors.js";
export {
  type ArgyleSyncPlan,
  type ArgyleSyncStep,
  formatSyncPlan,
  planWebhookSync,
} from "./plan-webhook-sync.js";
export { ARGYLE_API_BASE_URLS, type ArgyleEnvironment, resolveBaseUrl } from "./resolve-base-url.js";
export type { ArgyleRetryOptions } from "./retry-delay.js";
export type {
  ArgyleSubscriptionConfigField,
  ArgyleSubscriptionEvents,
  ArgyleWebhookPage,
  ArgyleWebhookSubscription,
  CreateWebhookInput,
} from "./subscription-types.js";
export type { ArgyleWebhookList } from "./webhook-list.js";
