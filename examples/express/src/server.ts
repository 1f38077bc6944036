import { createApp } from "./app.js";

// PORT=0 picks a free port; the address is printed so scripts (and `npm run demo`) can find it.
const secret = process.env.ARGYLE_WEBHOOK_SECRET;
if (!secret) {
  console.error("Set ARGYLE_WEBHOOK_SECRET to your Argyle webhook subscription's secret.");
  process.exit(2);
}
const app = createApp(secret, (entry) => console.log(JSON.stringify(entry)));
const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : process.env.PORT;
  console.log(`listening on http://127.0.0.1:${port}/webhooks/argyle`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
