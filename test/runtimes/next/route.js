// A catch-all route of the matrix's Next.js app (copied to app/matrix/<runtime>/[...path]/route.js, with the
// runtime line filled in): every conformance vector at …/v/<i>, its recorded handler calls at …/calls/<i>.
import { createFetchHandler } from "@argyle-webhooks/core/fetch";
import { fetchApp } from "../../../../vector-app.mjs";
import vectors from "../../../../vectors.json";

// RUNTIME
export const dynamic = "force-dynamic";

// Next.js gives route handlers no socket: on this loopback-only test server its own x-forwarded-for is the client.
const app = fetchApp(vectors.vectors, createFetchHandler, (request) =>
  request.headers.get("x-forwarded-for")?.split(",")[0]?.trim(),
);

export const GET = app;
export const POST = app;
export const PUT = app;
export const DELETE = app;
export const PATCH = app;
