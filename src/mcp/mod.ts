/**
 * The MCP door: `serve()` runs the catalogue as an MCP server over stdio or
 * Streamable HTTP. Only this folder imports the MCP SDK.
 *
 * @example
 * ```ts ignore
 * import { serve } from "./mod.ts";
 * await serve({ root, config, transport: { kind: "stdio" }, logSink, logLevel: "warning", announce, signal });
 * ```
 *
 * @module
 */
import { buildCatalog, type Catalog } from "../catalog.ts";
import {
  type Config,
  createLogger,
  DEFAULT_TOOL_GROUPS,
  filterSink,
  type LogLevel,
  type LogSink,
  ResourceEvents,
  TOOL_GROUPS,
  type ToolGroup,
  UsageError,
} from "../core/mod.ts";
import { createMcpServer } from "./create_server.ts";
import { serveHttp } from "./http.ts";
import { DenoStdioTransport } from "./stdio_transport.ts";

export { createMcpServer, type ServerSetup } from "./create_server.ts";
export { DenoStdioTransport, type DenoStdioTransportOptions } from "./stdio_transport.ts";
export { ERROR_META_KEY, toErrorResult, toToolResult } from "./to_tool_result.ts";
export { serverInstructions } from "./instructions.ts";

/** Options of {@linkcode serve}. */
export interface ServeOptions {
  /** Real workspace root. */
  root: string;
  /** Configuration in force. */
  config: Config;
  /** Tool groups from the command line; overrides the config. */
  tools?: readonly string[];
  /** stdio, or Streamable HTTP on a host and port. */
  transport: { kind: "stdio" } | { kind: "http"; port: number; host: string };
  /** Where stderr logs go. */
  logSink: LogSink;
  /** Lowest level written to stderr. */
  logLevel: LogLevel;
  /** Prints a line to stderr (never stdout). */
  announce: (text: string) => void;
  /** Stops serving when aborted. */
  signal: AbortSignal;
  /** The catalogue (default: the full one). */
  catalog?: Catalog;
  /** Resource change events, shared by all sessions. */
  events?: ResourceEvents;
}

/**
 * Resolves the enabled tool groups from a list of names.
 *
 * @param names Group names, or `all`; undefined means the default set.
 * @returns The groups.
 * @throws {UsageError} USAGE naming an unknown group and the valid ones.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveToolGroups } from "./mod.ts";
 * assert.ok(resolveToolGroups(["core", "rules"]).join() === "core,rules");
 * assert.ok(resolveToolGroups(["all"]).includes("compat"));
 * ```
 */
export function resolveToolGroups(names: readonly string[] | undefined): ToolGroup[] {
  if (names === undefined || names.length === 0) return [...DEFAULT_TOOL_GROUPS];
  if (names.includes("all")) return [...TOOL_GROUPS];
  const unknown = names.filter((name) => !TOOL_GROUPS.includes(name as ToolGroup));
  if (unknown.length > 0) {
    throw new UsageError(
      `Unknown tool group${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`,
      {
        hint: `Choose from ${TOOL_GROUPS.join(", ")}, or all`,
      },
    );
  }
  return TOOL_GROUPS.filter((group) => names.includes(group));
}

/**
 * Serves MCP until the client disconnects (stdio) or `signal` aborts.
 *
 * @param options Workspace, config, groups, transport and logging.
 * @returns Resolves when serving has ended.
 * @throws {UsageError} USAGE for unknown tool groups.
 */
export async function serve(options: ServeOptions): Promise<void> {
  const catalog = options.catalog ?? buildCatalog();
  const groups = resolveToolGroups(options.tools ?? options.config.tools);
  const events = options.events ?? new ResourceEvents();
  const newServer = () =>
    createMcpServer({
      catalog,
      root: options.root,
      config: options.config,
      groups,
      logSink: options.logSink,
      logLevel: options.logLevel,
      events,
    });
  // Background watchers (e.g. rule files -> resource notifications) live as long as the server.
  const watching = new AbortController();
  options.signal.addEventListener("abort", () => watching.abort(), { once: true });
  const log = createLogger([filterSink(options.logSink, options.logLevel)], "debug");
  const watchers = catalog.watchers.filter((watcher) => groups.includes(watcher.group))
    .map((watcher) => watcher.run({ root: options.root, events, signal: watching.signal, log }));
  try {
    await serveTransport(options, newServer);
  } finally {
    watching.abort();
    await Promise.allSettled(watchers);
  }
}

async function serveTransport(
  options: ServeOptions,
  newServer: () => ReturnType<typeof createMcpServer>,
): Promise<void> {
  if (options.transport.kind === "http") {
    await serveHttp({
      host: options.transport.host,
      port: options.transport.port,
      newServer,
      announce: options.announce,
      signal: options.signal,
    });
    return;
  }
  const server = newServer();
  const transport = new DenoStdioTransport();
  const { promise: closed, resolve } = Promise.withResolvers<void>();
  const previous = server.server.onclose;
  server.server.onclose = () => {
    previous?.();
    resolve();
  };
  options.signal.addEventListener("abort", () => server.close().catch(() => {}), { once: true });
  await server.connect(transport);
  await closed;
}
