/**
 * Runs the CLI in-process over a catalogue of just the given operations, with
 * captured output: for tests of one capability's commands.
 *
 * @module
 */
import type { Catalog } from "../src/catalog.ts";
import type { CliIo } from "../src/cli/mod.ts";
import { buildProgram, type RunState } from "../src/cli/program.ts";
import {
  type AnyOperation,
  type AnyPrompt,
  type AnyResource,
  NamedRegistry,
  OperationRegistry,
} from "../src/core/mod.ts";

/** A catalogue holding only `operations`. */
export function catalogOf(operations: readonly AnyOperation[]): Catalog {
  const registry = new OperationRegistry();
  for (const operation of operations) registry.add(operation);
  return {
    operations: registry,
    resources: new NamedRegistry<AnyResource>("resource"),
    prompts: new NamedRegistry<AnyPrompt>("prompt"),
    watchers: [],
  };
}

/** Non-interactive streams rooted at `root` that record what is written. */
export function captureIo(root: string, stdin = ""): {
  io: CliIo;
  stdout: () => string;
  stderr: () => string;
} {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    stdoutIsTerminal: false,
    stderrIsTerminal: false,
    stdinIsTerminal: false,
    env: { get: () => undefined },
    cwd: root,
    readStdin: () => Promise.resolve(stdin),
    confirm: () => Promise.resolve(false),
    signal: new AbortController().signal,
  };
  return { io, stdout: () => stdout, stderr: () => stderr };
}

/** Runs `argv` against a catalogue of `operations`; returns the exit code and output. */
export async function runOperationsCli(
  operations: readonly AnyOperation[],
  root: string,
  argv: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, stdout, stderr } = captureIo(root);
  const state: RunState = { exitCode: 0 };
  await buildProgram(catalogOf(operations), io, state).parseAsync(argv, { from: "user" });
  return { code: state.exitCode, stdout: stdout(), stderr: stderr() };
}
