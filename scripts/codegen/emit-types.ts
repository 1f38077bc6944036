import openapiTS, { astToString } from "openapi-typescript";
import { BANNER } from "./banner.js";
import { docComment, docText } from "./doc-comment.js";
import type { JsonObject } from "./load-specs.js";
import { pascalName } from "./names.js";
import { stripAnnotations } from "./normalize.js";

export interface TypedEvent {
  event: string;
  family: string;
  description: string;
  message: JsonObject;
  request: JsonObject;
  configSchema: JsonObject | undefined;
}

const messageName = (event: string) => `${pascalName(event)}Webhook`;
const requestName = (event: string) => `${pascalName(event)}SubscriptionRequest`;

/** `openapi.ts`: openapi-typescript's rendering of every message and subscription schema in one document. */
export async function emitOpenapiTypes(events: readonly TypedEvent[]): Promise<string> {
  const schemas: JsonObject = {};
  for (const e of events) {
    schemas[messageName(e.event)] = stripAnnotations(e.message, ["example", "examples"]);
    schemas[requestName(e.event)] = stripAnnotations(e.request, ["example", "examples"]);
  }
  const doc = { openapi: "3.0.3", info: { title: "Argyle webhooks", version: "2" }, paths: {}, components: { schemas } };
  const ast = await openapiTS(doc as never, { emptyObjectsUnknown: true, silent: true });
  return `${BANNER}\n${astToString(ast)}`;
}

/** `types.ts`: one named type per message and request, the event map, the union and the config map. */
export function emitTypes(events: readonly TypedEvent[]): string {
  const out: string[] = [BANNER, 'import type { components } from "./openapi.js";', ""];
  for (const e of events) {
    const doc = `\`${e.event}\`: ${docText(e.description)}`;
    out.push(`${docComment(doc)}export type ${messageName(e.event)} = components["schemas"]["${messageName(e.event)}"];`);
    out.push(
      `${docComment(`Subscription request (\`POST /v2/webhooks\` body) for \`${e.event}\`.`)}export type ${requestName(e.event)} = components["schemas"]["${requestName(e.event)}"];`,
    );
  }
  const names = events.map((e) => `  | ${JSON.stringify(e.event)}`).join("\n");
  const families = [...new Set(events.map((e) => e.family))];
  out.push(
    "",
    docComment("Every Argyle v2 webhook event name.") +
      `export type ArgyleWebhookEventName =\n${names};`,
    "",
    docComment(`The ${families.length} event families (\`gigs\`, \`accounts\`, ...).`) +
      `export type ArgyleWebhookFamily =\n${families.map((f) => `  | ${JSON.stringify(f)}`).join("\n")};`,
    "",
    docComment(
      'Webhook message type of each event.\n\n@example\n```ts\ntype Days = ArgyleWebhookEventMap["gigs.partially_synced"]["data"]["days_synced"]; // number | undefined\n```',
    ) +
      `export interface ArgyleWebhookEventMap {\n${events.map((e) => `  ${JSON.stringify(e.event)}: ${messageName(e.event)};`).join("\n")}\n}`,
    "",
    docComment(
      'Any Argyle webhook message, discriminated on `event`.\n\n@example\n```ts\nif (message.event === "gigs.partially_synced") message.data.days_synced;\n```',
    ) +
      `export type ArgyleWebhookEvent = ArgyleWebhookEventMap[ArgyleWebhookEventName];`,
    "",
    docComment('Messages of each family, for `on("gigs.*", ...)`.') +
      `export interface ArgyleWebhookFamilyMap {\n${families
      .map((f) => `  ${JSON.stringify(f)}: ${events.filter((e) => e.family === f).map((e) => messageName(e.event)).join(" | ")};`)
      .join("\n")}\n}`,
    "",
    docComment("Subscription request type of each event, as its spec's request body describes it.") +
      `export interface ArgyleSubscriptionRequestMap {\n${events.map((e) => `  ${JSON.stringify(e.event)}: ${requestName(e.event)};`).join("\n")}\n}`,
    "",
    docComment(
      "The `config` a subscription to each event accepts; `never` where Argyle rejects `config`.\n\n@example\n```ts\nconst config: ArgyleWebhookConfigMap[\"gigs.partially_synced\"] = { days_synced: 60 };\n```",
    ) +
      `export interface ArgyleWebhookConfigMap {\n${events
      .map((e) => `  ${JSON.stringify(e.event)}: ${e.configSchema ? `NonNullable<${requestName(e.event)}["config"]>` : "never"};`)
      .join("\n")}\n}`,
    "",
    docComment("Events whose subscription must carry a `config` (Argyle's `items.*`).") +
      `export type ArgyleConfigRequiredEvent = ${
      events
        .filter((e) => Array.isArray(e.request.required) && (e.request.required as string[]).includes("config"))
        .map((e) => JSON.stringify(e.event))
        .join(" | ") || "never"
    };`,
    "",
  );
  return out.join("\n");
}
