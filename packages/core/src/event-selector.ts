import type {
  ArgyleWebhookEventMap,
  ArgyleWebhookEventName,
  ArgyleWebhookFamily,
} from "./generated/index.js";
import type { ArgyleFamilyEvent, ArgyleFamilyWildcard } from "./types.js";

/**
 * What `on()` takes: an event name, a family wildcard (`"gigs.*"`) or a list of event names.
 *
 * @example
 * ```ts
 * const selectors: ArgyleEventSelector[] = ["gigs.updated", "gigs.*", ["accounts.connected", "accounts.failed"]];
 * ```
 */
export type ArgyleEventSelector =
  | ArgyleWebhookEventName
  | ArgyleFamilyWildcard
  | readonly ArgyleWebhookEventName[];

/**
 * The message type a selector's handler receives.
 *
 * @example
 * ```ts
 * type Gig = ArgyleSelectedEvent<"gigs.*">; // the union of the gigs messages
 * ```
 */
export type ArgyleSelectedEvent<S> = S extends ArgyleWebhookEventName
  ? ArgyleWebhookEventMap[S]
  : S extends ArgyleFamilyWildcard
    ? ArgyleFamilyEvent<S>
    : S extends readonly (infer E extends ArgyleWebhookEventName)[]
      ? ArgyleWebhookEventMap[E]
      : never;

/** The valid selectors nearest a misspelt one: its family's events and wildcard, else every family wildcard. */
type NearestSelectors<S extends string> = S extends `${infer F extends ArgyleWebhookFamily}.${string}`
  ? Extract<ArgyleWebhookEventName, `${F}.${string}`> | `${F}.*`
  : ArgyleFamilyWildcard;

/**
 * `S` itself when it is a valid selector; otherwise the valid selectors nearest it, so a typo such as
 * `on("gigs.updatd", ...)` is a short compile error naming the events of that family.
 *
 * @example
 * ```ts
 * type Ok = ArgyleCheckedSelector<"gigs.updated">; // "gigs.updated"
 * type Hint = ArgyleCheckedSelector<"gigs.updatd">; // "gigs.added" | "gigs.fully_synced" | ... | "gigs.*"
 * ```
 */
export type ArgyleCheckedSelector<S> = S extends ArgyleEventSelector
  ? S
  : S extends string
    ? NearestSelectors<S>
    : readonly ArgyleWebhookEventName[];
