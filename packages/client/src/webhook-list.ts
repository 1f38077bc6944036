import type { ArgyleWebhookPage, ArgyleWebhookSubscription } from "./subscription-types.js";

/**
 * The result of `client.webhooks.list()`: iterate it for every subscription across pages, or call `pages()` for
 * the raw `{ next, previous, results }` pages. Pages are fetched lazily, one request per page, following `next`.
 *
 * @example
 * ```ts
 * for await (const sub of client.webhooks.list()) console.log(sub.id, sub.name);
 * const all = await client.webhooks.list().toArray();
 * ```
 */
export interface ArgyleWebhookList extends AsyncIterable<ArgyleWebhookSubscription> {
  /** Every page, in order. */
  pages(): AsyncIterableIterator<ArgyleWebhookPage>;
  /** Every subscription, collected into an array. */
  toArray(): Promise<ArgyleWebhookSubscription[]>;
}

/**
 * Builds an {@link ArgyleWebhookList} over a page fetcher (`null` = first page, else the `next` link).
 *
 * @example
 * ```ts
 * const list = createWebhookList((next) => transport({ method: "GET", path: next ?? "/webhooks" }) as Promise<ArgyleWebhookPage>);
 * ```
 */
export function createWebhookList(
  fetchPage: (next: string | null) => Promise<ArgyleWebhookPage>,
): ArgyleWebhookList {
  async function* pages(): AsyncIterableIterator<ArgyleWebhookPage> {
    const seen = new Set<string>();
    let next: string | null = null;
    do {
      if (next !== null) {
        if (seen.has(next)) throw new Error(`Argyle's pagination loops back to ${next}; stopping`);
        seen.add(next);
      }
      const page: ArgyleWebhookPage = await fetchPage(next);
      yield page;
      next = page.next;
    } while (next !== null);
  }
  async function* items(): AsyncIterableIterator<ArgyleWebhookSubscription> {
    for await (const page of pages()) yield* page.results;
  }
  return {
    pages,
    [Symbol.asyncIterator]: items,
    async toArray() {
      const all: ArgyleWebhookSubscription[] = [];
      for await (const sub of items()) all.push(sub);
      return all;
    },
  };
}
