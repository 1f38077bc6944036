import type {
  ArgyleConfigRequiredEvent,
  ArgyleSubscriptionRequestMap,
  ArgyleWebhookConfigMap,
  ArgyleWebhookEventName,
} from "@argyle-webhooks/core";

/**
 * The events a subscription listens to: one or more event names, or Argyle's wildcard `"*"` alone
 * (every event except `items.*`; see {@link CreateWebhookInput}).
 *
 * @example
 * ```ts
 * const events: ArgyleSubscriptionEvents = ["gigs.partially_synced", "paystubs.partially_synced"];
 * ```
 */
export type ArgyleSubscriptionEvents =
  | readonly [ArgyleWebhookEventName, ...ArgyleWebhookEventName[]]
  | readonly ["*"]
  | "*";

/** The event names inside `E` (`never` for the wildcard). */
type EventsOf<E extends ArgyleSubscriptionEvents> = E extends readonly (infer N)[] ? Exclude<N, "*"> : never;

/** Events whose subscription rejects `config` (Argyle answers 400 `only allowed for ...`). */
type NoConfigEvent = {
  [K in ArgyleWebhookEventName]: [ArgyleWebhookConfigMap[K]] extends [never] ? K : never;
}[ArgyleWebhookEventName];

type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void
  ? I
  : never;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * The `config` every event of `N` accepts: only the fields all of them accept (`keyof` a union is its common
 * keys), `never` as soon as one of them accepts no config or they share no field.
 */
type SharedConfig<N extends ArgyleWebhookEventName> = [Extract<N, NoConfigEvent>] extends [never]
  ? [keyof ArgyleWebhookConfigMap[N]] extends [never]
    ? never
    : Simplify<
        Pick<
          UnionToIntersection<ArgyleWebhookConfigMap[N]>,
          keyof ArgyleWebhookConfigMap[N] & keyof UnionToIntersection<ArgyleWebhookConfigMap[N]>
        >
      >
  : never;

/**
 * The `config` member of a create request for events `E`: required when one of them is an `items.*` event,
 * optional when they all accept the same config field, forbidden otherwise (and always for `"*"`).
 *
 * @example
 * ```ts
 * type C = ArgyleSubscriptionConfigField<["gigs.partially_synced"]>; // { config?: { days_synced?: number } }
 * ```
 */
export type ArgyleSubscriptionConfigField<E extends ArgyleSubscriptionEvents> = [EventsOf<E>] extends [never]
  ? { config?: never }
  : [SharedConfig<EventsOf<E>>] extends [never]
    ? { config?: never }
    : [Extract<EventsOf<E>, ArgyleConfigRequiredEvent>] extends [never]
      ? { config?: SharedConfig<EventsOf<E>> }
      : { config: SharedConfig<EventsOf<E>> };

/** `name`, `url` and `secret` as the generated request types of the events describe them. */
type RequestFields<E extends ArgyleSubscriptionEvents> = Omit<
  ArgyleSubscriptionRequestMap[[EventsOf<E>] extends [never] ? ArgyleWebhookEventName : EventsOf<E>],
  "events" | "config"
>;

/**
 * Body of `POST /v2/webhooks`, typed from the generated subscription-request types of the listed events.
 *
 * - `config` is the intersection of what every listed event accepts: `days_synced` only with
 *   `*.partially_synced` events, `include_resource` only with `accounts.added|connected|failed|updated`;
 *   a single event without config in the list forbids it.
 * - `config` (with `items`) is required when an `items.*` event is listed.
 * - `"*"` (or `["*"]`) must stand alone and carries no `config`: Argyle's guide says the wildcard does not cover
 *   `items.*`, cannot set `days_synced`, and that the optional account object needs individual subscriptions.
 *
 * @example
 * ```ts
 * const input: CreateWebhookInput<["gigs.partially_synced"]> = {
 *   events: ["gigs.partially_synced"],
 *   name: "payroll-service:gigs-60d",
 *   url: "https://example.com/webhooks/argyle",
 *   secret: process.env.ARGYLE_WEBHOOK_SECRET,
 *   config: { days_synced: 60 },
 * };
 * ```
 */
export type CreateWebhookInput<E extends ArgyleSubscriptionEvents = ArgyleSubscriptionEvents> = Simplify<
  { events: E } & RequestFields<E>
> &
  ArgyleSubscriptionConfigField<E>;

/**
 * A webhook subscription as Argyle's API returns it (`GET /v2/webhooks/{id}`). Argyle returns `secret` in clear;
 * this package never prints it.
 *
 * @example
 * ```ts
 * const sub: ArgyleWebhookSubscription = await client.webhooks.get("85fab193-1195-47e3-951b-fbbfbbac3d3e");
 * console.log(sub.name, sub.events.join(","));
 * ```
 */
export interface ArgyleWebhookSubscription {
  readonly id: string;
  readonly name: string;
  /** Event names, or `["*"]`. Events Argyle added after this package was built come through as plain strings. */
  readonly events: readonly (ArgyleWebhookEventName | "*" | (string & {}))[];
  readonly url: string;
  readonly secret: string | null;
  readonly config: Readonly<Record<string, unknown>> | null;
  readonly created_at: string;
  readonly updated_at: string;
  /** Undocumented but present in v2 responses. */
  readonly last_sent_at?: string | null;
}

/**
 * One page of `GET /v2/webhooks`.
 *
 * @example
 * ```ts
 * for await (const page of client.webhooks.list().pages()) console.log(page.results.length, page.next);
 * ```
 */
export interface ArgyleWebhookPage {
  readonly next: string | null;
  readonly previous: string | null;
  readonly results: readonly ArgyleWebhookSubscription[];
}
