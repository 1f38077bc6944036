import type { ArgyleDedupeStore } from "./types.js";

/**
 * Options of the in-memory duplicate store.
 * @example
 * ```ts
 * const store = createMemoryDedupeStore({ ttlMs: 60 * 60 * 1000, maxEntries: 50_000 });
 * ```
 */
export interface MemoryDedupeStoreOptions {
  /** How long a delivery is remembered, in ms. Default 24 hours. */
  ttlMs?: number;
  /** The most deliveries remembered; the oldest are forgotten first. Default 10,000. */
  maxEntries?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * The default `dedupe` store: remembers delivery keys in this process, bounded in size and time. Use a shared
 * store (Redis `SET NX EX`, a unique index) when several processes receive webhooks.
 *
 * @example
 * ```ts
 * argyleWebhooks({ secret, dedupe: createMemoryDedupeStore({ ttlMs: 3_600_000, maxEntries: 50_000 }), handlers });
 * ```
 */
export function createMemoryDedupeStore(
  options: MemoryDedupeStoreOptions = {},
): ArgyleDedupeStore & { readonly size: number } {
  const ttl = options.ttlMs ?? 24 * 60 * 60 * 1000;
  const max = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const expiries = new Map<string, number>();
  return {
    get size() {
      return expiries.size;
    },
    seen(key) {
      const t = now();
      const expiry = expiries.get(key);
      if (expiry !== undefined && expiry > t) return true;
      expiries.delete(key);
      expiries.set(key, t + ttl);
      // Map iteration is insertion order: the first entries are the oldest.
      for (const [k, e] of expiries) {
        if (expiries.size <= max && e > t) break;
        expiries.delete(k);
      }
      return false;
    },
    forget(key) {
      expiries.delete(key);
    },
  };
}
