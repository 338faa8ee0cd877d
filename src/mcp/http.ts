/**
 * Streamable HTTP serving: one MCP server per session (`Mcp-Session-Id`),
 * Host/Origin checks against DNS rebinding, and `/healthz`.
 *
 * @module
 */
import {
  isInitializeRequest,
  type McpServer,
  WebStandardStreamableHTTPServerTransport,
} from "./_sdk.ts";
import denoJson from "../../deno.json" with { type: "json" };

/** Options of {@linkcode serveHttp}. */
export interface HttpOptions {
  /** Host to bind; loopback unless the user asks otherwise. */
  host: string;
  /** Port; 0 picks a free one. */
  port: number;
  /** Makes a fresh MCP server for each new session. */
  newServer: () => McpServer;
  /** Told the address once listening (stderr). */
  announce: (text: string) => void;
  /** Stops the server when aborted. */
  signal: AbortSignal;
  /** Sessions idle longer than this are closed. @default {1_800_000} */
  idleMs?: number;
}

interface Session {
  transport: WebStandardStreamableHTTPServerTransport;
  server: McpServer;
  lastSeen: number;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/**
 * Serves MCP over Streamable HTTP at `/mcp` until `signal` aborts.
 *
 * Requires `--allow-net` for the host and port.
 *
 * @param options Host, port, server factory, announcement and signal.
 * @returns Resolves when the server has shut down.
 *
 * @example
 * ```ts ignore
 * await serveHttp({ host: "127.0.0.1", port: 0, newServer, announce: console.error, signal });
 * ```
 */
export async function serveHttp(options: HttpOptions): Promise<void> {
  const { host, newServer, announce, signal, idleMs = 30 * 60_000 } = options;
  const sessions = new Map<string, Session>();
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  const handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    // DNS rebinding: a page on evil.example that resolves to 127.0.0.1 sends
    // its own Host (and Origin); only our own names are accepted.
    const hostHeader = request.headers.get("host") ?? "";
    if (!allowedHosts.has(hostHeader.toLowerCase())) {
      return jsonRpcError(403, -32000, `Forbidden: Host header "${hostHeader}" is not allowed`);
    }
    const origin = request.headers.get("origin");
    if (origin !== null && !allowedOrigins.has(origin.toLowerCase())) {
      return jsonRpcError(403, -32000, `Forbidden: Origin "${origin}" is not allowed`);
    }
    if (url.pathname === "/healthz") {
      return Response.json({
        status: "ok",
        name: denoJson.name,
        version: denoJson.version,
        sessions: sessions.size,
      });
    }
    if (url.pathname !== "/mcp") {
      return jsonRpcError(404, -32000, `Not found: ${url.pathname}; the MCP endpoint is /mcp`);
    }

    const sessionId = request.headers.get("mcp-session-id");
    if (sessionId) {
      const session = sessions.get(sessionId);
      if (!session) {
        return jsonRpcError(
          404,
          -32001,
          "Session not found: it expired or was closed; initialize a new one",
        );
      }
      session.lastSeen = Date.now();
      return session.transport.handleRequest(request);
    }
    if (request.method !== "POST") {
      return jsonRpcError(400, -32000, "Bad Request: Mcp-Session-Id header is required");
    }
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return jsonRpcError(400, -32700, "Parse error: the body is not JSON");
    }
    const isInit = Array.isArray(body) ? body.some(isInitializeRequest) : isInitializeRequest(body);
    if (!isInit) {
      return jsonRpcError(400, -32000, "Bad Request: no valid session; send initialize first");
    }
    const server = newServer();
    const transport: WebStandardStreamableHTTPServerTransport =
      new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: () => crypto.randomUUID(),
        onsessioninitialized: (id) => {
          sessions.set(id, { transport, server, lastSeen: Date.now() });
        },
        onsessionclosed: (id) => {
          sessions.delete(id);
        },
      });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    return transport.handleRequest(request, { parsedBody: body });
  };

  const { promise: listening, resolve: onListening } = Promise.withResolvers<Deno.NetAddr>();
  const httpServer = Deno.serve({
    hostname: host,
    port: options.port,
    signal,
    onListen: (address) => onListening(address as Deno.NetAddr),
    onError: (error) => {
      announce(
        `error: MCP HTTP request failed: ${
          error instanceof Error ? error.stack ?? error.message : String(error)
        }`,
      );
      return jsonRpcError(
        500,
        -32603,
        "Internal error: the request could not be handled; see the server log",
      );
    },
  }, handler);
  const address = await listening;
  const port = address.port;
  const names = LOOPBACK.has(host) ? ["127.0.0.1", "localhost", "[::1]"] : [host];
  allowedHosts = new Set(names.map((name) => `${name}:${port}`.toLowerCase()));
  allowedOrigins = new Set(
    names.flatMap((name) => [`http://${name}:${port}`, `https://${name}:${port}`]),
  );
  if (!LOOPBACK.has(host)) {
    announce(
      `warning: serving on ${host}, which is not loopback; this server has no authentication`,
    );
  }
  announce(
    `codegen-lab MCP server listening on http://${
      LOOPBACK.has(host) ? "127.0.0.1" : host
    }:${port}/mcp`,
  );

  const sweeper = setInterval(() => {
    const cutoff = Date.now() - idleMs;
    for (const [id, session] of sessions) {
      if (session.lastSeen < cutoff) {
        sessions.delete(id);
        session.transport.close().catch(() => {});
      }
    }
  }, Math.min(idleMs, 60_000));
  try {
    await httpServer.finished;
  } finally {
    clearInterval(sweeper);
    await Promise.all(
      [...sessions.values()].map((session) => session.server.close().catch(() => {})),
    );
  }
}

function jsonRpcError(status: number, code: number, message: string): Response {
  return Response.json({ jsonrpc: "2.0", error: { code, message }, id: null }, { status });
}
