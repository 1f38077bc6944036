import type { ResolvedOptions } from "./resolve-options.js";

/**
 * The secrets a verified message may have been signed with, in the order `secretIndex` counts: the subscription's
 * own list (picked by the message's `name`), then `secret`. A name with no entry accepts `secret`, or any secret
 * when there is no `secret`. Read only after the signature matched some configured secret.
 * @example
 * ```ts
 * const secretIndex = allowedSecrets(options, message.name).indexOf(matched); // -1: signed for another subscription
 * ```
 */
export function allowedSecrets(options: ResolvedOptions, name: unknown): readonly string[] {
  if (options.bySubscription.size === 0) return options.secrets;
  const own = typeof name === "string" ? options.bySubscription.get(name) : undefined;
  if (own) return options.secrets.length > 0 ? [...own, ...options.secrets] : own;
  return typeof name === "string" && options.secrets.length > 0 ? options.secrets : options.allSecrets;
}
