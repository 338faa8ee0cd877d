/**
 * The real server over stdio, driven by the SDK's own Client and
 * StdioClientTransport, with `deno task serve`'s narrow permissions.
 */
import assert from "node:assert/strict";
import denoJson from "../../deno.json" with { type: "json" };
import { buildCatalog } from "../../src/catalog.ts";
import { DEFAULT_TOOL_GROUPS } from "../../src/core/mod.ts";
import { Client, StdioClientTransport } from "../_sdk_client.ts";
import { mainArgs, makeWorkspace, removeWorkspace } from "../_support.ts";

async function withClient(
  fn: (client: Client, workspace: string, stderr: () => string) => Promise<void> | void,
  options: { files?: Record<string, string>; args?: string[] } = {},
): Promise<void> {
  const workspace = await makeWorkspace(options.files ?? { "a.ts": "", "b/c.md": "" });
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: mainArgs(workspace, ["serve", ...(options.args ?? [])]),
    cwd: workspace,
    env: { NO_COLOR: "1" },
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Uint8Array) => stderr += new TextDecoder().decode(chunk));
  const client = new Client({ name: "codegen-lab-test", version: "1.0.0" });
  await client.connect(transport);
  try {
    await fn(client, workspace, () => stderr);
  } finally {
    await client.close();
    await removeWorkspace(workspace);
  }
}

Deno.test("MCP stdio: initialize reports name, version and instructions", async () => {
  await withClient((client) => {
    assert.deepEqual(client.getServerVersion(), {
      name: "codegen-lab",
      title: "Codegen Lab",
      version: denoJson.version,
    });
    const instructions = client.getInstructions() ?? "";
    assert.match(
      instructions,
      /inspect the workspace: where it is, its configuration, its files: workspace_info, list_files/,
    );
    assert.ok(client.getServerCapabilities()?.logging);
  });
});

Deno.test("MCP stdio: tools/list offers every registry operation with both schemas and annotations", async () => {
  await withClient(async (client) => {
    const { tools } = await client.listTools();
    const expected = buildCatalog().operations.list([...DEFAULT_TOOL_GROUPS]).map((operation) =>
      operation.name
    );
    assert.deepEqual(tools.map((tool) => tool.name), expected);
    for (const tool of tools) {
      assert.equal(tool.inputSchema.type, "object", tool.name);
      assert.equal(tool.outputSchema?.type, "object", tool.name);
      assert.equal(typeof tool.description, "string");
      assert.equal(typeof tool.annotations?.readOnlyHint, "boolean");
    }
    const listFiles = tools.find((tool) => tool.name === "list_files")!;
    assert.deepEqual(listFiles.annotations, {
      title: "List files",
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    });
    assert.deepEqual(Object.keys(listFiles.inputSchema.properties ?? {}), [
      "pattern",
      "limit",
      "includeIgnored",
    ]);
  });
});

Deno.test("MCP stdio: tools/call returns structured content", async () => {
  await withClient(async (client, workspace) => {
    const info = await client.callTool({ name: "workspace_info", arguments: {} });
    assert.equal(info.isError, undefined);
    assert.equal((info.structuredContent as { root: string }).root, workspace);
    const files = await client.callTool({ name: "list_files", arguments: { pattern: "**/*.md" } });
    assert.deepEqual(files.structuredContent, {
      files: ["b/c.md"],
      count: 1,
      truncated: false,
      skipped: { ignored: 0, symlinksOutside: 0 },
    });
    assert.deepEqual(
      JSON.parse((files.content as Array<{ text: string }>)[0]!.text),
      files.structuredContent,
    );
  });
});

Deno.test("MCP stdio: invalid arguments give an isError result with the CLI's message", async () => {
  await withClient(async (client) => {
    const result = await client.callTool({
      name: "list_files",
      arguments: { limit: "abc", extra: 1 },
    });
    assert.equal(result.isError, true);
    assert.deepEqual(result.content, [{
      type: "text",
      text:
        'Invalid input for "list_files":\n  - limit: expected number, received string\n  - (input): unknown field "extra"\n' +
        "hint: See the accepted fields with `codegen-lab help list_files` or the tool's input schema",
    }]);
    assert.equal((result._meta?.["codegen-lab/error"] as { code: string }).code, "INVALID_INPUT");
  });
});

Deno.test("MCP stdio: an unknown or disabled tool is a protocol error", async () => {
  await withClient(async (client) => {
    await assert.rejects(
      client.callTool({ name: "no_such_tool", arguments: {} }),
      /Unknown tool "no_such_tool"/,
    );
  });
  await withClient(async (client) => {
    assert.deepEqual(
      (await client.listTools()).tools.map((tool) => tool.name),
      buildCatalog().operations.list(["rules"]).map((operation) => operation.name),
    );
    await assert.rejects(
      client.callTool({ name: "list_files", arguments: {} }),
      /Tool "list_files" is in group "core", which this server does not expose; start it with --tools core/,
    );
  }, { args: ["--tools", "rules"] });
});

Deno.test("MCP stdio: progress notifications arrive when the client sends a progress token", async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 1600; i++) files[`d${i % 10}/f${i}.txt`] = "";
  await withClient(async (client) => {
    const seen: Array<{ progress: number; message?: string }> = [];
    const result = await client.callTool(
      { name: "list_files", arguments: { pattern: "none/**" } },
      undefined,
      {
        onprogress: (progress) =>
          seen.push({ progress: progress.progress, message: progress.message }),
      },
    );
    assert.equal((result.structuredContent as { count: number }).count, 0);
    assert.ok(seen.length >= 1, "at least one progress notification");
    assert.deepEqual(seen[0], { progress: 500, message: "500 files scanned" });
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.progress > seen[i - 1]!.progress);
  }, { files });
});

Deno.test("MCP stdio: a cancelled call rejects on the client and the server keeps serving", async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 3000; i++) files[`d${i % 30}/f${i}.txt`] = "";
  await withClient(async (client) => {
    const controller = new AbortController();
    const call = client.callTool(
      { name: "list_files", arguments: { pattern: "none/**" } },
      undefined,
      {
        signal: controller.signal,
      },
    );
    controller.abort(new Error("user cancelled"));
    await assert.rejects(call, /user cancelled/);
    const after = await client.callTool({
      name: "list_files",
      arguments: { pattern: "d0/f0.txt" },
    });
    assert.deepEqual((after.structuredContent as { files: string[] }).files, ["d0/f0.txt"]);
  }, { files });
});

Deno.test("MCP stdio: logging/setLevel is accepted and resources are listed and read", async () => {
  await withClient(async (client, workspace) => {
    await client.setLoggingLevel("debug");
    const { resources } = await client.listResources();
    // The workspace has no rules, so the rule templates list nothing.
    assert.deepEqual(resources.map((resource) => resource.uri), [
      "codegen-lab://workspace",
      "cursor-rules://list",
      "repo://report",
    ]);
    const read = await client.readResource({ uri: "codegen-lab://workspace" });
    const content = read.contents[0] as { text: string; mimeType: string };
    assert.equal(content.mimeType, "application/json");
    assert.equal(JSON.parse(content.text).root, workspace);
  });
});
