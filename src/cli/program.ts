/**
 * Builds the commander program from the catalogue: one command per operation
 * (at its command words, and hidden under its operation name), plus `serve`.
 *
 * @module
 */
import { Command, CommanderError, Option } from "@commander-js/extra-typings";
import { resolve } from "node:path";
import denoJson from "../../deno.json" with { type: "json" };
import type { Catalog } from "../catalog.ts";
import {
  type AnyOperation,
  commandOf,
  createLogger,
  loadConfig,
  type LogLevel,
  type LogSink,
  type OperationContext,
  realRoot,
  TOOL_GROUP_PURPOSES,
  TOOL_GROUPS,
  UsageError,
} from "../core/mod.ts";
import { invoke } from "../core/mod.ts";
import { type Palette, palette } from "./colors.ts";
import { EXIT, reportError } from "./exit_codes.ts";
import { convertFlag, type FieldSpec, fieldSpecs } from "./flags.ts";
import type { CliIo } from "./io.ts";
import { createProgress } from "./progress.ts";
import { renderValue } from "./render.ts";

/** The program's global flags, valid before or after the command words. */
export interface GlobalOptions {
  /** Workspace root. */
  cwd?: string;
  /** JSON output. */
  json?: boolean;
  /** Errors only. */
  quiet?: boolean;
  /** Debug logs and stack traces. */
  verbose?: boolean;
  /** False with --no-color. */
  color?: boolean;
  /** Confirms destructive operations. */
  yes?: boolean;
}

const GLOBAL_FLAGS = new Set([
  "cwd",
  "json",
  "quiet",
  "verbose",
  "color",
  "yes",
  "help",
  "version",
  "input-json",
]);

/** Mutable result of one run, set by command actions. */
export interface RunState {
  /** The exit status to return. */
  exitCode: number;
}

/** Command words that stand for a tool group of another name. */
const GROUP_OF_WORD: Readonly<Record<string, string>> = {
  ai: "agile",
  analyze: "analysis",
  workflow: "workflows",
  thinking: "thinking",
};

/**
 * Builds the whole program.
 *
 * @param catalog Operations, resources and prompts.
 * @param io Streams and environment.
 * @param state Receives the exit status.
 * @returns The commander program, ready for `parseAsync(argv, { from: "user" })`.
 *
 * @example
 * ```ts ignore
 * const program = buildProgram(buildCatalog(), io, { exitCode: 0 });
 * await program.parseAsync(["info"], { from: "user" });
 * ```
 */
export function buildProgram(catalog: Catalog, io: CliIo, state: RunState): Command {
  const program = new Command("codegen-lab")
    .description(
      "Codegen Lab: Cursor rules, repository analysis, workflows and sandboxed code checks — as a CLI and an MCP server.",
    )
    .version(denoJson.version, "-V, --version", "Print the version")
    .option("-C, --cwd <dir>", "Workspace root for this command (default: the current directory)")
    .option("--json", "Machine-readable JSON output on stdout")
    .option("-q, --quiet", "Print errors only")
    .option("-v, --verbose", "Print debug logs and stack traces")
    .option("--no-color", "Disable colours (also: NO_COLOR=1)")
    .option("-y, --yes", "Confirm destructive operations without asking")
    .helpOption("-h, --help", "Show help")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: (text, write) =>
        write(`${colorsFor(io, {}).red("error:")} ${text.replace(/^error: /, "")}`),
    })
    .addHelpText(
      "after",
      `\nExamples:\n  $ codegen-lab info\n  $ codegen-lab files 'src/**/*.ts' --json\n  $ codegen-lab serve                 # MCP server on stdio (for Cursor)\n  $ codegen-lab serve --http --port 3939\n\nTool groups: ${
        TOOL_GROUPS.join(", ")
      }\nExit status: 0 ok, 1 failure, 2 usage error.\n`,
    );

  const parents = new Map<string, Command>();
  for (const operation of catalog.operations.list()) {
    const words = commandOf(operation).split(" ");
    let parent: Command = program;
    for (const word of words.slice(0, -1)) {
      let group = parents.get(word);
      if (!group) {
        // Command words that are not group names (`ai` is the agile group's).
        const purpose =
          (TOOL_GROUP_PURPOSES as Record<string, string>)[GROUP_OF_WORD[word] ?? word];
        group = configureSub(
          new Command(word).description(purpose ? `Commands to ${purpose}` : word),
          io,
        );
        parents.set(word, group);
        parent.addCommand(group);
      }
      parent = group;
    }
    parent.addCommand(operationCommand(operation, words[words.length - 1]!, io, state));
    // Every operation is also reachable by its MCP tool name (hidden).
    if (words.join("_") !== operation.name) {
      program.addCommand(operationCommand(operation, operation.name, io, state), { hidden: true });
    }
  }
  parents.get("rules")?.addCommand(rulesWatchCommand(io, state));
  program.addCommand(serveCommand(io, state));
  return program;
}

function configureSub(command: Command, io: CliIo): Command {
  return command
    .helpOption("-h, --help", "Show help")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: (text, write) =>
        write(`${colorsFor(io, {}).red("error:")} ${text.replace(/^error: /, "")}`),
    }) as unknown as Command;
}

function operationCommand(
  operation: AnyOperation,
  word: string,
  io: CliIo,
  state: RunState,
): Command {
  const specs = fieldSpecs(operation);
  const command = configureSub(new Command(word), io)
    .summary(operation.title)
    .description(
      `${operation.description}\n\nMCP tool: ${operation.name} · effects: ${
        operation.effects.length ? operation.effects.join(", ") : "none"
      }${operation.requiresApproval ? " · changes files" : ""}`,
    );
  for (const spec of specs) {
    if (GLOBAL_FLAGS.has(spec.flag)) {
      throw new Error(
        `Operation "${operation.name}" field "${spec.name}" collides with a global flag`,
      );
    }
    if (spec.positional) {
      const name = spec.kind === "array" ? `${spec.flag}...` : spec.flag;
      command.argument(spec.required ? `<${name}>` : `[${name}]`, spec.help);
    } else {
      command.addOption(optionFor(spec));
      if (spec.kind === "boolean" && (spec.defaultValue === true || spec.nullable)) {
        command.addOption(new Option(`--no-${spec.flag}`, `Turn off --${spec.flag}`));
      }
    }
  }
  command.option(
    "--input-json <json>",
    "Give the whole input as a JSON object ('-' reads stdin); flags override it",
  );
  const examples = operation.cli?.examples ?? [];
  if (examples.length > 0) {
    const lines = examples.map((example) =>
      `  $ codegen-lab ${example.command}\n      ${example.description}`
    );
    command.addHelpText("after", `\nExamples:\n${lines.join("\n")}\n`);
  }
  command.action(async (...args: unknown[]) => {
    const self = args[args.length - 1] as Command;
    const positionalValues = args.slice(0, specs.filter((spec) => spec.positional).length);
    state.exitCode = await runOperation(operation, specs, positionalValues, self, io);
  });
  return command as unknown as Command;
}

function optionFor(spec: FieldSpec): Option {
  const required = spec.required ? " (required)" : "";
  if (spec.kind === "boolean") return new Option(`--${spec.flag}`, spec.help + required);
  const value = spec.kind === "array"
    ? `<${spec.itemKind === "json" ? "json" : "value"}>`
    : `<${spec.flag === "json" ? "value" : "value"}>`;
  const option = new Option(`--${spec.flag} ${value}`, spec.help + required);
  if (spec.kind === "array") {
    option.argParser((
      text: string,
      previous: unknown,
    ) => [...(Array.isArray(previous) ? previous : []), text]);
  }
  return option as unknown as Option;
}

async function runOperation(
  operation: AnyOperation,
  specs: FieldSpec[],
  positionalValues: unknown[],
  command: Command,
  io: CliIo,
): Promise<number> {
  const globals = command.optsWithGlobals() as GlobalOptions & Record<string, unknown>;
  const colors = colorsFor(io, globals);
  const progress = createProgress(
    io.stderr,
    io.stderrIsTerminal && !globals.quiet && !globals.json,
  );
  try {
    const root = await realRoot(resolve(io.cwd, globals.cwd ?? "."));
    const { config } = await loadConfig(root, { env: io.env });
    const raw = await rawInput(specs, positionalValues, globals, io);
    if (operation.destructive && !globals.yes) {
      if (!io.stdinIsTerminal) {
        throw new UsageError(`Refusing to run "${commandOf(operation)}" without confirmation`, {
          hint:
            "It deletes or overwrites files: add --yes to confirm, or --dry-run where offered to preview",
        });
      }
      if (!(await io.confirm(`${operation.title}: this deletes or overwrites files. Continue?`))) {
        io.stderr("Nothing was changed.\n");
        return EXIT.failure;
      }
    }
    const ctx: OperationContext = {
      root,
      config,
      log: createLogger([stderrSink(io, colors)], logLevel(globals, config.logLevel)),
      progress: progress.report,
      signal: io.signal,
      door: "cli",
      session: `cli-${Deno.pid}`,
      now: () => new Date(),
    };
    const output = await invoke(operation, raw, ctx);
    progress.done();
    if (globals.json) io.stdout(`${JSON.stringify(output, null, 2)}\n`);
    else {
      const text = operation.cli?.render ? operation.cli.render(output) : renderValue(output);
      if (text !== "") io.stdout(`${text}\n`);
    }
    return operation.cli?.exitCode?.(output) ?? EXIT.ok;
  } catch (error) {
    progress.done();
    return reportError(error, io, {
      json: globals.json === true,
      verbose: globals.verbose === true,
      colors,
    });
  }
}

async function rawInput(
  specs: FieldSpec[],
  positionalValues: unknown[],
  options: Record<string, unknown>,
  io: CliIo,
): Promise<Record<string, unknown>> {
  let raw: Record<string, unknown> = {};
  const inputJson = options.inputJson;
  if (typeof inputJson === "string") {
    const text = inputJson === "-" ? await io.readStdin() : inputJson;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`Cannot parse --input-json: ${(error as Error).message}`, {
        hint: "Pass a JSON object such as '{\"limit\": 10}'",
      });
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new UsageError("Cannot use --input-json: it must be a JSON object", {
        hint: "Pass a JSON object such as '{\"limit\": 10}'",
      });
    }
    raw = parsed as Record<string, unknown>;
  }
  const positional = specs.filter((spec) => spec.positional);
  positional.forEach((spec, i) => {
    const value = positionalValues[i];
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) {
      raw[spec.name] = convertFlag(spec, value);
    }
  });
  for (const spec of specs) {
    if (spec.positional) continue;
    const value = options[camel(spec.flag)];
    if (value !== undefined) raw[spec.name] = convertFlag(spec, value);
  }
  return raw;
}

function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function rulesWatchCommand(io: CliIo, state: RunState): Command {
  const command = configureSub(new Command("watch"), io)
    .summary("Re-validate rules on every change")
    .description(
      "Validate the rules, then watch .cursor/rules (and nested rule folders) and re-validate the changed files on every save, printing the problems. Stops with Ctrl-C.",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  $ codegen-lab rules watch\n      keep a terminal open beside the editor\n",
    );
  command.action(async (...args: unknown[]) => {
    const self = args[args.length - 1] as Command;
    const globals = self.optsWithGlobals() as GlobalOptions;
    const colors = colorsFor(io, globals);
    try {
      const root = await realRoot(resolve(io.cwd, globals.cwd ?? "."));
      const { config } = await loadConfig(root, { env: io.env });
      const { runRulesWatch } = await import("../rules/mod.ts");
      await runRulesWatch({
        root,
        config,
        log: createLogger([stderrSink(io, colors)], logLevel(globals, config.logLevel)),
        progress: () => {},
        signal: io.signal,
        door: "cli",
        session: `cli-${Deno.pid}`,
        now: () => new Date(),
      }, { write: (text) => io.stdout(text) });
      state.exitCode = EXIT.ok;
    } catch (error) {
      state.exitCode = io.signal.aborted
        ? EXIT.ok
        : reportError(error, io, { json: false, verbose: globals.verbose === true, colors });
    }
  });
  return command as unknown as Command;
}

function serveCommand(io: CliIo, state: RunState): Command {
  const command = configureSub(new Command("serve"), io)
    .summary("Run the MCP server (stdio by default)")
    .description(
      "Run the MCP server. On stdio (the default, for Cursor and other MCP clients) nothing but protocol goes to stdout; logs go to stderr. With --http it serves Streamable HTTP at http://HOST:PORT/mcp with sessions, DNS-rebinding protection and /healthz.",
    )
    .option("--http", "Serve Streamable HTTP instead of stdio")
    .option("--port <port>", "HTTP port (0 picks a free one)", "3939")
    .option("--host <host>", "HTTP host to bind", "127.0.0.1")
    .option(
      "--tools <groups>",
      `Comma-separated tool groups to expose: ${TOOL_GROUPS.join(", ")}, all`,
    )
    .addHelpText(
      "after",
      `\nExamples:\n  $ codegen-lab serve\n      stdio, for .cursor/mcp.json\n  $ codegen-lab serve --tools core,rules\n      only the core and rules tools (stay under Cursor's tool cap)\n  $ codegen-lab --cwd ~/project serve --http --port 3939\n`,
    );
  command.action(async (...args: unknown[]) => {
    const self = args[args.length - 1] as Command;
    const options = self.optsWithGlobals() as GlobalOptions & {
      http?: boolean;
      port: string;
      host: string;
      tools?: string;
    };
    const colors = colorsFor(io, options);
    try {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UsageError(
          `Cannot use --port ${options.port}: it must be an integer from 0 to 65535`,
          {
            hint: "Pass a free port such as 3939, or 0 to pick one",
          },
        );
      }
      const root = await realRoot(resolve(io.cwd, options.cwd ?? "."));
      const loaded = await loadConfig(root, { env: io.env });
      const { serve } = await import("../mcp/mod.ts");
      await serve({
        root,
        config: loaded.config,
        ...(options.tools === undefined
          ? {}
          : { tools: options.tools.split(",").map((t) => t.trim()) }),
        transport: options.http ? { kind: "http", port, host: options.host } : { kind: "stdio" },
        logSink: stderrSink(io, colors),
        logLevel: logLevel(options, loaded.config.logLevel),
        announce: (text) => io.stderr(`${text}\n`),
        signal: io.signal,
      });
      state.exitCode = EXIT.ok;
    } catch (error) {
      state.exitCode = reportError(error, io, {
        json: false,
        verbose: options.verbose === true,
        colors,
      });
    }
  });
  return command as unknown as Command;
}

function logLevel(options: GlobalOptions, configured: LogLevel): LogLevel {
  if (options.verbose) return "debug";
  if (options.quiet) return "error";
  return configured;
}

function colorsFor(io: CliIo, options: GlobalOptions): Palette {
  const noColor = io.env.get("NO_COLOR");
  return palette(
    options.color !== false && (noColor === undefined || noColor === "") && io.stderrIsTerminal,
  );
}

function stderrSink(io: CliIo, colors: Palette): LogSink {
  return (record) => {
    const label = record.level === "error"
      ? colors.red("error:")
      : record.level === "warning"
      ? colors.yellow("warning:")
      : colors.dim(`${record.level}:`);
    const data = record.data ? ` ${colors.dim(JSON.stringify(record.data))}` : "";
    io.stderr(`${label} ${record.message}${data}\n`);
  };
}

/**
 * Tells whether a thrown value is commander's own parse/help/version signal.
 *
 * @param error Anything thrown by `parseAsync`.
 * @returns True for a CommanderError.
 */
export function isCommanderError(error: unknown): error is CommanderError {
  return error instanceof CommanderError;
}
