import { createHash, createHmac } from "node:crypto";
import { type ArgyleWebhookEventName, argyleWebhookEventNames } from "@argyle-webhooks/core";
import { argyleWebhookExamples } from "@argyle-webhooks/core/examples";
import fc from "fast-check";
import { WEBHOOK_PATH } from "./adapter-servers.js";
import type { RawPlan } from "./raw-exchange.js";

/** How the body is damaged (after which the signature may or may not still match). */
type BodyMutation =
  | { kind: "none" }
  | { kind: "flip"; at: number; xor: number }
  | { kind: "truncate"; keep: number }
  | { kind: "append"; bytes: Uint8Array }
  | { kind: "random"; bytes: Uint8Array }
  | { kind: "invalid-utf8"; at: number }
  | { kind: "huge"; size: number }
  | { kind: "not-a-message"; json: string };

/** What goes in X-Argyle-Signature. */
type SignatureRecipe =
  | {
      kind:
        | "valid"
        | "valid-upper"
        | "valid-padded"
        | "of-original"
        | "missing"
        | "empty"
        | "sha256"
        | "random-hex";
    }
  | { kind: "garbage"; text: string }
  | { kind: "repeated"; others: number; validAt: number; joined: boolean }
  | { kind: "huge"; size: number };

/** How the body is framed on the wire; several are illegal on purpose. */
type Framing =
  | { kind: "content-length" | "chunked" | "no-length" | "cl-and-te" | "bad-chunk" }
  | { kind: "length-off"; delta: number }
  | { kind: "duplicate-length"; delta: number }
  | { kind: "garbage-length"; text: string };

/** What the client does with the connection. */
type Conduct =
  | { kind: "complete" }
  | { kind: "trickle"; pieces: number; gapMs: number }
  | { kind: "stall"; fraction: number }
  | { kind: "abort"; fraction: number }
  | { kind: "half-close"; fraction: number };

/** One hostile (or, sometimes, perfectly valid) request, as generated data. */
export interface HostileRecipe {
  event: ArgyleWebhookEventName;
  pretty: boolean;
  body: BodyMutation;
  signature: SignatureRecipe;
  method: string;
  contentType: string | undefined;
  framing: Framing;
  conduct: Conduct;
  extraHeaders: [string, string][];
}

const bytes = (max: number) => fc.uint8Array({ maxLength: max });
const token = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);

/** fast-check arbitrary of hostile requests: mutated bodies and headers, broken framing, misbehaving clients. */
export const hostileRecipe: fc.Arbitrary<HostileRecipe> = fc.record({
  event: fc.constantFrom(...argyleWebhookEventNames),
  pretty: fc.boolean(),
  body: fc.oneof(
    { arbitrary: fc.constant<BodyMutation>({ kind: "none" }), weight: 4 },
    fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant("truncate" as const), keep: fc.nat() }),
    fc.record({
      kind: fc.constant("append" as const),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    }),
    fc.record({ kind: fc.constant("random" as const), bytes: bytes(2048) }),
    fc.record({ kind: fc.constant("invalid-utf8" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("huge" as const), size: fc.integer({ min: 65_000, max: 300_000 }) }),
    fc.record({ kind: fc.constant("not-a-message" as const), json: fc.json() }),
  ),
  signature: fc.oneof(
    { arbitrary: fc.constant<SignatureRecipe>({ kind: "valid" }), weight: 5 },
    fc.constantFrom<SignatureRecipe>(
      { kind: "valid-upper" },
      { kind: "valid-padded" },
      { kind: "of-original" },
      { kind: "missing" },
      { kind: "empty" },
      { kind: "sha256" },
      { kind: "random-hex" },
    ),
    fc.record({
      kind: fc.constant("garbage" as const),
      text: fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "binary-ascii", maxLength: 200 })),
    }),
    fc.record({
      kind: fc.constant("repeated" as const),
      others: fc.integer({ min: 1, max: 20 }),
      validAt: fc.integer({ min: -1, max: 20 }),
      joined: fc.boolean(),
    }),
    fc.record({ kind: fc.constant("huge" as const), size: fc.integer({ min: 1_000, max: 80_000 }) }),
  ),
  method: fc.oneof(
    { arbitrary: fc.constant("POST"), weight: 8 },
    fc.constantFrom("GET", "PUT", "DELETE", "OPTIONS", "post", "PATCH"),
  ),
  contentType: fc.oneof(
    { arbitrary: fc.constant("application/json"), weight: 6 },
    fc.constantFrom(
      "application/json; charset=utf-8",
      "APPLICATION/JSON",
      "text/plain",
      "application/x-www-form-urlencoded",
      undefined,
      "",
    ),
    fc.string({ maxLength: 40 }),
  ),
  framing: fc.oneof(
    { arbitrary: fc.constant<Framing>({ kind: "content-length" }), weight: 6 },
    fc.constantFrom<Framing>(
      { kind: "chunked" },
      { kind: "no-length" },
      { kind: "cl-and-te" },
      { kind: "bad-chunk" },
    ),
    fc.record({
      kind: fc.constant("length-off" as const),
      delta: fc.integer({ min: -200, max: 200 }).filter((d) => d !== 0),
    }),
    fc.record({ kind: fc.constant("duplicate-length" as const), delta: fc.integer({ min: -5, max: 5 }) }),
    fc.record({
      kind: fc.constant("garbage-length" as const),
      text: fc.constantFrom("-1", "abc", "1e3", " 12 ", "99999999999999999999", "0x10"),
    }),
  ),
  conduct: fc.oneof(
    { arbitrary: fc.constant<Conduct>({ kind: "complete" }), weight: 6 },
    fc.record({
      kind: fc.constant("trickle" as const),
      pieces: fc.integer({ min: 2, max: 8 }),
      gapMs: fc.integer({ min: 1, max: 20 }),
    }),
    fc.record({
      kind: fc.constant("stall" as const),
      fraction: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    }),
    fc.record({
      kind: fc.constant("abort" as const),
      fraction: fc.double({ min: 0, max: 0.99, noNaN: true }),
    }),
    fc.record({
      kind: fc.constant("half-close" as const),
      fraction: fc.double({ min: 0, max: 0.99, noNaN: true }),
    }),
  ),
  extraHeaders: fc.array(
    fc.tuple(
      token,
      fc.oneof(
        { arbitrary: fc.string({ maxLength: 100 }), weight: 9 },
        fc.string({ unit: "binary-ascii", maxLength: 100 }),
      ),
    ),
    {
      maxLength: 4,
    },
  ),
});

/** A recipe made concrete: the bytes to play, and what the receiver may and must do with them. */
export interface HostileRequest {
  plan: Omit<RawPlan, "timeoutMs">;
  /** An intact, validly signed, well-framed delivery: it must be answered 200 and dispatched once. */
  mustDeliver: boolean;
  /** The body sent does not carry a valid signature: it must never reach a handler. */
  forged: boolean;
  /** The client waits for the answer, so there must be one. */
  mustAnswer: boolean;
  /** The unique subscription name in the body (how the handler log finds this request). */
  nonce: string;
  /** SHA-256 (hex) of the body as built, before framing: what a handler's `rawBody` hashes to if it ran for it. */
  bodyKey: string;
}

function sign(body: Uint8Array, secret: string): string {
  return createHmac("sha512", secret).update(body).digest("hex");
}

function mutate(body: Buffer, mutation: BodyMutation): Buffer {
  switch (mutation.kind) {
    case "none":
      return body;
    case "flip": {
      const copy = Buffer.from(body);
      const at = mutation.at % copy.length;
      copy[at] = (copy[at] ?? 0) ^ mutation.xor;
      return copy;
    }
    case "truncate":
      return body.subarray(0, mutation.keep % body.length);
    case "append":
      return Buffer.concat([body, mutation.bytes]);
    case "random":
      return Buffer.from(mutation.bytes);
    case "invalid-utf8": {
      const at = mutation.at % body.length;
      return Buffer.concat([body.subarray(0, at), Buffer.from([0xc3, 0x28, 0xff]), body.subarray(at)]);
    }
    case "huge":
      return Buffer.concat([body, Buffer.alloc(mutation.size, 0x20)]);
    case "not-a-message":
      return Buffer.from(mutation.json);
  }
}

const CRLF = "\r\n";

/**
 * Turns a recipe into wire bytes and the oracle's expectations. The body carries a unique `name` (`nonce`),
 * so a handler call can be traced to the request that caused it.
 *
 * @example
 * ```ts
 * const [recipe] = fc.sample(hostileRecipe, { seed: 1, numRuns: 1 });
 * const request = buildHostileRequest(recipe!, "secret", "fuzz-1");
 * ```
 */
export function buildHostileRequest(recipe: HostileRecipe, secret: string, nonce: string): HostileRequest {
  const message = { ...structuredClone(argyleWebhookExamples[recipe.event]), name: nonce } as Record<
    string,
    unknown
  >;
  const original = Buffer.from(recipe.pretty ? JSON.stringify(message, null, 2) : JSON.stringify(message));
  const body = mutate(original, recipe.body);
  const bodyIntact = recipe.body.kind === "none";
  const valid = sign(body, secret);

  const headers: [string, string][] = [["Host", "127.0.0.1"]];
  let signatureIsValid = false;
  let signatureMustMatch = false;
  const sig = recipe.signature;
  switch (sig.kind) {
    case "valid":
      headers.push(["X-Argyle-Signature", valid]);
      signatureIsValid = signatureMustMatch = true;
      break;
    case "valid-upper":
      headers.push(["X-Argyle-Signature", valid.toUpperCase()]);
      signatureIsValid = true;
      break;
    case "valid-padded":
      headers.push(["X-Argyle-Signature", `  ${valid}  `]);
      signatureIsValid = true;
      break;
    case "of-original":
      headers.push(["X-Argyle-Signature", sign(original, secret)]);
      signatureIsValid = bodyIntact;
      signatureMustMatch = bodyIntact;
      break;
    case "missing":
      break;
    case "empty":
      headers.push(["X-Argyle-Signature", ""]);
      break;
    case "sha256":
      headers.push(["X-Argyle-Signature", createHmac("sha256", secret).update(body).digest("hex")]);
      break;
    case "random-hex":
      headers.push(["X-Argyle-Signature", sign(body, `${secret}-wrong`)]);
      break;
    case "garbage":
      headers.push(["X-Argyle-Signature", sig.text.replace(/[\r\n]/g, " ")]);
      break;
    case "repeated": {
      const values = Array.from({ length: sig.others }, (_, i) => sign(body, `other-${i}`));
      if (sig.validAt >= 0) {
        values.splice(Math.min(sig.validAt, values.length), 0, valid);
        signatureIsValid = true;
      }
      if (sig.joined) headers.push(["X-Argyle-Signature", values.join(", ")]);
      else for (const v of values) headers.push(["X-Argyle-Signature", v]);
      break;
    }
    case "huge":
      headers.push(["X-Argyle-Signature", `${valid},${"a".repeat(sig.size)}`]);
      signatureIsValid = true;
      break;
  }
  if (recipe.contentType !== undefined)
    headers.push(["Content-Type", recipe.contentType.replace(/[\r\n]/g, " ")]);
  for (const [name, value] of recipe.extraHeaders) {
    if (["host", "content-length", "transfer-encoding", "content-type", "x-argyle-signature"].includes(name))
      continue;
    headers.push([name, value.replace(/[\r\n]/g, " ")]);
  }

  let wireBody = body;
  const framing = recipe.framing;
  switch (framing.kind) {
    case "content-length":
      headers.push(["Content-Length", String(body.length)]);
      break;
    case "chunked":
    case "bad-chunk": {
      headers.push(["Transfer-Encoding", "chunked"]);
      const half = Math.floor(body.length / 2);
      const parts = [body.subarray(0, half), body.subarray(half)].filter((p) => p.length > 0);
      const size = (p: Buffer) =>
        framing.kind === "bad-chunk" ? (p.length + 3).toString(16) : p.length.toString(16);
      wireBody = Buffer.concat([
        ...parts.flatMap((p) => [Buffer.from(size(p) + CRLF), p, Buffer.from(CRLF)]),
        Buffer.from(`0${CRLF}${CRLF}`),
      ]);
      break;
    }
    case "no-length":
      break;
    case "cl-and-te":
      headers.push(["Content-Length", String(body.length)], ["Transfer-Encoding", "chunked"]);
      break;
    case "length-off":
      headers.push(["Content-Length", String(Math.max(0, body.length + framing.delta))]);
      break;
    case "duplicate-length":
      headers.push(
        ["Content-Length", String(body.length)],
        ["Content-Length", String(Math.max(0, body.length + framing.delta))],
      );
      break;
    case "garbage-length":
      headers.push(["Content-Length", framing.text]);
      break;
  }
  const head = `${recipe.method} ${WEBHOOK_PATH} HTTP/1.1${CRLF}${headers.map(([n, v]) => `${n}: ${v}`).join(CRLF)}${CRLF}${CRLF}`;
  const bytes = Buffer.concat([Buffer.from(head, "latin1"), wireBody]);

  const conduct = recipe.conduct;
  const partial = (fraction: number) => head.length + Math.floor(wireBody.length * fraction);
  let plan: HostileRequest["plan"];
  switch (conduct.kind) {
    case "complete":
      plan = { bytes, after: "wait" };
      break;
    case "trickle":
      plan = { bytes, after: "wait", pieces: conduct.pieces, gapMs: conduct.gapMs };
      break;
    case "stall":
      plan = { bytes, after: "wait", sendBytes: partial(conduct.fraction) };
      break;
    case "abort":
      plan = { bytes, after: "abort", sendBytes: partial(conduct.fraction) };
      break;
    case "half-close":
      plan = { bytes, after: "half-close", sendBytes: partial(conduct.fraction) };
      break;
  }

  const cleanFraming = framing.kind === "content-length" || framing.kind === "chunked";
  const jsonType = recipe.contentType !== undefined && /^application\/json\s*(;|$)/i.test(recipe.contentType);
  const cleanHeaders = recipe.extraHeaders.every(([, v]) => /^[\x20-\x7e]*$/.test(v));
  const wholeSent = conduct.kind === "complete" || conduct.kind === "trickle";
  return {
    plan,
    nonce,
    bodyKey: createHash("sha256").update(body).digest("hex"),
    forged: !signatureIsValid,
    mustAnswer: plan.after === "wait",
    mustDeliver:
      signatureMustMatch &&
      bodyIntact &&
      recipe.method === "POST" &&
      jsonType &&
      cleanFraming &&
      cleanHeaders &&
      wholeSent,
  };
}
