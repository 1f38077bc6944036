const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The body as text, or `undefined` when it is not UTF-8: `TextDecoder` with `fatal: true`, for runtimes without
 * `node:buffer`. The same answers as `decode-utf8.ts` (a BOM is kept, as Node's `toString` keeps it).
 * @example
 * ```ts
 * decodeUtf8(new Uint8Array([0x7b, 0x7d])); // "{}"
 * decodeUtf8(new Uint8Array([0xc3, 0x28])); // undefined
 * ```
 */
export function decodeUtf8(body: Uint8Array): string | undefined {
  try {
    return decoder.decode(body);
  } catch {
    return undefined;
  }
}
