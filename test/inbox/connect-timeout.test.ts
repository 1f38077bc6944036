import { createServer, type Server, type Socket } from "node:net";
import { createInbox } from "@argyle-webhooks/inbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "./fixtures/inbox-processes.js";

// A port nobody listens on (bound, read, released): a real connection attempt that is refused. The bounds are short
// (a few hundred ms, still several of ioredis's reconnection attempts): what is tested is that the attempt ends at
// the bound, whatever its length.
describe("createInbox() fails fast when its server cannot be reached", () => {
  it("PostgreSQL on a closed port: rejects with host:port and what to check, password never shown", async () => {
    const port = await freePort();
    const attempt = createInbox({
      connectionString: `postgres://app:s3cret-pass@127.0.0.1:${port}/app`,
      connectTimeoutMs: 1000,
      onError: () => undefined,
    });
    const error = await attempt.then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain(`PostgreSQL at 127.0.0.1:${port}`);
    expect(error?.message).toContain("Check that the server is running");
    expect(error?.message).not.toContain("s3cret-pass");
  }, 15_000);

  it("Redis (BullMQ) on a closed port: gives up after connectTimeoutMs instead of retrying forever", async () => {
    const port = await freePort();
    const errors: unknown[] = [];
    const error = await createInbox({
      bullmq: { connection: `redis://127.0.0.1:${port}` },
      connectTimeoutMs: 300,
      onError: (e) => errors.push(e),
    }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain(`Redis at 127.0.0.1:${port} within 300 ms`);
    expect(error?.message).toContain("ECONNREFUSED");
    expect(error?.message).toContain("Check that redis-server is running");
    // The retries while starting are in the rejection, not reported one by one.
    expect(errors).toEqual([]);
  }, 15_000);

  it("Redis given as ioredis options names that host and port", async () => {
    const port = await freePort();
    const error = await createInbox({
      bullmq: { connection: { host: "127.0.0.1", port } },
      connectTimeoutMs: 250,
      onError: () => undefined,
    }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain(`Redis at 127.0.0.1:${port} within 250 ms`);
  }, 15_000);

  describe("a server that accepts the connection and never answers (a hung host or a wrong service)", () => {
    let silent: Server;
    let port = 0;
    const sockets = new Set<Socket>();
    beforeAll(async () => {
      silent = createServer((socket) => {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
      });
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      port = (silent.address() as { port: number }).port;
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    });

    it("PostgreSQL: rejects after connectTimeoutMs instead of waiting for the handshake forever", async () => {
      const error = await createInbox({
        connectionString: `postgres://app@127.0.0.1:${port}/app`,
        connectTimeoutMs: 300,
        onError: () => undefined,
      }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.message).toContain(`PostgreSQL at 127.0.0.1:${port} within 300 ms`);
    }, 15_000);

    it("Redis: rejects after connectTimeoutMs", async () => {
      const error = await createInbox({
        bullmq: { connection: `redis://127.0.0.1:${port}` },
        connectTimeoutMs: 300,
        onError: () => undefined,
      }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.message).toContain(`Redis at 127.0.0.1:${port} within 300 ms`);
    }, 15_000);
  });
});
