import assert from "node:assert/strict";
import { writeFileAtomic } from "../../src/core/mod.ts";
import { makeWorkspace, removeWorkspace } from "../_support.ts";

Deno.test("writeFileAtomic() creates parent directories and writes the content", async () => {
  const dir = await makeWorkspace();
  try {
    await writeFileAtomic(`${dir}/a/b/c.txt`, "hello");
    assert.equal(await Deno.readTextFile(`${dir}/a/b/c.txt`), "hello");
  } finally {
    await removeWorkspace(dir);
  }
});

Deno.test("writeFileAtomic() replaces a file, keeps its mode and leaves no temp files", async () => {
  const dir = await makeWorkspace({ "x.sh": "old" });
  try {
    await Deno.chmod(`${dir}/x.sh`, 0o750);
    await writeFileAtomic(`${dir}/x.sh`, new TextEncoder().encode("new"));
    assert.equal(await Deno.readTextFile(`${dir}/x.sh`), "new");
    assert.equal((await Deno.stat(`${dir}/x.sh`)).mode! & 0o777, 0o750);
    const names = (await Array.fromAsync(Deno.readDir(dir))).map((entry) => entry.name);
    assert.deepEqual(names, ["x.sh"]);
  } finally {
    await removeWorkspace(dir);
  }
});

Deno.test("writeFileAtomic() keeps a backup of the previous content", async () => {
  const dir = await makeWorkspace({ "rule.mdc": "v1" });
  try {
    await writeFileAtomic(`${dir}/rule.mdc`, "v2", { backupPath: `${dir}/.backup/rule.mdc` });
    assert.equal(await Deno.readTextFile(`${dir}/rule.mdc`), "v2");
    assert.equal(await Deno.readTextFile(`${dir}/.backup/rule.mdc`), "v1");
  } finally {
    await removeWorkspace(dir);
  }
});

Deno.test("writeFileAtomic() leaves the old file intact when the write fails", async () => {
  const dir = await makeWorkspace({ "keep.txt": "original" });
  try {
    // Renaming a file over a directory fails after the temp file was written.
    await Deno.mkdir(`${dir}/target`);
    await assert.rejects(writeFileAtomic(`${dir}/target`, "x"));
    const names = (await Array.fromAsync(Deno.readDir(dir))).map((entry) => entry.name).sort();
    assert.deepEqual(names, ["keep.txt", "target"]);
    assert.equal(await Deno.readTextFile(`${dir}/keep.txt`), "original");
  } finally {
    await removeWorkspace(dir);
  }
});
