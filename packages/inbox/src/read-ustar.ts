/** One entry of a ustar archive: a directory or a regular file. */
export interface UstarEntry {
  /** Relative path with `/` separators, no trailing slash. */
  readonly path: string;
  readonly type: "directory" | "file";
  /** The file's bytes (empty for a directory). */
  readonly data: Buffer;
}

const BLOCK = 512;

function field(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString("utf8");
}

/** True when the path stays inside the folder it is extracted to (no absolute path, no `..`, no empty segment). */
function isContained(path: string): boolean {
  return (
    path !== "" && !path.startsWith("/") && path.split("/").every((s) => s !== "" && s !== "." && s !== "..")
  );
}

/**
 * The directories and regular files of a ustar archive (the format `prepare-data-dir.mjs` writes), in archive
 * order. Throws on a bad checksum, a path leaving the archive's root, or an entry of another type (links, devices).
 * @example
 * ```ts
 * for (const entry of readUstar(gunzipSync(readFileSync("data.tar.gz")))) console.log(entry.type, entry.path);
 * ```
 */
export function readUstar(archive: Buffer): UstarEntry[] {
  const entries: UstarEntry[] = [];
  let offset = 0;
  while (offset + BLOCK <= archive.length) {
    const block = archive.subarray(offset, offset + BLOCK);
    if (block.every((byte) => byte === 0)) break;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (block[i] as number);
    if (sum !== Number.parseInt(field(block, 148, 8).trim(), 8))
      throw new Error(`ustar: bad header checksum at byte ${offset}`);
    const prefix = field(block, 345, 155);
    const path = `${prefix ? `${prefix}/` : ""}${field(block, 0, 100)}`.replace(/\/+$/, "");
    const size = Number.parseInt(field(block, 124, 12).trim() || "0", 8);
    const flag = field(block, 156, 1);
    if (!isContained(path)) throw new Error(`ustar: refusing the path ${JSON.stringify(path)}`);
    if (!Number.isSafeInteger(size) || size < 0 || offset + BLOCK + size > archive.length)
      throw new Error(`ustar: bad size for ${path}`);
    const type = flag === "5" ? "directory" : flag === "0" || flag === "" ? "file" : undefined;
    if (!type)
      throw new Error(`ustar: ${path} is neither a file nor a directory (type ${JSON.stringify(flag)})`);
    const start = offset + BLOCK;
    entries.push({
      path,
      type,
      data: type === "file" ? archive.subarray(start, start + size) : Buffer.alloc(0),
    });
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  return entries;
}
