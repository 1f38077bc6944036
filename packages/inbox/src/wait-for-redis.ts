import type { RedisOptions } from "ioredis";

/** `host:port` (or socket path) of a BullMQ connection: a `redis://` URL, ioredis options or an ioredis client. */
export function redisEndpoint(connection: unknown): string {
  if (typeof connection === "string") {
    try {
      const url = new URL(connection);
      return `${url.hostname || "localhost"}:${url.port || "6379"}`;
    } catch {
      return "the server of the connection URL";
    }
  }
  const options = ((connection as { options?: RedisOptions } | undefined)?.options ?? connection) as
    | RedisOptions
    | undefined;
  if (options?.path) return options.path;
  return `${options?.host ?? "localhost"}:${options?.port ?? 6379}`;
}

/**
 * Waits until `ready` resolves, at most `timeoutMs` (ioredis would otherwise retry forever while the receiver
 * waits). On timeout, `giveUp` runs (it should close the connections) and the promise rejects with an error naming
 * host:port, the last connection error and what to check.
 * @example
 * ```ts
 * await waitForRedis(queue.waitUntilReady(), { timeoutMs: 5000, endpoint: "127.0.0.1:6379", lastError: () => last, giveUp: () => queue.disconnect() });
 * ```
 */
export async function waitForRedis(
  ready: Promise<unknown>,
  options: {
    timeoutMs: number;
    endpoint: string;
    lastError: () => unknown;
    giveUp: () => Promise<void> | void;
  },
): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), options.timeoutMs);
  });
  let outcome: unknown;
  try {
    outcome = await Promise.race([ready, timedOut]);
  } catch (error) {
    await options.giveUp();
    throw failure(options, error);
  } finally {
    clearTimeout(timer);
  }
  if (outcome === "timeout") {
    ready.catch(() => undefined);
    await options.giveUp();
    throw failure(options, options.lastError());
  }
}

function failure(options: { timeoutMs: number; endpoint: string }, cause: unknown): Error {
  const reason = cause instanceof Error ? ` (${cause.message || cause.name})` : "";
  return new Error(
    `createInbox: cannot connect to Redis at ${options.endpoint} within ${options.timeoutMs} ms${reason}. ` +
      "Check that redis-server is running and reachable from here, and the host, port, password and TLS settings of the bullmq connection; connectTimeoutMs sets the bound.",
    { cause },
  );
}
