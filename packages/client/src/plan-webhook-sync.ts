import type { ArgyleSubscriptionSpec } from "./check-subscription.js";
import { describeSecret } from "./redact.js";
import type { ArgyleWebhookSubscription } from "./subscription-types.js";

/**
 * One step of a sync plan. Secrets never appear in it: `secret` is `"none"` or `"set (N chars)"`.
 *
 * @example
 * ```ts
 * for (const step of plan.steps) if (step.action === "replace") console.log(step.name, step.changes);
 * ```
 */
export interface ArgyleSyncStep {
  /** `create` a missing subscription, `replace` a changed one (create the new, then delete the old), `delete` one no longer wanted, `keep` an identical one. */
  readonly action: "create" | "replace" | "delete" | "keep";
  readonly name: string;
  /** Id of the existing subscription (`replace`, `delete`, `keep`). */
  readonly id?: string;
  /** Id of the subscription created when the plan was applied (`create`, `replace`). */
  createdId?: string;
  readonly events: readonly string[];
  readonly url: string;
  readonly config: Readonly<Record<string, unknown>> | null;
  readonly secret: string;
  /** What differs, for `replace` (e.g. `url: https://a -> https://b`, `secret changed`). */
  readonly changes: readonly string[];
}

/**
 * What `webhooks.sync()` did or, with `dryRun`, would do.
 *
 * @example
 * ```ts
 * const plan = await client.webhooks.sync(desired, { prefix: "svc:", dryRun: true });
 * if (plan.steps.some((s) => s.action !== "keep")) process.exitCode = 1; // drift
 * ```
 */
export interface ArgyleSyncPlan {
  readonly prefix: string;
  readonly dryRun: boolean;
  /** `true` once every step ran against Argyle. */
  applied: boolean;
  readonly steps: readonly ArgyleSyncStep[];
}

/** `["a","b"]` sorted and de-duplicated, `"*"` as `["*"]`. */
function normalEvents(events: readonly string[] | "*"): string[] {
  return [...new Set(events === "*" ? ["*"] : events)].sort();
}

function normalConfig(
  config: Readonly<Record<string, unknown>> | null | undefined,
): Readonly<Record<string, unknown>> | null {
  return config && Object.keys(config).length > 0 ? config : null;
}

/** JSON with sorted keys, so that key order never counts as a change. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function normalSecret(secret: string | null | undefined): string | null {
  return typeof secret === "string" && secret !== "" ? secret : null;
}

function differences(existing: ArgyleWebhookSubscription, desired: ArgyleSubscriptionSpec): string[] {
  const changes: string[] = [];
  const before = normalEvents(existing.events);
  const after = normalEvents(desired.events);
  if (stable(before) !== stable(after)) changes.push(`events: ${before.join(",")} -> ${after.join(",")}`);
  if (existing.url !== desired.url) changes.push(`url: ${existing.url} -> ${desired.url}`);
  const configBefore = normalConfig(existing.config);
  const configAfter = normalConfig(desired.config);
  if (stable(configBefore) !== stable(configAfter))
    changes.push(`config: ${stable(configBefore)} -> ${stable(configAfter)}`);
  const secretBefore = normalSecret(existing.secret);
  const secretAfter = normalSecret(desired.secret);
  if (secretBefore !== secretAfter) {
    changes.push(
      secretBefore === null ? "secret added" : secretAfter === null ? "secret removed" : "secret changed",
    );
  }
  return changes;
}

function stepOf(
  action: ArgyleSyncStep["action"],
  source: ArgyleWebhookSubscription | ArgyleSubscriptionSpec,
  changes: string[] = [],
  id?: string,
): ArgyleSyncStep {
  return {
    action,
    name: source.name,
    ...(id === undefined ? {} : { id }),
    events: normalEvents(source.events),
    url: source.url,
    config: normalConfig(source.config),
    secret: describeSecret(source.secret),
    changes,
  };
}

/**
 * Compares the subscriptions that exist with those wanted. Only existing subscriptions whose name starts with
 * `prefix` are managed: those not wanted are deleted, those that differ (events, url, config or secret) are
 * replaced, because Argyle has no update endpoint. Extra copies of a wanted name are deleted.
 *
 * @example
 * ```ts
 * const plan = planWebhookSync(await client.webhooks.list().toArray(), desired, "svc:");
 * ```
 */
export function planWebhookSync(
  existing: readonly ArgyleWebhookSubscription[],
  desired: readonly ArgyleSubscriptionSpec[],
  prefix: string,
): ArgyleSyncStep[] {
  const managed = existing.filter((sub) => sub.name.startsWith(prefix));
  const steps: ArgyleSyncStep[] = [];
  const used = new Set<string>();
  for (const want of desired) {
    const candidates = managed.filter((sub) => sub.name === want.name && !used.has(sub.id));
    const same = candidates.find((sub) => differences(sub, want).length === 0);
    const match = same ?? candidates[0];
    if (!match) {
      steps.push(stepOf("create", want));
      continue;
    }
    used.add(match.id);
    const changes = differences(match, want);
    steps.push(
      changes.length === 0 ? stepOf("keep", want, [], match.id) : stepOf("replace", want, changes, match.id),
    );
  }
  for (const sub of managed) {
    if (!used.has(sub.id)) steps.push(stepOf("delete", sub, [], sub.id));
  }
  return steps;
}

const SYMBOL: Record<ArgyleSyncStep["action"], string> = {
  create: "+",
  replace: "~",
  delete: "-",
  keep: "=",
};

/**
 * Renders a plan for people, one line per step plus a summary; secrets are shown only as `set (N chars)`.
 *
 * @example
 * ```ts
 * console.log(formatSyncPlan(plan));
 * // + create  svc:gigs-60d  gigs.partially_synced -> https://example.com/hooks  config {"days_synced":60}  secret set (32 chars)
 * ```
 */
export function formatSyncPlan(plan: ArgyleSyncPlan): string {
  const lines = [
    `Argyle webhook subscriptions under prefix ${JSON.stringify(plan.prefix)}${plan.dryRun ? " (dry run: nothing changed)" : ""}:`,
  ];
  for (const step of plan.steps) {
    const id = step.id ? ` [${step.id}]` : "";
    const config = step.config ? `  config ${stable(step.config)}` : "";
    lines.push(
      `${SYMBOL[step.action]} ${step.action.padEnd(7)} ${step.name}${id}  ${step.events.join(",")} -> ${step.url}${config}  secret ${step.secret}`,
    );
    for (const change of step.changes) lines.push(`    ${change}`);
  }
  const count = (action: ArgyleSyncStep["action"]) => plan.steps.filter((s) => s.action === action).length;
  lines.push(
    `${count("create")} to create, ${count("replace")} to replace, ${count("delete")} to delete, ${count("keep")} unchanged.`,
  );
  return lines.join("\n");
}
