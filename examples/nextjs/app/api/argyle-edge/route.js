// POST /api/argyle-edge on the edge runtime: Next.js resolves the `edge-light` export condition, so
// `@argyle-webhooks/core/fetch` is the web build (Web Crypto, no Node built-in).
import { argyleWebhooks } from "@argyle-webhooks/core/fetch";

export const runtime = "edge";
export const dynamic = "force-dynamic";

let handler;

/** Built on the first request, so `next build` runs without ARGYLE_WEBHOOK_SECRET set. */
function webhooks() {
  handler ??= argyleWebhooks({
    secret: process.env.ARGYLE_WEBHOOK_SECRET,
    handlers: {
      onAccountsConnected: async (event) => {
        console.log("account connected", event.data.account);
      },
    },
  });
  return handler;
}

export const POST = (request) => webhooks()(request);
