import { fork } from "node:child_process";
import { resolve } from "node:path";
import type { FloorMark, FloorServer, FloorVariant } from "./floor-servers.js";
import { nextMessage } from "./next-message.js";

type GroupMessage = { ports: Record<string, number> } | { mark: FloorMark; marks: Record<string, FloorMark> };

/**
 * Starts `node bench/floor-server.mjs <adapter> <v1,v2,...>`: every variant of one adapter in a single process,
 * each on its own ephemeral port of 127.0.0.1, and waits until all listen. Each returned server's `mark()` gives
 * the process's CPU time and that variant's handler calls; stopping any of them stops the process. For checking
 * what the servers do (one process start per adapter); `bench/floor.ts` measures each variant in its own
 * process with `startFloorServer`.
 *
 * @example
 * ```ts
 * const [bare, floor] = await startFloorServerGroup("koa3", ["bare", "floor"]);
 * const before = await floor.mark();
 * floor.stop();
 * ```
 */
export async function startFloorServerGroup(
  adapter: string,
  variants: readonly FloorVariant[],
): Promise<FloorServer[]> {
  const child = fork(resolve(import.meta.dirname, "floor-server.mjs"), [adapter, variants.join(",")], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    execArgv: [],
  });
  const next = () => nextMessage<GroupMessage>(child, `${adapter} ${variants.join(",")}`);
  const ready = await next();
  if (!("ports" in ready)) throw new Error(`${adapter}: the floor servers did not report their ports`);
  // One "mark" at a time over the shared channel: a mark waits for the one before it.
  let queue: Promise<unknown> = Promise.resolve();
  const mark = (variant: FloorVariant): Promise<FloorMark> => {
    const asked = queue.then(async () => {
      const answer = next();
      child.send("mark");
      const message = await answer;
      const got = "marks" in message ? message.marks[variant] : undefined;
      if (!got) throw new Error(`${adapter} ${variant}: no mark in the answer`);
      return got;
    });
    queue = asked.catch(() => {});
    return asked;
  };
  return variants.map((variant) => {
    const port = ready.ports[variant];
    if (port === undefined) throw new Error(`${adapter} ${variant}: no port reported`);
    return { adapter, variant, port, child, mark: () => mark(variant), stop: () => child.kill("SIGTERM") };
  });
}
