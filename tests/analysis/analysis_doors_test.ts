/**
 * Analysis through both doors: the real CLI in a subprocess and the real
 * MCP server over stdio, with `deno task serve`'s permissions.
 */
import assert from "node:assert/strict";
import { Client, StdioClientTransport } from "../_sdk_client.ts";
import { mainArgs, makeWorkspace, removeWorkspace, runCliProcess } from "../_support.ts";
import { copyFixtureRepo } from "./_fixture_repo.ts";

Deno.test("CLI: analyze repo writes the report; --json prints the analysis", async () => {
  const root = await copyFixtureRepo("go-service");
  try {
    const run = await runCliProcess(root, ["analyze", "repo"]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.stdout.startsWith("9 files, 66 lines of code in 4 languages\n"), run.stdout);
    assert.ok(run.stdout.includes("\n  Go                    3 files         38 code   57.6%\n"));
    assert.ok(run.stdout.includes("\n  Makefile              1 file           7 code   10.6%\n"));
    assert.match(run.stdout, /\nFrameworks: Gin\n/);
    assert.match(run.stdout, /\nReport written to \.ai\/ai_report\.md\n?$/);
    assert.ok((await Deno.stat(`${root}/.ai/ai_report.md`)).isFile);
    const json = await runCliProcess(root, ["analyze", "repo", "--no-write", "--json"]);
    assert.equal(json.code, 0, json.stderr);
    const parsed = JSON.parse(json.stdout);
    assert.deepEqual(parsed.report, {});
    assert.equal(parsed.languages[0].name, "Go");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("CLI: pack prints the document; --out writes it and prints counts and redactions", async () => {
  const root = await copyFixtureRepo("mixed-secrets");
  try {
    const run = await runCliProcess(root, ["pack", "src/**"]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.stdout.startsWith("This document packs files of the repository"));
    assert.ok(run.stdout.includes('<file path="src/client.ts">'));
    assert.ok(!run.stdout.includes("config/settings.py"));
    const written = await runCliProcess(root, ["pack", "--out", "ctx.md", "--style", "markdown"]);
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stdout, /^\d+ files, [\d,]+ tokens \(o200k_base\), markdown → ctx\.md\n/);
    assert.match(written.stdout, /\nRedacted \(8\):\n/);
    assert.match(written.stdout, /\n {2}src\/client\.ts:2:\d+ github-token\n/);
    const bad = await runCliProcess(root, ["pack", "--style", "html"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /style/);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("MCP stdio: pack_context reports progress; repo://report serves the analysis", async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 450; i++) files[`pkg${i % 9}/m${i}.ts`] = `export const v${i} = ${i};\n`;
  const workspace = await makeWorkspace(files);
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
    const seen: Array<{ progress: number; total?: number }> = [];
    const result = await client.callTool(
      { name: "pack_context", arguments: { style: "plain" } },
      undefined,
      { onprogress: (p) => seen.push({ progress: p.progress, total: p.total }) },
    );
    assert.equal(result.isError, undefined);
    const packed = result.structuredContent as {
      fileCount: number;
      totalTokens: number;
      text: string;
    };
    assert.equal(packed.fileCount, 450);
    assert.ok(packed.text.includes("File: pkg0/m0.ts"));
    // Throttled to one per 50 ms, but the first and the last always go out.
    assert.ok(seen.length >= 2, `${seen.length} progress notifications`);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.progress > seen[i - 1]!.progress);
    assert.deepEqual(seen[0], { progress: 0, total: 450 });
    assert.deepEqual(seen.at(-1), { progress: 450, total: 450 });

    const analysed = await client.callTool({
      name: "analyze_repository",
      arguments: { write: false },
    });
    assert.equal((analysed.structuredContent as { totals: { files: number } }).totals.files, 450);
    const resource = await client.readResource({ uri: "repo://report" });
    const report = JSON.parse((resource.contents[0] as { text: string }).text);
    assert.equal(report.languages[0].name, "TypeScript");
    assert.equal(report.languages[0].files, 450);

    const escape = await client.callTool({ name: "pack_context", arguments: { out: "../x.xml" } });
    assert.equal(escape.isError, true);
    assert.match((escape.content as Array<{ text: string }>)[0]!.text, /outside the workspace/);
  } finally {
    await client.close();
    await removeWorkspace(workspace);
  }
});
