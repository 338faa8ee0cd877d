/**
 * Type checking of an untrusted TypeScript snippet with `deno check`, in a
 * child process that is killed when it runs too long. The snippet is never
 * run: `deno check` only builds the module graph and type checks it.
 *
 * Confinement. The snippet is staged alone as `main.ts` (or `main.tsx`) in a
 * fresh temp dir that is removed afterwards. The child gets an empty
 * environment except `NO_COLOR=1`, a throwaway `DENO_DIR` inside that dir,
 * `DENO_NO_UPDATE_CHECK=1` and `DENO_NO_PACKAGE_JSON=1`. `--no-config
 * --no-lock --no-remote --no-npm` keep it off the project's config and the
 * network, and an import map sends every `file:` specifier to a missing
 * folder, so `import "/home/me/secret.ts"` or `/// <reference path>` fails
 * with TS2307 instead of reading the file into a type error message. Only
 * `node:` built-ins resolve.
 *
 * `.tsx` snippets are checked with Deno's defaults (`jsx: react`) and no
 * React types, so JSX reports TS7026 and TS2874 unless the snippet declares
 * its own `JSX` namespace.
 *
 * @module
 */

import { CancelledError } from "../core/mod.ts";
import type { SyntaxDiagnostic } from "./syntax_check.ts";

/** Options of {@linkcode typeCheck}. */
export interface TypeCheckOptions {
  /** How to stage the snippet: `main.ts` or `main.tsx`. */
  language: "typescript" | "tsx";
  /** Milliseconds before the child is killed (SIGKILL); a positive number. */
  timeoutMs: number;
  /** Aborting kills the child and makes the call throw {@linkcode CancelledError}. */
  signal?: AbortSignal;
}

/** What {@linkcode typeCheck} found. */
export interface TypeCheckResult {
  /** Diagnostics located in the snippet; `[]` when it checks clean. */
  diagnostics: SyntaxDiagnostic[];
  /** Wall time of the whole call, staging and clean-up included. */
  durationMs: number;
  /**
   * Whether a verdict was reached. `false` (with `diagnostics: []` and a
   * `note`) in a compiled binary, without `--allow-run` for Deno, when the
   * check timed out, or when `deno check` failed without diagnostics.
   */
  available: boolean;
  /** Why there is no verdict, when `available` is `false`. */
  note?: string;
}

/**
 * Type checks a snippet with `deno check` and returns its diagnostics.
 * Takes about 2–4 s, mostly Deno loading its type checker. Requires
 * `--allow-write` (temp dir) and `--allow-run` for `Deno.execPath()`; without
 * the latter, or in a `deno compile`d binary (whose executable is not Deno),
 * it returns `available: false` with a note rather than throwing.
 *
 * @param code The snippet's text.
 * @param options Language, timeout and abort signal.
 * @returns Diagnostics, duration, and whether a verdict was reached.
 * @throws {RangeError} When `timeoutMs` is not a positive number.
 * @throws {CancelledError} CANCELLED when `signal` aborts (the child is killed).
 *
 * @example Find a type error
 * ```ts
 * import assert from "node:assert/strict";
 * import { typeCheck } from "./type_check.ts";
 * const result = await typeCheck('const x: number = "s";', { language: "typescript", timeoutMs: 60_000 });
 * if (result.available) {
 *   assert.equal(result.diagnostics[0]?.code, "TS2322");
 *   assert.equal(result.diagnostics[0]?.column, 7);
 * } else {
 *   assert.match(result.note ?? "", /allow-run|compiled/);
 * }
 * ```
 */
export async function typeCheck(code: string, options: TypeCheckOptions): Promise<TypeCheckResult> {
  const { language, timeoutMs, signal } = options;
  if (!(timeoutMs > 0)) {
    throw new RangeError(
      `Cannot type check as 'timeoutMs' must be a positive number: current value is ${timeoutMs}`,
    );
  }
  if (signal?.aborted) throw new CancelledError("type_check");
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const unavailable = (note: string): TypeCheckResult => ({
    diagnostics: [],
    durationMs: elapsed(),
    available: false,
    note,
  });
  if (Deno.build.standalone) {
    return unavailable(
      "Type checking needs the Deno CLI; this is a compiled binary, so there is no `deno check` to run",
    );
  }
  const deno = Deno.execPath();
  if (Deno.permissions.querySync({ name: "run", command: deno }).state !== "granted") {
    return unavailable(`Type checking needs --allow-run for ${deno} (it runs \`deno check\`)`);
  }
  // The real path, so Deno's `at file:///…` matches it even where /tmp is a symlink.
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "codegen_lab_type_check_" }));
  let timedOut = false;
  let child: Deno.ChildProcess | undefined;
  const kill = (): void => {
    try {
      child?.kill("SIGKILL");
    } catch {
      // Already exited.
    }
  };
  const onTimeout = (): void => {
    timedOut = true;
    kill();
  };
  const timer = setTimeout(onTimeout, timeoutMs);
  signal?.addEventListener("abort", kill, { once: true });
  try {
    const file = `${dir}/main.${language === "tsx" ? "tsx" : "ts"}`;
    await Deno.writeTextFile(file, code);
    await Deno.writeTextFile(
      `${dir}/import_map.json`,
      JSON.stringify({ imports: { "file:///": "file:///__codegen_lab_no_local_imports__/" } }),
    );
    child = new Deno.Command(deno, {
      args: [
        "check",
        "--no-config",
        "--no-lock",
        "--no-remote",
        "--no-npm",
        "--quiet",
        `--import-map=${dir}/import_map.json`,
        file,
      ],
      cwd: dir,
      clearEnv: true,
      env: {
        NO_COLOR: "1",
        DENO_DIR: `${dir}/deno_dir`,
        DENO_NO_UPDATE_CHECK: "1",
        DENO_NO_PACKAGE_JSON: "1",
      },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    if (signal?.aborted || timedOut) kill();
    const output = await child.output();
    if (signal?.aborted) throw new CancelledError("type_check");
    if (timedOut) {
      return unavailable(`Type check timed out after ${timeoutMs} ms; deno check was killed`);
    }
    const decoder = new TextDecoder();
    const text = `${decoder.decode(output.stdout)}\n${decoder.decode(output.stderr)}`;
    const diagnostics = parseCheckOutput(text, { file });
    if (output.success || diagnostics.length > 0) {
      return { diagnostics, durationMs: elapsed(), available: true };
    }
    const firstLine = stripAnsi(text).split(/\r?\n/).find((line) => line.trim() !== "") ?? "";
    return unavailable(
      `deno check exited with code ${output.code} and no diagnostics: ${firstLine.trim()}`,
    );
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", kill);
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

/** Options of {@linkcode parseCheckOutput}. */
export interface ParseCheckOutputOptions {
  /** Keep only diagnostics in this file (a path or `file:` URL). @default {all files} */
  file?: string;
}

// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
const TS_HEADER = /^(TS\d+) \[(ERROR|WARNING)\]: (.*)$/;
const ERROR_HEADER = /^error: (.*)$/;
const LOCATION = /^ {4}at (.+):(\d+):(\d+)$/;
const MARKER = /^\s*[\^~]+\s*$/;
const CODE_FRAME = /^\s*\d*\s*\|/;

function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

/**
 * Parses `deno check` output into diagnostics. A `TS2322 [ERROR]: …` or
 * `error: …` header starts one; message-chain lines follow; the source line
 * and its `^`/`~` marker (or a `|` code frame) are dropped; the first
 * `    at file:///…:line:column` ends it. Related information (indented
 * further) is skipped, and so is any header without a location, such as
 * `error: Type checking failed.`. ANSI colours are stripped.
 *
 * @param output Deno's stdout and stderr, in any order.
 * @param options Which file to keep.
 * @returns The diagnostics, in output order, with 1-based positions.
 *
 * @example Parse one error
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseCheckOutput } from "./type_check.ts";
 * const output = [
 *   "TS2322 [ERROR]: Type 'string' is not assignable to type 'number'.",
 *   'const x: number = "s";',
 *   "      ^",
 *   "    at file:///tmp/x/main.ts:1:7",
 *   "",
 *   "error: Type checking failed.",
 * ].join("\n");
 * assert.deepEqual(parseCheckOutput(output), [{
 *   line: 1, column: 7, code: "TS2322", severity: "error",
 *   message: "Type 'string' is not assignable to type 'number'.",
 * }]);
 * ```
 */
export function parseCheckOutput(
  output: string,
  options: ParseCheckOutputOptions = {},
): SyntaxDiagnostic[] {
  const wanted = options.file === undefined ? undefined : toPath(options.file);
  const diagnostics: SyntaxDiagnostic[] = [];
  let current: { code?: string; severity: "error" | "warning"; lines: string[] } | undefined;
  for (const line of stripAnsi(output).split(/\r?\n/)) {
    const ts = TS_HEADER.exec(line);
    const error = ts ? null : ERROR_HEADER.exec(line);
    if (ts) {
      current = { code: ts[1], severity: ts[2] === "ERROR" ? "error" : "warning", lines: [ts[3]!] };
      continue;
    }
    if (error) {
      current = { severity: "error", lines: [error[1]!] };
      continue;
    }
    const at = current && LOCATION.exec(line);
    if (!current || !at) {
      current?.lines.push(line);
      continue;
    }
    const [head = "", ...rest] = current.lines;
    if (rest.length > 0 && MARKER.test(rest[rest.length - 1]!)) rest.splice(-2, 2);
    const chain = rest.filter((text) => text.trim() !== "" && !CODE_FRAME.test(text));
    if (wanted === undefined || toPath(at[1]!) === wanted) {
      diagnostics.push({
        line: Number(at[2]),
        column: Number(at[3]),
        message: [head, ...chain].join("\n"),
        ...(current.code === undefined ? {} : { code: current.code }),
        severity: current.severity,
      });
    }
    current = undefined;
  }
  return diagnostics;
}

function toPath(location: string): string {
  return location.startsWith("file:") ? decodeURIComponent(new URL(location).pathname) : location;
}
