import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { nextMessage } from "../next-message.js";
import type { AdapterName } from "./adapter-servers.js";

/** What the load run asks its server process. */
export type LoadServerRequest = { type: "stats"; adapter: AdapterName } | { type: "stop" };

/** What the server process answers. */
export type LoadServerReply =
  | { type: "ready"; ports: Record<string, number> }
  | { type: "stats"; adapter: AdapterName; seen: [string, number][] };

/** The load run's receiver process: one server per adapter, each on its own port of 127.0.0.1. */
export interface LoadServer {
  /** The port of each adapter's server. */
  port(adapter: AdapterName): number;
  /** The subscription names the adapter's handler saw, with how often. */
  stats(adapter: AdapterName): Promise<Map<string, number>>;
  /** Closes the servers and waits for the process to exit. */
  stop(): Promise<void>;
}

/**
 * Forks bench/robustness/load-server.ts (under tsx) with a server for each adapter and waits until they listen.
 * One request at a time: `stats` waits for the answer before the next may be asked.
 *
 * @example
 * ```ts
 * const server = await startLoadServer(["express 5", "koa 3"]);
 * const seen = await server.stats("koa 3");
 * await server.stop();
 * ```
 */
export async function startLoadServer(adapters: readonly AdapterName[]): Promise<LoadServer> {
  const child = fork(fileURLToPath(new URL("./load-server.ts", import.meta.url)), [...adapters], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = () => nextMessage<LoadServerReply>(child, "load server");
  const send = (message: LoadServerRequest) => child.send(message);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      send({ type: "stop" });
      setTimeout(() => child.kill(), 5_000).unref();
    }
    await exited;
  };
  let ready: LoadServerReply;
  try {
    ready = await next();
    if (ready.type !== "ready") throw new Error("load server did not start");
  } catch (error) {
    await stop();
    throw error;
  }
  const ports = ready.ports;
  return {
    port: (adapter) => {
      const port = ports[adapter];
      if (port === undefined) throw new Error(`the load server has no ${adapter} server`);
      return port;
    },
    stats: async (adapter) => {
      const answer = next();
      send({ type: "stats", adapter });
      const stats = await answer;
      if (stats.type !== "stats" || stats.adapter !== adapter)
        throw new Error("no stats from the load server");
      return new Map(stats.seen);
    },
    stop,
  };
}
