import { ArgyleWebhooks, type ReceiveInput, signArgylePayload } from "@argyle-webhooks/core";
import { describe, expect, it } from "vitest";
import { REFUSALS, type Refusal } from "../../packages/core/src/refusals.js";
import { signedDelivery } from "../helpers/deliveries.js";

const SECRET = "refusal-secret";

function recorder() {
  const lines: { level: string; text: string; details: unknown }[] = [];
  const at =
    (level: string) =>
    (text: string, details?: unknown): void => {
      lines.push({ level, text, details });
    };
  return { lines, logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") } };
}

/** The spec example of `event` as `receive()` input, signed. */
function example(event: "gigs.added", mutate?: (message: Record<string, unknown>) => void): ReceiveInput {
  const { body, headers } = signedDelivery(event, SECRET, mutate);
  return { rawBody: body, headers };
}

const signed = (body: string) => ({
  rawBody: body,
  headers: { "content-type": "application/json", "x-argyle-signature": signArgylePayload(body, SECRET) },
});

/** A request that gets each refusal from `receive()`, with the detail the step adds when it has its own. */
const CASES: [name: keyof typeof REFUSALS, input: ReceiveInput, detail?: string][] = [
  ["methodNotAllowed", { ...signed("{}"), method: "PUT" }],
  ["forbiddenSource", { ...signed("{}"), remoteAddress: "192.0.2.1" }],
  ["unsupportedMediaType", { rawBody: "{}", headers: { "content-type": "text/plain" } }],
  ["signatureMissing", { rawBody: "{}", headers: { "content-type": "application/json" } }],
  [
    "signatureMalformed",
    { rawBody: "{}", headers: { "content-type": "application/json", "x-argyle-signature": "abc" } },
  ],
  [
    "bodyTooLarge",
    signed(`{"event":"x","data":{},"pad":"${"x".repeat(2000)}"}`),
    "The body exceeds the limit of 1024 bytes.",
  ],
  [
    "signatureMismatch",
    { rawBody: "{}", headers: { "content-type": "application/json", "x-argyle-signature": "0".repeat(128) } },
  ],
  [
    "notUtf8",
    {
      ...signed("{}"),
      rawBody: new Uint8Array([0xff]),
      headers: {
        "content-type": "application/json",
        "x-argyle-signature": signArgylePayload(new Uint8Array([0xff]), SECRET),
      },
    },
  ],
  ["notJson", signed("{")],
  ["notObject", signed("[]")],
  ["noEvent", signed('{"data":{}}')],
  ["noData", signed('{"event":"gigs.added"}')],
  [
    "rawBodyUnavailable",
    { ...signed("{}"), rawBody: 42 as unknown as string },
    "receive() needs rawBody as the exact bytes received (Uint8Array, Buffer, ArrayBuffer or string).",
  ],
];

describe("receive() answers every refusal from the one table", () => {
  for (const [name, input, stepDetail] of CASES) {
    it(`${name}: status, type, title, detail and headers come from REFUSALS.${name}, logged at its level`, async () => {
      const refusal: Refusal = REFUSALS[name];
      const { lines, logger } = recorder();
      const webhooks = new ArgyleWebhooks({
        secret: SECRET,
        logger,
        limit: 1024,
        allowedIps: ["203.0.113.0/24"],
      });
      const remoteAddress = input.remoteAddress ?? "203.0.113.9";
      const response = await webhooks.receive({ ...input, remoteAddress });
      const detail = stepDetail ?? (typeof refusal.detail === "string" ? refusal.detail : "");
      expect(response.status).toBe(refusal.status);
      expect(response.headers).toEqual({ "content-type": "application/problem+json", ...refusal.headers });
      expect(JSON.parse(response.body)).toEqual({
        type: refusal.type,
        title: refusal.title,
        status: refusal.status,
        detail,
      });
      expect(lines).toContainEqual({
        level: refusal.level,
        text: `${refusal.status} ${refusal.title}: ${detail}`,
        details: { remoteAddress },
      });
    });
  }

  it('invalidPayload: the 422 of `validation: "reject"` lists the schema errors', async () => {
    const webhooks = new ArgyleWebhooks({ secret: SECRET, logger: false, validation: "reject" });
    const response = await webhooks.receive(
      example("gigs.added", (m) => {
        (m.data as Record<string, unknown>).available_count = "many";
      }),
    );
    const body = JSON.parse(response.body) as Record<string, unknown>;
    expect(response.status).toBe(REFUSALS.invalidPayload.status);
    expect(body).toMatchObject({
      type: REFUSALS.invalidPayload.type,
      title: REFUSALS.invalidPayload.title,
      detail: "The gigs.added message does not match its schema.",
    });
    expect(body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "/data/available_count" })]),
    );
  });

  it("handlerFailed: a throwing handler gets the table's 500", async () => {
    const webhooks = new ArgyleWebhooks({ secret: SECRET, logger: false });
    webhooks.on("gigs.added", async () => {
      throw new Error("boom");
    });
    const response = await webhooks.receive(example("gigs.added"));
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body)).toEqual({
      type: REFUSALS.handlerFailed.type,
      title: REFUSALS.handlerFailed.title,
      status: 500,
      detail: REFUSALS.handlerFailed.detail,
    });
  });
});
