/**
 * The inbox rows of `npm run bench`: `bench/inbox.ts` inside both server wrappers, so one run measures Express 5
 * in-process against Express 5 + inbox on PGlite, on PostgreSQL (`scripts/postgres-test.sh`) and on BullMQ
 * (`scripts/redis-test.sh`). Each wrapper is tried first on its own; one that cannot start its server is left out
 * and its rows print "skipped: <why>" instead of failing the whole bench.
 * Run: npx tsx bench/inbox-all.ts [seconds-per-run] [rounds] [--write-results]
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const wrappers = [
  { name: "postgres", script: "scripts/postgres-test.sh" },
  { name: "redis", script: "scripts/redis-test.sh" },
];
const flags = ["--via=npx tsx bench/inbox-all.ts"];
const usable: string[] = [];
for (const w of wrappers) {
  // Starts and stops a throwaway server: does this wrapper work on this machine?
  const probe = spawnSync("bash", [w.script, "true"], { cwd: root, encoding: "utf8" });
  if (probe.status === 0) usable.push(w.script);
  else {
    const why = `${probe.stderr ?? ""}${probe.stdout ?? ""}`.trim().split("\n").filter(Boolean).pop();
    const reason = why ?? probe.error?.message ?? `${w.script} exited ${probe.status}`;
    flags.push(`--skip-${w.name}=${reason}`);
    console.log(`inbox bench: ${w.name} rows skipped: ${reason}`);
  }
}
const command = [
  ...usable.flatMap((script) => ["bash", script]),
  "npx",
  "tsx",
  "bench/inbox.ts",
  ...process.argv.slice(2),
  ...flags,
];
const run = spawnSync(command[0] as string, command.slice(1), { cwd: root, stdio: "inherit" });
process.exit(run.status ?? 1);
