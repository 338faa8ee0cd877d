/**
 * A spinner/progress line on stderr, drawn only when stderr is a terminal.
 *
 * @module
 */
import type { ProgressReporter } from "../core/mod.ts";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const WIDTH = 24;

/** A progress display: `report` draws, `done` clears the line. */
export interface ProgressDisplay {
  /** Draws progress (throttled to ~12 frames a second). */
  report: ProgressReporter;
  /** Clears the line. */
  done(): void;
}

/**
 * Creates a progress display writing to `write`; a no-op when not enabled.
 *
 * @param write Writes to stderr.
 * @param enabled True only when stderr is a terminal and output is not quiet.
 * @param now Clock in milliseconds (injected for tests).
 * @returns The display.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createProgress } from "./progress.ts";
 * let out = "";
 * const bar = createProgress((t) => out += t, true, () => 1000);
 * bar.report(5, 10, "scanning");
 * bar.done();
 * assert.ok(out.includes("50%") && out.endsWith("\r\x1b[K"));
 * ```
 */
export function createProgress(
  write: (text: string) => void,
  enabled: boolean,
  now: () => number = Date.now,
): ProgressDisplay {
  if (!enabled) return { report: () => {}, done: () => {} };
  let frame = 0;
  let last = -Infinity;
  let drawn = false;
  return {
    report(progress, total, message) {
      const time = now();
      if (time - last < 80) return;
      last = time;
      const spinner = FRAMES[frame++ % FRAMES.length];
      let text = `${spinner} ${message ?? "working"}`;
      if (total !== undefined && total > 0) {
        const ratio = Math.min(1, progress / total);
        const filled = Math.round(ratio * WIDTH);
        text = `${spinner} [${"█".repeat(filled)}${"░".repeat(WIDTH - filled)}] ${
          Math.round(ratio * 100)
        }% ${message ?? `${progress}/${total}`}`;
      }
      write(`\r\x1b[K${text}`);
      drawn = true;
    },
    done() {
      if (drawn) write("\r\x1b[K");
      drawn = false;
    },
  };
}
