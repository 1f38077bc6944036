/**
 * Why `secret` cannot be an HMAC key anyone would trust (not a string, empty, only whitespace), or `undefined`.
 * An empty key is computable by anyone, so a verifier given one would accept every forgery.
 * @example
 * ```ts
 * unusableSecret(""); // "is empty"
 * unusableSecret("s3cr3t"); // undefined
 * ```
 */
export function unusableSecret(secret: unknown): string | undefined {
  if (typeof secret !== "string") return `is ${secret === null ? "null" : typeof secret}, not a string`;
  if (secret.length === 0) return "is empty (is the environment variable set?)";
  if (secret.trim().length === 0) return "is only whitespace";
  return undefined;
}

/**
 * Throws a `TypeError` naming the problem when any of the secrets is unusable (see {@link unusableSecret}).
 * The secret itself is never part of the message.
 * @example
 * ```ts
 * assertUsableSecrets(["s3cr3t"], "verifyArgyleSignature"); // ok
 * assertUsableSecrets("", "verifyArgyleSignature"); // throws TypeError
 * ```
 */
export function assertUsableSecrets(secret: unknown, where: string): readonly string[] {
  const list: unknown[] = typeof secret === "string" ? [secret] : Array.isArray(secret) ? secret : [secret];
  if (list.length === 0) throw new TypeError(`${where}: the secret list is empty`);
  for (const s of list) {
    const problem = unusableSecret(s);
    if (problem) throw new TypeError(`${where}: the secret ${problem}; refusing to verify with it`);
  }
  return list as string[];
}
