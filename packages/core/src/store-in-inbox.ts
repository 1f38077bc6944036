import type { ArgyleInboxPort } from "./inbox-port.js";
import type { ArgyleWebhooksLogger } from "./logger.js";
import { REFUSALS } from "./refusals.js";
import { problemResponse, success, type WebhookResponse } from "./response.js";
import type { ArgyleTraceCarrier } from "./trace-carrier.js";
import type { ArgyleWebhookContext } from "./types.js";

const TIMEOUT = Symbol("timeout");

/** 503 with `Retry-After`: the delivery was not committed, so Argyle must send it again. */
function unavailable(inbox: ArgyleInboxPort, detail: string): WebhookResponse {
  return problemResponse(REFUSALS.storeUnavailable, detail, undefined, {
    "retry-after": String(inbox.retryAfterSeconds ?? 30),
  });
}

/**
 * The `inbox` step of the algorithm: commit the verified delivery, then answer. 200 stored, 200 duplicate, or 503
 * when the store fails or is slower than its bound (never 200 without a commit).
 */
export async function storeInInbox(
  inbox: ArgyleInboxPort,
  logger: ArgyleWebhooksLogger,
  message: { event: string; data: Record<string, unknown> },
  context: ArgyleWebhookContext,
  traceContext?: ArgyleTraceCarrier,
): Promise<WebhookResponse> {
  const account = message.data.account;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<typeof TIMEOUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMEOUT), inbox.storeTimeoutMs ?? 5000);
  });
  try {
    const stored = Promise.resolve().then(() =>
      inbox.store({
        deliveryKey: context.deliveryKey,
        rawBody: context.rawBody,
        event: message.event,
        subscription: context.subscription,
        receivedAt: new Date(),
        account: typeof account === "string" ? account : undefined,
        ...(traceContext ? { traceContext } : {}),
      }),
    );
    const outcome = await Promise.race([stored, bound]);
    if (outcome === TIMEOUT) {
      stored.catch(() => undefined);
      logger.error?.("inbox store timed out: answered 503", { event: message.event });
      return unavailable(inbox, "The delivery could not be stored in time. Argyle will redeliver it.");
    }
    if (outcome === "duplicate") {
      logger.debug?.("duplicate delivery: already in the inbox", { event: message.event });
      return success("duplicate");
    }
    return success("ok");
  } catch (error) {
    logger.error?.("inbox store failed: answered 503", { event: message.event, error });
    return unavailable(inbox, "The delivery could not be stored. Argyle will redeliver it.");
  } finally {
    clearTimeout(timer);
  }
}
