import { Worker } from "node:worker_threads";
import { BANNER } from "./banner.js";
import { docComment, docText, exampleSection, tsLiteral } from "./doc-comment.js";
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

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Fields of `data` every event shares; an example reads a field particular to the event when it has one. */
const COMMON_DATA = new Set([
  "account",
  "user",
  "resource",
  "available_from",
  "available_to",
  "available_count",
]);

/** A field of the message's `data` to read in the example: the first particular one, else the first one. */
function exampleDataField(e: TypedEvent): string | undefined {
  const data = isObject(e.message.properties) ? e.message.properties.data : undefined;
  const fields = isObject(data) && isObject(data.properties) ? Object.keys(data.properties) : [];
  return fields.find((f) => !COMMON_DATA.has(f)) ?? fields[0];
}

function messageExample(e: TypedEvent): string {
  const field = exampleDataField(e);
  const read =
    field === undefined
      ? "event.event"
      : /^[A-Za-z_$][\w$]*$/.test(field)
        ? `event.data.${field}`
        : `event.data[${JSON.stringify(field)}]`;
  return `const handler = (event: ${messageName(e.event)}) => ${read};`;
}

/** The spec's request example when it has one, else the smallest request its schema accepts. */
function requestExample(e: TypedEvent): string {
  const body: JsonObject = isObject(e.request.example)
    ? e.request.example
    : { events: [e.event], name: "my-subscription", url: "https://example.com/webhooks/argyle" };
  return `const request: ${requestName(e.event)} = ${tsLiteral(body)};`;
}

/** A worker thread with openapi-typescript loaded (or loading) in it. */
export interface OpenapiTypesWorker {
  /** `openapi.ts`: openapi-typescript's rendering of every message and subscription schema in one document. */
  render(events: readonly TypedEvent[]): Promise<string>;
}

interface Reply {
  id: number;
  ok: boolean;
  text?: string;
  message?: string;
}

interface Pending {
  resolve(text: string): void;
  reject(error: Error): void;
}

/** The process's worker, kept between generations: loading openapi-typescript costs about a second of CPU. */
let shared: OpenapiTypesWorker | undefined;

function startWorker(): OpenapiTypesWorker {
  // No execArgv: the worker is plain JavaScript and needs no TypeScript loader.
  const worker = new Worker(new URL("./openapi-types-worker.mjs", import.meta.url), { execArgv: [] });
  // Idle, it never keeps the process alive; while a rendering is pending, it does.
  worker.unref();
  const pending = new Map<number, Pending>();
  let next = 0;
  const self: OpenapiTypesWorker = {
    render(events) {
      const schemas: JsonObject = {};
      for (const e of events) {
        schemas[messageName(e.event)] = stripAnnotations(e.message, ["example", "examples"]);
        schemas[requestName(e.event)] = stripAnnotations(e.request, ["example", "examples"]);
      }
      const doc = {
        openapi: "3.0.3",
        info: { title: "Argyle webhooks", version: "2" },
        paths: {},
        components: { schemas },
      };
      const id = next++;
      const answer = new Promise<string>((resolve, reject) => pending.set(id, { resolve, reject }));
      worker.ref();
      worker.postMessage({ id, doc, options: { emptyObjectsUnknown: true, silent: true } });
      return answer;
    },
  };
  const settle = (id: number): Pending | undefined => {
    const waiting = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    return waiting;
  };
  worker.on("message", (reply: Reply) => {
    const waiting = settle(reply.id);
    if (reply.ok) waiting?.resolve(`${BANNER}\n${reply.text}`);
    else waiting?.reject(new Error(`openapi-typescript failed: ${reply.message}`));
  });
  // A worker that crashed or exited fails what it was asked and is replaced at the next call.
  const fail = (error: Error) => {
    if (shared === self) shared = undefined;
    for (const id of [...pending.keys()]) settle(id)?.reject(error);
  };
  worker.once("error", fail);
  worker.once("exit", (code) => fail(new Error(`openapi-typescript worker exited with code ${code}`)));
  return self;
}

/**
 * The openapi-typescript worker of this process, started at the first call: call it early, so loading
 * openapi-typescript overlaps with the rest of the generation. Later generations in the same process (the tests run
 * several) reuse it; it never keeps the process from exiting.
 *
 * @example
 * ```ts
 * const worker = openapiTypesWorker();
 * const openapiTs = await worker.render(events);
 * ```
 */
export function openapiTypesWorker(): OpenapiTypesWorker {
  shared ??= startWorker();
  return shared;
}

/** `types.ts`: one named type per message and request, the event map, the union and the config map. */
export function emitTypes(events: readonly TypedEvent[]): string {
  const out: string[] = [BANNER, 'import type { components } from "./openapi.js";', ""];
  for (const e of events) {
    const doc = `\`${e.event}\`: ${docText(e.description)}\n\n${exampleSection(messageExample(e))}`;
    out.push(
      `${docComment(doc)}export type ${messageName(e.event)} = components["schemas"]["${messageName(e.event)}"];`,
    );
    out.push(
      `${docComment(`Subscription request (\`POST /v2/webhooks\` body) for \`${e.event}\`.\n\n${exampleSection(requestExample(e))}`)}export type ${requestName(e.event)} = components["schemas"]["${requestName(e.event)}"];`,
    );
  }
  const names = events.map((e) => `  | ${JSON.stringify(e.event)}`).join("\n");
  const families = [...new Set(events.map((e) => e.family))];
  out.push(
    "",
    `${docComment(
      `Every Argyle v2 webhook event name.\n\n${exampleSection('const subscribed: ArgyleWebhookEventName[] = ["gigs.partially_synced", "accounts.connected"];')}`,
    )}export type ArgyleWebhookEventName =\n${names};`,
    "",
    `${docComment(
      `The ${families.length} event families (\`gigs\`, \`accounts\`, ...).\n\n${exampleSection('const family: ArgyleWebhookFamily = "gigs";')}`,
    )}export type ArgyleWebhookFamily =\n${families.map((f) => `  | ${JSON.stringify(f)}`).join("\n")};`,
    "",
    docComment(
      'Webhook message type of each event.\n\n@example\n```ts\ntype Days = ArgyleWebhookEventMap["gigs.partially_synced"]["data"]["days_synced"]; // number\n```',
    ) +
      `export interface ArgyleWebhookEventMap {\n${events.map((e) => `  ${JSON.stringify(e.event)}: ${messageName(e.event)};`).join("\n")}\n}`,
    "",
    `${docComment(
      'Any Argyle webhook message, discriminated on `event`.\n\n@example\n```ts\nif (message.event === "gigs.partially_synced") message.data.days_synced;\n```',
    )}export type ArgyleWebhookEvent = ArgyleWebhookEventMap[ArgyleWebhookEventName];`,
    "",
    docComment(
      `Messages of each family, for \`on("gigs.*", ...)\`.\n\n${exampleSection('const onGig = (event: ArgyleWebhookFamilyMap["gigs"]) => event.data.account;')}`,
    ) +
      `export interface ArgyleWebhookFamilyMap {\n${families
        .map(
          (f) =>
            `  ${JSON.stringify(f)}: ${events
              .filter((e) => e.family === f)
              .map((e) => messageName(e.event))
              .join(" | ")};`,
        )
        .join("\n")}\n}`,
    "",
    docComment(
      `Subscription request type of each event, as its spec's request body describes it.\n\n${exampleSection(
        'const request: ArgyleSubscriptionRequestMap["gigs.partially_synced"] = {\n  events: ["gigs.partially_synced"],\n  name: "gigs-60-days",\n  url: "https://example.com/webhooks/argyle",\n  config: { days_synced: 60 },\n};',
      )}`,
    ) +
      `export interface ArgyleSubscriptionRequestMap {\n${events.map((e) => `  ${JSON.stringify(e.event)}: ${requestName(e.event)};`).join("\n")}\n}`,
    "",
    docComment(
      'The `config` a subscription to each event accepts; `never` where Argyle rejects `config`.\n\n@example\n```ts\nconst config: ArgyleWebhookConfigMap["gigs.partially_synced"] = { days_synced: 60 };\n```',
    ) +
      `export interface ArgyleWebhookConfigMap {\n${events
        .map(
          (e) =>
            `  ${JSON.stringify(e.event)}: ${e.configSchema ? `NonNullable<${requestName(e.event)}["config"]>` : "never"};`,
        )
        .join("\n")}\n}`,
    "",
    docComment(
      `Events whose subscription must carry a \`config\` (Argyle's \`items.*\`).\n\n${exampleSection('const needsConfig = (event: ArgyleWebhookEventName): event is ArgyleConfigRequiredEvent => event.startsWith("items.");')}`,
    ) +
      `export type ArgyleConfigRequiredEvent = ${
        events
          .filter(
            (e) => Array.isArray(e.request.required) && (e.request.required as string[]).includes("config"),
          )
          .map((e) => JSON.stringify(e.event))
          .join(" | ") || "never"
      };`,
    "",
  );
  return out.join("\n");
}
