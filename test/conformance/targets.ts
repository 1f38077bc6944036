import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ArgyleWebhooks, type ArgyleWebhooksOptions, silentLogger } from "@argyle-webhooks/core";
import { ADAPTERS, adapter, WEBHOOK_PATH } from "../helpers/adapter-registry.js";
import { bodyBytes, type RawRequest, type RawResponse, sendRaw } from "../helpers/send-raw.js";

export { WEBHOOK_PATH };

/** What a handler does in a vector: record and return, throw, or outlast `timeoutMs`. */
export type Behaviour = "ok" | "throw" | "slow";

/** A receiver under test: answers a raw request and records which handlers ran. */
export interface Target {
  send(req: RawRequest): Promise<RawResponse>;
  readonly calls: string[];
  close(): Promise<void>;
}

/** Builds the instance every target runs, with a listener that records calls and acts out `behaviour`. */
export function recordingWebhooks(options: Record<string, unknown>, behaviour: Behaviour = "ok") {
  const calls: string[] = [];
  const webhooks = new ArgyleWebhooks({ logger: silentLogger, ...options } as ArgyleWebhooksOptions);
  webhooks.onAny(async (event) => {
    calls.push(event.event);
    if (behaviour === "throw") throw new Error("handler failed on purpose");
    if (behaviour === "slow") await new Promise((r) => setTimeout(r, 600));
  });
  return { webhooks, calls };
}

/** Listens on 127.0.0.1 with an ephemeral port; resolves with the port and a closer that drops open sockets. */
export async function listen(server: Server): Promise<{ port: number; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The names of every target, servers first, then core's `receive()`. */
export const TARGET_NAMES = [...ADAPTERS.map((a) => a.name), "receive()"] as const;

/** Starts the named target with the vector's options; `receive()` runs in-process without a server. */
export async function startTarget(
  name: string,
  options: Record<string, unknown>,
  behaviour: Behaviour = "ok",
): Promise<Target> {
  // Webhook options need a path for the adapters mounted at the root.
  const entry = name === "receive()" ? undefined : adapter(name);
  const { webhooks, calls } = recordingWebhooks(
    entry?.needsPathOption ? { ...options, path: WEBHOOK_PATH } : options,
    behaviour,
  );
  if (!entry) {
    return {
      calls,
      close: async () => {},
      send: async (req) => {
        const response = await webhooks.receive({
          rawBody: bodyBytes(req),
          headers: req.headers,
          method: req.method,
          remoteAddress: "127.0.0.1",
        });
        return { status: response.status, headers: response.headers, body: response.body };
      },
    };
  }
  const { port, close } = await listen(createServer(entry.listener(webhooks)));
  return { calls, close, send: (req) => sendRaw(port, WEBHOOK_PATH, req) };
}
