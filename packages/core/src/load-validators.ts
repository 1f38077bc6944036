import { importValidators, type ValidatorTable } from "./generated/index.js";

let table: ValidatorTable | undefined;
let loading: Promise<ValidatorTable> | undefined;

/**
 * The generated validators, loaded on first use (a separate chunk, so importing core stays fast). Construction of
 * `ArgyleWebhooks` starts the load in the background, so the first delivery rarely waits for it.
 */
export function loadValidators(): ValidatorTable | Promise<ValidatorTable> {
  if (table) return table;
  loading ??= importValidators().then(
    (m) => {
      table = m.validators;
      return table;
    },
    (error: unknown) => {
      loading = undefined; // try again on the next delivery
      throw error;
    },
  );
  return loading;
}
