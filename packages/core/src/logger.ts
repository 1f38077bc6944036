import { printable } from "./printable.js";

/**
 * Where the middleware reports what it refused or what failed. Any of `console`, pino or winston fits.
 * @example
 * ```ts
 * import pino from "pino";
 * argyleWebhooks({ secret, logger: pino() }); // any object with debug/info/warn/error fits
 * ```
 */
export interface ArgyleWebhooksLogger {
  debug?(message: string, details?: Record<string, unknown>): void;
  info?(message: string, details?: Record<string, unknown>): void;
  warn?(message: string, details?: Record<string, unknown>): void;
  error?(message: string, details?: Record<string, unknown>): void;
}

/** An error as its class name only: its message and stack may hold payload data. */
function errorName(error: unknown): string {
  try {
    if (error instanceof Error) return `[${printable(String(error.name))}]`;
  } catch {
    // An error whose name getter throws.
  }
  return `[${error === null ? "null" : typeof error}]`;
}

/** An AJV schema error: its path, keyword and message describe the schema, not the payload's values. */
function schemaError(value: unknown): Record<string, unknown> | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const e = value as { instancePath?: unknown; keyword?: unknown; message?: unknown };
  if (typeof e.instancePath !== "string" || typeof e.keyword !== "string") return undefined;
  return { instancePath: printable(e.instancePath), keyword: e.keyword, message: e.message };
}

/** A value inside `details`: errors (and anything thrown, under `error`/`errors`) by class name only. */
function scrubValue(key: string, value: unknown): unknown {
  if (value instanceof Error) return errorName(value);
  if (key === "errors" || key === "error") return schemaError(value) ?? errorName(value);
  return typeof value === "string" ? printable(value) : value;
}

/** Details with every error replaced by its class name (inside arrays too); strings made printable. */
function scrub(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details))
    out[key] = Array.isArray(value) ? value.map((v) => scrubValue(key, v)) : scrubValue(key, value);
  return out;
}

function line(message: string, details: Record<string, unknown> | undefined): unknown[] {
  const text = `[argyle-webhooks] ${printable(message, 2000)}`;
  return details ? [text, scrub(details)] : [text];
}

/**
 * The default: warnings and errors to the console, prefixed so they can be found. It never prints a stack
 * trace or an error's message (handler errors may embed payload data): errors appear as their class name,
 * e.g. `[TypeError]`. Pass `onError` or your own `logger` to get the full errors (they are in `details`).
 * @example
 * ```ts
 * new ArgyleWebhooks({ secret, logger: consoleLogger }); // the default
 * ```
 */
export const consoleLogger: ArgyleWebhooksLogger = {
  warn: (message, details) => console.warn(...line(message, details)),
  error: (message, details) => console.error(...line(message, details)),
};

/**
 * Drops everything: `logger: false`.
 * @example
 * ```ts
 * new ArgyleWebhooks({ secret, logger: silentLogger }); // same as logger: false
 * ```
 */
export const silentLogger: ArgyleWebhooksLogger = {};
