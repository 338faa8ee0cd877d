import assert from "node:assert/strict";
import { invoke, testContext } from "../../src/core/mod.ts";
import { rulesExport, rulesImport, rulesMigrate, rulesValidate } from "../../src/rules/mod.ts";
import { makeWorkspace, removeWorkspace } from "../_support.ts";
import { fixturePath } from "./_workspace.ts";

async function draftsWorkspace(): Promise<string> {
  const root = await makeWorkspace();
  await Deno.mkdir(`${root}/hack/drafts/cursor_rules`, { recursive: true });
  for (const entry of Deno.readDirSync(fixturePath("drafts"))) {
    if (entry.isFile) {
      await Deno.copyFile(
        `${fixturePath("drafts")}/${entry.name}`,
        `${root}/hack/drafts/cursor_rules/${entry.name}`,
      );
    }
  }
  return root;
}

async function snapshot(root: string, dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (rel: string): Promise<void> => {
    for await (const entry of Deno.readDir(`${root}/${rel}`)) {
      const path = `${rel}/${entry.name}`;
      if (entry.isDirectory) await walk(path);
      else files[path] = await Deno.readTextFile(`${root}/${path}`);
    }
  };
  await walk(dir).catch(() => {});
  return files;
}

Deno.test("rules_migrate() plans without writing, applies the golden conversions, and is idempotent", async () => {
  const root = await draftsWorkspace();
  try {
    const ctx = await testContext(root);
    const plan = await invoke(rulesMigrate, {}, ctx) as {
      steps: Array<{ draft: string; target: string; action: string }>;
      counts: Record<string, number>;
    };
    assert.equal(plan.counts.create, 14);
    assert.deepEqual(await snapshot(root, ".cursor"), {}, "a dry run writes nothing");
    const applied = await invoke(rulesMigrate, { apply: true }, ctx) as typeof plan;
    assert.deepEqual(applied.counts, { create: 14, unchanged: 0, update: 0, conflict: 0 });
    // Each written rule is byte-identical to the converter's golden output.
    for (const step of applied.steps) {
      const name = step.draft.slice(step.draft.lastIndexOf("/") + 1).replace(/\.mdc\.md$/, ".mdc");
      assert.equal(
        await Deno.readTextFile(`${root}/${step.target}`),
        await Deno.readTextFile(`${fixturePath("drafts")}/expected/${name}`),
        step.target,
      );
    }
    const before = await snapshot(root, ".cursor");
    const again = await invoke(rulesMigrate, { apply: true }, ctx) as typeof plan;
    assert.deepEqual(again.counts, { create: 0, unchanged: 14, update: 0, conflict: 0 });
    assert.deepEqual(await snapshot(root, ".cursor"), before, "a second run changes nothing");
    const { counts } = await invoke(rulesValidate, { format: "json" }, ctx) as {
      counts: { errors: number };
    };
    assert.equal(counts.errors, 0, "migrated rules validate without errors");
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("rules_migrate() reports a conflict instead of overwriting, and --force keeps the old rule in the trash", async () => {
  const root = await draftsWorkspace();
  try {
    const ctx = await testContext(root);
    const first = await invoke(rulesMigrate, { apply: true }, ctx) as {
      steps: Array<{ target: string }>;
    };
    const target = first.steps[0]!.target;
    await Deno.writeTextFile(`${root}/${target}`, "---\ndescription: hand edited\n---\nMine.\n");
    const conflicted = await invoke(rulesMigrate, { apply: true }, ctx) as {
      steps: Array<{ target: string; action: string; reason?: string }>;
      counts: Record<string, number>;
    };
    assert.equal(conflicted.counts.conflict, 1);
    const step = conflicted.steps.find((s) => s.target === target)!;
    assert.deepEqual([step.action, step.reason], [
      "conflict",
      "a different rule is already there; pass --force to replace it",
    ]);
    assert.equal(
      await Deno.readTextFile(`${root}/${target}`),
      "---\ndescription: hand edited\n---\nMine.\n",
    );
    await invoke(rulesMigrate, { apply: true, force: true }, ctx);
    assert.notEqual(
      await Deno.readTextFile(`${root}/${target}`),
      "---\ndescription: hand edited\n---\nMine.\n",
    );
    const trash = await snapshot(root, ".cursor/.trash");
    assert.ok(Object.values(trash).includes("---\ndescription: hand edited\n---\nMine.\n"));
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("rules_export() writes a managed block, keeps hand-written text, and re-export changes nothing", async () => {
  const root = await makeWorkspace({
    ".cursor/rules/global-rules/kind.mdc": "---\nalwaysApply: true\n---\nBe kind.\n",
    ".cursor/rules/core-rules/ts.mdc":
      "---\ndescription: TS style\nglobs: src/**/*.ts\n---\nUse strict types.\n",
    "AGENTS.md": "# Team notes\r\n\r\nHand-written, keep me.\r\n",
  });
  try {
    const ctx = await testContext(root);
    const preview = await invoke(rulesExport, { target: "agents-md" }, ctx) as {
      files: Array<{ action: string }>;
      applied: boolean;
    };
    assert.deepEqual(preview.files.map((f) => f.action), ["update"]);
    assert.equal(
      await Deno.readTextFile(`${root}/AGENTS.md`),
      "# Team notes\r\n\r\nHand-written, keep me.\r\n",
    );
    const result = await invoke(rulesExport, { target: "agents-md", apply: true }, ctx) as {
      losses: Array<{ rule: string; what: string }>;
    };
    const text = await Deno.readTextFile(`${root}/AGENTS.md`);
    assert.ok(text.startsWith("# Team notes\r\n\r\nHand-written, keep me.\r\n"));
    assert.match(text, /<!-- codegen-lab:begin cursor-rules -->\r\n/);
    assert.match(text, /## global-rules\/kind\r\n\r\nBe kind\.\r\n/);
    assert.match(text, /Applies to files matching: `src\/\*\*\/\*\.ts`/);
    assert.deepEqual(result.losses, [{
      rule: "core-rules/ts",
      what:
        'globs src/**/*.ts cannot be expressed in AGENTS.md; exported as always-on text with an "Applies to files matching: …" note',
    }]);
    const again = await invoke(rulesExport, { target: "agents-md", apply: true }, ctx) as {
      files: Array<{ action: string }>;
    };
    assert.deepEqual(again.files.map((f) => f.action), ["unchanged"]);
    assert.equal(await Deno.readTextFile(`${root}/AGENTS.md`), text);
    // Import skips our own block and imports the hand-written part.
    const imported = await invoke(rulesImport, { source: "agents-md", apply: true }, ctx) as {
      rules: Array<{ path: string; action: string }>;
      warnings: string[];
    };
    assert.deepEqual(imported.rules.map((r) => [r.path, r.action]), [[
      ".cursor/rules/global-rules/agents-md.mdc",
      "create",
    ]]);
    assert.match(
      imported.warnings[0]!,
      /^AGENTS\.md: Skipped lines \d+-\d+, the block exported by codegen-lab/,
    );
    assert.equal(
      await Deno.readTextFile(`${root}/.cursor/rules/global-rules/agents-md.mdc`),
      "---\ndescription:\nglobs:\nalwaysApply: true\n---\n# Team notes\n\nHand-written, keep me.\n",
    );
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("rules_export() to a directory target never clobbers an unmarked file and deletes stale managed files", async () => {
  const root = await makeWorkspace({
    ".cursor/rules/web/react.mdc": "---\nglobs: **/*.tsx\n---\nUse hooks.\n",
    ".cursor/rules/web/vue.mdc": "---\nglobs: **/*.vue\n---\nUse the composition API.\n",
    ".windsurf/rules/web-vue.md": "My own hand-written windsurf rule.\n",
  });
  try {
    const ctx = await testContext(root);
    const first = await invoke(rulesExport, { target: "windsurf", apply: true }, ctx) as {
      files: Array<{ path: string; action: string }>;
      conflicts: Array<{ path: string }>;
    };
    assert.deepEqual(first.conflicts.map((c) => c.path), [".windsurf/rules/web-vue.md"]);
    assert.equal(
      await Deno.readTextFile(`${root}/.windsurf/rules/web-vue.md`),
      "My own hand-written windsurf rule.\n",
    );
    assert.match(
      await Deno.readTextFile(`${root}/.windsurf/rules/web-react.md`),
      /^---\ntrigger: glob\nglobs: \*\*\/\*\.tsx\n---\n<!-- codegen-lab:managed from \.cursor\/rules\/web\/react\.mdc -->\n/,
    );
    await Deno.remove(`${root}/.cursor/rules/web/react.mdc`);
    const second = await invoke(rulesExport, { target: "windsurf", apply: true }, ctx) as {
      files: Array<{ path: string; action: string }>;
    };
    assert.ok(
      second.files.some((f) => f.path === ".windsurf/rules/web-react.md" && f.action === "delete"),
    );
    await assert.rejects(Deno.stat(`${root}/.windsurf/rules/web-react.md`), Deno.errors.NotFound);
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("rules_import() turns a legacy .cursorrules into an always rule", async () => {
  const root = await makeWorkspace({ ".cursorrules": "Always write tests first.\n" });
  try {
    const ctx = await testContext(root);
    const out = await invoke(rulesImport, { source: "cursorrules", apply: true }, ctx) as {
      rules: Array<{ path: string; action: string }>;
    };
    assert.deepEqual(out.rules.map((r) => [r.path, r.action]), [[
      ".cursor/rules/global-rules/cursorrules.mdc",
      "create",
    ]]);
    assert.equal(
      await Deno.readTextFile(`${root}/.cursor/rules/global-rules/cursorrules.mdc`),
      "---\ndescription:\nglobs:\nalwaysApply: true\n---\nAlways write tests first.\n",
    );
  } finally {
    await removeWorkspace(root);
  }
});
