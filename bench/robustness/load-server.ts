/**
 * The receiver side of the load run, in its own process so the load generator does not share its event loop.
 * Started by start-load-server.ts with `fork`, one server per adapter named (each its own port); answers
 * { type: "stats", adapter } with the subscription names that adapter's handler saw.
 * Usage (by start-load-server.ts only): node --import tsx bench/robustness/load-server.ts "express 5" ["koa 3" ...]
 */
import { ArgyleWebhooks, silentLogger } from "@argyle-webhooks/core";
import { ADAPTER_NAMES, type AdapterName, startAdapterServer } from "./adapter-servers.js";
import { LOAD_SECRET } from "./load-secret.js";
import type { LoadServerReply, LoadServerRequest } from "./start-load-server.js";

const adapters = process.argv.slice(2) as AdapterName[];
for (const adapter of adapters)
  if (!ADAPTER_NAMES.includes(adapter)) throw new Error(`unknown adapter ${adapter}`);

const servers = await Promise.all(
  adapters.map(async (adapter) => {
    const seen = new Map<string, number>();
    const webhooks = new ArgyleWebhooks({ secret: LOAD_SECRET, logger: silentLogger });
    webhooks.onAny((event) => {
      const name = String(event.name);
      seen.set(name, (seen.get(name) ?? 0) + 1);
    });
    return { adapter, seen, running: await startAdapterServer(adapter, webhooks) };
  }),
);
const reply = (message: LoadServerReply) => process.send?.(message);
process.on("message", (message: LoadServerRequest) => {
  if (message.type === "stats") {
    const server = servers.find((s) => s.adapter === message.adapter);
    reply({ type: "stats", adapter: message.adapter, seen: [...(server?.seen ?? [])] });
  }
  if (message.type === "stop")
    void Promise.all(servers.map((s) => s.running.close())).then(() => process.exit(0));
});
reply({ type: "ready", ports: Object.fromEntries(servers.map((s) => [s.adapter, s.running.port])) });
