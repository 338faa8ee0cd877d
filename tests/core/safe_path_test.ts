import assert from "node:assert/strict";
import {
  PermissionDeniedError,
  realRoot,
  resolveInWorkspace,
  UsageError,
} from "../../src/core/mod.ts";
import { makeWorkspace, removeWorkspace } from "../_support.ts";

async function withWorkspace(fn: (root: string, outside: string) => Promise<void>): Promise<void> {
  const root = await makeWorkspace({ "src/a.ts": "a", "docs/readme.md": "r" });
  const outside = await makeWorkspace({ "secret.txt": "s" });
  try {
    await fn(root, outside);
  } finally {
    await removeWorkspace(root);
    await removeWorkspace(outside);
  }
}

async function assertDenied(root: string, path: string, pattern: RegExp): Promise<void> {
  await assert.rejects(resolveInWorkspace(root, path), (error: unknown) => {
    assert.ok(error instanceof PermissionDeniedError, `expected PermissionDeniedError for ${path}`);
    assert.equal(error.code, "PERMISSION_DENIED");
    assert.match(error.message, pattern);
    assert.ok(error.hint && error.hint.length > 10);
    return true;
  });
}

Deno.test("resolveInWorkspace() accepts relative paths inside the root", async () => {
  await withWorkspace(async (root) => {
    assert.deepEqual(await resolveInWorkspace(root, "src/a.ts"), {
      absolute: `${root}/src/a.ts`,
      relative: "src/a.ts",
    });
    assert.deepEqual(await resolveInWorkspace(root, "./src/../docs/readme.md"), {
      absolute: `${root}/docs/readme.md`,
      relative: "docs/readme.md",
    });
    assert.deepEqual(await resolveInWorkspace(root, "."), { absolute: root, relative: "." });
    assert.equal((await resolveInWorkspace(root, "new/dir/file.txt")).relative, "new/dir/file.txt");
  });
});

Deno.test("resolveInWorkspace() accepts an absolute path inside the root", async () => {
  await withWorkspace(async (root) => {
    assert.equal((await resolveInWorkspace(root, `${root}/src/a.ts`)).relative, "src/a.ts");
  });
});

Deno.test("resolveInWorkspace() rejects a .. escape", async () => {
  await withWorkspace(async (root) => {
    await assertDenied(root, "../x", /Path "\.\.\/x" is outside the workspace/);
    await assertDenied(root, "src/../../x", /is outside the workspace/);
    await assertDenied(root, "src/../../../../../../etc/passwd", /is outside the workspace/);
  });
});

Deno.test("resolveInWorkspace() rejects an absolute path outside the root", async () => {
  await withWorkspace(async (root, outside) => {
    await assertDenied(root, "/etc/passwd", /Path "\/etc\/passwd" is outside the workspace/);
    await assertDenied(root, `${outside}/secret.txt`, /is outside the workspace/);
    // A sibling whose name starts with the root's name is still outside.
    await assertDenied(root, `${root}-evil/x`, /is outside the workspace/);
  });
});

Deno.test("resolveInWorkspace() rejects a symlinked file that points outside", async () => {
  await withWorkspace(async (root, outside) => {
    await Deno.symlink(`${outside}/secret.txt`, `${root}/link.txt`);
    await assertDenied(root, "link.txt", /through the symlink link\.txt -> /);
  });
});

Deno.test("resolveInWorkspace() rejects paths below a symlinked directory that points outside", async () => {
  await withWorkspace(async (root, outside) => {
    await Deno.symlink(outside, `${root}/out`);
    await assertDenied(root, "out/secret.txt", /through the symlink out/);
    // Even a file that does not exist yet would be created outside.
    await assertDenied(root, "out/new.txt", /through the symlink out/);
  });
});

Deno.test("resolveInWorkspace() rejects a dangling symlink whose target is outside", async () => {
  await withWorkspace(async (root) => {
    await Deno.symlink("/nonexistent-codegen-lab-target/file", `${root}/dangling`);
    await assertDenied(
      root,
      "dangling",
      /through the symlink dangling -> \/nonexistent-codegen-lab-target\/file/,
    );
  });
});

Deno.test("resolveInWorkspace() follows symlinks that stay inside the root", async () => {
  await withWorkspace(async (root) => {
    await Deno.symlink(`${root}/src`, `${root}/alias`);
    assert.equal((await resolveInWorkspace(root, "alias/a.ts")).relative, "alias/a.ts");
  });
});

Deno.test("resolveInWorkspace() rejects empty paths and NUL bytes as usage errors", async () => {
  await withWorkspace(async (root) => {
    await assert.rejects(resolveInWorkspace(root, ""), UsageError);
    await assert.rejects(resolveInWorkspace(root, "a\0b"), /NUL byte/);
  });
});

Deno.test("realRoot() rejects a missing directory and a file", async () => {
  await withWorkspace(async (root) => {
    await assert.rejects(realRoot(`${root}/missing`), /does not exist/);
    await assert.rejects(realRoot(`${root}/src/a.ts`), /is not a directory/);
  });
});
