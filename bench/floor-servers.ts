import { type ChildProcess, execFileSync, fork } from "node:child_process";
import { cpus } from "node:os";
import { resolve } from "node:path";
import { nextMessage } from "./next-message.js";

/** A variant of a floor benchmark server: see bench/floor-server.mjs. */
export type FloorVariant = "bare" | "floor" | "floor-validated" | "ours-sync" | "ours-async" | "octokit";

/** CPU time (user + system, µs) and handler calls of a server process at one instant. */
export interface FloorMark {
  readonly cpuUs: number;
  readonly handled: number;
}

/** A floor benchmark server running in its own process. */
export interface FloorServer {
  readonly adapter: string;
  readonly variant: FloorVariant;
  readonly port: number;
  readonly child: ChildProcess;
  /** Asks the server for its CPU time and counters now. */
  mark(): Promise<FloorMark>;
  stop(): void;
}

let tasksetWorks: boolean | undefined;

/**
 * Pins a running process (every thread) to one CPU with `taskset`, when the machine has two or more CPUs and
 * taskset is installed; returns whether it did.
 *
 * @example
 * ```ts
 * pinToCpu(process.pid, 0); // the benchmark client on CPU 0, servers on CPU 1
 * ```
 */
export function pinToCpu(pid: number, cpu: number): boolean {
  // cpus(), not availableParallelism(): the latter shrinks to 1 once this process is pinned itself.
  if (cpus().length < 2 || tasksetWorks === false) return false;
  try {
    execFileSync("taskset", ["-a", "-cp", String(cpu), String(pid)], { stdio: "ignore" });
    tasksetWorks = true;
  } catch {
    tasksetWorks = false;
  }
  return tasksetWorks;
}

/**
 * Starts `node bench/floor-server.mjs <adapter> <variant>`, pinned to `cpu` when given (and possible), and waits
 * until it listens.
 *
 * @example
 * ```ts
 * const server = await startFloorServer("koa3", "floor", 1);
 * const before = await server.mark();
 * server.stop();
 * ```
 */
export async function startFloorServer(
  adapter: string,
  variant: FloorVariant,
  cpu?: number,
): Promise<FloorServer> {
  const child = fork(resolve(import.meta.dirname, "floor-server.mjs"), [adapter, variant], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    execArgv: [],
  });
  const { port } = await nextMessage<{ port: number }>(child, `${adapter} ${variant}`);
  if (child.pid !== undefined && cpu !== undefined) pinToCpu(child.pid, cpu);
  return {
    adapter,
    variant,
    port,
    child,
    mark: () =>
      new Promise((ok) => {
        child.once("message", (message) => ok((message as { mark: FloorMark }).mark));
        child.send("mark");
      }),
    stop: () => {
      child.kill("SIGTERM");
    },
  };
}
