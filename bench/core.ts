/**
 * Core benchmark: receive() against the floor of the work it cannot avoid (HMAC-SHA512 of the body, JSON.parse,
 * the generated validator called directly), measured side by side in one process, interleaved in rounds.
 * Run: npx tsx bench/core.ts   (part of `npm run bench`)
 */
import { execFileSync } from "node:child_process";
import { createHmac, timingSafeEqual } from "node:crypto";
import { ArgyleWebhooks, signArgylePayload } from "@argyle-webhooks/core";
import { argyleWebhookExamples } from "@argyle-webhooks/core/examples";
import { validators } from "@argyle-webhooks/core/validators";
import { writeResultsFile } from "./write-results.js";

const SECRET = "bench-secret";
const ROUNDS = 7;

function delivery(size: number) {
  const base = structuredClone(argyleWebhookExamples["gigs.updated"]);
  const ids: string[] = [];
  let body = "";
  for (;;) {
    body = JSON.stringify(
      { ...base, data: { ...base.data, updated_gigs: ids, updated_count: ids.length } },
      null,
      2,
    );
    if (Buffer.byteLength(body) >= size - 40) break;
    ids.push(`0187${String(ids.length).padStart(4, "0")}-35fa-56e2-1a95-f7e4232a4b3a`);
  }
  body = JSON.stringify(
    {
      ...base,
      name: `${base.name}${"-".repeat(Math.max(0, size - Buffer.byteLength(body)))}`,
      data: { ...base.data, updated_gigs: ids, updated_count: ids.length },
    },
    null,
    2,
  );
  const raw = Buffer.from(body);
  return {
    raw,
    headers: { "content-type": "application/json", "x-argyle-signature": signArgylePayload(raw, SECRET) },
  };
}

function floor(raw: Buffer, signature: string): boolean {
  const expected = createHmac("sha512", SECRET).update(raw).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) return false;
  const message = JSON.parse(raw.toString("utf8"));
  return validators["gigs.updated"](message);
}

async function measure(size: number, iterations: number) {
  const { raw, headers } = delivery(size);
  const webhooks = new ArgyleWebhooks({ secret: SECRET, logger: false });
  let handled = 0;
  webhooks.onGigsUpdated(() => {
    handled++;
  });
  const floorNs: number[] = [];
  const receiveNs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let t = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++)
      if (!floor(raw, headers["x-argyle-signature"])) throw new Error("floor failed");
    floorNs.push(Number(process.hrtime.bigint() - t) / iterations);
    t = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) {
      const res = await webhooks.receive({ rawBody: raw, headers });
      if (res.status !== 200) throw new Error(`receive answered ${res.status}`);
    }
    receiveNs.push(Number(process.hrtime.bigint() - t) / iterations);
  }
  if (handled !== ROUNDS * iterations) throw new Error("not every delivery was handled");
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  return { bytes: raw.length, floorUs: median(floorNs) / 1000, receiveUs: median(receiveNs) / 1000 };
}

function importMs(): number {
  const samples: number[] = [];
  for (let i = 0; i < 9; i++) {
    const out = execFileSync(process.execPath, [
      "--input-type=module",
      "-e",
      'const t = performance.now(); await import("@argyle-webhooks/core"); console.log(performance.now() - t);',
    ]);
    samples.push(Number(out.toString()));
  }
  return samples.sort((a, b) => a - b)[4] as number;
}

const small = await measure(600, 20_000);
const large = await measure(100 * 1024, 400);
const imp = importMs();
const rows = [
  `| ${small.bytes} B pretty-printed | ${small.floorUs.toFixed(2)} µs | ${small.receiveUs.toFixed(2)} µs | ${(small.receiveUs / small.floorUs).toFixed(3)}x | ≤ 1.25x |`,
  `| ${large.bytes} B pretty-printed | ${large.floorUs.toFixed(1)} µs | ${large.receiveUs.toFixed(1)} µs | ${(large.receiveUs / large.floorUs).toFixed(3)}x | ≤ 1.1x |`,
];
const report = `### Core: receive() vs the floor (HMAC-SHA512 + JSON.parse + generated validator)

Command: \`npx tsx bench/core.ts\` (median of ${ROUNDS} interleaved rounds, one process)

| delivery | floor per delivery | receive() per delivery | ratio | goal |
| --- | --- | --- | --- | --- |
${rows.join("\n")}

Import of \`@argyle-webhooks/core\` (ESM, fresh node process, median of 9): **${imp.toFixed(1)} ms** (goal ≤ 25 ms).
`;
console.log(report);
writeResultsFile("core", report);
