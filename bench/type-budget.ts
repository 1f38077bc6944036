/**
 * `npx tsx bench/type-budget.ts [--json]`: what the generated types cost a user's type-check.
 *
 * Writes two files into `.tmp/` (git-ignored) and type-checks each with `tsc --extendedDiagnostics`, the way a
 * user's project would see the built `@argyle-webhooks/core` (run `npm run build` first):
 *   empty.ts       `export {}`: the cost of TypeScript's own libs
 *   all-events.ts  imports the package, registers a typed handler for every event that reads every top-level
 *                  `data` field its type declares, and narrows the `ArgyleWebhookEvent` union on every `event`
 * and prints the difference. Types and instantiations are deterministic and are the budget: the run fails
 * (exit 1) when either grew more than 25% over BASELINE, the numbers measured before the 46-event catalog.
 * Check time and memory are shown too, but move with the machine's load.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { argyleWebhookEvents } from "../generated/registry.js";

const root = resolve(import.meta.dirname, "..");
const json = process.argv.includes("--json");

/** all-events.ts minus empty.ts at the commit before issue 14 (39 events, every `data` field optional). */
const BASELINE = { events: 39, types: 496, instantiations: 205 };
const BUDGET = 1.25;

interface Diagnostics {
  files: number;
  types: number;
  instantiations: number;
  checkMs: number;
  memoryKb: number;
}

const manifest = JSON.parse(readFileSync(join(root, "generated/manifest.json"), "utf8")) as {
  events: Record<string, { fields: Record<string, unknown> }>;
};

/** The file a user might write: one handler per event, each reading every top-level field of `data`. */
function allEventsSource(): string {
  const lines = [
    'import { ArgyleWebhooks, type ArgyleWebhookEvent } from "@argyle-webhooks/core";',
    "",
    'const webhooks = new ArgyleWebhooks({ secret: "budget" });',
    "const seen: unknown[] = [];",
  ];
  const cases: string[] = [];
  for (const def of argyleWebhookEvents) {
    const fields = Object.keys(manifest.events[def.event]?.fields ?? {})
      .filter((p) => /^data\.[A-Za-z_]\w*$/.test(p))
      .map((p) => `event.data.${p.slice(5)}`);
    lines.push(`webhooks.${def.handlerName}((event) => { seen.push(event.event, ${fields.join(", ")}); });`);
    cases.push(`    case ${JSON.stringify(def.event)}: return message.data;`);
  }
  lines.push(
    "",
    "export function narrow(message: ArgyleWebhookEvent): object {",
    "  switch (message.event) {",
    ...cases,
    "  }",
    "}",
    "",
  );
  return lines.join("\n");
}

function check(dir: string, file: string): Diagnostics {
  const tsc = join(root, "node_modules/typescript/bin/tsc");
  const args = [
    tsc,
    "--extendedDiagnostics",
    "--noEmit",
    "--strict",
    "--skipLibCheck",
    "--target",
    "ES2022",
    "--module",
    "NodeNext",
    "--moduleResolution",
    "NodeNext",
    "--types",
    "node",
    join(dir, file),
  ];
  const out = execFileSync(process.execPath, args, { cwd: dir, encoding: "utf8" });
  const read = (label: string) => {
    const m = new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(out);
    if (!m?.[1]) throw new Error(`tsc printed no "${label}":\n${out}`);
    return Number(m[1]);
  };
  return {
    files: read("Files"),
    types: read("Types"),
    instantiations: read("Instantiations"),
    checkMs: Math.round(read("Check time") * 1000),
    memoryKb: read("Memory used"),
  };
}

mkdirSync(join(root, ".tmp"), { recursive: true });
const dir = mkdtempSync(join(root, ".tmp", "type-budget-"));
try {
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  writeFileSync(join(dir, "empty.ts"), "export {};\n");
  writeFileSync(join(dir, "all-events.ts"), allEventsSource());
  const empty = check(dir, "empty.ts");
  const full = check(dir, "all-events.ts");
  const cost = {
    events: argyleWebhookEvents.length,
    types: full.types - empty.types,
    instantiations: full.instantiations - empty.instantiations,
    checkMs: full.checkMs - empty.checkMs,
    memoryKb: full.memoryKb - empty.memoryKb,
  };
  const growth = {
    types: cost.types / BASELINE.types,
    instantiations: cost.instantiations / BASELINE.instantiations,
  };
  const within = growth.types <= BUDGET && growth.instantiations <= BUDGET;
  if (json) {
    console.log(JSON.stringify({ empty, full, cost, baseline: BASELINE, growth, within }, null, 2));
  } else {
    const pct = (x: number) => `${x >= 1 ? "+" : ""}${((x - 1) * 100).toFixed(1)}%`;
    console.log(`tsc --extendedDiagnostics, all-events.ts (${cost.events} events) minus empty.ts:`);
    console.log(
      `  types          ${cost.types} (baseline ${BASELINE.types} for ${BASELINE.events} events, ${pct(growth.types)})`,
    );
    console.log(
      `  instantiations ${cost.instantiations} (baseline ${BASELINE.instantiations}, ${pct(growth.instantiations)})`,
    );
    console.log(`  check time     ${cost.checkMs} ms, memory ${cost.memoryKb} KB (noisy; not budgeted)`);
    console.log(`  raw: empty ${JSON.stringify(empty)}; all-events ${JSON.stringify(full)}`);
    console.log(within ? "within the 25% budget" : "OVER the 25% budget");
  }
  process.exitCode = within ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
