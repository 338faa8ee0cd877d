/**
 * One contract, three doors: every operation example runs through direct
 * invoke(), the CLI in-process and MCP in-process, and all three must agree on
 * the output and on the error code and message.
 */
import assert from "node:assert/strict";
import { buildCatalog } from "../src/catalog.ts";
import { runCli } from "../src/cli/mod.ts";
import {
  commandOf,
  type Config,
  invoke,
  loadConfig,
  ResourceEvents,
  testContext,
  toCodegenError,
} from "../src/core/mod.ts";
import { createMcpServer } from "../src/mcp/mod.ts";
import { captureIo } from "./_cli_in_process.ts";
import { Client, InMemoryTransport, ResourceUpdatedNotificationSchema } from "./_sdk_client.ts";
import { makeWorkspace, removeWorkspace } from "./_support.ts";

interface Case {
  operation: string;
  input: Record<string, unknown>;
}

const CASES: Case[] = [
  { operation: "workspace_info", input: {} },
  { operation: "list_files", input: {} },
  { operation: "list_files", input: { pattern: "src/**", limit: 1 } },
  { operation: "list_files", input: { includeIgnored: true } },
  { operation: "list_files", input: { limit: 0 } },
  { operation: "list_files", input: { limit: "ten" } },
  { operation: "list_files", input: { pattern: "" } },
];

async function viaCli(root: string, operation: string, input: Record<string, unknown>) {
  const { io, stdout: captured } = captureIo(root, JSON.stringify(input));
  const code = await runCli([operation, "--input-json", "-", "--json"], io);
  const parsed = JSON.parse(captured());
  return code === 0
    ? { output: parsed }
    : { error: { code: parsed.error.code, message: parsed.error.message } };
}

async function mcpClient(
  root: string,
  config: Config,
  events = new ResourceEvents(),
): Promise<Client> {
  const server = createMcpServer({
    catalog: buildCatalog(),
    root,
    config,
    groups: ["core"],
    logSink: () => {},
    logLevel: "error",
    events,
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "contract", version: "1" });
  await client.connect(clientSide);
  return client;
}

Deno.test("every operation gives the same result through invoke(), the CLI and MCP", async () => {
  const root = await makeWorkspace({
    ".gitignore": "*.tmp\n",
    "src/a.ts": "",
    "src/b.ts": "",
    "x.tmp": "",
  });
  try {
    const { config } = await loadConfig(root, { env: { get: () => undefined } });
    const client = await mcpClient(root, config);
    const catalog = buildCatalog();
    for (const { operation, input } of CASES) {
      const op = catalog.operations.get(operation)!;
      const direct = await invoke(op, input, await testContext(root)).then(
        (output) => ({ output }),
        (error) => ({
          error: { code: toCodegenError(error).code, message: toCodegenError(error).message },
        }),
      );
      const cli = await viaCli(root, operation, input);
      const result = await client.callTool({ name: operation, arguments: input });
      const mcp = result.isError
        ? {
          error: {
            code: (result._meta?.["codegen-lab/error"] as { code: string }).code,
            message: (result._meta?.["codegen-lab/error"] as { message: string }).message,
          },
        }
        : { output: result.structuredContent };
      const label = `${operation} ${JSON.stringify(input)} (CLI: ${commandOf(op)})`;
      assert.deepEqual(cli, direct, `CLI differs for ${label}`);
      assert.deepEqual(mcp, direct, `MCP differs for ${label}`);
    }
    await client.close();
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("MCP forwards resource updates only for subscribed URIs", async () => {
  const root = await makeWorkspace();
  try {
    const { config } = await loadConfig(root, { env: { get: () => undefined } });
    const events = new ResourceEvents();
    const client = await mcpClient(root, config, events);
    const updated: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => {
      updated.push(notification.params.uri);
    });
    await client.subscribeResource({ uri: "codegen-lab://workspace" });
    events.updated("codegen-lab://workspace");
    events.updated("codegen-lab://other");
    await client.unsubscribeResource({ uri: "codegen-lab://workspace" });
    events.updated("codegen-lab://workspace");
    await client.ping();
    assert.deepEqual(updated, ["codegen-lab://workspace"]);
    await client.close();
  } finally {
    await removeWorkspace(root);
  }
});
