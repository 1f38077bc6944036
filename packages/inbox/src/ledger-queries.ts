import type { DeliveryState, LedgerEntry } from "./ledger-entry.js";

/** pg-boss job states by ledger state. */
export const JOB_STATE: Record<DeliveryState, string> = {
  pending: "created",
  active: "active",
  retrying: "retry",
  done: "completed",
  dead: "failed",
  cancelled: "cancelled",
};

const LEDGER_STATE: Record<string, DeliveryState> = Object.fromEntries(
  Object.entries(JOB_STATE).map(([ledger, job]) => [job, ledger as DeliveryState]),
);

/** The ledger's columns, from pg-boss's `job` and `archive` tables (which share their columns). */
export function ledgerSelect(schema: string): string {
  const columns = "id, state::text AS state, retry_count, started_on, completed_on, created_on, output, data";
  return `SELECT ${columns} FROM ${schema}.job WHERE name = $1
    UNION ALL SELECT ${columns} FROM ${schema}.archive WHERE name = $1`;
}

/** A row of `ledgerSelect` as a ledger entry. */
export function toLedgerEntry(row: Record<string, unknown>): LedgerEntry {
  const data = (row.data ?? {}) as Record<string, unknown>;
  const output = row.output as Record<string, unknown> | null;
  const state = LEDGER_STATE[String(row.state)] ?? "pending";
  const failed = state === "retrying" || state === "dead";
  const message = output && typeof output.message === "string" ? output.message : undefined;
  return {
    deliveryKey: String(data.key ?? ""),
    jobId: String(row.id),
    state,
    attempts: row.started_on ? Number(row.retry_count) + 1 : 0,
    lastError: failed ? (message ?? (output ? JSON.stringify(output) : undefined)) : undefined,
    event: String(data.event ?? ""),
    subscription: typeof data.subscription === "string" ? data.subscription : undefined,
    account: typeof data.account === "string" ? data.account : undefined,
    receivedAt: typeof data.receivedAt === "string" ? new Date(data.receivedAt) : toDate(row.created_on),
    completedAt: row.completed_on ? toDate(row.completed_on) : undefined,
    body: String(data.body ?? ""),
  };
}

function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}
