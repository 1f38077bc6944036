import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ArgyleWebhooks } from "@argyle-webhooks/core";
import { argyleWebhooks as expressWebhooks } from "@argyle-webhooks/express";
import { argyleWebhooks as koaWebhooks } from "@argyle-webhooks/koa";
import express5 from "express";
import express4 from "express4";
import Koa3 from "koa";
import Koa2 from "koa2";

/** Where every robustness server mounts the webhook endpoint. */
export const WEBHOOK_PATH = "/webhooks/argyle";

/** The framework adapters the robustness runs attack. */
export const ADAPTER_NAMES = ["express 5", "express 4", "koa 3", "koa 2"] as const;
export type AdapterName = (typeof ADAPTER_NAMES)[number];

/** A listening server and how to stop it. */
export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  /** Closes the listener and drops any connection still open. */
  close(): Promise<void>;
  /** Errors the framework itself reported (Koa's `app.on("error")`: e.g. a client that hung up mid-request). */
  readonly appErrors: string[];
  /** Bytes the server wrote on each closed connection, by the client's port (an answer leaves bytes behind). */
  readonly bytesWrittenByClientPort: Map<number, number>;
  /** Open TCP connections right now. */
  connections(): Promise<number>;
}

function appFor(name: AdapterName, webhooks: ArgyleWebhooks, onAppError: (error: unknown) => void) {
  switch (name) {
    case "express 5": {
      const app = express5();
      app.use(WEBHOOK_PATH, expressWebhooks(webhooks));
      return app;
    }
    case "express 4": {
      const app = express4();
      app.use(WEBHOOK_PATH, expressWebhooks(webhooks));
      return app;
    }
    case "koa 3": {
      const app = new Koa3();
      app.on("error", onAppError);
      app.use(koaWebhooks(webhooks));
      return app.callback();
    }
    case "koa 2": {
      const app = new Koa2();
      app.on("error", onAppError);
      app.use(koaWebhooks(webhooks));
      return app.callback();
    }
  }
}

/**
 * Starts `webhooks` behind the named adapter on 127.0.0.1 (ephemeral port), as an app would mount it.
 *
 * @example
 * ```ts
 * const running = await startAdapterServer("koa 3", new ArgyleWebhooks({ secret, logger: silentLogger }));
 * await running.close();
 * ```
 */
export async function startAdapterServer(
  name: AdapterName,
  webhooks: ArgyleWebhooks,
): Promise<RunningServer> {
  const appErrors: string[] = [];
  const server = createServer(
    appFor(name, webhooks, (error) => appErrors.push(String((error as Error)?.message ?? error))),
  );
  const bytesWrittenByClientPort = new Map<number, number>();
  server.on("connection", (socket) => {
    const clientPort = socket.remotePort;
    socket.on("close", () => {
      if (clientPort !== undefined) bytesWrittenByClientPort.set(clientPort, socket.bytesWritten);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    bytesWrittenByClientPort,
    server,
    port,
    appErrors,
    connections: () =>
      new Promise((resolve, reject) =>
        server.getConnections((error, n) => (error ? reject(error) : resolve(n))),
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
