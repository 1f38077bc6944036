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

/**
 * The default: warnings and errors to the console, prefixed so they can be found.
 * @example
 * ```ts
 * new ArgyleWebhooks({ secret, logger: consoleLogger }); // the default
 * ```
 */
export const consoleLogger: ArgyleWebhooksLogger = {
  warn: (message, details) =>
    details
      ? console.warn(`[argyle-webhooks] ${message}`, details)
      : console.warn(`[argyle-webhooks] ${message}`),
  error: (message, details) =>
    details
      ? console.error(`[argyle-webhooks] ${message}`, details)
      : console.error(`[argyle-webhooks] ${message}`),
};

/**
 * Drops everything: `logger: false`.
 * @example
 * ```ts
 * new ArgyleWebhooks({ secret, logger: silentLogger }); // same as logger: false
 * ```
 */
export const silentLogger: ArgyleWebhooksLogger = {};
