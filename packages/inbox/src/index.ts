/**
 * `@argyle-webhooks/inbox`: durable delivery for Argyle webhooks on pg-boss. The receiver answers 200 only after
 * the delivery is committed; workers run the same typed handlers from the inbox, with retries and a ledger.
 * @module
 */

export { ArgyleBullInbox, type BullInboxParts } from "./argyle-bull-inbox.js";
export { ArgyleInbox, type InboxEngine } from "./argyle-inbox.js";
export { createInbox } from "./create-inbox.js";
export { deliveryJobId } from "./delivery-job-id.js";
export type { InboxOptions, WorkOptions } from "./inbox-options.js";
export type { DeliveryState, LedgerEntry, LedgerStats, ListOptions } from "./ledger-entry.js";
export { INBOX_HELP, type InboxCliIO, runInboxCli } from "./run-inbox-cli.js";
