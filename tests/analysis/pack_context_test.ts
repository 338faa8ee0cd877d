import assert from "node:assert/strict";
import type { z } from "zod";
import { loadTokenCounter, packContext, packPriority } from "../../src/analysis/mod.ts";
import { invoke, testContext } from "../../src/core/mod.ts";
import { copyFixtureRepo } from "./_fixture_repo.ts";

type PackInput = z.input<typeof packContext.input>;
type PackOutput = z.output<typeof packContext.output>;

async function pack(root: string, input: PackInput = {}): Promise<PackOutput> {
  return await invoke(packContext, input, await testContext(root));
}

async function tinyWorkspace(): Promise<string> {
  const root = await Deno.realPath(await Deno.makeTempDir({ prefix: "codegen_lab_pack_" }));
  await Deno.mkdir(`${root}/src`);
  await Deno.writeTextFile(`${root}/README.md`, "# Tiny\n");
  await Deno.writeTextFile(`${root}/src/a.ts`, "// adds\nexport const a = 1; // one\n");
  return root;
}

Deno.test("pack_context: the XML document, exactly", async () => {
  const root = await tinyWorkspace();
  try {
    const out = await pack(root);
    const name = root.split("/").pop();
    assert.equal(
      out.text,
      `This document packs files of the repository ${name} for an AI model. Each file's path is given with its content; files appear in the order of the tree below.

<file_summary>
- 2 files, o200k_base tokens counted per file
- Likely secrets are replaced with [REDACTED:kind]
</file_summary>

<directory_structure>
.
src/
  a.ts
README.md
</directory_structure>

<files>
<file path="README.md">
# Tiny
</file>

<file path="src/a.ts">
// adds
export const a = 1; // one
</file>

</files>
`,
    );
    assert.equal(out.fileCount, 2);
    assert.equal(out.totalChars, out.text!.length);
    const count = await loadTokenCounter("o200k_base");
    // Counted per section and summed: equal to counting the whole text, or within a token or two.
    assert.ok(
      Math.abs(out.totalTokens - count(out.text!)) <= 2,
      `${out.totalTokens} vs ${count(out.text!)}`,
    );
    assert.deepEqual(out.largest.map((row) => row.path), ["src/a.ts", "README.md"]);
    assert.equal(
      out.largest[0]!.tokens,
      count('<file path="src/a.ts">\n// adds\nexport const a = 1; // one\n</file>\n\n'),
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("pack_context: markdown and plain styles, comment stripping, another encoding", async () => {
  const root = await tinyWorkspace();
  try {
    const markdown = await pack(root, { style: "markdown", stripComments: true });
    assert.ok(markdown.text!.includes("### src/a.ts\n\n```ts\nexport const a = 1;\n```\n\n"));
    assert.ok(
      markdown.text!.includes(
        "## Directory structure\n\n```text\n.\nsrc/\n  a.ts\nREADME.md\n```\n",
      ),
    );
    assert.ok(markdown.text!.includes("- Comments are removed from source files"));
    const plain = await pack(root, { style: "plain", encoding: "cl100k_base" });
    assert.ok(
      plain.text!.includes(
        "================\nFile: src/a.ts\n================\n// adds\nexport const a = 1; // one\n\n",
      ),
    );
    assert.equal(plain.encoding, "cl100k_base");
    const cl100k = await loadTokenCounter("cl100k_base");
    assert.ok(Math.abs(plain.totalTokens - cl100k(plain.text!)) <= 2);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("pack_context: secrets are redacted and listed; decoys are left alone", async () => {
  const root = await copyFixtureRepo("mixed-secrets");
  try {
    const expected = JSON.parse(
      await Deno.readTextFile(
        new URL("../fixtures/repos/mixed-secrets.expected.json", import.meta.url),
      ),
    ) as {
      secrets: Array<{ path: string; line: number; kind: string }>;
      decoys: Array<{ path: string; line: number }>;
    };
    const out = await pack(root);
    const got = out.redactions.map(({ path, line, kind }) => ({ path, line, kind }));
    const want = expected.secrets.map(({ path, line, kind }) => ({ path, line, kind }));
    const order = (a: { path: string; line: number }, b: { path: string; line: number }) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line;
    assert.deepEqual(got.sort(order), want.sort(order));
    // No planted value survives: take each secret's text from the original file.
    for (const secret of expected.secrets) {
      const line = (await Deno.readTextFile(`${root}/${secret.path}`)).split(
        "\n",
      )[secret.line - 1]!;
      // Long runs with a digit: the secret values, not key names like STRIPE_SECRET_KEY.
      const value = (line.match(/[A-Za-z0-9_\-\/+]{16,}/g) ?? []).filter((run) => /\d/.test(run));
      for (const token of value) {
        assert.ok(!out.text!.includes(token), `${secret.path}:${secret.line} leaked ${token}`);
      }
    }
    for (const decoy of expected.decoys) {
      const line = (await Deno.readTextFile(`${root}/${decoy.path}`)).split("\n")[decoy.line - 1]!;
      assert.ok(out.text!.includes(line), `decoy ${decoy.path}:${decoy.line} changed`);
    }
    const unredacted = await pack(root, { redact: false });
    assert.deepEqual(unredacted.redactions, []);
    assert.ok(!unredacted.text!.includes("[REDACTED:"));
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("pack_context: a token budget drops the lowest-priority files first and says which", async () => {
  const root = await copyFixtureRepo("node-monorepo");
  try {
    const all = await pack(root);
    const budget = Math.floor(all.totalTokens * 0.6);
    const out = await pack(root, { maxTokens: budget, top: 1000 });
    assert.ok(out.totalTokens <= budget, `${out.totalTokens} > ${budget}`);
    assert.ok(out.dropped.length > 0);
    assert.equal(out.fileCount + out.dropped.length, all.fileCount);
    const tiers = ["overview", "source", "test", "documentation", "data"];
    const ranks = out.dropped.map((row) => tiers.indexOf(row.priority));
    assert.deepEqual(ranks, [...ranks].sort((a, b) => b - a), "dropped lowest priority first");
    assert.equal(out.dropped[0]!.priority, "data");
    // Nothing kept is less important than anything dropped.
    const worstKept = Math.max(...out.largest.map((row) => packPriority(row.path)));
    assert.ok(worstKept <= Math.min(...ranks), `kept tier ${worstKept}, dropped ${ranks}`);
    assert.ok(out.text!.includes('<file path="package.json">'));
    // The refill after the bound leaves little of the budget unused.
    assert.ok(out.totalTokens > budget - 150, `${out.totalTokens} of ${budget}`);
    for (const row of out.dropped) assert.ok(!out.text!.includes(`<file path="${row.path}">`));
    assert.ok(out.text!.includes(`lower-priority files left out to fit ${budget} tokens`));
    const count = await loadTokenCounter();
    assert.ok(Math.abs(out.totalTokens - count(out.text!)) <= 3);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("pack_context: include and exclude globs, default excludes, deterministic output", async () => {
  const root = await copyFixtureRepo("python-uv");
  try {
    const sources = await pack(root, { include: ["src/**/*.py"] });
    assert.equal(sources.fileCount, 2);
    assert.ok(sources.text!.includes('<file path="src/app/main.py">'));
    const noTests = await pack(root, { exclude: ["tests/**"] });
    assert.ok(!noTests.text!.includes("tests/test_main.py"));
    // uv.lock is a default exclude; .venv/ is gitignored.
    const all = await pack(root);
    assert.ok(!all.text!.includes('<file path="uv.lock">'));
    assert.ok(!all.text!.includes("ignored.py"));
    const withLock = await pack(root, { defaultExcludes: false });
    assert.ok(withLock.text!.includes('<file path="uv.lock">'));
    assert.equal((await pack(root)).text, all.text);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("pack_context: out writes the document inside the workspace only", async () => {
  const root = await tinyWorkspace();
  try {
    const out = await pack(root, { out: "context/pack.xml" });
    assert.equal(out.out, "context/pack.xml");
    assert.equal(out.text, undefined);
    const written = await Deno.readTextFile(`${root}/context/pack.xml`);
    assert.equal(written.length, out.totalChars);
    // A second run does not pack its own previous output.
    const again = await pack(root, { out: "context/pack.xml" });
    assert.equal(again.fileCount, 2);
    await assert.rejects(
      pack(root, { out: "../pack.xml" }),
      (error: Error & { code?: string }) => error.code === "PERMISSION_DENIED",
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("pack_context: a symlink out of the workspace is never read", async () => {
  const outside = await Deno.realPath(await Deno.makeTempDir({ prefix: "codegen_lab_outside_" }));
  const root = await tinyWorkspace();
  try {
    await Deno.writeTextFile(`${outside}/secret.txt`, "OUTSIDE-ONLY-MARKER\n");
    await Deno.symlink(`${outside}/secret.txt`, `${root}/secret.txt`);
    const out = await pack(root);
    assert.ok(!out.text!.includes("OUTSIDE-ONLY-MARKER"));
    assert.equal(out.skipped.symlinksOutside, 1);
  } finally {
    await Deno.remove(root, { recursive: true });
    await Deno.remove(outside, { recursive: true });
  }
});

async function git(root: string, ...args: string[]): Promise<void> {
  const result = await new Deno.Command("git", {
    args: [
      "-c",
      "user.email=t@example.com",
      "-c",
      "user.name=t",
      "-c",
      "commit.gpgsign=false",
      ...args,
    ],
    cwd: root,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (result.code !== 0) throw new Error(new TextDecoder().decode(result.stderr));
}

Deno.test("pack_context: since a git ref packs changed, staged and untracked files only", async () => {
  const root = await tinyWorkspace();
  try {
    await Deno.writeTextFile(`${root}/.gitignore`, "*.log\n");
    await Deno.writeTextFile(`${root}/src/b.ts`, "export const b = 2;\n");
    await git(root, "init", "-q", "-b", "main");
    await git(root, "add", ".");
    await git(root, "commit", "-q", "-m", "first");
    await Deno.writeTextFile(`${root}/src/a.ts`, "export const a = 10;\n");
    await Deno.writeTextFile(`${root}/src/new.ts`, "export const n = 3;\n");
    await Deno.writeTextFile(`${root}/debug.log`, "ignored\n");
    await Deno.remove(`${root}/src/b.ts`);
    const out = await pack(root, { since: "main" });
    assert.equal(out.fileCount, 2);
    assert.ok(out.text!.includes("- Only files changed since main"));
    assert.ok(out.text!.includes('<file path="src/a.ts">\nexport const a = 10;\n</file>'));
    assert.ok(out.text!.includes('<file path="src/new.ts">'));
    assert.ok(!out.text!.includes("README.md\n</file"));
    await assert.rejects(
      pack(root, { since: "--output=/tmp/x" }),
      (error: Error & { code?: string }) =>
        error.code === "USAGE" && /not a git ref/.test(error.message),
    );
    await assert.rejects(
      pack(root, { since: "no-such-branch" }),
      (error: Error & { code?: string }) =>
        error.code === "NOT_FOUND" && /git diff failed/.test(error.message),
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
