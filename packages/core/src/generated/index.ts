/**
 * The door from core to `generated/` (written by `npm run codegen` from Argyle's specs): the registry, the `onXxx`
 * methods and the validators, loaded lazily. Only this folder imports `generated/`, one file per bundle chunk: the
 * event types (`./event-types.js`, which the index re-exports whole), the validator table (`./validators.js`, a
 * chunk of its own) and the examples (`./examples.js`, only in `@argyle-webhooks/core/examples`). The fixed types generated code uses
 * (`ArgyleWebhookDefinition`, `ValidationError`, `GeneratedValidator`) are handwritten in core and imported by it.
 * @example
 * ```ts
 * import { getArgyleWebhookDefinition } from "./generated/index.js";
 * getArgyleWebhookDefinition("gigs.added")?.family; // "gigs"
 * ```
 * @module
 */
export { type ArgyleEventHandlers, ArgyleEventMethods } from "../../../../generated/handlers.js";
export {
  argyleHandlerNames,
  argyleWebhookEventNames,
  argyleWebhookEvents,
  argyleWebhookFamilies,
  getArgyleWebhookDefinition,
} from "../../../../generated/registry.js";
export type { GeneratedValidator, ValidationError } from "../validation-error.js";
export type { ArgyleWebhookDefinition } from "../webhook-definition.js";
export type * from "./event-types.js";

/**
 * The generated validator of every event, keyed by event name.
 * @example
 * ```ts
 * const table: ValidatorTable = (await importValidators()).validators;
 * ```
 */
export type ValidatorTable = typeof import("./validators.js").validators;

/**
 * Loads the generated validators module (a separate chunk, so importing core stays fast).
 * @example
 * ```ts
 * const { validators } = await importValidators();
 * ```
 */
export function importValidators(): Promise<{ validators: ValidatorTable }> {
  return import("./validators.js");
}
