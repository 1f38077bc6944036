import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createDelivery } from "@argyle-webhooks/testing";
import { afterAll, expect, it } from "vitest";
import { codeBlocks } from "./markdown-blocks.js";

const root = resolve(import.meta.dirname, "../..");
const dir = resolve(root, ".tmp", `nextjs-route-${process.pid}`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("the README's Next.js route module loads without ARGYLE_WEBHOOK_SECRET (as next build does) and verifies once it is set", async () => {
  const block = codeBlocks(resolve(root, "README.md")).find((b) =>
    b.code.includes("app/api/argyle/route.ts"),
  );
  expect(block, "README has the Next.js route handler block").toBeDefined();
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, "route.ts");
  writeFileSync(file, block?.code ?? "");

  const saved = process.env.ARGYLE_WEBHOOK_SECRET;
  delete process.env.ARGYLE_WEBHOOK_SECRET;
  try {
    // What `next build` does while collecting page data: import the module, no secret in the environment.
    const route = (await import(pathToFileURL(file).href)) as {
      POST: (request: Request) => Promise<Response>;
    };
    expect(typeof route.POST).toBe("function");

    // At run time the secret is there: the first request builds the handler.
    process.env.ARGYLE_WEBHOOK_SECRET = "whsec-next-route";
    const delivery = createDelivery("users.fully_synced", { secret: "whsec-next-route" });
    const request = (headers: Record<string, string>) =>
      new Request("https://example.com/api/argyle", { method: "POST", headers, body: delivery.body });
    const ok = await route.POST(request(delivery.headers as Record<string, string>));
    expect(ok.status).toBe(200);
    const forged = await route.POST(
      request({ "content-type": "application/json", "x-argyle-signature": "0".repeat(128) }),
    );
    expect(forged.status).toBe(401);
  } finally {
    if (saved === undefined) delete process.env.ARGYLE_WEBHOOK_SECRET;
    else process.env.ARGYLE_WEBHOOK_SECRET = saved;
  }
});

it("the eager form would have failed at import time without the secret (why the README builds lazily)", async () => {
  const { createFetchHandler } = await import("@argyle-webhooks/core/fetch");
  expect(() => createFetchHandler({ secret: undefined })).toThrow(/secret/);
});
