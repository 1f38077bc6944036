// POST /api/argyle on the Node.js runtime: `@argyle-webhooks/core/fetch` resolves to the node:crypto build.
import { argyleWebhooks } from "@argyle-webhooks/core/fetch";

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

export const dynamic = "force-dynamic";
export const POST = (request) => webhooks()(request);
