import { request as httpRequest } from "node:http";

/** A request as the conformance vectors describe it. */
export interface RawRequest {
  method: string;
  headers: Record<string, string | string[]>;
  body?: string;
  bodyBase64?: string;
  /** Send the body in this many pieces, `chunkDelayMs` apart. */
  chunks?: number;
  chunkDelayMs?: number;
  /** Send this many bytes of the body, then stall (never finish). */
  stallAfterBytes?: number;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function bodyBytes(req: RawRequest): Buffer {
  if (req.bodyBase64 !== undefined) return Buffer.from(req.bodyBase64, "base64");
  return Buffer.from(req.body ?? "", "utf8");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends `req` over a fresh connection to 127.0.0.1 and resolves with the answer (rejects after `timeoutMs`). */
export function sendRaw(
  port: number,
  path: string,
  req: RawRequest,
  timeoutMs = 10_000,
): Promise<RawResponse> {
  const body = bodyBytes(req);
  const hasBody = req.body !== undefined || req.bodyBase64 !== undefined;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | string[]> = { ...req.headers };
    if (hasBody) headers["content-length"] = String(body.length);
    const r = httpRequest(
      { host: "127.0.0.1", port, path, method: req.method, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          });
          r.destroy();
        });
        res.on("error", reject);
      },
    );
    const timer = setTimeout(() => {
      r.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    r.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void (async () => {
      if (!hasBody) return r.end();
      if (req.stallAfterBytes !== undefined) return r.write(body.subarray(0, req.stallAfterBytes));
      const pieces = req.chunks ?? 1;
      const size = Math.ceil(body.length / pieces);
      for (let i = 0; i < pieces; i++) {
        if (i > 0) await sleep(req.chunkDelayMs ?? 0);
        r.write(body.subarray(i * size, (i + 1) * size));
      }
      r.end();
    })();
  });
}
