// Cloudflare Worker (run in workerd through miniflare, without nodejs_compat) serving every conformance vector
// with the Fetch handler that the `workerd` export condition selects. Bundled by the matrix runner.
import { createFetchHandler } from "@argyle-webhooks/core/fetch";
import { fetchApp } from "./vector-app.mjs";
import vectors from "./vectors.json";

const app = fetchApp(
  vectors.vectors,
  createFetchHandler,
  (request) => request.headers.get("cf-connecting-ip") ?? undefined,
);

export default { fetch: (request) => app(request) };
