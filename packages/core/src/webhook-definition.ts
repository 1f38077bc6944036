import type { ArgyleWebhookEventName, ArgyleWebhookFamily } from "./generated/index.js";

/**
 * What the registry knows of one webhook event.
 *
 * @example
 * ```ts
 * const needsConfig = (def: ArgyleWebhookDefinition) => def.config.required;
 * ```
 */
export interface ArgyleWebhookDefinition {
  /** The event name, e.g. `gigs.partially_synced`. */
  readonly event: ArgyleWebhookEventName;
  readonly family: ArgyleWebhookFamily;
  readonly action: string;
  /** The handler option / method name, e.g. `onGigsPartiallySynced`. */
  readonly handlerName: string;
  /** What the event means, from Argyle's spec. */
  readonly description: string;
  /** Whether a subscription to the event accepts (or requires) `config`, and its fields. */
  readonly config: {
    readonly supported: boolean;
    readonly required: boolean;
    readonly fields: readonly string[];
  };
  /** The spec file the event was generated from. */
  readonly specFile: string;
  /** Ids of the overlay corrections applied to the event. */
  readonly corrections: readonly string[];
}
