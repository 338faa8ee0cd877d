import assert from "node:assert/strict";
import {
  type AnyOperation,
  CodegenError,
  ConflictError,
  invoke,
  NotFoundError,
  PermissionDeniedError,
  testContext,
  UsageError,
  ValidationError,
} from "../../src/core/mod.ts";
import {
  rulesCreate,
  rulesDelete,
  rulesGet,
  rulesList,
  rulesMove,
  rulesRender,
  rulesRestore,
  rulesTrash,
  rulesUpdate,
  rulesWhich,
} from "../../src/rules/mod.ts";
import { makeWorkspace, removeWorkspace } from "../_support.ts";

const STYLE =
  "---\r\ndescription: Style\r\n# a comment we keep\r\nglobs: src/**/*.ts\r\nowner: team-a\r\nalwaysApply: false\r\n---\r\n# Style\r\n\r\nBe terse.\r\n";

// deno-lint-ignore no-explicit-any
type Run = (op: AnyOperation, input: unknown) => Promise<any>;

async function withRules(fn: (root: string, run: Run) => Promise<void>) {
  const root = await makeWorkspace({
    ".cursor/rules/core-rules/style.mdc": STYLE,
    ".cursor/rules/core-rules/base.mdc": "---\ndescription: Base\n---\nBase text.\n",
    ".cursor/rules/testing-rules/child.mdc":
      "---\ndescription: Child\nextends: [core-rules/base]\n---\nChild text.\n",
    ".cursor/rules/global-rules/always.mdc": "---\nalwaysApply: true\n---\nAlways.\n",
    "src/a.ts": "",
  });
  let clock = 0;
  const ctx = await testContext(root, {
    now: () => new Date(Date.UTC(2026, 10, 25, 12, 0, clock++)),
  });
  try {
    await fn(root, (op, input) => invoke(op, input, ctx));
  } finally {
    await removeWorkspace(root);
  }
}

Deno.test("rules_create() writes a rule from a template and refuses to overwrite without force", async () => {
  await withRules(async (root, run) => {
    const created = await run(rulesCreate, {
      name: "testing-rules/pytest",
      globs: ["tests/**/*.py"],
      description: "Pytest conventions",
    });
    assert.equal(created.path, ".cursor/rules/testing-rules/pytest.mdc");
    assert.equal(created.type, "auto-attached");
    const text = await Deno.readTextFile(`${root}/${created.path}`);
    assert.match(
      text,
      /^---\ndescription: Pytest conventions\nglobs: tests\/\*\*\/\*\.py\nalwaysApply: false\n---\n# Pytest\n\n## Context\n/,
    );
    assert.match(text, /<example type="invalid">/);
    await assert.rejects(
      run(rulesCreate, { name: "testing-rules/pytest", globs: ["x"] }),
      ConflictError,
    );
    const replaced = await run(rulesCreate, {
      name: "testing-rules/pytest",
      type: "manual",
      force: true,
    });
    assert.equal(replaced.overwritten, true);
    assert.equal(replaced.type, "manual");
    const trash = await run(rulesTrash, {});
    assert.deepEqual(
      trash.entries.map((e: { reason: string; path: string }) => [e.reason, e.path]),
      [["overwritten", created.path]],
    );
  });
});

Deno.test("rules_create() checks names and required fields", async () => {
  await withRules(async (_root, run) => {
    await assert.rejects(
      run(rulesCreate, { name: "../escape", type: "manual" }),
      (error: unknown) => {
        assert.ok(error instanceof UsageError);
        assert.match(
          error.message,
          /^Cannot use "\.\.\/escape" as a rule name: "\.\." is not a plain file name$/,
        );
        return true;
      },
    );
    await assert.rejects(run(rulesCreate, { name: "a/../../b", type: "manual" }), UsageError);
    await assert.rejects(
      run(rulesCreate, { name: "x", type: "auto-attached", template: "manual" }),
      /An auto-attached rule needs globs/,
    );
    await assert.rejects(
      run(rulesCreate, { name: "x", type: "agent-requested", description: " " }),
      /needs a description/,
    );
    await assert.rejects(
      run(rulesCreate, { name: "core-rules/x", category: "tool-rules" }),
      /The name says category "core-rules"/,
    );
  });
});

Deno.test("rules_create() never writes through a symlinked rules folder that leaves the workspace", async () => {
  const outside = await makeWorkspace();
  await withRules(async (root, run) => {
    await Deno.symlink(outside, `${root}/.cursor/rules/linked`);
    await assert.rejects(
      run(rulesCreate, { name: "linked/evil", type: "manual" }),
      PermissionDeniedError,
    );
    assert.deepEqual(await Array.fromAsync(Deno.readDir(outside)), []);
  });
  await removeWorkspace(outside);
});

Deno.test("rules_update() changes only the edited lines and keeps CRLF, comments and unknown keys", async () => {
  await withRules(async (root, run) => {
    const result = await run(rulesUpdate, { name: "style", globs: ["*.ts", "*.tsx"] });
    assert.equal(result.changed, true);
    assert.equal(
      await Deno.readTextFile(`${root}/.cursor/rules/core-rules/style.mdc`),
      STYLE.replace("globs: src/**/*.ts", "globs: *.ts,*.tsx"),
    );
    assert.equal(
      result.diff,
      "--- a/.cursor/rules/core-rules/style.mdc\n+++ b/.cursor/rules/core-rules/style.mdc\n@@ -1,7 +1,7 @@\n ---\r\n description: Style\r\n # a comment we keep\r\n-globs: src/**/*.ts\r\n+globs: *.ts,*.tsx\r\n owner: team-a\r\n alwaysApply: false\r\n ---\r\n",
    );
    const dry = await run(rulesUpdate, { name: "style", alwaysApply: true, dryRun: true });
    assert.equal(dry.written, false);
    assert.match(dry.diff, /-alwaysApply: false\r\n\+alwaysApply: true\r\n/);
    assert.equal(
      await Deno.readTextFile(`${root}/.cursor/rules/core-rules/style.mdc`),
      STYLE.replace("globs: src/**/*.ts", "globs: *.ts,*.tsx"),
    );
    const removed = await run(rulesUpdate, {
      name: "style",
      globs: null,
      description: "Use for style reviews",
    });
    assert.equal(removed.type, "agent-requested");
    await assert.rejects(run(rulesUpdate, { name: "style" }), /Nothing to change/);
    // Each write kept the previous version in the trash.
    assert.equal((await run(rulesTrash, {})).entries.length, 2);
  });
});

Deno.test("rules_delete() moves to the trash and rules_restore() brings it back byte for byte", async () => {
  await withRules(async (root, run) => {
    const preview = await run(rulesDelete, { name: "core-rules/style", dryRun: true });
    assert.equal(preview.deleted, false);
    assert.equal(await Deno.readTextFile(`${root}/.cursor/rules/core-rules/style.mdc`), STYLE);
    const deleted = await run(rulesDelete, { name: "core-rules/style" });
    await assert.rejects(
      Deno.stat(`${root}/.cursor/rules/core-rules/style.mdc`),
      Deno.errors.NotFound,
    );
    assert.equal((await run(rulesList, {})).total, 3, "a trashed rule is not listed");
    await assert.rejects(run(rulesGet, { name: "core-rules/style" }), NotFoundError);
    const restored = await run(rulesRestore, { key: deleted.trashId });
    assert.equal(restored.path, ".cursor/rules/core-rules/style.mdc");
    assert.equal(await Deno.readTextFile(`${root}/.cursor/rules/core-rules/style.mdc`), STYLE);
    assert.deepEqual((await run(rulesTrash, {})).entries, []);
    await assert.rejects(
      run(rulesRestore, { key: "core-rules/style" }),
      /Nothing in the trash matches "core-rules\/style"/,
    );
  });
});

Deno.test("rules_move() recategorises a rule and updates the rules that extend it", async () => {
  await withRules(async (root, run) => {
    const moved = await run(rulesMove, { name: "core-rules/base", category: "global-rules" });
    assert.deepEqual(moved, {
      from: "core-rules/base",
      to: "global-rules/base",
      path: ".cursor/rules/global-rules/base.mdc",
      moved: true,
      updatedReferences: ["testing-rules/child"],
    });
    assert.equal(
      await Deno.readTextFile(`${root}/.cursor/rules/testing-rules/child.mdc`),
      "---\ndescription: Child\nextends: [global-rules/base]\n---\nChild text.\n",
    );
    await assert.rejects(
      run(rulesMove, { name: "global-rules/always", category: "global-rules", newName: "base" }),
      ConflictError,
    );
  });
});

Deno.test("rules_render() flattens extends, parents first, and reports cycles with the file and line", async () => {
  await withRules(async (root, run) => {
    const rendered = await run(rulesRender, { name: "testing-rules/child" });
    assert.deepEqual(rendered.chain, ["core-rules/base", "testing-rules/child"]);
    assert.equal(rendered.content, "---\ndescription: Child\n---\nBase text.\n\nChild text.\n");
    await Deno.writeTextFile(
      `${root}/.cursor/rules/core-rules/base.mdc`,
      "---\ndescription: Base\nextends: [testing-rules/child]\n---\nBase text.\n",
    );
    await assert.rejects(run(rulesRender, { name: "testing-rules/child" }), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.equal(error.file, ".cursor/rules/core-rules/base.mdc");
      assert.equal(error.line, 3);
      assert.match(
        error.message,
        /extends forms a cycle: testing-rules\/child -> core-rules\/base -> testing-rules\/child$/,
      );
      return true;
    });
  });
});

Deno.test("rules_which() returns always, glob-attached and agent-requested rules per path", async () => {
  await withRules(async (root, run) => {
    await Deno.mkdir(`${root}/pkg/.cursor/rules`, { recursive: true });
    await Deno.writeTextFile(`${root}/pkg/.cursor/rules/go.mdc`, "---\nglobs: *.go\n---\nGo.\n");
    const { results } = await run(rulesWhich, {
      paths: ["src/deep/x.ts", "pkg/cmd/main.go", "main.go", "./README.md"],
    });
    assert.deepEqual(results, [
      {
        path: "src/deep/x.ts",
        always: ["global-rules/always"],
        attached: [{ name: "core-rules/style", glob: "src/**/*.ts" }],
        agentRequested: [{ name: "core-rules/base", description: "Base" }, {
          name: "testing-rules/child",
          description: "Child",
        }],
      },
      {
        path: "pkg/cmd/main.go",
        always: ["global-rules/always"],
        attached: [{ name: "pkg:go", glob: "*.go" }],
        agentRequested: [{ name: "core-rules/base", description: "Base" }, {
          name: "testing-rules/child",
          description: "Child",
        }],
      },
      {
        path: "main.go",
        always: ["global-rules/always"],
        attached: [],
        agentRequested: [{ name: "core-rules/base", description: "Base" }, {
          name: "testing-rules/child",
          description: "Child",
        }],
      },
      {
        path: "README.md",
        always: ["global-rules/always"],
        attached: [],
        agentRequested: [{ name: "core-rules/base", description: "Base" }, {
          name: "testing-rules/child",
          description: "Child",
        }],
      },
    ]);
    await assert.rejects(
      run(rulesWhich, { paths: ["../outside.ts"] }),
      /is not inside the workspace/,
    );
  });
});

Deno.test("rules_list() filters by type, category and matching path; rules_get() suggests names", async () => {
  await withRules(async (_root, run) => {
    assert.deepEqual(
      (await run(rulesList, { type: "agent-requested" })).rules.map((r: { name: string }) =>
        r.name
      ),
      [
        "core-rules/base",
        "testing-rules/child",
      ],
    );
    assert.deepEqual(
      (await run(rulesList, { category: "global-rules" })).rules.map((r: { name: string }) =>
        r.name
      ),
      ["global-rules/always"],
    );
    assert.deepEqual(
      (await run(rulesList, { matching: "src/a.ts" })).rules.map((r: { name: string }) => r.name),
      ["core-rules/style"],
    );
    const got = await run(rulesGet, { name: "style" });
    assert.equal(got.raw, STYLE);
    assert.deepEqual(got.fields.map((f: { key: string }) => f.key), [
      "description",
      "globs",
      "owner",
      "alwaysApply",
    ]);
    await assert.rejects(run(rulesGet, { name: "styl" }), (error: unknown) => {
      assert.ok(error instanceof CodegenError);
      assert.equal(error.hint, 'Did you mean "core-rules/style"?');
      return true;
    });
  });
});
