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

/** Details with every error (also inside an array) replaced by its class name; strings made printable. */
function scrub(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (Array.isArray(value) && value.some((v) => v instanceof Error || key === "errors"))
      out[key] = value.map((v) => (v instanceof Error || key === "errors" ? errorName(v) : v));
    else if (value instanceof Error || key === "error") out[key] = errorName(value);
    else out[key] = typeof value === "string" ? printable(value) : value;
  }
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
