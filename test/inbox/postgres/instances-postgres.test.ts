import { execSync } from "node:child_process";
import { describe } from "vitest";
import { instancesSuite } from "../fixtures/instances-suite.js";

// Runs with `npm run test:postgres` (scripts/postgres-test.sh starts a throwaway cluster and sets these); skipped in
// a plain `npm test` on a machine without PostgreSQL.
const url = process.env.ARGYLE_INBOX_POSTGRES_URL;
const stop = process.env.ARGYLE_INBOX_POSTGRES_STOP;
const start = process.env.ARGYLE_INBOX_POSTGRES_START;

describe.skipIf(!url)("inbox: two receivers and two workers on a real PostgreSQL server", () => {
  instancesSuite(
    () => url as string,
    stop && start
      ? {
          stop: async () => void execSync(stop, { stdio: "ignore" }),
          start: async () => void execSync(start, { stdio: "ignore" }),
        }
      : undefined,
  );
});
