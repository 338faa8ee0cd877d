/**
 * One pass over a workspace: every file that the ignore files let through is
 * sized, checked for binary content, given a language and line-counted.
 *
 * @module
 */
import { type SkipReason, walkWorkspace } from "../core/mod.ts";
import { countLines, type LineCounts } from "./count_lines.ts";
import { detectLanguage } from "./detect_language.ts";
import { isBinary } from "./is_binary.ts";

/** The ignore files read in every directory, in gitignore syntax. */
export const ANALYSIS_IGNORE_FILES: readonly string[] = [".gitignore", ".ignore", ".codegenignore"];

/** One file the scan looked at. */
export interface ScannedFile {
  /** Path relative to the root, `/`-separated. */
  path: string;
  /** Size in bytes. */
  bytes: number;
  /** The language, when known and the file is text. */
  language?: string;
  /** Line counts (text files in a known language only). */
  counts?: LineCounts;
}

/** Files the scan passed over, by reason. */
export interface ScanSkips {
  /** Paths excluded by `.gitignore`, `.ignore` or `.codegenignore` (directories count once). */
  ignored: number;
  /** Symlinks whose target is outside the root: never read. */
  symlinksOutside: string[];
  /** Files over the size cap, with their sizes. */
  tooLarge: Array<{ path: string; bytes: number }>;
  /** Files whose content is binary. */
  binary: string[];
  /** Files or directories that could not be read. */
  unreadable: string[];
}

/** The result of {@linkcode scanRepository}. */
export interface ScanResult {
  /** Text files, in walk order (directory by directory, sorted). */
  files: ScannedFile[];
  /** What was passed over. */
  skipped: ScanSkips;
}

/** Options of {@linkcode scanRepository}. */
export interface ScanOptions {
  /** Files larger than this many bytes are skipped and listed. @default {1048576} */
  maxFileBytes?: number;
  /** Stops the scan (it throws the signal's reason). */
  signal?: AbortSignal;
  /** Told the number of files seen so far, every 250 files. */
  onProgress?: (filesSeen: number) => void;
  /** Extra gitignore-style patterns applied from the root. */
  extraIgnores?: readonly string[];
}

const decoder = new TextDecoder();

/**
 * Scans the workspace once. Text files get a language and line counts; binary
 * files (detected by content, whatever their extension) and files over the
 * size cap are listed but not counted; symlinks leading out of the root are
 * listed and never read.
 *
 * @param root Real absolute path of the workspace root.
 * @param options Size cap, abort signal, progress callback.
 * @returns The files and what was skipped.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scanRepository } from "./scan_repository.ts";
 * const dir = await Deno.realPath(await Deno.makeTempDir());
 * await Deno.writeTextFile(`${dir}/app.py`, "# hi\nprint(1)\n");
 * await Deno.writeFile(`${dir}/blob.txt`, new Uint8Array([0, 1, 2]));
 * const scan = await scanRepository(dir);
 * assert.deepEqual(scan.files, [
 *   { path: "app.py", bytes: 14, language: "Python", counts: { code: 1, comment: 1, blank: 0, lines: 2 } },
 * ]);
 * assert.deepEqual(scan.skipped.binary, ["blob.txt"]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function scanRepository(
  root: string,
  options: ScanOptions = {},
): Promise<ScanResult> {
  const maxFileBytes = options.maxFileBytes ?? 1024 * 1024;
  const skipped: ScanSkips = {
    ignored: 0,
    symlinksOutside: [],
    tooLarge: [],
    binary: [],
    unreadable: [],
  };
  const onSkip = (path: string, reason: SkipReason): void => {
    if (reason === "ignored") skipped.ignored++;
    else if (reason === "symlink-outside") skipped.symlinksOutside.push(path);
    else if (reason === "unreadable") skipped.unreadable.push(path);
  };
  const files: ScannedFile[] = [];
  let seen = 0;
  for await (
    const entry of walkWorkspace(root, {
      ignoreFiles: ANALYSIS_IGNORE_FILES,
      extraIgnores: options.extraIgnores ?? [],
      signal: options.signal,
      onSkip,
    })
  ) {
    if (++seen % 250 === 0) options.onProgress?.(seen);
    const read = readTextFile(entry.absolute, maxFileBytes);
    if (read.kind === "unreadable") {
      skipped.unreadable.push(entry.path);
      continue;
    }
    if (read.kind === "too-large") {
      skipped.tooLarge.push({ path: entry.path, bytes: read.bytes });
      continue;
    }
    if (read.kind === "binary") {
      skipped.binary.push(entry.path);
      continue;
    }
    const text = read.text;
    const newline = text.indexOf("\n");
    const language = detectLanguage(entry.path, newline === -1 ? text : text.slice(0, newline));
    files.push(
      language === undefined
        ? { path: entry.path, bytes: read.bytes }
        : { path: entry.path, bytes: read.bytes, language, counts: countLines(text, language) },
    );
  }
  options.onProgress?.(seen);
  return { files, skipped };
}

/** What {@linkcode readTextFile} found. */
export type ReadOutcome =
  | { kind: "text"; text: string; bytes: number }
  | { kind: "binary"; bytes: number }
  | { kind: "too-large"; bytes: number }
  | { kind: "unreadable" };

/**
 * Reads a file as UTF-8 text unless it is over the size cap or binary.
 * Synchronous on purpose: for thousands of small files it is several times
 * faster than the async calls.
 *
 * @param absolute Absolute path.
 * @param maxFileBytes Size cap in bytes.
 * @returns The text, or why there is none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readTextFile } from "./scan_repository.ts";
 * const file = await Deno.makeTempFile();
 * await Deno.writeTextFile(file, "hello");
 * assert.deepEqual(readTextFile(file, 1024), { kind: "text", text: "hello", bytes: 5 });
 * assert.deepEqual(readTextFile(file, 2), { kind: "too-large", bytes: 5 });
 * await Deno.remove(file);
 * ```
 */
export function readTextFile(absolute: string, maxFileBytes: number): ReadOutcome {
  let bytes: Uint8Array;
  try {
    const size = Deno.statSync(absolute).size;
    if (size > maxFileBytes) return { kind: "too-large", bytes: size };
    bytes = Deno.readFileSync(absolute);
  } catch {
    return { kind: "unreadable" };
  }
  if (isBinary(bytes)) return { kind: "binary", bytes: bytes.length };
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return { kind: "text", text: decoder.decode(bytes.subarray(start)), bytes: bytes.length };
}
