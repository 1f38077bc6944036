import { BANNER } from "./banner.js";
import { docComment, docText, exampleSection } from "./doc-comment.js";
import type { JsonObject } from "./load-specs.js";
import { handlerName, pascalName } from "./names.js";

export interface RegistryEvent {
  event: string;
  family: string;
  action: string;
  description: string;
  file: string;
  corrections: string[];
  request: JsonObject;
  configSchema: JsonObject | undefined;
  example: unknown;
}

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function configFields(e: RegistryEvent): string[] {
  return isObject(e.configSchema?.properties) ? Object.keys(e.configSchema.properties) : [];
}

function configRequired(e: RegistryEvent): boolean {
  return Array.isArray(e.request.required) && (e.request.required as string[]).includes("config");
}

/** Core's handwritten sources, from `generated/`: the fixed types generated code uses live there. */
export const CORE_SRC = "../packages/core/src";

/** `registry.ts`: the catalog at run time, one entry per event. */
export function emitRegistry(events: readonly RegistryEvent[]): string {
  const entries = events.map((e) =>
    [
      "  {",
      `    event: ${JSON.stringify(e.event)},`,
      `    family: ${JSON.stringify(e.family)},`,
      `    action: ${JSON.stringify(e.action)},`,
      `    handlerName: ${JSON.stringify(handlerName(e.event))},`,
      `    description: ${JSON.stringify(docText(e.description))},`,
      `    config: { supported: ${e.configSchema !== undefined}, required: ${configRequired(e)}, fields: ${JSON.stringify(configFields(e))} },`,
      `    specFile: ${JSON.stringify(e.file)},`,
      `    corrections: ${JSON.stringify(e.corrections)},`,
      "  },",
    ].join("\n"),
  );
  const families = [...new Set(events.map((e) => e.family))];
  return [
    BANNER,
    `import type { ArgyleWebhookDefinition } from "${CORE_SRC}/webhook-definition.js";`,
    'import type { ArgyleWebhookEventName, ArgyleWebhookFamily } from "./types.js";',
    "",
    "export type { ArgyleWebhookDefinition };",
    "",
    `${docComment(
      "Every Argyle v2 webhook event, sorted by name.\n\n@example\n```ts\nfor (const def of argyleWebhookEvents) console.log(def.event, def.handlerName);\n```",
    )}export const argyleWebhookEvents: readonly ArgyleWebhookDefinition[] = [\n${entries.join("\n")}\n];`,
    "",
    docComment(
      `Every event name, sorted.\n\n${exampleSection("const known = (name: string) => (argyleWebhookEventNames as readonly string[]).includes(name);")}`,
    ) +
      `export const argyleWebhookEventNames: readonly ArgyleWebhookEventName[] = ${JSON.stringify(
        events.map((e) => e.event),
        null,
        2,
      )};`,
    "",
    docComment(
      `Every family, sorted.\n\n${exampleSection(`const patterns = argyleWebhookFamilies.map((family) => \`\${family}.*\`); // ["accounts.*", ...]`)}`,
    ) +
      `export const argyleWebhookFamilies: readonly ArgyleWebhookFamily[] = ${JSON.stringify(families, null, 2)};`,
    "",
    docComment(
      'The registry entry of an event, or `undefined` for a name Argyle does not document.\n\n@example\n```ts\ngetArgyleWebhookDefinition("gigs.added")?.handlerName; // "onGigsAdded"\n```',
    ) +
      `export function getArgyleWebhookDefinition(event: string): ArgyleWebhookDefinition | undefined {
  return byEvent.get(event);
}

const byEvent: ReadonlyMap<string, ArgyleWebhookDefinition> = new Map(argyleWebhookEvents.map((d) => [d.event, d]));
`,
    docComment(
      `Handler name of each event (\`onGigsPartiallySynced\`), keyed by event.\n\n${exampleSection('argyleHandlerNames["gigs.partially_synced"]; // "onGigsPartiallySynced"')}`,
    ) +
      `export const argyleHandlerNames = {\n${events.map((e) => `  ${JSON.stringify(e.event)}: ${JSON.stringify(handlerName(e.event))},`).join("\n")}\n} as const;`,
    "",
  ].join("\n");
}

/** `handlers.ts`: the handler map type and the generated `onXxx` methods, generic over the context type. */
export function emitHandlers(events: readonly RegistryEvent[]): string {
  const docFor = (e: RegistryEvent, example: string) =>
    `\`${e.event}\`: ${docText(e.description)}\n\n@example\n\`\`\`ts\n${example}\n\`\`\``;
  const members = events.map((e) => {
    const type = `${pascalName(e.event)}Webhook`;
    return `${docComment(docFor(e, `${handlerName(e.event)}: async (event) => { event.data; }`), "  ")}  ${handlerName(e.event)}?: (event: ${type}, context: C) => unknown;`;
  });
  const methods = events.map((e) => {
    const type = `${pascalName(e.event)}Webhook`;
    return `${docComment(docFor(e, `webhooks.${handlerName(e.event)}(async (event) => { event.data; });`), "  ")}  ${handlerName(e.event)}(handler: (event: ${type}, context: C) => unknown): this {
    return this.on(${JSON.stringify(e.event)}, handler);
  }`;
  });
  const typeNames = events.map((e) => `${pascalName(e.event)}Webhook`);
  return [
    BANNER,
    `import type {\n  ArgyleWebhookEventMap,\n  ArgyleWebhookEventName,\n${typeNames.map((t) => `  ${t},`).join("\n")}\n} from "./types.js";`,
    "",
    `${docComment(
      `A typed handler per event, keyed by handler name; \`C\` is the delivery context type.\n\n${exampleSection(
        "const handlers: ArgyleEventHandlers<{ deliveryId: string }> = {\n  onGigsPartiallySynced: async (event, context) => {\n    console.log(context.deliveryId, event.data.days_synced);\n  },\n};",
      )}`,
    )}export interface ArgyleEventHandlers<C> {\n${members.join("\n")}\n}`,
    "",
    docComment(
      `Base class with one \`onXxx\` registration method per event; the runtime class supplies \`on\`.\n\n${exampleSection(
        "// ArgyleWebhooks extends ArgyleEventMethods, so every event has a typed method:\nwebhooks.onGigsPartiallySynced(async (event) => event.data.days_synced);",
      )}`,
    ) +
      `export abstract class ArgyleEventMethods<C> {
  abstract on<E extends ArgyleWebhookEventName>(event: E, handler: (event: ArgyleWebhookEventMap[E], context: C) => unknown): this;

${methods.join("\n\n")}
}
`,
  ].join("\n");
}

/** `examples.ts`: the spec's example message of every event, type-checked against the generated types. */
export function emitExamples(events: readonly RegistryEvent[]): string {
  const render = (e: RegistryEvent) => {
    const { event: _event, ...rest } = e.example as JsonObject;
    const fields = Object.entries(rest).map(
      ([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v, null, 2)}`,
    );
    const lines = [`"event": ${JSON.stringify(e.event)} as const`, ...fields]
      .join(",\n")
      .replace(/\n/g, "\n    ");
    return `  ${JSON.stringify(e.event)}: {\n    ${lines},\n  },`;
  };
  const body = events.map(render).join("\n");
  return [
    BANNER,
    'import type { ArgyleWebhookEventMap, ArgyleWebhookEventName } from "./types.js";',
    "",
    `const examples = {\n${body}\n};`,
    "",
    docComment(
      'The example message of every event, from its spec (with the overlay\'s corrections). Each one is valid.\n\n@example\n```ts\nconst body = JSON.stringify(argyleWebhookExamples["gigs.added"], null, 2);\n```',
    ) +
      "export const argyleWebhookExamples: { readonly [E in ArgyleWebhookEventName]: ArgyleWebhookEventMap[E] } = examples;",
    "",
  ].join("\n");
}
