/**
 * Maps errors to exit statuses and prints them: `error:` and `hint:` lines on
 * stderr, plus a JSON error object on stdout under `--json`.
 *
 * @module
 */
import { type CodegenError, toCodegenError } from "../core/mod.ts";
import type { Palette } from "./colors.ts";
import type { CliIo } from "./io.ts";

/** Exit statuses of the CLI. */
export const EXIT = {
  /** Success. */
  ok: 0,
  /** The operation failed, or its result reports failures (e.g. lint errors). */
  failure: 1,
  /** Bad usage: unknown flags, invalid input. */
  usage: 2,
  /** Cancelled with Ctrl-C. */
  cancelled: 130,
} as const;

/**
 * The exit status for an error.
 *
 * @param error A CodegenError.
 * @returns 2 for usage and input errors, 130 for cancellation, else 1.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { UsageError } from "../core/mod.ts";
 * import { exitCodeOf } from "./exit_codes.ts";
 * assert.ok(exitCodeOf(new UsageError("x")) === 2);
 * ```
 */
export function exitCodeOf(error: CodegenError): number {
  if (error.code === "USAGE" || error.code === "INVALID_INPUT") return EXIT.usage;
  if (error.code === "CANCELLED") return EXIT.cancelled;
  return EXIT.failure;
}

/**
 * Prints an error and returns its exit status.
 *
 * @param thrown Whatever was thrown.
 * @param io Where to print.
 * @param options JSON mode, verbosity and colours.
 * @returns The exit status.
 *
 * @example
 * ```ts ignore
 * const code = reportError(new UsageError("Bad"), io, { json: false, verbose: false, colors });
 * ```
 */
export function reportError(
  thrown: unknown,
  io: CliIo,
  options: { json: boolean; verbose: boolean; colors: Palette },
): number {
  const error = toCodegenError(thrown);
  const { colors } = options;
  io.stderr(`${colors.red(colors.bold("error:"))} ${error.message}\n`);
  if (error.hint) io.stderr(`${colors.dim("hint:")} ${error.hint}\n`);
  if (options.verbose && error.cause instanceof Error && error.cause.stack) {
    io.stderr(`${colors.dim(error.cause.stack)}\n`);
  }
  if (options.json) io.stdout(`${JSON.stringify({ error: error.toJSON() }, null, 2)}\n`);
  return exitCodeOf(error);
}
