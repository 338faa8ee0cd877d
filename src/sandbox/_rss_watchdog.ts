/**
 * Private: the memory watchdog of {@linkcode startLimitedProcess}. It samples
 * the resident memory of a child and its descendants every ~50 ms and kills
 * the child's process group over a limit.
 *
 * Why a helper process: Deno refuses to read `/proc/<pid>/*` without
 * `--allow-all`, and spawning `ps` for each sample costs about 25 ms of CPU
 * here (30-50 ms wall), a large share of a 2-core machine at 20 samples a
 * second. On Linux one long-lived `bash` reads `/proc` with builtins only (no
 * fork per sample; under 1 ms of CPU per sample), walks the process tree
 * through `/proc/<pid>/task/<tid>/children`, sums `VmRSS` and kills the group
 * itself (`kill -KILL -- -PGID`, no round trip to the host). It also kills the
 * group when its stdin reaches end-of-file without a `stop` line, so a crashed
 * host does not leave a runaway child. Elsewhere it falls back to polling
 * `ps -o rss= -p PID` (the root process only).
 *
 * @module
 */

/** A running watchdog. */
export interface RssWatchdog {
  /** Highest total RSS seen, in KiB. */
  readonly peakKb: number;
  /** Whether the limit was crossed (and the group killed). */
  readonly exceeded: boolean;
  /** Ends sampling; resolves when the helper has exited. Idempotent. */
  stop(): Promise<void>;
}

/** How the watchdog samples: a `bash` reading /proc, or `ps` per sample. */
export type WatchdogMode = "proc" | "ps";

/** Sampling period in milliseconds. */
export const WATCHDOG_PERIOD_MS = 50;

// SIGPIPE is ignored so that a dead host (its end of our stdout closed) makes
// `echo` fail instead of killing bash before it can kill the group.
const MONITOR_SCRIPT = `
root=$1; limit=$2
trap '' PIPE
while :; do
  total=0; pids=("$root"); i=0
  while (( i < \${#pids[@]} && i < 10000 )); do
    p=\${pids[i]}; i=$((i+1))
    while read -r k v _; do
      if [[ $k == VmRSS: ]]; then total=$((total + v)); break; fi
    done 2>/dev/null < "/proc/$p/status"
    for c in /proc/$p/task/*/children; do
      kids=(); read -r -a kids 2>/dev/null < "$c"; pids+=("\${kids[@]}")
    done
  done
  if (( total > limit )); then kill -KILL -- "-$root" 2>/dev/null; echo "over $total"; exit 0; fi
  echo "$total" 2>/dev/null || { kill -KILL -- "-$root" 2>/dev/null; exit 0; }
  read -r -t ${WATCHDOG_PERIOD_MS / 1000} line; rc=$?
  (( rc > 128 )) && continue
  [[ $line == stop ]] && exit 0
  kill -KILL -- "-$root" 2>/dev/null; exit 0
done
`;

/** The default mode for this platform. */
export function defaultWatchdogMode(): WatchdogMode {
  return Deno.build.os === "linux" ? "proc" : "ps";
}

/** The program a mode spawns, for permission checks and messages. */
export function watchdogProgram(mode: WatchdogMode): string {
  return mode === "proc" ? "bash" : "ps";
}

/**
 * Starts watching `rootPid` (a process-group leader).
 *
 * @param rootPid Pid of the child, which leads its own process group.
 * @param limitKb Kill the group when the summed RSS exceeds this.
 * @param onExceeded Called once when the limit was crossed.
 * @param onLost Called if sampling stops by itself (the helper died).
 * @param mode Sampling method.
 * @returns The watchdog.
 */
export function startRssWatchdog(
  rootPid: number,
  limitKb: number,
  onExceeded: () => void,
  onLost: () => void,
  mode: WatchdogMode = defaultWatchdogMode(),
): RssWatchdog {
  return mode === "proc"
    ? new ProcWatchdog(rootPid, limitKb, onExceeded, onLost)
    : new PsWatchdog(rootPid, limitKb, onExceeded);
}

class ProcWatchdog implements RssWatchdog {
  peakKb = 0;
  exceeded = false;
  #child: Deno.ChildProcess;
  #reading: Promise<void>;
  #stopping = false;
  #stopped: Promise<void> | undefined;

  constructor(rootPid: number, limitKb: number, onExceeded: () => void, onLost: () => void) {
    this.#child = new Deno.Command("bash", {
      args: [
        "--noprofile",
        "--norc",
        "-c",
        MONITOR_SCRIPT,
        "rss-watchdog",
        `${rootPid}`,
        `${limitKb}`,
      ],
      env: { LC_ALL: "C" },
      clearEnv: true,
      stdin: "piped",
      stdout: "piped",
      stderr: "null",
    }).spawn();
    this.#reading = this.#read(onExceeded, onLost);
  }

  async #read(onExceeded: () => void, onLost: () => void): Promise<void> {
    let pending = "";
    const decoder = new TextDecoder();
    for await (const chunk of this.#child.stdout) {
      pending += decoder.decode(chunk, { stream: true });
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        const over = line.startsWith("over ");
        const kb = Number(over ? line.slice(5) : line);
        if (Number.isFinite(kb)) this.peakKb = Math.max(this.peakKb, kb);
        if (over && !this.exceeded) {
          this.exceeded = true;
          onExceeded();
        }
      }
    }
    if (!this.exceeded && !this.#stopping) onLost();
  }

  stop(): Promise<void> {
    this.#stopped ??= (async () => {
      this.#stopping = true;
      const writer = this.#child.stdin.getWriter();
      try {
        await writer.write(new TextEncoder().encode("stop\n"));
        await writer.close();
      } catch {
        // The helper already exited (after killing an over-limit group).
        await writer.abort().catch(() => {});
      }
      await this.#reading;
      await this.#child.status;
    })();
    return this.#stopped;
  }
}

class PsWatchdog implements RssWatchdog {
  peakKb = 0;
  exceeded = false;
  #stopping = false;
  #loop: Promise<void>;
  #wake: (() => void) | undefined;

  constructor(rootPid: number, limitKb: number, onExceeded: () => void) {
    this.#loop = this.#run(rootPid, limitKb, onExceeded);
  }

  async #run(rootPid: number, limitKb: number, onExceeded: () => void): Promise<void> {
    while (!this.#stopping) {
      const out = await new Deno.Command("ps", {
        args: ["-o", "rss=", "-p", `${rootPid}`],
        stdout: "piped",
        stderr: "null",
      }).output();
      const kb = Number(new TextDecoder().decode(out.stdout).trim());
      if (Number.isFinite(kb)) this.peakKb = Math.max(this.peakKb, kb);
      if (kb > limitKb) {
        this.exceeded = true;
        onExceeded();
        return;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, WATCHDOG_PERIOD_MS);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    return this.#loop;
  }
}
