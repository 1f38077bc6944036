// Runs openapi-typescript in a worker thread. It is started first thing, so loading openapi-typescript (about a
// second) overlaps with reading the specs and compiling the validators on the main thread. It then waits for one
// message, { doc, options }, and answers with the TypeScript text.
import { parentPort } from "node:worker_threads";
import openapiTS, { astToString } from "openapi-typescript";

parentPort.once("message", async ({ doc, options }) => {
  try {
    parentPort.postMessage({ ok: true, text: astToString(await openapiTS(doc, options)) });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
