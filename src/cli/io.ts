/**
 * The CLI's connection to the outside world, injected so tests run the whole
 * CLI in-process and the real process streams stay at the edge.
 *
 * @module
 */
import type { EnvReader } from "../core/mod.ts";

/** Streams, terminal state, environment and cancellation for one CLI run. */
export interface CliIo {
  /** Writes to standard output (text includes its newline). */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Whether stdout is a terminal. */
  stdoutIsTerminal: boolean;
  /** Whether stderr is a terminal (progress is drawn only then). */
  stderrIsTerminal: boolean;
  /** Whether stdin is a terminal (confirmation prompts only then). */
  stdinIsTerminal: boolean;
  /** Environment variables. */
  env: EnvReader;
  /** The directory relative paths and the default workspace start from. */
  cwd: string;
  /** Reads all of standard input. */
  readStdin(): Promise<string>;
  /** Asks a yes/no question on the terminal. */
  confirm(question: string): Promise<boolean>;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
}

/**
 * The real process I/O. Only `src/main.ts` should call this.
 *
 * @param signal Aborted on Ctrl-C.
 * @returns A {@linkcode CliIo} bound to the process.
 *
 * @example
 * ```ts ignore
 * import { processIo } from "./io.ts";
 * const io = processIo(new AbortController().signal);
 * io.stderr("hello\n");
 * ```
 */
export function processIo(signal: AbortSignal): CliIo {
  const encoder = new TextEncoder();
  const write = (file: { writeSync(bytes: Uint8Array): number }, text: string): void => {
    const bytes = encoder.encode(text);
    let written = 0;
    while (written < bytes.length) written += file.writeSync(bytes.subarray(written));
  };
  return {
    stdout: (text) => write(Deno.stdout, text),
    stderr: (text) => write(Deno.stderr, text),
    stdoutIsTerminal: Deno.stdout.isTerminal(),
    stderrIsTerminal: Deno.stderr.isTerminal(),
    stdinIsTerminal: Deno.stdin.isTerminal(),
    env: {
      get(name) {
        try {
          return Deno.env.get(name);
        } catch {
          return undefined;
        }
      },
      names() {
        return Deno.permissions.querySync({ name: "env" }).state === "granted"
          ? Object.keys(Deno.env.toObject())
          : [];
      },
    },
    cwd: Deno.cwd(),
    readStdin: () => new Response(Deno.stdin.readable).text(),
    confirm(question) {
      write(Deno.stderr, `${question} [y/N] `);
      const buffer = new Uint8Array(256);
      const read = Deno.stdin.readSync(buffer) ?? 0;
      return Promise.resolve(
        /^y(es)?$/i.test(new TextDecoder().decode(buffer.subarray(0, read)).trim()),
      );
    },
    signal,
  };
}
