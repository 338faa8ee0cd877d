/**
 * Builds an MCP server from the catalogue. Tools are served by our own
 * `tools/list` and `tools/call` handlers, so the registry's one schema feeds
 * the listing, the validation and the CLI alike; resources and prompts use
 * the SDK's registration (with completion).
 *
 * @module
 */
import {
  CallToolRequestSchema,
  completable,
  ErrorCode,
  ListPromptsRequestSchema,
  ListToolsRequestSchema,
  McpError,
  McpServer,
  ResourceTemplate,
  SubscribeRequestSchema,
  type Tool,
  UnsubscribeRequestSchema,
} from "./_sdk.ts";
import { z } from "zod";
import denoJson from "../../deno.json" with { type: "json" };
import type { Catalog } from "../catalog.ts";
import {
  type AnyOperation,
  type AnyPrompt,
  type AnyResource,
  CodegenError,
  type Config,
  createLogger,
  filterSink,
  invoke,
  type LogLevel,
  type LogSink,
  type OperationContext,
  type ProgressReporter,
  ResourceEvents,
  toCodegenError,
  type ToolGroup,
} from "../core/mod.ts";
import { serverInstructions } from "./instructions.ts";
import { toErrorResult, toToolResult } from "./to_tool_result.ts";

/** What a server needs to know. */
export interface ServerSetup {
  /** Operations, resources and prompts. */
  catalog: Catalog;
  /** Real workspace root. */
  root: string;
  /** Configuration in force. */
  config: Config;
  /** Enabled tool groups. */
  groups: readonly ToolGroup[];
  /** Where stderr logs go. */
  logSink: LogSink;
  /** Lowest level written to stderr. */
  logLevel: LogLevel;
  /** Resource change events to forward to subscribed clients. */
  events?: ResourceEvents;
}

/** Minimum gap between two progress notifications of one call. */
const PROGRESS_INTERVAL_MS = 50;

/**
 * Creates one MCP server (one per session for HTTP).
 *
 * @param setup Catalogue, workspace, config, groups and logging.
 * @returns A server ready to `connect()` to a transport.
 *
 * @example
 * ```ts ignore
 * const server = createMcpServer({ catalog, root, config, groups: ["core"], logSink, logLevel: "warning" });
 * await server.connect(new DenoStdioTransport());
 * ```
 */
export function createMcpServer(setup: ServerSetup): McpServer {
  const { catalog, groups } = setup;
  const mcp = new McpServer(
    { name: "codegen-lab", title: "Codegen Lab", version: denoJson.version },
    {
      capabilities: { logging: {}, tools: { listChanged: false } },
      instructions: serverInstructions(catalog, groups),
    },
  );
  const server = mcp.server;
  const enabled = new Map(
    catalog.operations.list(groups).map((operation) => [operation.name, operation]),
  );
  const tools = [...enabled.values()].map(toolDefinition);

  const contextFor = (
    extra: { signal: AbortSignal; sessionId?: string | undefined },
    logger: string,
    progress: ProgressReporter,
  ): OperationContext => ({
    root: setup.root,
    config: setup.config,
    log: createLogger([
      filterSink(setup.logSink, setup.logLevel),
      (record) => {
        server.sendLoggingMessage(
          {
            level: record.level,
            logger,
            data: record.data ? { message: record.message, ...record.data } : record.message,
          },
          extra.sessionId,
        ).catch(() => {});
      },
    ], "debug"),
    progress,
    signal: extra.signal,
    door: "mcp",
    session: extra.sessionId ?? "stdio",
    now: () => new Date(),
  });

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools }));
  // The SDK answers a params schema failure with -32603 (internal error); JSON-RPC
  // says -32602 (invalid params), so this handler takes the raw request and checks it.
  const rawCall = z.object({ method: z.literal("tools/call") }).passthrough();
  server.setRequestHandler(rawCall, async (raw, extra) => {
    const checked = CallToolRequestSchema.safeParse(raw);
    if (!checked.success) {
      const where = checked.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`)
        .join("; ");
      throw new McpError(ErrorCode.InvalidParams, `Invalid params for tools/call: ${where}`);
    }
    const request = checked.data;
    const name = request.params.name;
    const operation = enabled.get(name);
    if (!operation) {
      const disabled = catalog.operations.get(name);
      throw new McpError(
        ErrorCode.InvalidParams,
        disabled
          ? `Tool "${name}" is in group "${disabled.group}", which this server does not expose; start it with --tools ${disabled.group} (or CODEGEN_LAB_TOOLS)`
          : `Unknown tool "${name}"; call tools/list for the tools this server offers`,
      );
    }
    const token = extra._meta?.progressToken;
    const ctx = contextFor(
      extra,
      name,
      token === undefined ? () => {} : progressNotifier(token, extra.sendNotification),
    );
    try {
      return toToolResult(await invoke(operation, request.params.arguments ?? {}, ctx));
    } catch (error) {
      return toErrorResult(error);
    }
  });

  for (const resource of catalog.resources.list(groups)) {
    registerResource(mcp, resource, contextFor);
  }
  const prompts = catalog.prompts.list(groups);
  for (const prompt of prompts) registerPrompt(mcp, prompt, contextFor);
  if (prompts.length === 0) {
    // Clients (and the MCP conformance suite) may call prompts/list anyway.
    server.registerCapabilities({ prompts: { listChanged: false } });
    server.setRequestHandler(ListPromptsRequestSchema, () => ({ prompts: [] }));
  }
  forwardResourceEvents(mcp, setup.events ?? new ResourceEvents());
  return mcp;
}

/**
 * Tracks this session's `resources/subscribe` URIs and forwards matching
 * change events as notifications, until the session closes.
 */
function forwardResourceEvents(mcp: McpServer, events: ResourceEvents): void {
  const server = mcp.server;
  const subscribed = new Set<string>();
  server.registerCapabilities({ resources: { subscribe: true, listChanged: true } });
  server.setRequestHandler(SubscribeRequestSchema, (request) => {
    subscribed.add(request.params.uri);
    return {};
  });
  server.setRequestHandler(UnsubscribeRequestSchema, (request) => {
    subscribed.delete(request.params.uri);
    return {};
  });
  const stop = events.listen({
    updated: (uri) => {
      if (subscribed.has(uri)) server.sendResourceUpdated({ uri }).catch(() => {});
    },
    listChanged: () => {
      if (mcp.isConnected()) mcp.sendResourceListChanged();
    },
  });
  const previous = server.onclose;
  server.onclose = () => {
    stop();
    previous?.();
  };
}

function toolDefinition(operation: AnyOperation): Tool {
  const readOnly = !operation.effects.includes("write");
  return {
    name: operation.name,
    title: operation.title,
    description: operation.description,
    inputSchema: jsonSchema(operation.input, "input") as Tool["inputSchema"],
    outputSchema: jsonSchema(operation.output, "output") as Tool["outputSchema"],
    annotations: {
      title: operation.title,
      readOnlyHint: readOnly,
      destructiveHint: operation.destructive ?? false,
      idempotentHint: operation.idempotent ?? readOnly,
      openWorldHint: operation.effects.includes("net"),
    },
  };
}

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io,
    target: "draft-7",
    unrepresentable: "any",
  }) as Record<
    string,
    unknown
  >;
  return rest;
}

type SendNotification = (notification: {
  method: "notifications/progress";
  params: { progressToken: string | number; progress: number; total?: number; message?: string };
}) => Promise<void>;

function progressNotifier(token: string | number, send: unknown): ProgressReporter {
  let last = -Infinity;
  let lastProgress = -Infinity;
  return (progress, total, message) => {
    const now = Date.now();
    const final = total !== undefined && progress >= total;
    // Progress must increase; throttle all but the final notification.
    if (progress <= lastProgress || (!final && now - last < PROGRESS_INTERVAL_MS)) return;
    last = now;
    lastProgress = progress;
    (send as SendNotification)({
      method: "notifications/progress",
      params: {
        progressToken: token,
        progress,
        ...(total === undefined ? {} : { total }),
        ...(message === undefined ? {} : { message }),
      },
    }).catch(() => {});
  };
}

type ContextFor = (
  extra: { signal: AbortSignal; sessionId?: string | undefined },
  logger: string,
  progress: ProgressReporter,
) => OperationContext;

function toMcpError(thrown: unknown): McpError {
  const error = toCodegenError(thrown);
  const code = error.code === "NOT_FOUND"
    ? -32002
    : error.code === "INVALID_INPUT" || error.code === "USAGE"
    ? ErrorCode.InvalidParams
    : ErrorCode.InternalError;
  return new McpError(
    code,
    error.hint ? `${error.message} (hint: ${error.hint})` : error.message,
    error.toJSON(),
  );
}

function registerResource(mcp: McpServer, resource: AnyResource, contextFor: ContextFor): void {
  const metadata = {
    title: resource.title,
    description: resource.description,
    mimeType: resource.mimeType,
  };
  const read = async (
    uri: URL,
    vars: Record<string, string>,
    extra: { signal: AbortSignal; sessionId?: string },
  ) => {
    try {
      const content = await resource.read(
        uri.href,
        vars,
        contextFor(extra, resource.name, () => {}),
      );
      return { contents: [{ uri: content.uri, mimeType: content.mimeType, text: content.text }] };
    } catch (error) {
      throw error instanceof McpError ? error : toMcpError(error);
    }
  };
  if (!resource.uri.includes("{")) {
    mcp.registerResource(
      resource.name,
      resource.uri,
      metadata,
      (uri, extra) => read(uri, {}, extra),
    );
    return;
  }
  const noSignal = { signal: new AbortController().signal };
  const complete = Object.fromEntries(
    Object.entries(resource.complete ?? {}).map(([variable, fn]) => [
      variable,
      (value: string) => fn(value, contextFor(noSignal, resource.name, () => {})),
    ]),
  );
  const template = new ResourceTemplate(resource.uri, {
    list: resource.list
      ? async () => ({
        resources: (await resource.list!(contextFor(noSignal, resource.name, () => {}))).map((
          item,
        ) => ({
          ...item,
          mimeType: resource.mimeType,
        })),
      })
      : undefined,
    complete,
  });
  mcp.registerResource(resource.name, template, metadata, (uri, variables, extra) => {
    const vars = Object.fromEntries(
      Object.entries(variables).map((
        [key, value],
      ) => [key, Array.isArray(value) ? value.join(",") : String(value)]),
    );
    return read(uri, vars, extra);
  });
}

function registerPrompt(mcp: McpServer, prompt: AnyPrompt, contextFor: ContextFor): void {
  const noSignal = { signal: new AbortController().signal };
  const shape: Record<string, z.ZodType> = {};
  for (const [name, schema] of Object.entries(prompt.args as Record<string, z.ZodType>)) {
    const complete = prompt.complete?.[name];
    shape[name] = complete
      // completable() marks the schema object itself, and every session
      // registers the prompt again: wrap a fresh copy each time.
      ? completable(
        schema.describe(schema.description ?? "") as z.ZodString,
        (value: string | undefined) =>
          complete(value ?? "", contextFor(noSignal, prompt.name, () => {})),
      ) as unknown as z.ZodType
      : schema;
  }
  mcp.registerPrompt(
    prompt.name,
    {
      title: prompt.title,
      description: prompt.description,
      argsSchema: shape as Record<string, z.ZodString>,
    },
    async (args, extra) => {
      try {
        const rendered = await prompt.render(args, contextFor(extra, prompt.name, () => {}));
        return {
          ...(rendered.description === undefined ? {} : { description: rendered.description }),
          messages: rendered.messages.map((message) => ({
            role: message.role,
            content: { type: "text" as const, text: message.text },
          })),
        };
      } catch (error) {
        throw error instanceof CodegenError ? toMcpError(error) : error;
      }
    },
  );
}
