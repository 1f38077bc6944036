import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const dir = resolve(root, ".tmp", `on-typo-${process.pid}`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("a misspelt event in on(...) is a short compile error that names the family's events", async () => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    resolve(dir, "typo.ts"),
    `import { ArgyleWebhooks } from "@argyle-webhooks/core";
new ArgyleWebhooks({ secret: "s" }).on("gigs.partialy_synced", (event) => event);
`,
  );
  writeFileSync(
    resolve(dir, "tsconfig.json"),
    JSON.stringify({
      extends: "../../tsconfig.base.json",
      compilerOptions: { noEmit: true },
      include: ["*.ts"],
    }),
  );
  const output = await new Promise<string>((done) =>
    execFile(
      process.execPath,
      [resolve(root, "node_modules/typescript/bin/tsc"), "-p", dir, "--pretty", "false"],
      (_error, stdout, stderr) => done(stdout + stderr),
    ),
  );
  expect(output).toContain(
    `not assignable to parameter of type '"gigs.added" | "gigs.fully_synced" | "gigs.partially_synced" | "gigs.removed" | "gigs.updated" | "gigs.*"'`,
  );
  expect(output.length).toBeLessThan(1000); // it was ~1,700 characters of message types before
}, 60_000);
