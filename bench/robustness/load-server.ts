/**
 * The receiver side of the load run, in its own process so the load generator does not share its event loop.
 * Started by run-load.ts with `fork`; answers "stats" with the subscription names its handler saw.
 * Usage (by run-load.ts only): node --import tsx bench/robustness/load-server.ts "express 5"
 */
import { ArgyleWebhooks, silentLogger } from "@argyle-webhooks/core";
import { ADAPTER_NAMES, type AdapterName, startAdapterServer } from "./adapter-servers.js";
import { LOAD_SECRET } from "./load-secret.js";

const adapter = process.argv[2] as AdapterName;
if (!ADAPTER_NAMES.includes(adapter)) throw new Error(`unknown adapter ${adapter}`);
const seen = new Map<string, number>();
const webhooks = new ArgyleWebhooks({ secret: LOAD_SECRET, logger: silentLogger });
webhooks.onAny((event) => {
  const name = String(event.name);
  seen.set(name, (seen.get(name) ?? 0) + 1);
});
const running = await startAdapterServer(adapter, webhooks);
process.on("message", (message) => {
  if (message === "stats") process.send?.({ type: "stats", seen: [...seen] });
  if (message === "stop") void running.close().then(() => process.exit(0));
});
process.send?.({ type: "ready", port: running.port });
