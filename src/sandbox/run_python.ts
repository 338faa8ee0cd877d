/**
 * Runs Python in Pyodide inside a child Deno that has no permissions, under
 * the limits of {@linkcode startLimitedProcess}, with a pool of pre-started
 * children so most runs skip Pyodide's start.
 *
 * The child (`_pyodide_child.ts`) is spawned, with a cleared environment but
 * for `DENO_DIR` (the host's cache, so `--cached-only` finds Pyodide) and
 * `DENO_NO_PACKAGE_JSON=1`, as `deno run <flags> _pyodide_child.ts …`:
 *
 * - `--no-config --no-lock`: no `deno.json`, import map or lockfile near the
 *   working directory can change what the child loads (so the child imports
 *   `npm:pyodide@314.0.7` by its full specifier).
 * - `--cached-only --no-remote --deny-import`: nothing is downloaded and no
 *   remote module can be imported.
 * - `--no-prompt`: a denied permission is an error, never a question, and a
 *   revoked one cannot be asked back.
 * - `--allow-read=<pyodide dir>[,<snapshot>]`: Pyodide reads its `.wasm`, its
 *   `.zip` standard library and its lock file from `indexURL`, the cached npm
 *   package directory (and a pool's children their memory snapshot).
 * - `--allow-write=<ready file>`: the readiness signal, since a pre-started
 *   child has no other channel before `run()`. The child deletes `Deno`,
 *   `fetch` and the other outside-reaching globals, writes the file, then
 *   revokes its read and write grants before it reads the job: the snippet
 *   runs with no permission at all.
 * - `--deny-net --deny-env --deny-run --deny-ffi --deny-sys`: Pyodide starts
 *   without them (tried), and they can never be granted later.
 * - `--v8-flags=--max-old-space-size=<memoryMb>`: caps the JS heap. The RSS
 *   watchdog covers the rest; the child also caps wasm memory growth, so a
 *   Python memory bomb ends in `MemoryError`.
 *
 * A pool (size ≥ 1) first has one child load Pyodide from scratch (about 5 s)
 * and write a memory snapshot into the pool's temp dir; its children then load
 * from it in about 1 s. The snapshot is of a fresh interpreter that never ran
 * user code; each child reseeds `random`. A loaded child holds 150-200 MiB,
 * so `memoryMb` must be at least 200.
 *
 * Requires `--allow-run` (Deno and the watchdog's helper), `--allow-read` and
 * `--allow-write` (a temp dir for ready files and the snapshot), and Pyodide
 * in Deno's cache (`deno cache --no-config --no-lock npm:pyodide@314.0.7`).
 *
 * @module
 */
import { SandboxError } from "../core/mod.ts";
import type { PythonJob } from "./_pyodide_child.ts";
import {
  CHILD,
  closedError,
  PYODIDE,
  type PyodidePaths,
  pyodidePaths,
  spawnChild,
  waitForReadyFile,
} from "./_pyodide_spawn.ts";
import { cancelledResult, toResult } from "./_python_result.ts";
import type { LimitedProcess, ProcessOutcome, SandboxLimits } from "./run_process.ts";

/** The result of one Python run: the process outcome plus what Python said. */
export interface PythonRunResult extends ProcessOutcome {
  /** Always `python`. */
  language: "python";
  /** The uncaught exception (or syntax error) that ended the program; 1-based. */
  error?: { type: string; message: string; line?: number; column?: number };
  /** Per-test results in definition order (mode `test`). */
  tests?: Array<{ name: string; passed: boolean; message?: string }>;
  /** A pre-started, already loaded child ran it. */
  warm: boolean;
}

/** A Python job. */
export interface PythonRunJob {
  /** The Python source. */
  code: string;
  /** Text served to `sys.stdin` (then end-of-file). */
  stdin?: string;
  /**
   * `run` executes the code; `test` then calls each top-level `test_*`
   * function and reports it as passed or failed (plain `assert`s).
   * @default {"run"}
   */
  mode?: "run" | "test";
}

/** Options of {@linkcode PythonPool}. */
export interface PythonPoolOptions {
  /** Children kept loaded and waiting; 0 starts one per run. */
  size: number;
  /**
   * JS heap cap of each child (`--max-old-space-size`), in MiB, at least 200;
   * set it to the largest `memoryMb` the runs will use.
   * @default {256}
   */
  memoryMb?: number;
  /**
   * @internal Delete `Deno`, `fetch`, … before the job. Tests turn it off to
   * show that the permission flags alone deny everything.
   * @default {true}
   */
  hardenGlobals?: boolean;
}

/** A loaded Pyodide child holds 150-200 MiB of RSS before the snippet runs. */
const MIN_MEMORY_MB = 200;
/** Room on the host's output cap for the result frame. */
const FRAME_ROOM_BYTES = 1024 * 1024;

interface Child {
  /** Set once the paths are known and the process is spawned. */
  process: LimitedProcess | undefined;
  readyFile: string;
  ready: Promise<void>;
  isReady: boolean;
}

/**
 * Pre-started Pyodide children. `run()` takes a loaded child when one is
 * waiting (`warm: true`), else starts one and waits up to 30 s for it to load
 * (`warm: false`); `limits.timeoutMs` counts from the moment the loaded child
 * gets the job, so a cold start never eats into it. Each child runs one job
 * and exits, so nothing leaks from one run to the next; the pool then starts
 * a replacement in the background.
 *
 * @example Warm runs
 * ```ts ignore
 * import { PythonPool } from "./run_python.ts";
 * const pool = new PythonPool({ size: 1 });
 * await pool.warmUp();
 * const limits = { timeoutMs: 5000, memoryMb: 256, outputBytes: 65536 };
 * const out = await pool.run({ code: "print(6 * 7)" }, limits);
 * // out.stdout === "42\n", out.warm === true
 * await pool.close();
 * ```
 */
export class PythonPool {
  #size: number;
  #memoryMb: number;
  #harden: boolean;
  #idle: Child[] = [];
  #live = new Set<Child>();
  #closed = false;
  #closing: Promise<void> | undefined;
  /** Every process this pool spawned and has not yet seen dead (children and snapshot maker). */
  #processes = new Set<LimitedProcess>();
  #dir: Promise<string> | undefined;
  #dirPath: string | undefined;
  #snapshot: Promise<string | undefined> | undefined;
  #serial = 0;
  #stats = { warmHits: 0, coldStarts: 0 };

  /**
   * @param options Pool size and the children's heap cap.
   * @throws {RangeError} When `size` is not an integer from 0 to 16.
   */
  constructor(options: PythonPoolOptions) {
    const { size, memoryMb = 256, hardenGlobals = true } = options;
    if (!Number.isInteger(size) || size < 0 || size > 16) {
      throw new RangeError(
        `Cannot create the Python pool as 'size' must be an integer from 0 to 16: current value is ${size}`,
      );
    }
    this.#size = size;
    // Pyodide's own JS heap needs room whatever the runs' limit (run() checks that).
    this.#memoryMb = Math.max(MIN_MEMORY_MB, Math.trunc(memoryMb));
    this.#harden = hardenGlobals;
  }

  /**
   * @internal The pool's temp dir (ready files, snapshot; the children's working
   * directory), once made. Tests use it to find this pool's processes.
   */
  get tempDir(): string | undefined {
    return this.#dirPath;
  }

  /** Runs that found a loaded child, and runs that had to wait for one to load. */
  get stats(): { warmHits: number; coldStarts: number } {
    return { ...this.#stats };
  }

  /**
   * Runs one job in a fresh interpreter.
   *
   * @param job The code, its stdin and the mode.
   * @param limits Time (from the job's start), memory and output limits.
   * @param signal Aborting it kills the child (`cancelled: true`).
   * @returns Output, limits hit, the uncaught exception and test results.
   * @throws {SandboxError} SANDBOX_FAILED when the pool is closed, Pyodide is
   * not cached, a child cannot start or load, or `limits.memoryMb` is below 200.
   */
  async run(
    job: PythonRunJob,
    limits: SandboxLimits,
    signal?: AbortSignal,
  ): Promise<PythonRunResult> {
    const { code, stdin, mode = "run" } = job;
    const [result] = await this.#run({ code, stdin, mode }, limits, signal);
    return result;
  }

  /**
   * Compiles `code` (`compile(code, "<snippet>", "exec")`) without running it.
   *
   * @param code Python source.
   * @param limits Limits of the compiling child.
   * @returns The syntax error (1-based line and column), or an empty list.
   * @throws {SandboxError} SANDBOX_FAILED when the child could not compile.
   */
  async compile(
    code: string,
    limits: SandboxLimits,
  ): Promise<{ line: number; column: number; message: string }[]> {
    const [out, answered] = await this.#run({ code, mode: "compile" }, limits);
    if (answered && out.error === undefined) return [];
    if (answered && out.error !== undefined) {
      const { line = 1, column = 1, message, type } = out.error;
      return [{ line, column, message: type === "SyntaxError" ? message : `${type}: ${message}` }];
    }
    throw new SandboxError("Cannot compile the Python code: the Pyodide process failed", {
      hint: out.timedOut
        ? "Raise sandbox.timeoutMs"
        : `Run it again; if it keeps failing, check \`deno cache --no-config --no-lock ${PYODIDE}\``,
      data: { exitCode: out.exitCode, signal: out.signal, stderr: out.stderr.slice(-2000) },
    });
  }

  /**
   * Starts children until `size` are waiting, and waits until they are loaded.
   *
   * @throws {SandboxError} SANDBOX_FAILED when a child cannot start or load.
   */
  async warmUp(): Promise<void> {
    this.#fill();
    await Promise.all(this.#idle.map((child) => child.ready));
  }

  /**
   * Kills every child, waiting, loading or running, and the snapshot maker, waits
   * for the starts under way to give up, and removes the temp dir. When it
   * resolves no process of the pool is alive, and none will be started. Idempotent.
   */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown(): Promise<void> {
    // From here #spawnProcess refuses, so the set below can only shrink.
    this.#closed = true;
    this.#idle = [];
    const starting = [...this.#live].map((child) => child.ready);
    this.#live.clear();
    await this.#killAll();
    // A start between two awaits sees #closed at its next step and stops; wait for
    // that, so nothing of the pool still runs (or polls the dir) after close().
    await Promise.allSettled([...starting, this.#snapshot]);
    await this.#killAll();
    const dir = await this.#dir?.catch(() => undefined);
    if (dir !== undefined) await Deno.remove(dir, { recursive: true }).catch(() => {});
  }

  async #killAll(): Promise<void> {
    await Promise.all([...this.#processes].map(async (process) => {
      await process.kill();
      this.#processes.delete(process);
    }));
  }

  /** Spawns a child unless the pool is closed; close() kills whatever this returned. */
  #spawnProcess(paths: PyodidePaths, dir: string, rest: string[]): LimitedProcess {
    if (this.#closed) throw closedError();
    const process = spawnChild(paths, dir, rest);
    this.#processes.add(process);
    return process;
  }

  /** One job; the flag says whether the child answered with a result frame. */
  async #run(
    job: Omit<PythonJob, "nonce" | "maxOutputBytes" | "memoryMb">,
    limits: SandboxLimits,
    signal?: AbortSignal,
  ): Promise<[PythonRunResult, boolean]> {
    if (limits.memoryMb < MIN_MEMORY_MB) {
      throw new SandboxError(
        `Cannot run Python in ${limits.memoryMb} MiB: a Pyodide process needs at least ${MIN_MEMORY_MB} MiB`,
        { hint: `Raise sandbox.memoryMb (or the run's memoryMb) to ${MIN_MEMORY_MB} or more` },
      );
    }
    const waiting = performance.now();
    const child = this.#take();
    const warm = child.isReady;
    if (warm) this.#stats.warmHits++;
    else this.#stats.coldStarts++;
    try {
      if (!warm && await this.#abortedBeforeReady(child, signal)) {
        return [cancelledResult(performance.now() - waiting), false];
      }
      const nonce = crypto.randomUUID();
      const input = JSON.stringify(
        {
          ...job,
          nonce,
          maxOutputBytes: limits.outputBytes,
          memoryMb: limits.memoryMb,
        } satisfies PythonJob,
      );
      const outcome = await child.process!.run(
        input,
        { ...limits, outputBytes: limits.outputBytes + FRAME_ROOM_BYTES },
        signal,
      );
      return toResult(outcome, nonce, limits, warm);
    } finally {
      // After the caller has its result: a spawn costs several milliseconds.
      setTimeout(() => {
        this.#retire(child).catch(() => {});
        this.#fill();
      }, 0);
    }
  }

  /** A waiting child (loaded first, then the oldest), or a new one. */
  #take(): Child {
    if (this.#closed) throw closedError();
    const index = this.#idle.findIndex((child) => child.isReady);
    const [child] = this.#idle.splice(index === -1 ? 0 : index, 1);
    return child ?? this.#spawn();
  }

  /** Waits for a child to load; true when the signal aborted first. */
  async #abortedBeforeReady(child: Child, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return true;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<boolean>((resolve) => {
      onAbort = () => resolve(true);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
    try {
      return await Promise.race([child.ready.then(() => false), aborted]);
    } finally {
      if (onAbort !== undefined) signal?.removeEventListener("abort", onAbort);
    }
  }

  async #retire(child: Child): Promise<void> {
    this.#live.delete(child);
    const process = child.process;
    if (process !== undefined) {
      await process.kill();
      this.#processes.delete(process);
    }
    if (child.readyFile !== "") await Deno.remove(child.readyFile).catch(() => {});
  }

  /** Starts children in the background until `size` are waiting. */
  #fill(): void {
    while (!this.#closed && this.#idle.length < this.#size) {
      const child = this.#spawn();
      this.#idle.push(child);
      child.ready.catch(() => {
        // Dropped; the next run() starts a fresh child and reports the error.
        this.#idle = this.#idle.filter((other) => other !== child);
        this.#retire(child).catch(() => {});
      });
    }
  }

  #spawn(): Child {
    const serial = ++this.#serial;
    const child: Child = {
      process: undefined,
      readyFile: "",
      isReady: false,
      ready: Promise.resolve(),
    };
    const gone = (): boolean => this.#closed || !this.#live.has(child);
    child.ready = (async () => {
      const [paths, dir] = await Promise.all([pyodidePaths(), this.#tempDir()]);
      const snapshot = await this.#makeSnapshot(paths, dir);
      if (gone()) throw closedError();
      child.readyFile = `${dir}/ready-${serial}`;
      child.process = this.#spawnProcess(paths, dir, [
        `--allow-read=${paths.pyodideDir}${snapshot === undefined ? "" : `,${snapshot}`}`,
        `--allow-write=${child.readyFile}`,
        `--v8-flags=--max-old-space-size=${this.#memoryMb}`,
        CHILD,
        paths.pyodideDir,
        child.readyFile,
        ...(snapshot === undefined ? [] : [`--snapshot=${snapshot}`]),
        ...(this.#harden ? [] : ["--keep-globals"]),
      ]);
      await waitForReadyFile(child.readyFile, gone, child.process.exited);
      child.isReady = true;
    })();
    child.ready.catch(() => {}); // awaited by whoever needs it
    this.#live.add(child);
    return child;
  }

  /**
   * A memory snapshot of a freshly loaded Pyodide, made once per pool by a
   * child that runs no job: later children load from it in under a second
   * instead of about five. Skipped for size 0 (one cold run would pay twice);
   * undefined when it cannot be made (children then load from scratch).
   */
  #makeSnapshot(paths: PyodidePaths, dir: string): Promise<string | undefined> {
    if (this.#size === 0) return Promise.resolve(undefined);
    this.#snapshot ??= (async () => {
      const file = `${dir}/pyodide.snapshot`;
      const readyFile = `${dir}/snapshot-ready`;
      if (this.#closed) return undefined;
      const maker = this.#spawnProcess(paths, dir, [
        `--allow-read=${paths.pyodideDir}`,
        `--allow-write=${readyFile},${file}`,
        CHILD,
        paths.pyodideDir,
        readyFile,
        `--make-snapshot=${file}`,
      ]);
      try {
        await waitForReadyFile(readyFile, () => this.#closed, maker.exited);
        return file;
      } catch {
        return undefined;
      } finally {
        await maker.kill();
        this.#processes.delete(maker);
      }
    })();
    return this.#snapshot;
  }

  #tempDir(): Promise<string> {
    this.#dir ??= Deno.makeTempDir({ prefix: "codegen_lab_python_" }).then((dir) => {
      this.#dirPath = dir;
      return dir;
    });
    return this.#dir;
  }
}

/**
 * Runs one Python job in a fresh child (cold: Pyodide loads first, which is
 * not counted in `limits.timeoutMs`), then stops it. For repeated runs keep a
 * {@linkcode PythonPool}.
 *
 * @param job The code, its stdin and the mode.
 * @param limits Time (from the job's start), memory and output limits.
 * @param signal Aborting it kills the child.
 * @returns Output, limits hit, the uncaught exception and test results.
 * @throws {SandboxError} SANDBOX_FAILED when Pyodide cannot start.
 *
 * @example A one-off run
 * ```ts ignore
 * import { runPython } from "./run_python.ts";
 * const out = await runPython({ code: "print(input())", stdin: "hi" }, { timeoutMs: 5000, memoryMb: 256, outputBytes: 65536 });
 * // out.stdout === "hi\n", out.warm === false
 * ```
 */
export async function runPython(
  job: PythonRunJob,
  limits: SandboxLimits,
  signal?: AbortSignal,
): Promise<PythonRunResult> {
  const pool = new PythonPool({ size: 0, memoryMb: limits.memoryMb });
  try {
    return await pool.run(job, limits, signal);
  } finally {
    await pool.close();
  }
}
