import assert from "node:assert/strict";
import { invoke, testContext } from "../../src/core/mod.ts";
import { DEFAULT_SERVER, prepWorkspace } from "../../src/workflows/prep_workspace.ts";
import { fromFileUrl } from "../_path.ts";
import { makeWorkspace, removeWorkspace } from "../_support.ts";

type Output = {
  applied: boolean;
  changes: Array<{
    path: string;
    kind: string;
    action: string;
    reason?: string;
    diff?: string;
    backup?: string;
  }>;
};

const ALL_CLIENTS = ["cursor", "claude-code", "vscode"];
const FIXED_TIME = new Date("2026-09-01T12:00:00.000Z");
const STAMP = "2026-09-01T12-00-00-000Z";

async function run(root: string, input: Record<string, unknown>): Promise<Output> {
  const ctx = await testContext(root, { now: () => FIXED_TIME });
  return await invoke(prepWorkspace, input, ctx) as Output;
}

function fixture(path: string): string {
  return fromFileUrl(new URL(`../fixtures/workflows/${path}`, import.meta.url));
}

/** Copies a fixture folder into a workspace; `dot-x` names become `.x`. */
async function copyFixture(from: string, to: string): Promise<void> {
  for await (const entry of Deno.readDir(from)) {
    const name = entry.name.replace(/^dot-/, ".");
    if (entry.isDirectory) {
      await Deno.mkdir(`${to}/${name}`, { recursive: true });
      await copyFixture(`${from}/${entry.name}`, `${to}/${name}`);
    } else await Deno.copyFile(`${from}/${entry.name}`, `${to}/${name}`);
  }
}

/** Every file (bytes) and folder (null) under a directory. */
async function snapshot(root: string, rel = ""): Promise<Map<string, Uint8Array | null>> {
  const found = new Map<string, Uint8Array | null>();
  for await (const entry of Deno.readDir(`${root}/${rel}`)) {
    const path = `${rel}${entry.name}`;
    if (entry.isDirectory) {
      found.set(`${path}/`, null);
      for (const [key, value] of await snapshot(root, `${path}/`)) found.set(key, value);
    } else found.set(path, await Deno.readFile(`${root}/${path}`));
  }
  return found;
}

function summary(out: Output): string[] {
  return out.changes.map((change) => `${change.action} ${change.path}`);
}

const DIRS = [
  ".cursor/rules/core-rules/",
  ".cursor/rules/global-rules/",
  ".cursor/rules/testing-rules/",
  ".cursor/rules/tool-rules/",
  ".cursor/templates/",
  ".ai/",
  "hack/drafts/cursor_rules/",
];

Deno.test("prep_workspace() dry run plans every path as create and writes nothing", async () => {
  const root = await makeWorkspace();
  try {
    const out = await run(root, { clients: ALL_CLIENTS });
    assert.equal(out.applied, false);
    assert.deepEqual(summary(out), [
      ...DIRS.map((dir) => `create ${dir}`),
      "create Makefile",
      "create .dockerignore",
      "create .cursor/mcp.json",
      "create .mcp.json",
      "create .vscode/mcp.json",
    ]);
    for (const change of out.changes.filter((c) => c.kind !== "dir")) {
      assert.ok(change.diff?.startsWith(`--- /dev/null\n+++ b/${change.path}\n`), change.path);
    }
    assert.deepEqual([...await snapshot(root)], [], "a dry run writes nothing");
    const text = prepWorkspace.cli!.render!(out as never);
    assert.ok(text.startsWith("create .cursor/rules/core-rules/\n"));
    assert.ok(text.endsWith("\nDry run: nothing written; add --apply to write"));
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("prep_workspace() apply creates everything and a second apply changes no byte", async () => {
  const root = await makeWorkspace();
  try {
    const first = await run(root, { apply: true, clients: ALL_CLIENTS });
    assert.ok(first.changes.every((change) => change.action === "create"));
    for (const dir of DIRS) assert.ok((await Deno.stat(`${root}/${dir}`)).isDirectory, dir);
    const args = DEFAULT_SERVER.args;
    assert.deepEqual(JSON.parse(await Deno.readTextFile(`${root}/.cursor/mcp.json`)), {
      mcpServers: { "codegen-lab": { command: "deno", args } },
    });
    assert.deepEqual(JSON.parse(await Deno.readTextFile(`${root}/.mcp.json`)), {
      mcpServers: { "codegen-lab": { type: "stdio", command: "deno", args } },
    });
    const vscode = await Deno.readTextFile(`${root}/.vscode/mcp.json`);
    assert.ok(vscode.startsWith('{\n  "servers": {\n    "codegen-lab": {\n      "type": "stdio",'));
    assert.ok(vscode.endsWith("\n}\n"));
    assert.equal(
      await Deno.readTextFile(`${root}/.dockerignore`),
      "# >>> codegen-lab (managed): `codegen-lab init` rewrites the lines up to the end marker\n" +
        "hack/drafts/\n.ai/\n.cursor/.trash/\n.codegen-lab/\n# <<< codegen-lab\n",
    );
    const before = await snapshot(root);
    const second = await run(root, { apply: true, clients: ALL_CLIENTS });
    assert.deepEqual(second.changes.map((change) => change.action), Array(12).fill("unchanged"));
    assert.ok(second.changes.every((change) => change.diff === undefined));
    assert.deepEqual(await snapshot(root), before, "a second apply changes no byte");
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("prep_workspace() Makefile target runs the drafts migration (make -n)", async () => {
  const root = await makeWorkspace();
  try {
    await run(root, { apply: true, dockerignore: false, clients: [] });
    const { code, stdout } = await new Deno.Command("make", {
      args: ["-n", "update-cursor-rules"],
      cwd: root,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(code, 0);
    assert.equal(
      new TextDecoder().decode(stdout),
      "deno run -A jsr:@codegen-lab/cli/cli rules migrate --apply --yes\n",
    );
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("prep_workspace() keeps every user line, server and key of existing files", async () => {
  const root = await makeWorkspace();
  try {
    await copyFixture(fixture("existing"), root);
    const original = await snapshot(root);
    const out = await run(root, { apply: true, clients: ALL_CLIENTS });
    const byPath = new Map(out.changes.map((change) => [change.path, change]));
    assert.equal(byPath.get("Makefile")?.action, "update");
    assert.equal(byPath.get(".cursor/mcp.json")?.action, "update");
    assert.deepEqual(byPath.get(".dockerignore"), {
      ...byPath.get(".dockerignore"),
      action: "update",
      reason:
        "line 4 (.cursor) excludes .cursor/, so the block re-includes .cursor/rules/ with !.cursor/rules/",
    });
    for (const path of ["Makefile", ".dockerignore", ".cursor/mcp.json"]) {
      assert.equal(
        await Deno.readTextFile(`${root}/${path}`),
        await Deno.readTextFile(fixture(`expected/${path.replace(/^\./, "dot-")}`)),
        path,
      );
      // The old content is backed up before the atomic write.
      assert.equal(byPath.get(path)?.backup, `.codegen-lab/backups/${STAMP}/${path}`);
      assert.deepEqual(
        await Deno.readFile(`${root}/.codegen-lab/backups/${STAMP}/${path}`),
        original.get(path),
      );
    }
    assert.deepEqual(byPath.get(".vscode/mcp.json"), {
      path: ".vscode/mcp.json",
      kind: "mcp-config",
      action: "skipped",
      reason:
        '.vscode/mcp.json has comments, which codegen-lab does not rewrite; add this entry under "servers" by hand: "codegen-lab": { "type": "stdio", "command": "deno", "args": [ "run", "--allow-read=.", "--allow-write=.", "--allow-env=CODEGEN_LAB_*", "jsr:@codegen-lab/cli/cli", "serve" ] }',
    });
    assert.deepEqual(byPath.get(".mcp.json"), {
      path: ".mcp.json",
      kind: "mcp-config",
      action: "skipped",
      reason:
        'cannot parse .mcp.json at line 5, column 7: expected "," or "}" after a property value; fix the JSON there (comments and trailing commas are not allowed in this file) and run init again, or delete the file to have it recreated',
    });
    for (const path of [".vscode/mcp.json", ".mcp.json"]) {
      assert.deepEqual(await Deno.readFile(`${root}/${path}`), original.get(path), path);
    }
    assert.equal(prepWorkspace.cli!.exitCode!(out as never), 1, "skipped configs fail the CLI");
    // The CRLF Makefile still works, and a re-run leaves all of it alone.
    const make = await new Deno.Command("make", { args: ["-n", "update-cursor-rules"], cwd: root })
      .output();
    assert.ok(new TextDecoder().decode(make.stdout).includes("rules migrate --apply --yes"));
    const before = await snapshot(root);
    const again = await run(root, { apply: true, clients: ALL_CLIENTS });
    assert.deepEqual(
      again.changes.filter((change) => change.kind !== "dir").map((change) => change.action),
      ["unchanged", "unchanged", "unchanged", "skipped", "skipped"],
    );
    assert.deepEqual(await snapshot(root), before);
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("prep_workspace() leaves an existing update-cursor-rules target alone", async () => {
  const makefile = "build:\n\tgo build ./...\n\nupdate-cursor-rules: build\n\t./sync-rules.sh\n";
  const root = await makeWorkspace({ Makefile: makefile });
  try {
    const out = await run(root, { apply: true, dockerignore: false, clients: [] });
    assert.deepEqual(out.changes.find((change) => change.kind === "makefile"), {
      path: "Makefile",
      kind: "makefile",
      action: "skipped",
      reason: "target update-cursor-rules already exists; left alone",
    });
    assert.equal(await Deno.readTextFile(`${root}/Makefile`), makefile);
    assert.equal(prepWorkspace.cli!.exitCode!(out as never), 0);
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("prep_workspace() rewrites only the lines inside the .dockerignore block", async () => {
  const text = "dist/\r\n# >>> codegen-lab (old)\r\nhack/\r\n# <<< codegen-lab\r\n*.tmp\r\n";
  const root = await makeWorkspace({ ".dockerignore": text });
  try {
    const out = await run(root, { apply: true, makefile: false, clients: [] });
    const change = out.changes.find((c) => c.kind === "dockerignore");
    assert.equal(change?.action, "update");
    assert.equal(change?.reason, undefined);
    assert.equal(
      await Deno.readTextFile(`${root}/.dockerignore`),
      "dist/\r\n# >>> codegen-lab (managed): `codegen-lab init` rewrites the lines up to the end marker\r\n" +
        "hack/drafts/\r\n.ai/\r\n.cursor/.trash/\r\n.codegen-lab/\r\n# <<< codegen-lab\r\n*.tmp\r\n",
    );
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("prep_workspace() updates a differing codegen-lab entry and keeps its env", async () => {
  const config = {
    mcpServers: {
      other: { command: "x" },
      "codegen-lab": { command: "old", args: [], env: { CODEGEN_LAB_LOG_LEVEL: "debug" } },
    },
  };
  const root = await makeWorkspace({ ".cursor/mcp.json": JSON.stringify(config, null, 2) + "\n" });
  try {
    const server = { command: "deno", args: ["task", "serve"] };
    const plan = await run(root, { server, makefile: false, dockerignore: false });
    const change = plan.changes.find((c) => c.kind === "mcp-config");
    assert.equal(change?.action, "update");
    assert.ok(change?.diff?.includes('\n-      "command": "old",\n'));
    assert.ok(change?.diff?.includes('\n+      "command": "deno",\n'));
    await run(root, { apply: true, server, makefile: false, dockerignore: false });
    assert.deepEqual(JSON.parse(await Deno.readTextFile(`${root}/.cursor/mcp.json`)), {
      mcpServers: {
        other: { command: "x" },
        "codegen-lab": { ...server, env: { CODEGEN_LAB_LOG_LEVEL: "debug" } },
      },
    });
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("prep_workspace() edits a VS Code config with trailing commas but no comments", async () => {
  const text = '{\n  "servers": {\n    "fetch": { "command": "uvx", },\n  },\n  "inputs": [],\n}\n';
  const root = await makeWorkspace({ ".vscode/mcp.json": text });
  try {
    const server = { command: "deno", args: ["serve"] };
    await run(root, { apply: true, server, clients: ["vscode"], makefile: false });
    assert.equal(
      await Deno.readTextFile(`${root}/.vscode/mcp.json`),
      '{\n  "servers": {\n    "fetch": { "command": "uvx", },\n    "codegen-lab": {\n' +
        '      "type": "stdio",\n      "command": "deno",\n      "args": [\n        "serve"\n' +
        '      ]\n    },\n  },\n  "inputs": [],\n}\n',
    );
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("prep_workspace() skips a folder path taken by a file", async () => {
  const root = await makeWorkspace({ ".ai": "notes\n" });
  try {
    const out = await run(root, { apply: true, makefile: false, dockerignore: false });
    assert.deepEqual(out.changes.find((change) => change.path === ".ai/"), {
      path: ".ai/",
      kind: "dir",
      action: "skipped",
      reason: "a file has this name; rename or remove it, then run init again",
    });
    assert.equal(await Deno.readTextFile(`${root}/.ai`), "notes\n");
  } finally {
    await removeWorkspace(root);
  }
});
