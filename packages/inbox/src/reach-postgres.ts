import pg from "pg";

/** `host:port` of a connection string, without its user or password (for error messages). */
export function postgresEndpoint(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    const socketHost = url.searchParams.get("host");
    if (!url.hostname && socketHost) return socketHost;
    return `${url.hostname || "localhost"}:${url.port || "5432"}`;
  } catch {
    return "the server of connectionString";
  }
}

/**
 * Fails fast when PostgreSQL cannot be reached: one connection, bounded by `timeoutMs` (a closed port fails at
 * once; a host that drops packets would otherwise hang until the OS gives up, minutes later). Rejects with an
 * error naming host:port and what to check; resolves once a connection succeeded (then closed).
 * @example
 * ```ts
 * await reachPostgres(process.env.DATABASE_URL, 5000);
 * ```
 */
export async function reachPostgres(connectionString: string, timeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: timeoutMs });
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `createInbox: cannot connect to PostgreSQL at ${postgresEndpoint(connectionString)} within ${timeoutMs} ms (${reason}). ` +
        "Check that the server is running and reachable from here, and the host, port, user, password and database of connectionString; connectTimeoutMs sets the bound.",
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
