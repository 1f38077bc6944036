/**
 * Child of bench/telemetry.ts, in a process that never loads OpenTelemetry: receive() of the workspace core with
 * `telemetry` off (where @opentelemetry/api is installed) against a copy of the same built core in a temp directory
 * where @opentelemetry/api cannot resolve (not installed at all). Interleaved rounds; prints the samples as JSON.
 * Run by bench/telemetry.ts: tsx bench/telemetry-absent.ts <copied core index.js> <rounds> <ms-per-run>
 */
import { pathToFileURL } from "node:url";
import * as workspace from "@argyle-webhooks/core";
import { argyleWebhookExamples } from "@argyle-webhooks/core/examples";

type Core = typeof workspace;
const [entry, rounds, ms] = process.argv.slice(2);
const copy = (await import(pathToFileURL(entry as string).href)) as Core;
const SECRET = "bench-secret";
const body = JSON.stringify(argyleWebhookExamples["gigs.updated"], null, 2);
const input = {
  rawBody: body,
  headers: {
    "content-type": "application/json",
    "x-argyle-signature": workspace.signArgylePayload(body, SECRET),
  },
};
const handlers = { onGigsUpdated: () => undefined };
// The baseline first: the cost of `off` is (not installed ops/s) / (off ops/s).
const configs = {
  "not installed (core copy, api unresolvable)": new copy.ArgyleWebhooks({
    secret: SECRET,
    logger: false,
    handlers,
  }),
  "off (@opentelemetry/api installed)": new workspace.ArgyleWebhooks({
    secret: SECRET,
    logger: false,
    handlers,
  }),
};

async function run(webhooks: InstanceType<Core["ArgyleWebhooks"]>, duration: number): Promise<number> {
  let count = 0;
  const end = performance.now() + duration;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) {
      const response = await webhooks.receive(input);
      if (response.status !== 200) throw new Error(`unexpected ${response.status}`);
    }
    count += 100;
  }
  return (count / duration) * 1000;
}

for (const webhooks of Object.values(configs)) await run(webhooks, 300); // warm up
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(configs).map((k) => [k, []]));
for (let round = 0; round < Number(rounds); round++) {
  const entries = Object.entries(configs);
  if (round % 2 === 1) entries.reverse();
  for (const [name, webhooks] of entries) samples[name]?.push(await run(webhooks, Number(ms)));
}
const loaded = Object.getOwnPropertySymbols(globalThis).some((s) => String(s).includes("opentelemetry"));
console.log(JSON.stringify({ samples, loaded }));
