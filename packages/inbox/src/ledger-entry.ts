/**
 * Where a delivery is: `pending` (waiting), `active` (a handler runs it), `retrying` (failed, waiting for its next
 * attempt), `done`, `dead` (failed every attempt; `redrive()` runs it again) or `cancelled`.
 * @example
 * ```ts
 * const state: DeliveryState = (await inbox.get(key))?.state ?? "pending";
 * ```
 */
export type DeliveryState = "pending" | "active" | "retrying" | "done" | "dead" | "cancelled";

/**
 * One delivery in the ledger. Holds the body as received, never the signature header.
 * @example
 * ```ts
 * const entry: LedgerEntry | undefined = await inbox.get(deliveryKey);
 * console.log(entry?.state, entry?.attempts, entry?.lastError);
 * ```
 */
export interface LedgerEntry {
  /** The delivery key (SHA-256 of the body). */
  deliveryKey: string;
  /** The pg-boss job id. */
  jobId: string;
  state: DeliveryState;
  /** Runs started so far. */
  attempts: number;
  /** The last failure's message, when a run failed. */
  lastError: string | undefined;
  event: string;
  subscription: string | undefined;
  account: string | undefined;
  receivedAt: Date;
  completedAt: Date | undefined;
  /** The body exactly as received. */
  body: string;
}

/**
 * Deliveries per state.
 * @example
 * ```ts
 * const { pending, dead }: LedgerStats = await inbox.stats();
 * ```
 */
export type LedgerStats = Record<DeliveryState, number> & { total: number };

/**
 * Filters of `inbox.list()`.
 * @example
 * ```ts
 * const dead = await inbox.list({ state: "dead", limit: 20 });
 * ```
 */
export interface ListOptions {
  state?: DeliveryState;
  event?: string;
  /** Default 50, at most 1000. */
  limit?: number;
}

/**
 * A {@link LedgerStats} with every count at zero, for engines to add their counts to.
 * @example
 * ```ts
 * const stats = emptyStats();
 * stats.done += 3;
 * ```
 */
export function emptyStats(): LedgerStats {
  return { pending: 0, active: 0, retrying: 0, done: 0, dead: 0, cancelled: 0, total: 0 };
}
