/**
 * Private: turns a Pyodide child's raw process outcome into a
 * {@linkcode PythonRunResult}, reading and removing its result frame.
 *
 * @module
 */
import type { PythonJobResult } from "./_pyodide_child.ts";
import type { ProcessOutcome, SandboxLimits } from "./run_process.ts";
import type { PythonRunResult } from "./run_python.ts";

/** Turns the raw outcome into a result, reading and removing the frame. */
export function toResult(
  outcome: ProcessOutcome,
  nonce: string,
  limits: SandboxLimits,
  warm: boolean,
): [PythonRunResult, boolean] {
  const marker = `\0RESULT ${nonce} `;
  let { stdout, stderr } = outcome;
  let frame: PythonJobResult | undefined;
  const at = stderr.indexOf(marker);
  if (at !== -1) {
    const end = stderr.indexOf("\n", at);
    try {
      frame = JSON.parse(stderr.slice(at + marker.length, end === -1 ? undefined : end));
    } catch {
      frame = undefined;
    }
    stderr = stderr.slice(0, at) + (end === -1 ? "" : stderr.slice(end + 1));
  }
  // The child cuts at the limit itself; output that bypassed it (say through
  // `js.console.log`) is cut here, the host's cap having left room for the frame.
  const note = `…[output truncated at ${limits.outputBytes} bytes]\n`;
  const cut = (text: string): string => {
    const bytes = new TextEncoder().encode(text);
    const kept = bytes.length > limits.outputBytes
      ? new TextDecoder().decode(bytes.subarray(0, limits.outputBytes)).replace(/\uFFFD$/, "")
      : text;
    return `${kept}${kept === "" || kept.endsWith("\n") ? "" : "\n"}${note}`;
  };
  let truncated = outcome.truncated;
  if (frame?.truncated === "stdout" || byteLength(stdout) > limits.outputBytes) {
    stdout = cut(stdout);
    truncated = true;
  }
  if (frame?.truncated === "stderr" || byteLength(stderr) > limits.outputBytes) {
    stderr = cut(stderr);
    truncated = true;
  }
  const result: PythonRunResult = {
    ...outcome,
    stdout,
    stderr,
    truncated,
    language: "python",
    warm,
  };
  if (frame?.error !== undefined) result.error = frame.error;
  if (frame?.tests !== undefined) result.tests = frame.tests;
  if (
    frame === undefined && !outcome.timedOut && !outcome.memoryExceeded && !outcome.cancelled &&
    !outcome.truncated
  ) {
    result.error = {
      type: "SandboxCrash",
      message:
        `The Python process ended without a result (exit code ${outcome.exitCode}, signal ${outcome.signal})`,
    };
  }
  return [result, frame !== undefined];
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

export function cancelledResult(durationMs: number): PythonRunResult {
  return {
    stdout: "",
    stderr: "",
    exitCode: null,
    signal: null,
    timedOut: false,
    memoryExceeded: false,
    truncated: false,
    durationMs: Math.round(durationMs),
    peakRssMb: 0,
    cancelled: true,
    language: "python",
    warm: false,
  };
}
