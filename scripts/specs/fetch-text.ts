import { PullError } from "./pull-error.js";

function describe(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === "TimeoutError" || e.name === "AbortError")
    return `no complete response within ${timeoutMs} ms`;
  const cause = e.cause?.code ?? e.cause?.message;
  return `network error: ${e.message ?? String(error)}${cause ? ` (${cause})` : ""}`;
}

/**
 * GETs `url` and returns the body as text. Fails with a PullError naming the URL on a network error,
 * a non-2xx status, or when the whole response takes longer than `timeoutMs`.
 *
 * @example
 * const index = await fetchText("https://docs.argyle.com/llms.txt", 15_000);
 */
export async function fetchText(url: string, timeoutMs: number): Promise<string> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      signal,
      headers: { accept: "text/markdown, text/plain;q=0.9, */*;q=0.1" },
    });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new PullError([
        { url, reason: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}` },
      ]);
    }
    return await response.text();
  } catch (error) {
    if (error instanceof PullError) throw error;
    throw new PullError([{ url, reason: describe(error, timeoutMs) }]);
  }
}
