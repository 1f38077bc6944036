import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ArgyleWebhooksOptions } from "@argyle-webhooks/core";
import { createNodeHandler } from "@argyle-webhooks/core/node";

/** One delivery the receiver accepted (signature verified by core). */
export interface Received {
  event: string;
  body: string;
  headers: Readonly<Record<string, string | undefined>>;
}

/** A real node:http server on 127.0.0.1 running core's handler: verifies, validates (reject) and records. */
export interface Receiver {
  url: string;
  received: Received[];
  /** Every request's status, in order (including refused ones). */
  statuses: number[];
  close(): Promise<void>;
}

export async function startReceiver(
  secret: string,
  options: Partial<ArgyleWebhooksOptions> = {},
): Promise<Receiver> {
  const received: Received[] = [];
  const statuses: number[] = [];
  const handler = createNodeHandler({
    secret,
    validation: "reject",
    logger: false,
    path: "/webhooks/argyle",
    ...options,
    handlers: {
      onAny: (message, context) => {
        received.push({
          event: message.event,
          body: Buffer.from(context.rawBody).toString("utf8"),
          headers: { ...context.headers },
        });
      },
    },
  });
  const server: Server = createServer((req, res) => {
    res.on("finish", () => statuses.push(res.statusCode));
    void handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/argyle`,
    received,
    statuses,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A URL on 127.0.0.1 where nothing listens (a port that was just released). */
export async function closedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/webhooks/argyle`;
}
