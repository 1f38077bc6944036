import { allowedSecrets } from "./allowed-secrets.js";
import type { Signatures } from "./check-request-head.js";
import { decodeUtf8 } from "./decode-utf8.js";
import { parseMessage, type WebhookMessage } from "./parse-message.js";
import { REFUSALS } from "./refusals.js";
import { refuse } from "./refuse.js";
import type { ResolvedOptions } from "./resolve-options.js";
import type { WebhookResponse } from "./response.js";
import { matchSignature } from "./signature.js";

/**
 * A message whose signature holds, with the index of its secret among the ones its subscription allows.
 * @example
 * ```ts
 * const { message, secretIndex }: VerifiedMessage = verified;
 * ```
 */
export interface VerifiedMessage {
  readonly message: WebhookMessage;
  readonly secretIndex: number | undefined;
}

/** Where the client address comes from: read only when a refusal is logged (an adapter may compute it lazily). */
type ClientAddress = { readonly remoteAddress: string | undefined };

/**
 * Verifies the raw body against the signatures with every configured secret, then parses it and checks that the
 * secret belongs to the subscription the message names. Nothing from the body is read before a signature matches,
 * so a forgery costs the same (one HMAC per secret) whatever its body or `name` says. Asynchronous only in the web
 * build (Web Crypto).
 * @example
 * ```ts
 * const verified = verifyMessage(options, seams, body, signatures); // a VerifiedMessage, or 401 / 400
 * ```
 */
export function verifyMessage(
  options: ResolvedOptions,
  from: ClientAddress,
  body: Uint8Array,
  signatures: Signatures,
): VerifiedMessage | WebhookResponse | Promise<VerifiedMessage | WebhookResponse> {
  if (options.unsigned) return readMessage(options, from, body, undefined);
  // The web build's matchSignature is asynchronous (Web Crypto); the Node build's answers at once.
  const match = matchSignature(body, signatures, options.allSecrets) as number | Promise<number>;
  if (match instanceof Promise) return match.then((index) => readMatched(options, from, body, index));
  return readMatched(options, from, body, match);
}

function readMatched(
  options: ResolvedOptions,
  from: ClientAddress,
  body: Uint8Array,
  index: number,
): VerifiedMessage | WebhookResponse {
  const matched = options.allSecrets[index];
  if (matched === undefined) return refuse(options, from.remoteAddress, REFUSALS.signatureMismatch);
  return readMessage(options, from, body, matched);
}

function readMessage(
  options: ResolvedOptions,
  from: ClientAddress,
  body: Uint8Array,
  matched: string | undefined,
): VerifiedMessage | WebhookResponse {
  const message = parseMessage(decodeUtf8(body));
  let secretIndex: number | undefined;
  if (matched !== undefined) {
    // The secret must belong to the subscription the verified message names (or be the `secret` fallback).
    const name = typeof message === "string" ? undefined : message.name;
    secretIndex = allowedSecrets(options, name).indexOf(matched);
    if (secretIndex < 0) return refuse(options, from.remoteAddress, REFUSALS.signatureMismatch);
  }
  if (typeof message === "string") return refuse(options, from.remoteAddress, REFUSALS[message]);
  return { message, secretIndex };
}
