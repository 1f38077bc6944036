import {
  type ArgyleWebhookSubscription,
  type CreateWebhookInput,
  createArgyleClient,
  defineSubscription,
} from "@argyle-webhooks/client";
import { describe, expectTypeOf, it } from "vitest";

// Type tests only: vitest type-checks this file and never runs it.
const client = createArgyleClient({ apiKeyId: "id", apiKeySecret: "secret" });
const url = "https://example.com/webhooks/argyle";

describe("webhooks.create() input: config follows Argyle's rules per event", () => {
  it("allows days_synced only with *.partially_synced events", () => {
    void client.webhooks.create({
      events: ["gigs.partially_synced"],
      name: "n",
      url,
      config: { days_synced: 60 },
    });
    void client.webhooks.create({
      events: ["gigs.partially_synced", "paystubs.partially_synced", "shifts.partially_synced"],
      name: "n",
      url,
      config: { days_synced: 90 },
    });
    // @ts-expect-error gigs.added takes no config
    void client.webhooks.create({ events: ["gigs.added"], name: "n", url, config: { days_synced: 60 } });
    void client.webhooks.create({
      events: ["gigs.partially_synced", "gigs.added"],
      name: "n",
      url,
      // @ts-expect-error one event without config in the list forbids it
      config: { days_synced: 60 },
    });
    void client.webhooks.create({
      events: ["gigs.partially_synced"],
      name: "n",
      url,
      // @ts-expect-error days_synced is a number
      config: { days_synced: "60" },
    });
    expectTypeOf<CreateWebhookInput<["gigs.partially_synced"]>["config"]>().toEqualTypeOf<
      { days_synced?: number } | undefined
    >();
  });

  it("allows include_resource only with accounts.added|connected|failed|updated", () => {
    void client.webhooks.create({
      events: ["accounts.added"],
      name: "n",
      url,
      config: { include_resource: true },
    });
    void client.webhooks.create({
      events: ["accounts.added", "accounts.connected", "accounts.failed", "accounts.updated"],
      name: "n",
      url,
      config: { include_resource: true },
    });
    void client.webhooks.create({
      events: ["accounts.removed"],
      name: "n",
      url,
      // @ts-expect-error accounts.removed takes no config
      config: { include_resource: true },
    });
    void client.webhooks.create({
      events: ["accounts.added", "gigs.partially_synced"],
      name: "n",
      url,
      // @ts-expect-error include_resource is not a field of accounts.added and gigs.partially_synced together
      config: { include_resource: true, days_synced: 5 },
    });
    // @ts-expect-error days_synced does not apply to accounts.added
    void client.webhooks.create({ events: ["accounts.added"], name: "n", url, config: { days_synced: 5 } });
    expectTypeOf<CreateWebhookInput<["accounts.added"]>["config"]>().toEqualTypeOf<
      { include_resource?: boolean } | undefined
    >();
  });

  it("requires config with items for items.* events", () => {
    void client.webhooks.create({
      events: ["items.updated", "items.removed"],
      name: "n",
      url,
      config: { items: ["item_000000001"] },
    });
    // @ts-expect-error items.* needs config
    void client.webhooks.create({ events: ["items.updated"], name: "n", url });
    // @ts-expect-error config of items.* needs items
    void client.webhooks.create({ events: ["items.removed"], name: "n", url, config: {} });
    void client.webhooks.create({
      events: ["items.updated", "gigs.added"],
      name: "n",
      url,
      // @ts-expect-error items.* cannot share a subscription with events that take no config
      config: { items: ["item_1"] },
    });
  });

  it('accepts "*" alone and without config', () => {
    void client.webhooks.create({ events: ["*"], name: "n", url });
    void client.webhooks.create({ events: "*", name: "n", url, secret: "s" });
    // @ts-expect-error "*" cannot carry config (no days_synced, no include_resource, no items)
    void client.webhooks.create({ events: ["*"], name: "n", url, config: { days_synced: 5 } });
    // @ts-expect-error "*" stands alone
    void client.webhooks.create({ events: ["*", "gigs.added"], name: "n", url });
  });

  it("accepts events without config and rejects unknown events and missing fields", () => {
    void client.webhooks.create({ events: ["users.fully_synced", "accounts.added"], name: "n", url });
    // @ts-expect-error not an Argyle v2 event
    void client.webhooks.create({ events: ["gigs.deleted"], name: "n", url });
    // @ts-expect-error at least one event
    void client.webhooks.create({ events: [], name: "n", url });
    // @ts-expect-error url is required
    void client.webhooks.create({ events: ["gigs.added"], name: "n" });
  });

  it("types the answer and defineSubscription() like create()", () => {
    expectTypeOf(
      client.webhooks.create({ events: ["gigs.added"], name: "n", url }),
    ).resolves.toEqualTypeOf<ArgyleWebhookSubscription>();
    const desired = [
      defineSubscription({
        events: ["paystubs.partially_synced"],
        name: "svc:paystubs",
        url,
        config: { days_synced: 30 },
      }),
      defineSubscription({
        events: ["accounts.connected"],
        name: "svc:accounts",
        url,
        config: { include_resource: true },
      }),
    ];
    void client.webhooks.sync(desired, { prefix: "svc:" });
    // @ts-expect-error same rules as create()
    defineSubscription({ events: ["reports.ready"], name: "svc:r", url, config: { include_resource: true } });
  });
});
