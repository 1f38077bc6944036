import type { AnyListener } from "./invoke-all.js";

/**
 * Keys of the listeners that are not one event: any event, unknown events, invalid payloads, failures. Symbols,
 * so no event name a sender chooses (`"error"`, `"*"`) can reach them.
 */
export const ANY: unique symbol = Symbol("onAny");
export const UNKNOWN: unique symbol = Symbol("onUnknown");
export const INVALID: unique symbol = Symbol("onInvalid");
export const ERROR: unique symbol = Symbol("onError");

type Key = string | symbol;

/** Listeners by key: an event name, a family wildcard (`gigs.*`) or one of the special keys. */
export class Listeners {
  private readonly byKey = new Map<Key, AnyListener[]>();
  /** `forEvent` results, dropped whenever a listener is added or removed. */
  private readonly resolved = new Map<string, AnyListener[]>();

  add(key: Key, listener: AnyListener): void {
    this.resolved.clear();
    const list = this.byKey.get(key);
    if (list) list.push(listener);
    else this.byKey.set(key, [listener]);
  }

  /** How many listeners are registered in all. */
  get size(): number {
    let n = 0;
    for (const list of this.byKey.values()) n += list.length;
    return n;
  }

  remove(key: Key, listener: AnyListener): void {
    this.resolved.clear();
    const list = this.byKey.get(key);
    const i = list ? list.indexOf(listener) : -1;
    if (list && i >= 0) {
      list.splice(i, 1);
      if (list.length === 0) this.byKey.delete(key);
    }
  }

  get(key: Key): readonly AnyListener[] {
    return this.byKey.get(key) ?? [];
  }

  /** Everything that runs for a catalog event: its own listeners, its family's, then `onAny`. */
  forEvent(event: string, family: string): readonly AnyListener[] {
    let list = this.resolved.get(event);
    if (!list) {
      list = [...this.get(event), ...this.get(`${family}.*`), ...this.get(ANY)];
      this.resolved.set(event, list);
    }
    return list;
  }

  /** Everything that runs for an event outside the catalog: `onUnknown`, listeners of that exact name, `onAny`. */
  forUnknown(event: string): AnyListener[] {
    const own = event.endsWith(".*") ? [] : this.get(event);
    return [...this.get(UNKNOWN), ...own, ...this.get(ANY)];
  }
}
