import { isJsonContentType } from "./content-type.js";
import { REFUSALS } from "./refusals.js";
import { refuse } from "./refuse.js";
import { headerLine, type RequestSeams } from "./request-seams.js";
import type { ResolvedOptions } from "./resolve-options.js";
import type { WebhookResponse } from "./response.js";
import { parseSignatureHeader } from "./signature.js";

const NONE: Signatures = [];

/** The parsed `X-Argyle-Signature` values (the web build parses them into `Uint8Array`s). */
export type Signatures = ReturnType<typeof parseSignatureHeader>;

/**
 * The checks made before a byte of the body is read: method, source address, content type, signature header.
 * Returns the refusal, or the signatures to verify the body against (none with `unsigned`).
 * @example
 * ```ts
 * const head = checkRequestHead(options, seams);
 * if (!Array.isArray(head)) return head; // 405, 403, 415 or 401
 * ```
 */
export function checkRequestHead(
  options: ResolvedOptions,
  seams: RequestSeams,
): Signatures | WebhookResponse {
  if (seams.method !== "POST") return refuse(options, seams.remoteAddress, REFUSALS.methodNotAllowed);
  if (options.ipAllowed && !options.ipAllowed(seams.remoteAddress))
    return refuse(options, seams.remoteAddress, REFUSALS.forbiddenSource);
  if (!isJsonContentType(headerLine(seams.header("content-type"))))
    return refuse(options, seams.remoteAddress, REFUSALS.unsupportedMediaType);
  if (options.unsigned) return NONE;
  const header = seams.header("x-argyle-signature");
  const signatures = parseSignatureHeader(header);
  if (signatures.length > 0) return signatures;
  const refusal = header === undefined ? REFUSALS.signatureMissing : REFUSALS.signatureMalformed;
  return refuse(options, seams.remoteAddress, refusal);
}
