/**
 * Raw JSON-RPC lines on the server's stdin: malformed input gets JSON-RPC
 * errors, the server keeps serving, and stdout carries nothing but protocol.
 */
import assert from "node:assert/strict";
import { mainArgs, makeWorkspace, removeWorkspace } from "../_support.ts";

async function exchange(
  lines: string[],
): Promise<
  { messages: Array<Record<string, unknown>>; stdout: string; stderr: string; code: number }
> {
  const workspace = await makeWorkspace({ "x.txt": "" });
  try {
    const child = new Deno.Command(Deno.execPath(), {
      args: mainArgs(workspace, ["serve"]),
      cwd: workspace,
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
      clearEnv: true,
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(lines.map((line) => `${line}\n`).join("")));
    await writer.close();
    const output = await child.output();
    const stdout = new TextDecoder().decode(output.stdout);
    const messages = stdout.split("\n").filter((line) => line !== "").map((line) =>
      JSON.parse(line)
    );
    return { messages, stdout, stderr: new TextDecoder().decode(output.stderr), code: output.code };
  } finally {
    await removeWorkspace(workspace);
  }
}

const INITIALIZE = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: {
    protocolVersion: "2025-06-18",
    capabilities: {},
    clientInfo: { name: "raw", version: "1" },
  },
});
const INITIALIZED = JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" });

Deno.test("MCP stdio: malformed lines get JSON-RPC errors and the server keeps serving", async () => {
  const { messages, code } = await exchange([
    INITIALIZE,
    INITIALIZED,
    "this is not json",
    '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":"not an object"}',
    '{"jsonrpc":"2.0","id":3,"method":"no/such/method"}',
    '{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":5}}',
    '{"id":5}',
    '{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"list_files","arguments":{}}}',
  ]);
  assert.equal(code, 0, "the server exits cleanly when stdin ends");
  const byId = new Map(messages.map((message) => [message.id, message]));
  assert.deepEqual(
    messages.filter((message) => message.id === null).map((message) => message.error),
    [{
      code: -32700,
      message: "Parse error: Unexpected token 'h', \"this is not json\" is not valid JSON",
    }],
  );
  assert.deepEqual((byId.get(2)!.error as { code: number }).code, -32600);
  assert.deepEqual(byId.get(3)!.error, { code: -32601, message: "Method not found" });
  const invalidParams = byId.get(4)!.error as { code: number; message: string };
  assert.equal(invalidParams.code, -32602);
  assert.match(invalidParams.message, /^MCP error -32602: Invalid tools\/call request: /);
  assert.match(invalidParams.message, /"name"[\s\S]*expected string, received number/);
  assert.equal((byId.get(5)!.error as { code: number }).code, -32600);
  const result = byId.get(6)!.result as { structuredContent: { files: string[] } };
  assert.deepEqual(result.structuredContent.files, ["x.txt"]);
});

Deno.test("MCP stdio: stdout carries only JSON-RPC messages, logs go to stderr", async () => {
  const { stdout, messages } = await exchange([
    INITIALIZE,
    INITIALIZED,
    '{"jsonrpc":"2.0","id":2,"method":"tools/list"}',
    '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"workspace_info","arguments":{}}}',
    '{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"list_files","arguments":{"limit":-1}}}',
  ]);
  for (const line of stdout.split("\n").filter((text) => text !== "")) {
    const message = JSON.parse(line);
    assert.equal(message.jsonrpc, "2.0", `not JSON-RPC: ${line}`);
  }
  // Responses may come in any order; each request gets exactly one.
  assert.deepEqual(messages.map((message) => message.id).sort(), [1, 2, 3, 4]);
  assert.ok(stdout.endsWith("\n"));
});
