import { connect } from "node:net";

/** How a raw client behaves: what it sends, in how many pieces, and what it does next. */
export interface RawPlan {
  /** The whole request as bytes (request line, headers, body). */
  bytes: Buffer;
  /** Send only this many bytes of `bytes` (default: all). */
  sendBytes?: number;
  /** Split what is sent into this many writes, `gapMs` apart (default 1 write). */
  pieces?: number;
  gapMs?: number;
  /** After sending: wait for the answer, half-close (FIN), or reset the connection. */
  after: "wait" | "half-close" | "abort";
  /** Give up waiting for an answer after this long. */
  timeoutMs: number;
}

/** What came back. `status` is undefined when no complete HTTP response arrived. */
export interface RawOutcome {
  status?: number;
  head?: string;
  body?: Buffer;
  /** The server closed the connection (before or after answering). */
  serverClosed: boolean;
  timedOut: boolean;
  error?: string;
  /** Milliseconds from connect to the complete answer (or to the end of the exchange). */
  ms: number;
  /** The client's port: how the server side can tell which connection this was. */
  localPort?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Length of the first complete HTTP response in `data`, or -1 if it is not complete yet. */
function completeResponseLength(data: Buffer, closed: boolean): number {
  const end = data.indexOf("\r\n\r\n");
  if (end < 0) return -1;
  const head = data.subarray(0, end).toString("latin1");
  const bodyStart = end + 4;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) {
    const total = bodyStart + Number(length[1]);
    return data.length >= total ? total : -1;
  }
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    const last = data.indexOf("\r\n0\r\n\r\n", bodyStart - 2);
    return last < 0 ? -1 : last + 7;
  }
  if (/^HTTP\/1\.[01] (1\d\d|204|304)/.test(head)) return bodyStart;
  return closed ? data.length : -1; // body delimited by the connection closing
}

/**
 * Plays one request over a fresh TCP connection to 127.0.0.1:`port` exactly as `plan` says (wrong framing,
 * truncation, stalls and aborts included) and reports the first response. Never rejects.
 *
 * @example
 * ```ts
 * const out = await rawExchange(port, { bytes: Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), after: "wait", timeoutMs: 2000 });
 * ```
 */
export function rawExchange(port: number, plan: RawPlan): Promise<RawOutcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    let data = Buffer.alloc(0);
    let serverClosed = false;
    let done = false;
    let localPort: number | undefined;
    const finish = (outcome: Omit<RawOutcome, "ms" | "serverClosed">) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...outcome, serverClosed, localPort, ms: performance.now() - started });
    };
    const parse = () => {
      const length = completeResponseLength(data, serverClosed);
      if (length < 0) return false;
      const response = data.subarray(0, length);
      const headEnd = response.indexOf("\r\n\r\n");
      const head = response.subarray(0, headEnd < 0 ? response.length : headEnd).toString("latin1");
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      finish({
        status: status ? Number(status[1]) : undefined,
        head,
        body: response.subarray(headEnd + 4),
        timedOut: false,
      });
      return true;
    };
    const timer = setTimeout(() => finish({ timedOut: true }), plan.timeoutMs);
    socket.on("data", (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      if (plan.after === "wait") parse();
    });
    socket.on("end", () => {
      serverClosed = true;
    });
    socket.on("close", () => {
      serverClosed = true;
      if (!parse()) finish({ timedOut: false, error: data.length > 0 ? "incomplete response" : undefined });
    });
    socket.on("error", (error) => {
      if (!done && plan.after === "wait" && !parse()) finish({ timedOut: false, error: error.message });
    });
    socket.once("connect", async () => {
      localPort = socket.localPort;
      const payload = plan.bytes.subarray(0, plan.sendBytes ?? plan.bytes.length);
      const pieces = Math.max(1, plan.pieces ?? 1);
      const size = Math.ceil(payload.length / pieces) || 1;
      for (let i = 0; i < payload.length; i += size) {
        if (i > 0 && plan.gapMs) await sleep(plan.gapMs);
        // Like a real client, stop sending once the server has answered or hung up.
        if (done || socket.destroyed || serverClosed || data.length > 0) return;
        socket.write(payload.subarray(i, i + size));
      }
      if (plan.after === "abort") {
        await sleep(1);
        socket.resetAndDestroy();
        finish({ timedOut: false });
      } else if (plan.after === "half-close") {
        socket.end();
        // The answer is optional here; give the server a moment, then hang up.
        setTimeout(() => finish({ timedOut: false }), 50);
      }
    });
  });
}
