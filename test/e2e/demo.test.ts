import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

it("npm run demo's script: both examples receive all events through their typed handlers and refuse the bad ones", () => {
  // The script the README's first command runs (after the build that `npm test` has already done).
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/demo.ts"], {
    cwd: root,
    encoding: "utf8",
    timeout: 120_000,
  });
  expect(run.stdout).toContain(
    "Express: all 46 signed deliveries reached their typed handlers; both bad ones got 401",
  );
  expect(run.stdout).toContain(
    "Koa: all 46 signed deliveries reached their typed handlers; both bad ones got 401",
  );
  expect(run.stdout).not.toContain("<-- FAILED");
  expect(run.status).toBe(0);
}, 150_000);
