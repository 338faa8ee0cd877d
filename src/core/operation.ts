/**
 * The shape of an operation: declared once, it becomes a CLI command and an
 * MCP tool with identical validation and errors.
 *
 * @module
 */
import type { z } from "zod";
import type { Config } from "./config.ts";
import type { Logger } from "./logger.ts";
import type { ToolGroup } from "./tool_groups.ts";

/** What an operation may do to the world; feeds MCP annotations and docs. */
export type Effect = "read" | "write" | "run" | "net";

/** Reports progress of long work. `total` may be unknown. */
export type ProgressReporter = (progress: number, total?: number, message?: string) => void;

/** Everything an operation handler gets besides its input. */
export interface OperationContext {
  /** Real absolute path of the workspace root; every path is confined to it. */
  root: string;
  /** The configuration in force. */
  config: Config;
  /** Where to log; never print. */
  log: Logger;
  /** Progress of long work (CLI progress bar, MCP progress notifications). */
  progress: ProgressReporter;
  /** Aborted when the user cancels; check it in loops. */
  signal: AbortSignal;
  /** Which door called: affects nothing but wording of hints. */
  door: "cli" | "mcp" | "api";
  /** Identifies the MCP session (or CLI process) for per-session state. */
  session: string;
  /** The current time; injected so tests control it. */
  now(): Date;
}

/** One usage example, shown in `--help` and in the docs. */
export interface OperationExample {
  /** The CLI arguments after `codegen-lab`. */
  command: string;
  /** What it does. */
  description: string;
}

/** How an operation appears on the command line. */
export interface CliSpec<Output> {
  /** Command words after `codegen-lab`, e.g. `rules list`. Defaults to the name with `_` as ` `. */
  command?: string;
  /** Input fields taken as positional arguments, in order. */
  positional?: readonly string[];
  /** Examples for `--help`. */
  examples?: readonly OperationExample[];
  /** Human rendering of the output (default: a table or key/value list). */
  render?: (output: Output) => string;
  /** Exit status for a successful run whose output signals failure (e.g. lint errors). */
  exitCode?: (output: Output) => number;
}

/** The declaration of an operation. */
export interface Operation<
  Input extends z.ZodObject = z.ZodObject,
  Output extends z.ZodObject = z.ZodObject,
> {
  /** Unique name, `^[a-z][a-z0-9_]{0,63}$`; also the MCP tool name. */
  name: string;
  /** Short human title. */
  title: string;
  /** What it does and when to use it; shown to the model. */
  description: string;
  /** The tool group it belongs to. */
  group: ToolGroup;
  /** Input schema; every field `.describe()`d. */
  input: Input;
  /** Output schema; validated before any door sees the result. */
  output: Output;
  /** What it may do. */
  effects: readonly Effect[];
  /** True for anything that changes or deletes files: the client must confirm. */
  requiresApproval: boolean;
  /** Running it twice with the same input has no further effect. @default {true when it writes nothing} */
  idempotent?: boolean;
  /** It may delete or overwrite user data. @default {false} */
  destructive?: boolean;
  /** Command-line specifics. */
  cli?: CliSpec<z.output<Output>>;
  /** Does the work and returns data; never prints. */
  handler(input: z.output<Input>, ctx: OperationContext): Promise<z.input<Output>>;
}

/** Any operation, with its types erased, as the registry stores it. */
// deno-lint-ignore no-explicit-any
export type AnyOperation = Operation<any, any>;

/**
 * Declares an operation; only a typed identity, so definitions stay declarative.
 *
 * @typeParam Input The input schema type.
 * @typeParam Output The output schema type.
 * @param operation The declaration.
 * @returns The same declaration.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { z } from "zod";
 * import { defineOperation } from "./operation.ts";
 * const ping = defineOperation({
 *   name: "ping", title: "Ping", description: "Answers pong", group: "core",
 *   input: z.strictObject({}), output: z.object({ reply: z.string() }),
 *   effects: [], requiresApproval: false,
 *   handler: () => Promise.resolve({ reply: "pong" }),
 * });
 * assert.ok(ping.name === "ping");
 * ```
 */
export function defineOperation<Input extends z.ZodObject, Output extends z.ZodObject>(
  operation: Operation<Input, Output>,
): Operation<Input, Output> {
  return operation;
}
