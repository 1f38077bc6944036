import type { CliIO } from "./io.js";

/**
 * Wraps the process's stdout so that a reader that goes away (`argyle-webhooks events | head -3`) ends the output
 * quietly: the `EPIPE` is swallowed, later writes are dropped, and the command finishes its work (every delivery of
 * `trigger all | head` is still sent) with its usual exit code. Any other stdout error is still thrown.
 *
 * @example
 * ```ts
 * const stdout = closableStdout(process.stdout);
 * stdout.write("one line\n"); // a no-op once the pipe is closed
 * ```
 */
export function closableStdout(stream: NodeJS.WriteStream): CliIO["stdout"] {
  let closed = false;
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED") {
      closed = true;
      return;
    }
    throw error;
  });
  return {
    get isTTY() {
      return stream.isTTY;
    },
    write(chunk: string) {
      if (closed || stream.destroyed) return false;
      return stream.write(chunk);
    },
  };
}
