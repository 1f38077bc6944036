import type { AnyListener } from "./invoke-all.js";

/** Keys of the listeners that are not one event: any event, unknown events, invalid payloads, failures. */
export const ANY = "*";
export const UNKNOWN = "unknown";
export const INVALID = "invalid";
export const ERROR = "error";

/** Listeners by key: an event name, a family wildcard (`gigs.*`) or one of the special keys. */
export class Listeners {
  private readonly byKey = new Map<string, AnyListener[]>();

  add(key: string, listener: AnyListener): void {
    const list = this.byKey.get(key);
    if (list) list.push(listener);
    else this.byKey.set(key, [listener]);
  }

  remove(key: string, listener: AnyListener): void {
    const list = this.byKey.get(key);
    const i = list ? list.indexOf(listener) : -1;
    if (list && i >= 0) {
      list.splice(i, 1);
      if (list.length === 0) this.byKey.delete(key);
    }
  }

  get(key: string): readonly AnyListener[] {
    return this.byKey.get(key) ?? [];
  }

  /** Everything that runs for a catalog event: its own listeners, its family's, then `onAny`. */
  forEvent(event: string, family: string): AnyListener[] {
    return [...this.get(event), ...this.get(`${family}.*`), ...this.get(ANY)];
  }
}
