/**
 * The generated type of every Argyle webhook message (`GigsAddedWebhook`, `ArgyleWebhookEventMap`, ...), whole:
 * the index re-exports this module, so a regenerated event is public without editing core. Everything else core
 * takes from `generated/` comes through `./index.js`.
 * @example
 * ```ts
 * import type { ArgyleWebhookEventName } from "./generated/event-types.js";
 * const name: ArgyleWebhookEventName = "gigs.added";
 * ```
 * @module
 */
export type * from "../../../../generated/types.js";
