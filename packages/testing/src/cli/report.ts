import type { DeliveriesSummary, DeliveryOutcome } from "../send-deliveries.js";
import type { CliIO } from "./io.js";

function reason(outcome: DeliveryOutcome): string {
  if (outcome.error) return outcome.error.message;
  try {
    const problem = JSON.parse(outcome.body) as { title?: unknown; detail?: unknown; errors?: unknown };
    if (typeof problem.title === "string") {
      const text = typeof problem.detail === "string" ? `${problem.title}: ${problem.detail}` : problem.title;
      const first = Array.isArray(problem.errors)
        ? (problem.errors[0] as { path?: unknown; message?: unknown })
        : undefined;
      const more =
        Array.isArray(problem.errors) && problem.errors.length > 1
          ? ` (+${problem.errors.length - 1} more)`
          : "";
      return first && typeof first.message === "string"
        ? `${text} ${String(first.path ?? "")} ${first.message}${more}`
        : text;
    }
  } catch {
    // not JSON: show the text
  }
  const text = outcome.body.replace(/\s+/g, " ").trim();
  return text.length > 160 ? `${text.slice(0, 157)}...` : text || "(empty body)";
}

/** What a 2xx answer said beyond "handled": a duplicate (not run again) or pending (handlers still running). */
function acceptedNote(outcome: DeliveryOutcome): string {
  if (outcome.error) return "";
  let answer: { duplicate?: unknown; pending?: unknown } | undefined;
  try {
    answer = JSON.parse(outcome.body) as typeof answer;
  } catch {
    return "";
  }
  if (answer?.duplicate === true) return "  duplicate (already handled, handlers not run again)";
  if (answer?.pending === true) return "  pending (handlers still running after the receiver's timeoutMs)";
  return "";
}

/** One progress line: `[ 3/46] 200  gigs.updated  4 ms`, with the reason when it failed. */
export function formatOutcome(outcome: DeliveryOutcome, index: number, total: number): string {
  const width = String(total).length;
  const position = `[${String(index + 1).padStart(width)}/${total}]`;
  const status = outcome.status === undefined ? "---" : String(outcome.status);
  const line = `${position} ${status}  ${outcome.event ?? "(no event)"}  ${outcome.ms} ms`;
  return outcome.ok ? `${line}${acceptedNote(outcome)}` : `${line}  FAILED  ${reason(outcome)}`;
}

/** The summary line. */
export function formatSummary(summary: DeliveriesSummary, url: URL): string {
  const n = summary.outcomes.length;
  return `${n} ${n === 1 ? "delivery" : "deliveries"} to ${url.href}: ${summary.succeeded} succeeded, ${summary.failed} failed.`;
}

/** The `--json` result document. */
export function summaryJson(summary: DeliveriesSummary, url: URL): string {
  return JSON.stringify(
    {
      url: url.href,
      succeeded: summary.succeeded,
      failed: summary.failed,
      deliveries: summary.outcomes.map((o) =>
        o.error
          ? { event: o.event ?? null, ok: false, status: null, ms: o.ms, error: o.error.message }
          : { event: o.event ?? null, ok: o.ok, status: o.status, ms: o.ms, response: o.body },
      ),
    },
    null,
    2,
  );
}

/** Progress callback for `sendDeliveries`, or nothing in `--json` mode. */
export function progress(io: CliIO, json: boolean) {
  return json
    ? undefined
    : (outcome: DeliveryOutcome, index: number, total: number) => {
        io.stdout.write(`${formatOutcome(outcome, index, total)}\n`);
      };
}
