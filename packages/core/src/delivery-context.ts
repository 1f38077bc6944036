import { deliveryKeyOf } from "./delivery-key.js";
import type { RequestSeams } from "./request-seams.js";
import type { ArgyleWebhookContext, ArgyleWebhookValidation } from "./types.js";
import type { ValidationError } from "./validation-error.js";

/** Where `context.headers` comes from: the request's seams (called as a method, so a class's `this` holds). */
type HeadersSource = Pick<RequestSeams, "headers">;

/** The handler context; `deliveryKey` and `headers` are computed only when read (a class: cheap to create). */
class DeliveryContext implements ArgyleWebhookContext {
  #key: string | undefined;
  #headers: Record<string, string | undefined> | undefined;
  readonly #source: HeadersSource;

  constructor(
    readonly rawBody: Uint8Array,
    source: HeadersSource,
    readonly secretIndex: number | undefined,
    readonly subscription: string | undefined,
    readonly validationErrors: readonly ValidationError[] | undefined,
    private readonly checked = false,
  ) {
    this.#source = source;
  }

  get validation(): ArgyleWebhookValidation {
    const errors = this.validationErrors;
    return { checked: this.checked, valid: this.checked && !errors, errors: errors ?? [] };
  }

  get headers(): Record<string, string | undefined> {
    this.#headers ??= this.#source.headers();
    return this.#headers;
  }

  get deliveryKey(): string {
    this.#key ??= deliveryKeyOf(this.rawBody);
    return this.#key;
  }
}

/** Creates the context handlers receive with each delivery. */
export function createContext(
  rawBody: Uint8Array,
  source: HeadersSource,
  secretIndex: number | undefined,
  subscription: string | undefined,
  validationErrors: readonly ValidationError[] | undefined,
  checked?: boolean,
): ArgyleWebhookContext {
  return new DeliveryContext(rawBody, source, secretIndex, subscription, validationErrors, checked);
}
