import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ArgyleWebhooks } from "@argyle-webhooks/core";
import { ADAPTERS, adapter, WEBHOOK_PATH } from "../../test/helpers/adapter-registry.js";

/** Where every robustness server mounts the webhook endpoint. */
export { WEBHOOK_PATH };

/** The framework adapters the robustness runs attack: the registry's entries marked `robustness`. */
export const ADAPTER_NAMES = ADAPTERS.filter((a) => a.robustness).map((a) => a.name);
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
    adapter(name).listener(webhooks, {
      onAppError: (error) => appErrors.push(String((error as Error)?.message ?? error)),
    }),
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
