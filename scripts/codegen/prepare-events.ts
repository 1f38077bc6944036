import type { JsonObject, SpecEvent } from "./load-specs.js";
import { normalizeMessage } from "./normalize.js";
import { applyOverlay, type Correction } from "./overlay.js";

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** A spec after our corrections: message normalised (literal `event`, required envelope), config schema found. */
export interface PreparedEvent extends SpecEvent {
  corrections: string[];
  configSchema: JsonObject | undefined;
}

/**
 * Applies the overlay's corrections to each loaded spec and normalises its message schema: the common first step
 * of codegen and of `specs:diff`.
 *
 * @example
 * const events = prepareEvents(loadSpecs("openapi"), loadOverlay("openapi/argyle-webhooks.overlay.yaml", known));
 */
export function prepareEvents(
  specs: readonly SpecEvent[],
  corrections: readonly Correction[],
): PreparedEvent[] {
  return specs.map((raw) => {
    const { spec, applied } = applyOverlay(raw, corrections);
    const configSchema =
      isObject(spec.request.properties) && isObject(spec.request.properties.config)
        ? spec.request.properties.config
        : undefined;
    return {
      ...spec,
      message: normalizeMessage(spec.message, spec.event),
      corrections: applied,
      configSchema,
    };
  });
}
