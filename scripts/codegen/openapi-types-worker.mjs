// Runs openapi-typescript in a worker thread. It is started first thing, so loading openapi-typescript (about a
// second) overlaps with reading the specs and compiling the validators on the main thread. It then answers each
// message, { id, doc, options }, with { id, ok, text } (the TypeScript text) or { id, ok: false, message }; the
// process keeps it for later generations.
import { parentPort } from "node:worker_threads";
import openapiTS, { astToString } from "openapi-typescript";

parentPort.on("message", async ({ id, doc, options }) => {
  try {
    parentPort.postMessage({ id, ok: true, text: astToString(await openapiTS(doc, options)) });
  } catch (error) {
    parentPort.postMessage({
      id,
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    });
  }
});
