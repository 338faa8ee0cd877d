/**
 * Runs a child process under hard limits: wall time, memory (RSS of the
 * child and its descendants) and captured output, with cancellation. Every
 * limit ends in SIGKILL of the child's whole process group, so a child that
 * ignores SIGTERM, or that started grandchildren, leaves nothing behind.
 *
 * @module
 */
import { SandboxError } from "../core/mod.ts";
import { Capture } from "./_capture.ts";
import {
  defaultWatchdogMode,
  type RssWatchdog,
  startRssWatchdog,
  type WatchdogMode,
  watchdogProgram,
} from "./_rss_watchdog.ts";

/** Limits of one run. */
export interface SandboxLimits {
  /** Wall-clock limit in milliseconds, counted from `run()`. */
  timeoutMs: number;
  /** Limit on the summed RSS of the child and its descendants, in MiB. */
  memoryMb: number;
  /** Bytes of stdout, and separately of stderr, to keep; more kills the child. */
  outputBytes: number;
}

/** What happened in one run. */
export interface ProcessOutcome {
  /** Captured stdout (decoded as UTF-8). */
  stdout: string;
  /** Captured stderr (decoded as UTF-8). */
  stderr: string;
  /** Exit code, or null when a signal ended the child. */
  exitCode: number | null;
  /** The signal that ended the child (`SIGKILL` after any limit), or null. */
  signal: string | null;
  /** The wall-clock limit ended the run. */
  timedOut: boolean;
  /** The memory watchdog ended the run. */
  memoryExceeded: boolean;
  /**
   * stdout or stderr went past `outputBytes` (the child was then killed); the
   * cut stream ends with a final line `…[output truncated at N bytes]`.
   */
  truncated: boolean;
  /** Milliseconds from `run()` to the child's exit. */
  durationMs: number;
  /** Highest summed RSS the watchdog saw, in MiB (sampled every ~50 ms). */
  peakRssMb: number;
  /** The caller's AbortSignal ended the run. */
  cancelled: boolean;
}

/** A spawned child that waits for {@linkcode LimitedProcess.run}. */
export interface LimitedProcess {
  /** Pid of the child; it leads its own session and process group. */
  readonly pid: number;
  /** Resolves when the child exits, for whatever reason (before or during `run`). */
  readonly exited: Promise<Deno.CommandStatus>;
  /**
   * Starts the limits, writes `input` to stdin and closes it, and resolves
   * when the child has exited and its process group is gone. Call once.
   */
  run(
    input: string | Uint8Array | undefined,
    limits: SandboxLimits,
    signal?: AbortSignal,
  ): Promise<ProcessOutcome>;
  /** Kills the process group with SIGKILL and waits for the child. Idempotent. */
  kill(): Promise<void>;
}

/** How to spawn a limited child. */
export interface StartLimitedProcessOptions {
  /** Arguments after the command. */
  args: string[];
  /** Working directory of the child. */
  cwd: string;
  /** Environment of the child. */
  env: Record<string, string>;
  /**
   * Start from an empty environment, so only `env` reaches the child.
   * @default {true}
   */
  clearEnv?: boolean;
  /** @internal How the memory watchdog samples (tests only). */
  watchdogMode?: WatchdogMode;
}

/** Options of {@linkcode runLimited}. */
export interface RunLimitedOptions extends StartLimitedProcessOptions {
  /** Written to stdin, which is then closed. */
  input?: string | Uint8Array;
  /** Limits of the run. */
  limits: SandboxLimits;
  /** Aborting it kills the child; the outcome then has `cancelled: true`. */
  signal?: AbortSignal;
}

/**
 * Spawns `command` now, in a new session and process group (`detached: true`
 * makes the child call `setsid()`), with piped stdio. Limits, timer and
 * watchdog start only at `run()`, so a pool can pre-start and warm a child.
 *
 * Requires `--allow-run` for `command` and for the watchdog's helper (`bash`
 * on Linux, `ps` elsewhere).
 *
 * @param command Program to run.
 * @param options Arguments, working directory and environment.
 * @returns The waiting child.
 * @throws {SandboxError} SANDBOX_FAILED when the child or the watchdog helper
 * may not be run, or the spawn fails.
 *
 * @example Pre-start a child, then run it
 * ```ts ignore
 * import { startLimitedProcess } from "./run_process.ts";
 * const child = startLimitedProcess("cat", { args: [], cwd: "/", env: {} });
 * const out = await child.run("hi", { timeoutMs: 1000, memoryMb: 64, outputBytes: 1024 });
 * // out.stdout === "hi"
 * ```
 */
export function startLimitedProcess(
  command: string,
  options: StartLimitedProcessOptions,
): LimitedProcess {
  const { args, cwd, env, clearEnv = true, watchdogMode = defaultWatchdogMode() } = options;
  const helper = watchdogProgram(watchdogMode);
  if (Deno.permissions.querySync({ name: "run", command: helper }).state !== "granted") {
    throw new SandboxError(`Cannot start the memory watchdog: running "${helper}" is not allowed`, {
      hint: `Allow --allow-run=${helper} (the watchdog samples the child's memory with it)`,
    });
  }
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(command, {
      args,
      cwd,
      env,
      clearEnv,
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
      detached: true,
    }).spawn();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SandboxError(`Cannot start "${command}": ${message.split("\n", 1)[0]}`, {
      hint: `Check that "${command}" is installed and allowed with --allow-run`,
      cause: error,
    });
  }
  return new LimitedChild(child, watchdogMode);
}

/**
 * Spawns `command` and runs it under `limits` (see
 * {@linkcode startLimitedProcess} for permissions).
 *
 * @param command Program to run.
 * @param options Arguments, environment, input, limits and abort signal.
 * @returns The outcome.
 * @throws {SandboxError} SANDBOX_FAILED when the child or watchdog cannot run.
 * @throws {RangeError} When a limit is not a positive integer.
 *
 * @example A time-out kills the whole process group
 * ```ts ignore
 * import { runLimited } from "./run_process.ts";
 * const out = await runLimited("bash", {
 *   args: ["-c", "sleep 1000 & sleep 1000"], cwd: "/", env: {},
 *   limits: { timeoutMs: 500, memoryMb: 64, outputBytes: 1024 },
 * });
 * // out.timedOut === true, out.signal === "SIGKILL"; both sleeps are gone
 * ```
 */
export async function runLimited(
  command: string,
  options: RunLimitedOptions,
): Promise<ProcessOutcome> {
  const { input, limits, signal, ...spawn } = options;
  checkLimits(limits);
  const child = startLimitedProcess(command, spawn);
  try {
    return await child.run(input, limits, signal);
  } finally {
    await child.kill();
  }
}

/** Pipes held by an escaped descendant are cut this long after the exit. */
const DRAIN_GRACE_MS = 250;

class LimitedChild implements LimitedProcess {
  #child: Deno.ChildProcess;
  #mode: WatchdogMode;
  #state: "idle" | "running" | "done" = "idle";
  #killed: Promise<void> | undefined;

  constructor(child: Deno.ChildProcess, mode: WatchdogMode) {
    this.#child = child;
    this.#mode = mode;
  }

  get exited(): Promise<Deno.CommandStatus> {
    return this.#child.status;
  }

  get pid(): number {
    return this.#child.pid;
  }

  #killGroup(): void {
    try {
      Deno.kill(-this.#child.pid, "SIGKILL");
    } catch {
      // The group is already gone, or `Deno.kill()` is denied (it needs the whole
      // `--allow-run`, which a narrow `--allow-run=deno,…` is not): kill the child itself.
      try {
        this.#child.kill("SIGKILL");
      } catch {
        // It has exited.
      }
    }
  }

  async run(
    input: string | Uint8Array | undefined,
    limits: SandboxLimits,
    signal?: AbortSignal,
  ): Promise<ProcessOutcome> {
    checkLimits(limits);
    if (this.#state !== "idle") {
      throw new TypeError("Cannot run the process: run() or kill() was already called");
    }
    this.#state = "running";
    const started = performance.now();
    let timedOut = false;
    let memoryExceeded = false;
    let cancelled = false;
    let watchdogLost = false;
    const kill = (): void => this.#killGroup();
    const stdout = new Capture(this.#child.stdout, limits.outputBytes, kill);
    const stderr = new Capture(this.#child.stderr, limits.outputBytes, kill);
    let watchdog: RssWatchdog | undefined;
    let spawnError: unknown;
    try {
      watchdog = startRssWatchdog(this.pid, limits.memoryMb * 1024, () => {
        memoryExceeded = true;
        kill();
      }, () => {
        watchdogLost = true;
        kill();
      }, this.#mode);
    } catch (error) {
      spawnError = error;
      kill();
    }
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, limits.timeoutMs);
    const onAbort = (): void => {
      cancelled = true;
      kill();
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    const writing = writeInput(this.#child.stdin, input);

    const status = await this.#child.status;
    const durationMs = Math.round(performance.now() - started);
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
    kill(); // descendants that outlived the child
    await watchdog?.stop();
    await writing;
    const drained = Promise.all([stdout.done, stderr.done]);
    let grace: ReturnType<typeof setTimeout> | undefined;
    const late = await Promise.race([
      drained.then(() => false),
      new Promise<boolean>((resolve) => grace = setTimeout(() => resolve(true), DRAIN_GRACE_MS)),
    ]);
    clearTimeout(grace);
    if (late) await Promise.all([stdout.cancel(), stderr.cancel()]);
    this.#state = "done";

    if (spawnError !== undefined || watchdogLost) {
      throw new SandboxError("Cannot watch the sandboxed process: the memory watchdog failed", {
        hint: `Check that "${
          watchdogProgram(this.#mode)
        }" is installed and allowed with --allow-run`,
        cause: spawnError,
      });
    }
    return {
      stdout: stdout.text(),
      stderr: stderr.text(),
      exitCode: status.signal === null ? status.code : null,
      signal: status.signal,
      timedOut,
      memoryExceeded: memoryExceeded || (watchdog?.exceeded ?? false),
      truncated: stdout.truncated || stderr.truncated,
      durationMs,
      peakRssMb: Math.round((watchdog?.peakKb ?? 0) / 102.4) / 10,
      cancelled,
    };
  }

  kill(): Promise<void> {
    this.#killed ??= (async () => {
      // After run() the group is gone and its id may be reused: no signal.
      if (this.#state !== "done") this.#killGroup();
      if (this.#state === "idle") {
        this.#state = "done";
        await Promise.all([
          this.#child.stdin.close().catch(() => {}),
          this.#child.stdout.cancel().catch(() => {}),
          this.#child.stderr.cancel().catch(() => {}),
        ]);
      }
      await this.#child.status;
    })();
    return this.#killed;
  }
}

async function writeInput(
  stdin: WritableStream<Uint8Array>,
  input: string | Uint8Array | undefined,
): Promise<void> {
  const writer = stdin.getWriter();
  try {
    if (input !== undefined && input.length > 0) {
      await writer.write(typeof input === "string" ? new TextEncoder().encode(input) : input);
    }
    await writer.close();
  } catch {
    // The child exited without reading everything: that is its business.
    await writer.abort().catch(() => {});
  }
}

function checkLimits(limits: SandboxLimits): void {
  for (const key of ["timeoutMs", "memoryMb", "outputBytes"] as const) {
    const value = limits[key];
    if (!Number.isInteger(value) || value <= 0) {
      throw new RangeError(
        `Cannot run the process as '${key}' must be a positive integer: current value is ${value}`,
      );
    }
  }
}
