/**
 * Atomic file writes: the content goes to a temporary file in the same
 * directory, is flushed, and then renamed over the target, so a reader sees
 * the old file or the new one, never half of either.
 *
 * @module
 */
import { basename, dirname, join } from "node:path";

/** Options of {@linkcode writeFileAtomic}. */
export interface WriteFileAtomicOptions {
  /** Copy the existing file here first (overwritten if present). */
  backupPath?: string;
  /** Create missing parent directories. @default {true} */
  createDirs?: boolean;
  /** File mode for a new file; an existing file keeps its mode. */
  mode?: number;
}

/**
 * Writes `data` to `path` atomically (temp file + rename).
 *
 * Requires `--allow-write` (and `--allow-read` for backups) on the directory.
 *
 * @param path Absolute destination path.
 * @param data Text or bytes.
 * @param options Backup, directory creation and mode.
 * @returns Nothing; the file is in place when the promise resolves.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeFileAtomic } from "./atomic_write.ts";
 * const dir = await Deno.makeTempDir({ prefix: "codegen_lab_" });
 * await writeFileAtomic(`${dir}/a/b.txt`, "hello");
 * assert.ok(await Deno.readTextFile(`${dir}/a/b.txt`) === "hello");
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const { backupPath, createDirs = true, mode } = options;
  const dir = dirname(path);
  if (createDirs) await Deno.mkdir(dir, { recursive: true });
  const existing = await Deno.stat(path).catch(() => undefined);
  if (existing && backupPath !== undefined) {
    await Deno.mkdir(dirname(backupPath), { recursive: true });
    await Deno.copyFile(path, backupPath);
  }
  const temp = join(dir, `.${basename(path)}.${crypto.randomUUID().slice(0, 8)}.tmp`);
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const fileMode = existing?.mode ?? mode;
  try {
    const file = await Deno.open(temp, {
      write: true,
      createNew: true,
      ...(fileMode === undefined || fileMode === null ? {} : { mode: fileMode & 0o7777 }),
    });
    try {
      let written = 0;
      while (written < bytes.length) written += await file.write(bytes.subarray(written));
      await file.syncData();
    } finally {
      file.close();
    }
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}
