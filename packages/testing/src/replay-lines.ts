import { isPlainObject } from "./merge-overrides.js";
import {
  type ArgyleDelivery,
  type ArgyleDeliveryHeaders,
  type DeliveryOptions,
  signDelivery,
} from "./sign-delivery.js";

/**
 * A replay file line that could not be used; `line` is 1-based.
 *
 * @example
 * ```ts
 * try {
 *   parseReplayLines('{"event": "gigs.updated"}\nnot json', { secret: "s3cret" });
 * } catch (error) {
 *   if (error instanceof ReplayLineError) console.error(error.line, error.message); // 2 "line 2: not valid JSON (...)"
 * }
 * ```
 */
export class ReplayLineError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = "ReplayLineError";
    this.line = line;
  }
}

/**
 * Options of `parseReplayLines`.
 *
 * @example
 * ```ts
 * const options: ReplayOptions = { secret: "s3cret", pretty: false };
 * const deliveries = parseReplayLines(text, options);
 * ```
 */
export interface ReplayOptions {
  /**
   * Signs every delivery with this secret, replacing any recorded `x-argyle-signature`. Without it, recorded
   * lines keep their headers as captured, and message lines are an error (they have nothing to be signed with).
   */
  secret?: string | undefined;
  /** Pretty-print message lines (default `true`). Recorded bodies are always sent byte for byte. */
  pretty?: boolean;
}

function recordedHeaders(line: number, value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw new ReplayLineError(line, '"headers" must be an object of strings.');
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    if (typeof v !== "string") throw new ReplayLineError(line, `header "${name}" must be a string.`);
    out[name.toLowerCase()] = v;
  }
  return out;
}

/**
 * Reads a JSON Lines replay file into deliveries. Each non-blank line is either
 * - a message object (`{"event": "gigs.updated", "name": ..., "data": {...}}`), serialised like Argyle does and
 *   signed with `secret`; or
 * - a recorded delivery `{"body": "<exact raw body>", "headers": {...}}`, whose body is sent byte for byte with
 *   its headers (re-signed when `secret` is given).
 * Throws `ReplayLineError` naming the first bad line.
 *
 * @example
 * ```ts
 * const deliveries = parseReplayLines(await readFile("captured.jsonl", "utf8"), { secret: "s3cret" });
 * await sendDeliveries(url, deliveries);
 * ```
 */
export function parseReplayLines(text: string, options: ReplayOptions = {}): ArgyleDelivery[] {
  const deliveries: ArgyleDelivery[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, source] of lines.entries()) {
    const line = i + 1;
    if (source.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      throw new ReplayLineError(line, `not valid JSON (${(error as Error).message}).`);
    }
    if (!isPlainObject(value)) throw new ReplayLineError(line, "expected a JSON object.");
    const signing: DeliveryOptions = { secret: options.secret ?? null, pretty: options.pretty ?? true };
    if (typeof value.body === "string" && !("event" in value)) {
      const headers = recordedHeaders(line, value.headers);
      if (options.secret === undefined && headers["x-argyle-signature"] === undefined)
        throw new ReplayLineError(
          line,
          "a recorded delivery without its signature must be signed again: pass a secret (--secret).",
        );
      const signed = signDelivery(value.body, signing);
      const merged: ArgyleDeliveryHeaders = {
        ...headers,
        "content-type": headers["content-type"] ?? "application/json",
      };
      if (signed.headers["x-argyle-signature"])
        merged["x-argyle-signature"] = signed.headers["x-argyle-signature"];
      deliveries.push({ ...signed, headers: merged });
    } else if (typeof value.event === "string") {
      if (options.secret === undefined) {
        throw new ReplayLineError(line, "a message object must be signed: pass a secret (--secret).");
      }
      deliveries.push(signDelivery(value, signing));
    } else {
      throw new ReplayLineError(
        line,
        'expected a message with a string "event", or {"body": "...", "headers": {...}}.',
      );
    }
  }
  return deliveries;
}

/**
 * Options of `formatReplayLine`.
 *
 * @example
 * ```ts
 * const options: ReplayLineFormatOptions = { keepSignature: true }; // test fixtures signed with a test secret only
 * ```
 */
export interface ReplayLineFormatOptions {
  /**
   * Keep the recorded `X-Argyle-Signature` (default `false`). Argyle's signature covers only the body, with no
   * timestamp, so a stored body + signature stays a valid delivery forever for anyone who reads the file (see
   * SECURITY.md). Without it, replaying needs the secret (`argyle-webhooks replay --secret`), which re-signs.
   */
  keepSignature?: boolean;
}

/**
 * Formats a delivery (or a captured request) as one replay-file line: `{"body": ..., "headers": ...}` with the
 * exact body and its `content-type`, and **without** the signature unless `keepSignature` is set, so a capture file
 * is not a stock of deliveries anyone could replay. Append these to a `.jsonl` file and replay them later with
 * `argyle-webhooks replay captured.jsonl --url ... --secret ...` (which signs each body again).
 *
 * @example
 * ```ts
 * // in a handler: keep the exact bytes Argyle sent, not the signature
 * await appendFile("captured.jsonl", `${formatReplayLine({ body: context.rawBody, headers: context.headers })}\n`);
 * ```
 */
export function formatReplayLine(
  delivery: {
    body: string | Uint8Array;
    headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  },
  options: ReplayLineFormatOptions = {},
): string {
  const body =
    typeof delivery.body === "string" ? delivery.body : Buffer.from(delivery.body).toString("utf8");
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(delivery.headers)) {
    const lower = name.toLowerCase();
    if (lower !== "content-type" && !(lower === "x-argyle-signature" && options.keepSignature)) continue;
    if (typeof value === "string") headers[lower] = value;
    else if (Array.isArray(value)) headers[lower] = value.join(", ");
  }
  return JSON.stringify({ body, headers });
}
