import assert from "node:assert/strict";
import { type SkipReason, walkWorkspace } from "../../src/core/mod.ts";
import { makeWorkspace, removeWorkspace } from "../_support.ts";

async function walkPaths(
  root: string,
  options: Parameters<typeof walkWorkspace>[1] = {},
): Promise<string[]> {
  const paths: string[] = [];
  for await (const entry of walkWorkspace(root, options)) paths.push(entry.path);
  return paths;
}

Deno.test("walkWorkspace() honours nested .gitignore files and negation", async () => {
  const root = await makeWorkspace({
    ".gitignore": "*.log\nbuild/\n/top-only.txt\n",
    "a.ts": "",
    "debug.log": "",
    "top-only.txt": "",
    "build/out.js": "",
    "src/.gitignore": "generated/\n!keep.log\n",
    "src/keep.log": "",
    "src/other.log": "",
    "src/top-only.txt": "",
    "src/generated/x.ts": "",
    "src/main.ts": "",
    "docs/build/page.md": "",
  });
  try {
    assert.deepEqual(await walkPaths(root), [
      ".gitignore",
      "a.ts",
      "src/.gitignore",
      "src/keep.log",
      "src/main.ts",
      "src/top-only.txt",
    ]);
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("walkWorkspace() reads extra ignore files and patterns", async () => {
  const root = await makeWorkspace({
    ".codegenignore": "secret/\n",
    "secret/k.txt": "",
    "a.md": "",
    "b.tmp": "",
  });
  try {
    assert.deepEqual(
      await walkPaths(root, {
        ignoreFiles: [".gitignore", ".codegenignore"],
        extraIgnores: ["*.tmp"],
      }),
      [
        ".codegenignore",
        "a.md",
      ],
    );
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("walkWorkspace() skips .git and can include ignored files", async () => {
  const root = await makeWorkspace({ ".git/HEAD": "ref", ".gitignore": "x.txt\n", "x.txt": "" });
  try {
    assert.deepEqual(await walkPaths(root, { includeIgnored: true }), [".gitignore", "x.txt"]);
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("walkWorkspace() never follows symlinks out of the root", async () => {
  const root = await makeWorkspace({ "in.txt": "", "dir/f.txt": "" });
  const outside = await makeWorkspace({ "secret.txt": "s", "sub/x.txt": "" });
  try {
    await Deno.symlink(`${outside}/secret.txt`, `${root}/leak.txt`);
    await Deno.symlink(outside, `${root}/leakdir`);
    await Deno.symlink(`${root}/in.txt`, `${root}/alias.txt`);
    await Deno.symlink(`${root}/dir`, `${root}/dirlink`);
    const skipped: Array<[string, SkipReason]> = [];
    const entries = [];
    for await (
      const entry of walkWorkspace(root, { onSkip: (path, reason) => skipped.push([path, reason]) })
    ) {
      entries.push([entry.path, entry.isSymlink]);
    }
    assert.deepEqual(entries, [["alias.txt", true], ["in.txt", false], ["dir/f.txt", false]]);
    assert.deepEqual(skipped.sort(), [["dirlink", "symlink-dir"], ["leak.txt", "symlink-outside"], [
      "leakdir",
      "symlink-outside",
    ]]);
  } finally {
    await removeWorkspace(root);
    await removeWorkspace(outside);
  }
});

Deno.test("walkWorkspace() stops when the signal aborts", async () => {
  const root = await makeWorkspace({ "a/1.txt": "", "b/2.txt": "" });
  try {
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await assert.rejects(walkPaths(root, { signal: controller.signal }), /stop/);
  } finally {
    await removeWorkspace(root);
  }
});
