import type { ByteBudget } from "./byte-budget.js";
import type { Listeners } from "./listeners.js";
import type { ResolvedOptions } from "./resolve-options.js";

/**
 * What one `ArgyleWebhooks` instance answers requests with: its checked options, its registered listeners and the
 * byte budget its requests share.
 * @example
 * ```ts
 * const state: ReceiverState = { options: resolveOptions({ secret }), listeners: new Listeners() };
 * ```
 */
export interface ReceiverState {
  readonly options: ResolvedOptions;
  readonly listeners: Listeners;
  /** Bytes held by bodies still arriving, shared by every request of this instance (`pendingLimit`). */
  readonly budget?: ByteBudget;
}
