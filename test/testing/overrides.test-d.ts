import type { ArgyleWebhookEventMap } from "@argyle-webhooks/core";
import {
  type ArgyleWebhookOverrides,
  createDelivery,
  type DeepPartial,
  signDelivery,
  triggerEvents,
} from "@argyle-webhooks/testing";
import { describe, expectTypeOf, it } from "vitest";

const secret = "s";

describe("createDelivery overrides are typed from the event", () => {
  it("accepts deep partial overrides of the event's message", () => {
    createDelivery("gigs.partially_synced", { data: { days_synced: 90 } }, { secret });
    createDelivery(
      "gigs.updated",
      { name: "prod", data: { updated_gigs: ["g-1"] } },
      { secret, pretty: false },
    );
    createDelivery("users.fully_synced", { data: { resource: { external_id: "x" } } }, { secret });
    createDelivery("gigs.updated", { secret: null });
  });

  it("rejects wrong types, unknown fields and events outside the catalog", () => {
    // @ts-expect-error days_synced is a number
    createDelivery("gigs.partially_synced", { data: { days_synced: "90" } }, { secret });
    // @ts-expect-error no such field on gigs.partially_synced data
    createDelivery("gigs.partially_synced", { data: { days_syncd: 90 } }, { secret });
    // @ts-expect-error event cannot be changed to another event
    createDelivery("gigs.updated", { event: "gigs.added" }, { secret });
    // @ts-expect-error arrays are replaced whole, with the element type checked
    createDelivery("gigs.updated", { data: { updated_gigs: [1] } }, { secret });
    // @ts-expect-error not a catalog event: use signDelivery
    createDelivery("gigs.renamed", { secret });
    // @ts-expect-error the options (secret) are required
    createDelivery("gigs.updated", { data: {} });
  });

  it("types the delivery's event and message", () => {
    const delivery = createDelivery("gigs.partially_synced", { secret });
    expectTypeOf(delivery.event).toEqualTypeOf<"gigs.partially_synced">();
    expectTypeOf(delivery.message).toEqualTypeOf<ArgyleWebhookEventMap["gigs.partially_synced"]>();
    expectTypeOf(delivery.body).toBeString();
    expectTypeOf(delivery.bytes).toEqualTypeOf<Uint8Array>();
  });

  it("DeepPartial keeps arrays whole and null where the type has it", () => {
    type T = { a: { b: number | null; list: string[] } };
    expectTypeOf<DeepPartial<T>>().toEqualTypeOf<{ a?: { b?: number | null; list?: string[] } }>();
    expectTypeOf<ArgyleWebhookOverrides<"gigs.updated">>().toMatchTypeOf<{ name?: string }>();
  });

  it("signDelivery takes any message or a raw string", () => {
    expectTypeOf(signDelivery({ event: "x.y", data: {} }, { secret }).message).toEqualTypeOf<{
      event: string;
      // biome-ignore lint/complexity/noBannedTypes: `{}` is exactly the type TypeScript infers for the literal `{}`.
      data: {};
    }>();
    expectTypeOf(signDelivery("{}", { secret }).message).toBeUnknown();
    expectTypeOf(triggerEvents).returns.resolves.toHaveProperty("ok");
  });
});
