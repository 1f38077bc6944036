import { ArgyleWebhooks, argyleWebhookFamilies, createKoaMiddleware } from "@argyle-webhooks/koa";
import Koa from "koa";

/** One JSON line per handler call, so a person or the demo can read what arrived. */
export type LogLine = (entry: Record<string, unknown>) => void;

/**
 * The example app, in the class style: one `on("<family>.*")` listener per family (its event is the union of
 * that family's messages), plus typed per-event methods where a field matters.
 */
export function createApp(secret: string, log: LogLine): Koa {
  const webhooks = new ArgyleWebhooks({ secret, path: "/webhooks/argyle" });
  for (const family of argyleWebhookFamilies) {
    webhooks.on(`${family}.*`, (event, context) =>
      log({
        handler: `on("${family}.*")`,
        event: event.event,
        subscription: event.name,
        deliveryKey: context.deliveryKey.slice(0, 12),
      }),
    );
  }
  webhooks.onGigsPartiallySynced((event) => {
    // Typed from Argyle's spec: days_synced is number | undefined, available_from string | null | undefined.
    if (event.data.available_count === 0)
      log({ handler: "onGigsPartiallySynced", note: "nothing synced yet", days: event.data.days_synced });
  });
  webhooks.onUnknown((event) => log({ handler: "onUnknown", event: event.event }));
  webhooks.onError((error) => log({ handler: "onError", message: error.message }));

  const app = new Koa();
  app.use(createKoaMiddleware(webhooks)); // answers /webhooks/argyle, passes everything else on
  app.use((ctx) => {
    if (ctx.path === "/health") ctx.body = { ok: true };
  });
  return app;
}
