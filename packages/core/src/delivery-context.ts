import { createHash } from "node:crypto";
import type { ValidationError } from "../../../generated/index.js";
import type { ArgyleWebhookContext } from "./types.js";

/** The handler context; `deliveryKey` and `headers` are computed only when read. */
export function createContext(
  rawBody: Uint8Array,
  readHeaders: () => Record<string, string | undefined>,
  secretIndex: number | undefined,
  subscription: string | undefined,
  validationErrors: readonly ValidationError[] | undefined,
): ArgyleWebhookContext {
  let key: string | undefined;
  let headers: Record<string, string | undefined> | undefined;
  return {
    rawBody,
    secretIndex,
    subscription,
    validationErrors,
    get headers() {
      headers ??= readHeaders();
      return headers;
    },
    get deliveryKey() {
      key ??= createHash("sha256").update(rawBody).digest("hex");
      return key;
    },
  };
}
