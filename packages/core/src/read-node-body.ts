import type { IncomingMessage } from "node:http";
import type { ByteBudget } from "./byte-budget.js";
import type { BodyResult } from "./request-seams.js";

const ignore = () => {};

/** Destroys the request (and its socket) after `ms`, unless it ends or closes first. */
function cutOffAfter(req: IncomingMessage, ms: number): void {
  const deadline = setTimeout(() => req.destroy(), ms);
  deadline.unref?.();
  const clear = () => clearTimeout(deadline);
  req.once("end", clear);
  req.once("close", clear);
}

/**
 * Reads a Node request body with a byte limit and a deadline for the whole body (a trickling client is cut off
 * too). Over the limit it stops buffering and keeps discarding what arrives, so the client can read the 413,
 * and destroys the connection if the sender has not stopped by the deadline. With a `budget`, each chunk is taken
 * from it (and all given back when the read settles); when it is exhausted the read stops with `busy`. Never rejects.
 * @example
 * ```ts
 * const result = await readNodeBody(req, 1024 * 1024, 10_000);
 * if (result.ok) console.log(result.body.byteLength);
 * ```
 */
export function readNodeBody(
  req: IncomingMessage,
  limit: number,
  timeoutMs: number,
  budget?: ByteBudget,
): Promise<BodyResult> {
  const declared = Number(req.headers["content-length"]);
  if (req.readableEnded) return Promise.resolve({ ok: false, reason: "consumed" });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let held = 0;
    let settled = false;
    const cleanup = () => {
      clearTimeout(timer);
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onAborted);
      req.off("close", onClose);
    };
    const settle = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      cleanup();
      budget?.give(held);
      held = 0;
      // Drop what a refused read buffered: closures created below keep this scope alive as long as the request.
      if (!result.ok) chunks.length = 0;
      if (!result.ok && (result.reason === "too-large" || result.reason === "busy")) {
        // Keep discarding so the client can read the 413, until the read deadline.
        req.on("error", ignore);
        req.resume();
        cutOffAfter(req, timeoutMs);
      }
      // The 408 is sent with Connection: close; a client that keeps trickling is cut off one second later.
      if (!result.ok && result.reason === "timeout") cutOffAfter(req, 1000);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) settle({ ok: false, reason: "too-large" });
      else if (budget && !budget.take(chunk.length)) settle({ ok: false, reason: "busy" });
      else {
        held += chunk.length;
        chunks.push(chunk);
      }
    };
    const onEnd = () =>
      settle({ ok: true, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size) });
    const onAborted = () => settle({ ok: false, reason: "aborted" });
    const onClose = () => {
      if (!req.readableEnded) settle({ ok: false, reason: "aborted" });
    };
    const timer = setTimeout(() => settle({ ok: false, reason: "timeout" }), timeoutMs);
    timer.unref?.();
    if (Number.isFinite(declared) && declared > limit) {
      settle({ ok: false, reason: "too-large" });
      return;
    }
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onAborted);
    req.on("close", onClose);
  });
}
