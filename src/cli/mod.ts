/**
 * The command-line door: `runCli(argv, io)` parses arguments, runs the
 * operation and returns the exit status. It never calls `Deno.exit`, so tests
 * and embedders can run it in-process.
 *
 * @example
 * ```ts ignore
 * import { processIo, runCli } from "./mod.ts";
 * const code = await runCli(["info", "--json"], processIo(new AbortController().signal));
 * ```
 *
 * @module
 */
import { buildCatalog } from "../catalog.ts";
import { EXIT } from "./exit_codes.ts";
import type { CliIo } from "./io.ts";
import { buildProgram, isCommanderError, type RunState } from "./program.ts";

export { type CliIo, processIo } from "./io.ts";
export { EXIT } from "./exit_codes.ts";

/**
 * Runs the CLI.
 *
 * @param argv Arguments after the program name.
 * @param io Streams, environment and cancellation.
 * @returns The exit status: 0 ok, 1 failure, 2 usage, 130 cancelled.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const state: RunState = { exitCode: EXIT.ok };
  const program = buildProgram(buildCatalog(), io, state);
  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (!isCommanderError(error)) throw error;
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") {
      return EXIT.ok;
    }
    // `help X` exits 0; a command group called without a subcommand shows help as an error.
    if (error.code === "commander.help") return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    io.stderr("Run with --help for usage.\n");
    return EXIT.usage;
  }
  return state.exitCode;
}
