import { UsageError } from "./io.js";

/**
 * Runs a strict `parseArgs` call, turning its errors into `UsageError`s naming the command.
 * (The call stays at the use site so its precise result type is inferred there.)
 */
export function parseCommand<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, "."), command);
  }
}

/** The single string value of an option, or the fallback (e.g. from the environment). */
export function stringOption(value: unknown, fallback?: string): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && typeof value[value.length - 1] === "string")
    return value[value.length - 1] as string;
  return fallback;
}

/** The secret: `--secret`, else `ARGYLE_WEBHOOK_SECRET`; a `UsageError` when neither is set. */
export function requireSecret(
  command: string,
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const secret = stringOption(value, env.ARGYLE_WEBHOOK_SECRET || undefined);
  if (secret === undefined || secret === "") {
    throw new UsageError("Missing --secret (or set ARGYLE_WEBHOOK_SECRET).", command);
  }
  return secret;
}

/** A required http(s) URL. */
export function requireUrl(command: string, value: unknown): URL {
  const raw = stringOption(value);
  if (raw === undefined) throw new UsageError("Missing --url (the webhook endpoint to deliver to).", command);
  // "localhost:3000" parses as a URL with the scheme "localhost:": say what is missing instead.
  if (!/^https?:\/\//i.test(raw)) {
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1];
    throw new UsageError(
      scheme === undefined
        ? `--url "${raw}" has no http:// or https:// in front (e.g. --url http://${raw.replace(/^\/+/, "")}).`
        : `--url must be http:// or https://, got "${scheme}://".`,
      command,
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--url "${raw}" is not a URL.`, command);
  }
  return url;
}

/** A positive integer option (milliseconds, counts). */
export function positiveInteger(command: string, name: string, value: unknown): number | undefined {
  const raw = stringOption(value);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`--${name} must be a positive integer, got "${raw}".`, command);
  return n;
}

/** Whether `--help` or `-h` comes before any `--` (after which everything is a positional). */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === "--help" || a === "-h");
}
