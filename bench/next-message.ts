import type { ChildProcess } from "node:child_process";

/**
 * The next IPC message of a forked child, as `T`; rejects if the child exits first (the error names `label`).
 *
 * @example
 * ```ts
 * const child = fork("bench/floor-server.mjs", ["node", "floor"]);
 * const { port } = await nextMessage<{ port: number }>(child, "node floor");
 * ```
 */
export function nextMessage<T>(child: ChildProcess, label: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${label} exited (${code})`));
    child.once("exit", onExit);
    child.once("message", (message) => {
      child.off("exit", onExit);
      resolve(message as T);
    });
  });
}
