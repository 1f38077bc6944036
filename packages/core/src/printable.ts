// C0 and C1 controls, DEL, and the Unicode line/paragraph separators: anything that can end a log line or
// start a terminal escape sequence.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * `text` with control characters escaped as `\uXXXX`, so a signed but hostile event name (a newline, ANSI escapes)
 * cannot forge or recolour a log line. Long values are cut at `max` characters.
 * @example
 * ```ts
 * printable("gigs.added\n[argyle-webhooks] fake"); // "gigs.added\\u000a[argyle-webhooks] fake"
 * ```
 */
export function printable(text: string, max = 200): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
