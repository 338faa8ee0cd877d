/**
 * The real server over Streamable HTTP on 127.0.0.1 with a random port,
 * driven by the SDK's Client and by raw HTTP where a client would not misbehave.
 */
import assert from "node:assert/strict";
import denoJson from "../../deno.json" with { type: "json" };
import { buildCatalog } from "../../src/catalog.ts";
import { DEFAULT_TOOL_GROUPS } from "../../src/core/mod.ts";
import { Client, StreamableHTTPClientTransport } from "../_sdk_client.ts";
import { mainArgs, makeWorkspace, removeWorkspace } from "../_support.ts";

interface RunningServer {
  url: string;
  port: number;
  workspace: string;
  stop(): Promise<string>;
}

async function startServer(): Promise<RunningServer> {
  const workspace = await makeWorkspace({ "one.txt": "", "two/three.md": "" });
  const child = new Deno.Command(Deno.execPath(), {
    args: mainArgs(workspace, ["serve", "--http", "--port", "0"], ["--allow-net=127.0.0.1"]),
    cwd: workspace,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
    clearEnv: true,
  }).spawn();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let stderr = "";
  while (!/listening on (\S+)\n/.test(stderr)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`server exited early: ${stderr}`);
    stderr += value;
  }
  const url = /listening on (\S+)\n/.exec(stderr)![1]!;
  const pump = (async () => {
    while (true) {
      const { value, done } = await reader.read();
      if (done) return;
      stderr += value;
    }
  })();
  const stdoutText = new Response(child.stdout).text();
  return {
    url,
    port: Number(new URL(url).port),
    workspace,
    async stop() {
      child.kill("SIGTERM");
      await child.status;
      await pump;
      const stdout = await stdoutText;
      await removeWorkspace(workspace);
      return stdout;
    },
  };
}

async function connect(
  url: string,
): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const transport = new StreamableHTTPClientTransport(new URL(url));
  const client = new Client({ name: "http-test", version: "1.0.0" });
  await client.connect(transport);
  return { client, transport };
}

/** Sends a raw HTTP/1.1 request so the Host header is exactly what we say. */
async function rawRequest(
  port: number,
  head: string,
  body = "",
): Promise<{ status: number; text: string }> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    const request = `${head}\r\nContent-Length: ${
      new TextEncoder().encode(body).length
    }\r\nConnection: close\r\n\r\n${body}`;
    await conn.write(new TextEncoder().encode(request));
    const text = await new Response(conn.readable).text();
    return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]), text };
  } catch (error) {
    conn.close();
    throw error;
  }
}

Deno.test("MCP HTTP: sessions, concurrency, health and DNS-rebinding protection", async (t) => {
  const server = await startServer();
  try {
    await t.step("/healthz answers with name, version and session count", async () => {
      const response = await fetch(server.url.replace("/mcp", "/healthz"));
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), {
        status: "ok",
        name: "@codegen-lab/cli",
        version: denoJson.version,
        sessions: 0,
      });
    });

    await t.step(
      "each client gets its own Mcp-Session-Id and sessions are independent",
      async () => {
        const a = await connect(server.url);
        const b = await connect(server.url);
        try {
          assert.ok(a.transport.sessionId && b.transport.sessionId);
          assert.notEqual(a.transport.sessionId, b.transport.sessionId);
          // Every session gets a complete server (prompts with completion included).
          for (const client of [a.client, b.client]) {
            const expected = buildCatalog().prompts.list([...DEFAULT_TOOL_GROUPS]).map((p) =>
              p.name
            );
            assert.ok(expected.includes("generate-cursor-rule"));
            assert.deepEqual((await client.listPrompts()).prompts.map((p) => p.name), expected);
          }
          const health = await (await fetch(server.url.replace("/mcp", "/healthz"))).json();
          assert.equal(health.sessions, 2);
          // Concurrent calls on both sessions.
          const calls = await Promise.all([
            ...Array.from(
              { length: 5 },
              () => a.client.callTool({ name: "list_files", arguments: { pattern: "*.txt" } }),
            ),
            ...Array.from(
              { length: 5 },
              () => b.client.callTool({ name: "workspace_info", arguments: {} }),
            ),
          ]);
          for (const call of calls.slice(0, 5)) {
            assert.deepEqual((call.structuredContent as { files: string[] }).files, ["one.txt"]);
          }
          for (const call of calls.slice(5)) {
            assert.equal((call.structuredContent as { root: string }).root, server.workspace);
          }
          // Closing one session leaves the other working.
          await a.transport.terminateSession();
          await a.client.close();
          const still = await b.client.callTool({
            name: "list_files",
            arguments: { pattern: "two/**" },
          });
          assert.deepEqual((still.structuredContent as { files: string[] }).files, [
            "two/three.md",
          ]);
          const after = await (await fetch(server.url.replace("/mcp", "/healthz"))).json();
          assert.equal(after.sessions, 1);
        } finally {
          await a.client.close().catch(() => {});
          await b.client.close();
        }
      },
    );

    await t.step("a request with a foreign Host header is refused with 403", async () => {
      const initialize = JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: {
          protocolVersion: "2025-06-18",
          capabilities: {},
          clientInfo: { name: "evil", version: "1" },
        },
      });
      const headers =
        "Content-Type: application/json\r\nAccept: application/json, text/event-stream";
      const evil = await rawRequest(
        server.port,
        `POST /mcp HTTP/1.1\r\nHost: evil.example:${server.port}\r\n${headers}`,
        initialize,
      );
      assert.equal(evil.status, 403);
      assert.match(evil.text, /Forbidden: Host header \\"evil\.example:\d+\\" is not allowed/);
      const health = await rawRequest(server.port, `GET /healthz HTTP/1.1\r\nHost: attacker.test`);
      assert.equal(health.status, 403);
      const origin = await rawRequest(
        server.port,
        `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: http://evil.example\r\n${headers}`,
        initialize,
      );
      assert.equal(origin.status, 403);
      assert.match(origin.text, /Forbidden: Origin \\"http:\/\/evil\.example\\" is not allowed/);
      const good = await rawRequest(
        server.port,
        `POST /mcp HTTP/1.1\r\nHost: localhost:${server.port}\r\n${headers}`,
        initialize,
      );
      assert.equal(good.status, 200);
    });

    await t.step("unknown sessions get 404 and requests without a session get 400", async () => {
      const unknown = await fetch(server.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          "mcp-session-id": "nope",
        },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      });
      assert.equal(unknown.status, 404);
      assert.equal((await unknown.json()).error.code, -32001);
      const noSession = await fetch(server.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
        },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      });
      assert.equal(noSession.status, 400);
      await noSession.body?.cancel();
      const other = await fetch(server.url.replace("/mcp", "/elsewhere"));
      assert.equal(other.status, 404);
      await other.body?.cancel();
    });
  } finally {
    const stdout = await server.stop();
    assert.equal(stdout, "", "nothing is printed on stdout in HTTP mode either");
  }
});
