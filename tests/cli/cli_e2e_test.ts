/**
 * The real CLI in a subprocess, with `deno task serve`'s narrow permissions.
 */
import assert from "node:assert/strict";
import denoJson from "../../deno.json" with { type: "json" };
import { makeWorkspace, removeWorkspace, runCliProcess } from "../_support.ts";

const FILES = {
  ".gitignore": "*.log\n",
  "README.md": "# demo\n",
  "src/main.ts": "console.log(1);\n",
  "src/util.ts": "export {};\n",
  "debug.log": "ignored\n",
};

async function withWorkspace(
  fn: (dir: string) => Promise<void>,
  files: Record<string, string> = FILES,
): Promise<void> {
  const dir = await makeWorkspace(files);
  try {
    await fn(dir);
  } finally {
    await removeWorkspace(dir);
  }
}

Deno.test("codegen-lab --version prints the version from deno.json", async () => {
  await withWorkspace(async (dir) => {
    const run = await runCliProcess(dir, ["--version"]);
    assert.deepEqual(run, { code: 0, stdout: `${denoJson.version}\n`, stderr: "" });
  });
});

Deno.test("codegen-lab --help lists the commands with examples", async () => {
  await withWorkspace(async (dir) => {
    const run = await runCliProcess(dir, ["--help"]);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^Usage: codegen-lab \[options\] \[command\]/);
    assert.match(run.stdout, /\n {2}info \[options\] +Workspace info\n/);
    assert.match(run.stdout, /\n {2}files \[options\] \[pattern\] +List files\n/);
    assert.match(run.stdout, /\n {2}serve \[options\] +Run the MCP server \(stdio by default\)\n/);
    assert.match(run.stdout, /Examples:\n {2}\$ codegen-lab info\n/);
    const sub = await runCliProcess(dir, ["files", "--help"]);
    assert.equal(sub.code, 0);
    assert.match(sub.stdout, /MCP tool: list_files · effects: read/);
    assert.match(sub.stdout, /--limit <value> +Most paths to return \(default: 1000\)/);
    assert.match(
      sub.stdout,
      /Examples:\n {2}\$ codegen-lab files 'src\/\*\*\/\*\.ts'\n {6}TypeScript files under src\/\n/,
    );
  });
});

Deno.test("codegen-lab files prints matching paths and honours .gitignore", async () => {
  await withWorkspace(async (dir) => {
    const run = await runCliProcess(dir, ["files"]);
    assert.deepEqual(run, {
      code: 0,
      stdout: ".gitignore\nREADME.md\nsrc/main.ts\nsrc/util.ts\n",
      stderr: "",
    });
    const json = await runCliProcess(dir, ["files", "src/*.ts", "--json"]);
    assert.equal(json.code, 0);
    assert.deepEqual(JSON.parse(json.stdout), {
      files: ["src/main.ts", "src/util.ts"],
      count: 2,
      truncated: false,
      skipped: { ignored: 1, symlinksOutside: 0 },
    });
  });
});

Deno.test("codegen-lab --json info reports the workspace given by --cwd", async () => {
  await withWorkspace(async (dir) => {
    const other = await makeWorkspace({ "codegen-lab.json": '{"sandbox": {"timeoutMs": 4000}}' });
    try {
      // --cwd after the command works as well as before it.
      const run = await runCliProcess(dir, ["info", "--json", "--cwd", other], {
        extraFlags: [`--allow-read=${other}`],
      });
      assert.equal(run.code, 0, run.stderr);
      const info = JSON.parse(run.stdout);
      assert.equal(info.root, other);
      assert.equal(info.configFile, "codegen-lab.json");
      assert.equal(info.config.sandbox.timeoutMs, 4000);
      assert.equal(info.versions.codegenLab, denoJson.version);
      assert.equal(info.git.isRepo, false);
    } finally {
      await removeWorkspace(other);
    }
  });
});

Deno.test("codegen-lab exits 2 with the schema message on invalid input", async () => {
  await withWorkspace(async (dir) => {
    const run = await runCliProcess(dir, ["files", "--limit", "abc"]);
    assert.deepEqual(run, {
      code: 2,
      stdout: "",
      stderr:
        'error: Invalid input for "list_files":\n  - limit: expected number, received string\n' +
        "hint: See the accepted fields with `codegen-lab help list_files` or the tool's input schema\n",
    });
    const json = await runCliProcess(dir, ["files", "--limit", "0", "--json"]);
    assert.equal(json.code, 2);
    assert.deepEqual(JSON.parse(json.stdout).error.data.issues, [{
      path: "limit",
      message: "Too small: expected number to be >=1",
    }]);
  });
});

Deno.test("codegen-lab exits 2 with a suggestion on an unknown flag or command", async () => {
  await withWorkspace(async (dir) => {
    const flag = await runCliProcess(dir, ["files", "--limt", "3"]);
    assert.deepEqual(flag, {
      code: 2,
      stdout: "",
      stderr:
        "error: unknown option '--limt'\n(Did you mean --limit?)\nRun with --help for usage.\n",
    });
    const command = await runCliProcess(dir, ["fils"]);
    assert.equal(command.code, 2);
    assert.match(command.stderr, /^error: unknown command 'fils'\n\(Did you mean files\?\)\n/);
    const none = await runCliProcess(dir, []);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^Usage: codegen-lab/);
  });
});

Deno.test("codegen-lab exits 1 on an invalid configuration and 2 on a missing --cwd", async () => {
  await withWorkspace(async (dir) => {
    const run = await runCliProcess(dir, ["info"], {
      env: { CODEGEN_LAB_CONFIG_SANDBOX_MEMORY_MB: "lots" },
    });
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr,
      "error: Invalid configuration:\n  - CODEGEN_LAB_CONFIG_SANDBOX_MEMORY_MB (sandbox.memoryMb): expected number, received string\n" +
        "hint: Fix the values above; see docs/configuration.md for every option and its range\n",
    );
    const missing = await runCliProcess(dir, ["--cwd", `${dir}/nope`, "info"]);
    assert.equal(missing.code, 2);
    assert.match(
      missing.stderr,
      /^error: Cannot use ".*\/nope" as the workspace: it does not exist\n/,
    );
  });
});

Deno.test("codegen-lab --input-json takes the input as JSON, from an argument or stdin", async () => {
  await withWorkspace(async (dir) => {
    const arg = await runCliProcess(dir, ["files", "--input-json", '{"pattern": "*.md"}']);
    assert.deepEqual(arg, { code: 0, stdout: "README.md\n", stderr: "" });
    const stdin = await runCliProcess(dir, ["list_files", "--input-json", "-", "--json"], {
      stdin: '{"pattern": "src/**", "limit": 1}',
    });
    assert.equal(stdin.code, 0);
    assert.deepEqual(JSON.parse(stdin.stdout).files, ["src/main.ts"]);
    const bad = await runCliProcess(dir, ["files", "--input-json", "{nope"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^error: Cannot parse --input-json: /);
  });
});

Deno.test("codegen-lab help <tool name> shows the command of that MCP tool", async () => {
  await withWorkspace(async (dir) => {
    const run = await runCliProcess(dir, ["help", "list_files"]);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^Usage: codegen-lab list_files \[options\] \[pattern\]/);
  });
});
