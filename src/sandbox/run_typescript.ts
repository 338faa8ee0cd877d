/**
 * Runs a TypeScript or JavaScript snippet in a locked-down Deno subprocess.
 *
 * @module
 */
import { SandboxError } from "../core/mod.ts";
import { denoExecutable } from "./deno_exec.ts";
import { privilegeDrop, SANDBOX_UID } from "./_drop_privileges.ts";
import { hidePrefix, stageSnippet } from "./_stage_snippet.ts";
import { type ProcessOutcome, runLimited, type SandboxLimits } from "./run_process.ts";

/** The outcome of one sandboxed snippet. */
export interface SandboxRunResult extends ProcessOutcome {
  /** Per-test results, when tests were given. */
  tests?: Array<{ name: string; passed: boolean; message?: string }>;
  /** The language the snippet ran as. */
  language: "typescript" | "javascript";
}

/** Options of {@linkcode runTypeScript}. */
export interface RunTypeScriptOptions {
  /**
   * How to read the snippet (`main.ts` or `main.js`).
   * @default {"typescript"}
   */
  language?: "typescript" | "javascript";
  /** Text written to the snippet's stdin. */
  stdin?: string;
  /**
   * `Deno.test(...)` code run with `deno test` after the snippet; it may
   * import the snippet from `./main.ts` (or `./main.js`), else the two are
   * joined into one module so the tests see the snippet's functions.
   */
  tests?: string;
  /** Time, memory and output limits. */
  limits: SandboxLimits;
  /** Aborting it kills the run; the result then has `cancelled: true`. */
  signal?: AbortSignal;
  /**
   * Directory to create the run's temp directory in.
   * @default {the system temp directory}
   */
  tempRoot?: string;
}

/**
 * The `deno run` flags of a sandboxed run, before the module path.
 *
 * Nothing is granted but reading the snippet's own directory: `--allow-read`
 * of that directory alone (with `--no-prompt`, every other read throws
 * `NotCapable`), explicit `--deny-*` for write, net, env, run, ffi and sys (so
 * nothing can be granted later), `--no-remote`, `--no-npm` and
 * `--cached-only` (no imports from the network or a package registry),
 * `--no-config` and `--no-lock` (no `deno.json`, `package.json` or lock file
 * from a parent directory changes the run), `--no-check` (type checking is a
 * separate step), `--no-code-cache` (the throwaway cache is never reused) and
 * a V8 heap cap of `memoryMb`, which applies to each isolate, workers
 * included; memory outside the heap (ArrayBuffers, WebAssembly, workers) is
 * left to the RSS watchdog.
 *
 * @param codeDir The directory holding the snippet (the only readable path).
 * @param memoryMb The V8 old-space cap in MiB.
 * @returns The flags.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sandboxFlags } from "./run_typescript.ts";
 * assert.ok(sandboxFlags("/tmp/run/code", 128).includes("--allow-read=/tmp/run/code"));
 * ```
 */
export function sandboxFlags(codeDir: string, memoryMb: number): string[] {
  return [
    "run",
    "--no-prompt",
    `--allow-read=${codeDir}`,
    "--deny-write",
    "--deny-net",
    "--deny-env",
    "--deny-run",
    "--deny-ffi",
    "--deny-sys",
    "--no-remote",
    "--no-npm",
    "--cached-only",
    "--no-config",
    "--no-lock",
    "--no-check",
    "--no-code-cache",
    `--v8-flags=--max-old-space-size=${memoryMb}`,
  ];
}

/**
 * Runs `code` in a fresh Deno subprocess that may read only its own staged
 * copy, under `limits` (wall time, summed RSS, captured output).
 *
 * The snippet is written to `main.ts` (or `main.js`) in a new directory made
 * by `Deno.makeTempDir` (never a user-controlled directory: `--allow-read`
 * follows symlinks), next to a fixed entry module that imports it with a
 * computed specifier, so that Deno checks `--allow-read` for everything the
 * snippet imports (the main module's static graph is exempt). Its first line
 * gets `import.meta.main=true;`, hidden again from error output, so
 * `if (import.meta.main)` still runs; `Deno.mainModule` names the entry. The child gets only `DENO_DIR` (an empty throwaway cache
 * outside the readable directory) and `NO_COLOR=1`. As root, the child runs
 * as `nobody` through `setpriv` when that is available. The directory is
 * removed afterwards, also after a time-out or cancellation.
 *
 * Requires `--allow-write` and `--allow-read` on the temp root, and
 * `--allow-run` for the Deno runtime, `bash` (the memory watchdog) and,
 * optionally, `setpriv`.
 *
 * @param code The snippet.
 * @param options Language, stdin, limits, abort signal and temp root.
 * @returns The outcome and the language.
 * @throws {SandboxError} SANDBOX_FAILED when the snippet cannot be staged
 * (also when, running as nobody, `tempRoot` is not searchable by others) or
 * the runtime or watchdog cannot start.
 *
 * @example Run a snippet
 * ```ts ignore
 * import { runTypeScript } from "./run_typescript.ts";
 * const result = await runTypeScript("console.log(1 + 1)", {
 *   limits: { timeoutMs: 5000, memoryMb: 128, outputBytes: 65536 },
 * });
 * // result.stdout === "2\n", result.exitCode === 0
 * ```
 */
export async function runTypeScript(
  code: string,
  options: RunTypeScriptOptions,
): Promise<SandboxRunResult> {
  const { language = "typescript", stdin, tests, limits, signal, tempRoot } = options;
  const deno = denoExecutable();
  // setpriv execs the runtime itself, so it can take the absolute path whatever --allow-run names.
  const drop = await privilegeDrop(deno === "deno" ? Deno.execPath() : deno);
  let runDir: string;
  try {
    runDir = await Deno.realPath(
      await Deno.makeTempDir({
        prefix: "codegen_lab_sandbox_",
        ...(tempRoot ? { dir: tempRoot } : {}),
      }),
    );
  } catch (error) {
    throw new SandboxError("Cannot stage the snippet: creating a temp directory failed", {
      hint: "Allow --allow-write and --allow-read on the temp directory (or pass tempRoot)",
      cause: error,
    });
  }
  try {
    const codeDir = `${runDir}/code`;
    const denoDir = `${runDir}/deno_dir`;
    await Deno.mkdir(codeDir);
    await Deno.mkdir(denoDir);
    const extension = language === "typescript" ? "ts" : "js";
    const staged = await stageSnippet(codeDir, code, extension);
    if (tests !== undefined) await stageTests(codeDir, staged, code, tests, extension);
    if (drop) {
      await assertSearchable(runDir);
      // nobody must traverse the run dir, read the files and fill its cache.
      await Deno.chmod(runDir, 0o755);
      await Deno.chmod(codeDir, 0o755);
      await Deno.chmod(staged.main, 0o644);
      await Deno.chmod(staged.entry, 0o644);
      await Deno.chown(denoDir, SANDBOX_UID, SANDBOX_UID);
    }
    const flags = sandboxFlags(codeDir, limits.memoryMb);
    // Same walls for tests: only the subcommand changes, plus a reporter we can read.
    const args = tests === undefined ? [...flags, staged.entry] : [
      "test",
      "--reporter=tap",
      ...flags.slice(1).filter((f) => f !== "--no-code-cache"),
      staged.entry,
    ];
    const outcome = await runLimited(drop?.command ?? deno, {
      args: drop ? [...drop.args, ...args] : args,
      cwd: codeDir,
      env: { DENO_DIR: denoDir, NO_COLOR: "1" },
      clearEnv: true,
      ...(stdin === undefined ? {} : { input: stdin }),
      limits,
      ...(signal ? { signal } : {}),
    });
    const result: SandboxRunResult = {
      ...outcome,
      stderr: hidePrefix(outcome.stderr, staged.main),
      language,
    };
    return tests === undefined ? result : { ...result, tests: parseTap(outcome.stdout) };
  } finally {
    await Deno.remove(runDir, { recursive: true }).catch(() => {});
  }
}

/** Every ancestor of `dir` must let other users pass, or nobody cannot run the snippet. */
async function assertSearchable(dir: string): Promise<void> {
  const parts = dir.split("/").filter((part) => part !== "");
  for (let i = 0; i < parts.length; i++) {
    const ancestor = `/${parts.slice(0, i).join("/")}`;
    let mode: number | null = null;
    try {
      mode = (await Deno.stat(ancestor)).mode;
    } catch {
      continue; // not allowed to look: the run will tell
    }
    if (mode !== null && (mode & 0o001) === 0) {
      throw new SandboxError(
        `Cannot run the snippet as nobody: "${ancestor}" is not searchable by other users`,
        {
          hint:
            "Pass a tempRoot that others can traverse (chmod o+x), such as the system temp directory",
        },
      );
    }
  }
}

/**
 * Stages tests for `deno test`: the entry then imports `main_test.*`, which
 * either imports the snippet itself or carries it (joined) when it does not.
 */
async function stageTests(
  codeDir: string,
  staged: { entry: string; main: string },
  code: string,
  tests: string,
  extension: "ts" | "js",
): Promise<void> {
  const importsMain = /from\s*["']\.\/main(\.[jt]s)?["']|import\s*\(\s*["']\.\/main/.test(tests);
  const testFile = `${codeDir}/main_test.${extension}`;
  await Deno.writeTextFile(testFile, importsMain ? tests : `${code}\n\n${tests}\n`);
  const entry = await Deno.readTextFile(staged.entry);
  await Deno.writeTextFile(
    staged.entry,
    entry.replace(`"./main.${extension}"`, `"./main_test.${extension}"`),
  );
  await Deno.chmod(testFile, 0o644);
}

/** Per-test results from `deno test --reporter=tap` output. */
function parseTap(stdout: string): Array<{ name: string; passed: boolean; message?: string }> {
  const results: Array<{ name: string; passed: boolean; message?: string }> = [];
  const lines = stdout.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const match = /^(not )?ok \d+ - (.*)$/.exec(lines[i]!);
    if (match === null) continue;
    const passed = match[1] === undefined;
    let message: string | undefined;
    if (!passed && lines[i + 1]?.trim() === "---") {
      try {
        const detail = JSON.parse(lines[i + 2]?.trim() ?? "") as { message?: string };
        message = detail.message?.split("\n")[0];
      } catch { /* no detail */ }
    }
    results.push({ name: match[2]!, passed, ...(message ? { message } : {}) });
  }
  return results;
}
