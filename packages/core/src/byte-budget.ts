/**
 * A shared allowance of bytes for bodies still arriving: every request's reader takes from it per chunk and gives
 * everything back when its body is complete or refused, so the total held by unfinished bodies stays bounded.
 * @example
 * ```ts
 * const budget = createByteBudget(64 * 1024 * 1024);
 * if (!budget.take(chunk.length)) return { ok: false, reason: "busy" };
 * budget.give(held);
 * ```
 */
export interface ByteBudget {
  /** Reserves `bytes`; false (and nothing reserved) when that would pass the maximum. */
  take(bytes: number): boolean;
  /** Returns bytes reserved earlier. */
  give(bytes: number): void;
  /** Bytes reserved now. */
  readonly held: number;
}

/**
 * A {@link ByteBudget} of `max` bytes.
 * @example
 * ```ts
 * const budget = createByteBudget(1024);
 * budget.take(1000); // true
 * budget.take(100); // false
 * ```
 */
export function createByteBudget(max: number): ByteBudget {
  let held = 0;
  return {
    take(bytes) {
      if (held + bytes > max) return false;
      held += bytes;
      return true;
    },
    give(bytes) {
      held = Math.max(0, held - bytes);
    },
    get held() {
      return held;
    },
  };
}
