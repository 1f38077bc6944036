import type {
  ArgyleSubscriptionRequestMap,
  ArgyleWebhookEvent,
  ArgyleWebhookEventMap,
  GigsAddedWebhook,
  GigsFullySyncedWebhook,
  GigsPartiallySyncedWebhook,
  GigsRemovedWebhook,
  GigsUpdatedWebhook,
} from "@argyle-webhooks/core";
import { ArgyleWebhooks } from "@argyle-webhooks/core";
import { describe, expectTypeOf, it } from "vitest";

describe("generated types", () => {
  it("types days_synced as a number Argyle always sends", () => {
    expectTypeOf<
      ArgyleWebhookEventMap["gigs.partially_synced"]["data"]["days_synced"]
    >().toEqualTypeOf<number>();
  });

  it("narrows the union on event", () => {
    const narrow = (message: ArgyleWebhookEvent) => {
      if (message.event === "gigs.partially_synced") {
        expectTypeOf(message).toEqualTypeOf<GigsPartiallySyncedWebhook>();
        expectTypeOf(message.data.days_synced).toEqualTypeOf<number>();
      }
      if (message.event === "users.fully_synced") {
        expectTypeOf(message.data).not.toHaveProperty("account");
      }
    };
    expectTypeOf(narrow).toBeFunction();
  });

  it("types nullable dates from the overlay as string | null", () => {
    expectTypeOf<ArgyleWebhookEventMap["gigs.partially_synced"]["data"]["available_from"]>().toEqualTypeOf<
      string | null
    >();
    expectTypeOf<ArgyleWebhookEventMap["paystubs.added"]["data"]["added_count"]>().toEqualTypeOf<number>();
  });

  it("allows config only where Argyle accepts it", () => {
    const ok: ArgyleSubscriptionRequestMap["gigs.partially_synced"] = {
      events: ["gigs.partially_synced"],
      name: "n",
      url: "https://x",
      config: { days_synced: 60 },
    };
    const bad: ArgyleSubscriptionRequestMap["gigs.added"] = {
      events: ["gigs.added"],
      name: "n",
      url: "https://x",
      // @ts-expect-error gigs.added takes no config
      config: { days_synced: 60 },
    };
    // @ts-expect-error items.* requires config
    const missing: ArgyleSubscriptionRequestMap["items.updated"] = {
      events: ["items.updated"],
      name: "n",
      url: "https://x",
    };
    expectTypeOf(ok).not.toBeAny();
    expectTypeOf(bad).not.toBeAny();
    expectTypeOf(missing).not.toBeAny();
  });
});

describe("ArgyleWebhooks handler types", () => {
  const webhooks = new ArgyleWebhooks({ secret: "s" });

  it("gives onGigsPartiallySynced the typed message", () => {
    webhooks.onGigsPartiallySynced((event, context) => {
      expectTypeOf(event.event).toEqualTypeOf<"gigs.partially_synced">();
      expectTypeOf(event.data.days_synced).toEqualTypeOf<number>();
      expectTypeOf(context.rawBody).toEqualTypeOf<Uint8Array>();
    });
  });

  it("gives a family wildcard the union of the family's messages", () => {
    webhooks.on("gigs.*", (event) => {
      expectTypeOf(event).toEqualTypeOf<
        | GigsAddedWebhook
        | GigsFullySyncedWebhook
        | GigsPartiallySyncedWebhook
        | GigsRemovedWebhook
        | GigsUpdatedWebhook
      >();
    });
    webhooks.on(["gigs.added", "gigs.updated"], (event) => {
      expectTypeOf(event.event).toEqualTypeOf<"gigs.added" | "gigs.updated">();
    });
  });

  it("rejects unknown event names and handler names", () => {
    // @ts-expect-error not an Argyle event
    webhooks.on("gigs.teleported", () => {});
    // @ts-expect-error not a family
    webhooks.on("payouts.*", () => {});
    // @ts-expect-error typo in a handler name
    new ArgyleWebhooks({ secret: "s", handlers: { onGigAdded: () => {} } });
    new ArgyleWebhooks({
      secret: "s",
      handlers: {
        onGigsAdded: (event) => expectTypeOf(event.data.added_count).toEqualTypeOf<number>(),
      },
    });
  });
});
