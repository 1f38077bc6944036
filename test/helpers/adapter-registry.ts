/**
 * Every "framework + our middleware" pairing, in one list: the conformance targets, the benchmark servers, the
 * robustness servers (fuzz, load, soak, stall) and `npm run demo` all read it. A new adapter is one entry here
 * (plus its package): it then runs the 34 conformance vectors, and `robustness: true` puts it under attack too.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import {
  type ArgyleWebhookEventName,
  type ArgyleWebhooks,
  type ArgyleWebhooksOptions,
  argyleHandlerNames,
} from "@argyle-webhooks/core";
import { createFetchHandler } from "@argyle-webhooks/core/fetch";
import { createNodeHandler } from "@argyle-webhooks/core/node";
import { argyleWebhooks as expressWebhooks } from "@argyle-webhooks/express";
import { argyleWebhooks as koaWebhooks } from "@argyle-webhooks/koa";
import express5 from "express";
import express4 from "express4";
import Koa3 from "koa";
import Koa2 from "koa2";

/** Where every server of the registry answers webhooks. */
export const WEBHOOK_PATH = "/webhooks/argyle";

/** A request listener for `node:http`'s `createServer`. */
export type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** What an entry's app reports besides answering: errors the framework itself saw (Koa's `app.on("error")`). */
export interface AppHooks {
  onAppError?(error: unknown): void;
}

/** One framework with our middleware mounted, as an app would mount it. */
export interface AdapterEntry {
  /** Name in test titles, reports and `--adapters` lists: framework and major version. */
  readonly name: string;
  /** The framework package the entry runs on (`node:http` for core's own handlers). */
  readonly framework: string;
  /**
   * `true` when the middleware sees every request and matches {@link WEBHOOK_PATH} itself, so the instance needs
   * `path` (Koa, node:http, Fetch); `false` when the framework mounts it there (`app.use(path, middleware)`).
   */
  readonly needsPathOption: boolean;
  /** Attacked by the robustness runs (fuzz, load, soak, stall) as well as running the conformance vectors. */
  readonly robustness: boolean;
  /** The example app `npm run demo` starts, and the handler label it logs for an event. */
  readonly example?: {
    readonly title: string;
    readonly entry: string;
    handlerLabel(event: ArgyleWebhookEventName): string;
  };
  /**
   * The floor benchmark's name for this framework (`npm run bench:floor`): bench/floor-server.mjs holds, per
   * framework, the bare route and the hand-rolled floor that "ours" is measured against, and its table's label.
   * test/bench/floor-server.test.ts fails for an entry whose floor server is missing.
   */
  readonly floor: { readonly id: string; readonly label: string };
  /** The app as a request listener, answering webhooks at {@link WEBHOOK_PATH}. */
  listener(webhooks: ArgyleWebhooks | ArgyleWebhooksOptions, hooks?: AppHooks): Listener;
}

/** A Fetch handler behind node:http, bridged the way Fetch-based frameworks bridge Node requests. */
function fetchBridge(webhooks: ArgyleWebhooks | ArgyleWebhooksOptions): Listener {
  const addresses = new WeakMap<Request, string | undefined>();
  const handler = createFetchHandler(webhooks, { getRemoteAddress: (request) => addresses.get(request) });
  return async (req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      for (const v of Array.isArray(value) ? value : [value ?? ""]) headers.append(name, v);
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers,
      body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
      duplex: "half",
    } as RequestInit);
    addresses.set(request, req.socket.remoteAddress);
    const response = await handler(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(await response.text());
  };
}

function koaApp(
  Koa: typeof Koa3 | typeof Koa2,
  webhooks: ArgyleWebhooks | ArgyleWebhooksOptions,
  hooks?: AppHooks,
) {
  const app = new Koa();
  if (hooks?.onAppError) app.on("error", hooks.onAppError);
  app.use(koaWebhooks(webhooks));
  return app.callback();
}

/** The registry: servers in the order tests and reports list them. */
export const ADAPTERS = [
  {
    name: "express 5",
    floor: { id: "express5", label: "Express 5" },
    framework: "express",
    needsPathOption: false,
    robustness: true,
    example: {
      title: "Express",
      entry: "examples/express/src/server.ts",
      handlerLabel: (event) => argyleHandlerNames[event],
    },
    listener: (webhooks) => express5().use(WEBHOOK_PATH, expressWebhooks(webhooks)),
  },
  {
    name: "express 4",
    floor: { id: "express4", label: "Express 4" },
    framework: "express4",
    needsPathOption: false,
    robustness: true,
    listener: (webhooks) => express4().use(WEBHOOK_PATH, expressWebhooks(webhooks)),
  },
  {
    name: "koa 3",
    floor: { id: "koa3", label: "Koa 3" },
    framework: "koa",
    needsPathOption: true,
    robustness: true,
    example: {
      title: "Koa",
      entry: "examples/koa/src/server.ts",
      handlerLabel: (event) => `on("${event.split(".")[0]}.*")`,
    },
    listener: (webhooks, hooks) => koaApp(Koa3, webhooks, hooks),
  },
  {
    name: "koa 2",
    floor: { id: "koa2", label: "Koa 2" },
    framework: "koa2",
    needsPathOption: true,
    robustness: true,
    listener: (webhooks, hooks) => koaApp(Koa2, webhooks, hooks),
  },
  {
    name: "node:http",
    floor: { id: "node", label: "node:http" },
    framework: "node:http",
    needsPathOption: true,
    robustness: false,
    listener: (webhooks) => createNodeHandler(webhooks),
  },
  {
    name: "fetch",
    floor: { id: "fetch", label: "Fetch on Node" },
    framework: "node:http (Fetch API bridge)",
    needsPathOption: true,
    robustness: false,
    listener: (webhooks) => fetchBridge(webhooks),
  },
] as const satisfies readonly AdapterEntry[];

/** The name of an entry of {@link ADAPTERS}. */
export type AdapterName = (typeof ADAPTERS)[number]["name"];

/**
 * The entry named `name`; throws naming the known ones otherwise.
 *
 * @example
 * ```ts
 * const server = createServer(adapter("koa 3").listener({ secret, path: WEBHOOK_PATH }));
 * ```
 */
export function adapter(name: string): AdapterEntry {
  const entry = ADAPTERS.find((a) => a.name === name);
  if (!entry) throw new Error(`unknown adapter "${name}"; known: ${ADAPTERS.map((a) => a.name).join(", ")}`);
  return entry;
}
