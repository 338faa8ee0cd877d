/**
 * The sandbox through the real MCP server, started with `deno task serve`'s
 * narrow permissions: limits must still kill, and Python must still run.
 */
import assert from "node:assert/strict";
import { Client, StdioClientTransport } from "../_sdk_client.ts";
import { mainArgs, makeWorkspace, removeWorkspace } from "../_support.ts";

Deno.test("MCP stdio: run_sandboxed and check_code under the serve task's permissions", async () => {
  const workspace = await makeWorkspace({
    "codegen-lab.json": JSON.stringify({ sandbox: { timeoutMs: 20_000, pythonPoolSize: 1 } }),
  });
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: mainArgs(workspace, ["serve"]),
    cwd: workspace,
    env: { NO_COLOR: "1" },
    stderr: "pipe",
  });
  const client = new Client({ name: "codegen-lab-test", version: "1.0.0" });
  await client.connect(transport);
  try {
    const loop = await client.callTool({
      name: "run_sandboxed",
      arguments: { language: "javascript", code: "while (true) {}", timeoutMs: 1000 },
    });
    const looped = loop.structuredContent as {
      timedOut: boolean;
      exitCode: number | null;
      durationMs: number;
    };
    assert.equal(looped.timedOut, true);
    assert.equal(looped.exitCode, null);
    assert.ok(looped.durationMs < 5000, `${looped.durationMs} ms`);

    const hello = await client.callTool({
      name: "run_sandboxed",
      arguments: { language: "typescript", code: "console.log(6 * 7);" },
    });
    assert.equal((hello.structuredContent as { stdout: string }).stdout, "42\n");

    const python = await client.callTool({
      name: "run_sandboxed",
      arguments: { language: "python", code: "print(sum(range(10)))" },
    });
    const py = python.structuredContent as { stdout: string; exitCode: number };
    assert.equal(py.stdout, "45\n", JSON.stringify(python.structuredContent));
    assert.equal(py.exitCode, 0);

    const checked = await client.callTool({
      name: "check_code",
      arguments: { code: "import os\nos.system(cmd)\n", language: "python" },
    });
    const report = checked.structuredContent as {
      ok: boolean;
      files: Array<{ findings: Array<{ ruleId: string }> }>;
    };
    assert.equal(report.ok, false);
    assert.deepEqual(report.files[0]!.findings.map((f) => f.ruleId), ["subprocess/os-exec"]);
  } finally {
    await client.close();
    await removeWorkspace(workspace);
  }
});
