// Runs on Node, Bun and Deno alike: requests per second through createFetchHandler of the Node build
// (node:crypto) and of the web build (Web Crypto), interleaved in one process. Prints one JSON line.
// Usage: <runtime> bench/fetch-builds.mjs <repo root> [seconds per round]
const [root = ".", roundText = "0.4"] = globalThis.Deno ? Deno.args : process.argv.slice(2);
const roundMs = Number(roundText) * 1000;
const builds = {
  node: await import(new URL("packages/core/dist/fetch.js", `file://${root}/`).href),
  web: await import(new URL("packages/core/dist/web/fetch.js", `file://${root}/`).href),
};
const secret = "bench-secret";
const body = JSON.stringify(
  {
    event: "gigs.partially_synced",
    name: "bench",
    data: {
      account: "0187c66e-e7e5-811c-b006-2232f00f426a",
      user: "018051aa-f7a9-a0db-2f38-6cfa325e9d69",
      available_from: "2023-01-02T00:00:00Z",
      available_to: "2023-03-03T00:00:00Z",
      available_count: 132,
      days_synced: 60,
    },
  },
  null,
  2,
);
const key = await crypto.subtle.importKey(
  "raw",
  new TextEncoder().encode(secret),
  { name: "HMAC", hash: "SHA-512" },
  false,
  ["sign"],
);
const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body)));
const signature = [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
const cases = { "valid delivery": signature, "wrong signature": "ab".repeat(64) };

async function round(handler, sig) {
  const end = performance.now() + roundMs;
  let n = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 50; i++) {
      const response = await handler(
        new Request("http://127.0.0.1/webhooks/argyle", {
          method: "POST",
          headers: { "content-type": "application/json", "x-argyle-signature": sig },
          body,
        }),
      );
      await response.arrayBuffer();
    }
    n += 50;
  }
  return (n / roundMs) * 1000;
}

const result = {};
for (const [name, sig] of Object.entries(cases)) {
  const handlers = Object.fromEntries(
    Object.entries(builds).map(([b, m]) => [
      b,
      m.createFetchHandler({ secret, logger: false, handlers: { onGigsPartiallySynced() {} } }),
    ]),
  );
  for (const h of Object.values(handlers)) await round(h, sig); // warm-up
  const rates = { node: [], web: [] };
  for (let r = 0; r < 5; r++) for (const b of ["node", "web"]) rates[b].push(await round(handlers[b], sig));
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  result[name] = { node: Math.round(median(rates.node)), web: Math.round(median(rates.web)) };
}
const runtime = globalThis.Bun
  ? `bun ${Bun.version}`
  : globalThis.Deno
    ? `deno ${Deno.version.deno}`
    : `node ${process.versions.node}`;
console.log(JSON.stringify({ runtime, result }));
