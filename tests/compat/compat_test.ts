import assert from "node:assert/strict";
import { renderCatalogRule, RULE_CATALOG } from "../../src/analysis/mod.ts";
import { buildCatalog } from "../../src/catalog.ts";
import { DEFAULT_TOOL_GROUPS, invoke, testContext } from "../../src/core/mod.ts";
import { copyFixtureRepo } from "../analysis/_fixture_repo.ts";

const OLD_NAMES = [
  "instruct_repo_analysis",
  "recommend_cursor_rules",
  "get_static_cursor_rule",
  "get_static_cursor_rules",
  "save_cursor_rule",
  "prep_workspace",
  "create_cursor_rule_files",
  "ensure_makefile_task",
  "ensure_ai_report",
  "update_dockerignore",
  "run_update_cursor_rules",
  "cursor_rules_workflow",
  "plan_and_execute_prompt_library_workflow",
];

Deno.test("compat: every old tool name exists; only prep_workspace is on by default", () => {
  const operations = buildCatalog().operations;
  for (const name of OLD_NAMES) assert.ok(operations.get(name), `${name} is missing`);
  const byDefault = new Set(operations.list([...DEFAULT_TOOL_GROUPS]).map((op) => op.name));
  assert.deepEqual(OLD_NAMES.filter((name) => byDefault.has(name)), ["prep_workspace"]);
  for (const name of OLD_NAMES.filter((name) => name !== "prep_workspace")) {
    assert.equal(operations.get(name)!.group, "compat", name);
  }
});

Deno.test("compat: catalogue rules by old name, extra arguments ignored", async () => {
  const operations = buildCatalog().operations;
  const ctx = await testContext(Deno.cwd());
  const one = await invoke(operations.get("get_static_cursor_rule")!, {
    rule_name: "pytest",
    unexpected: true,
  }, ctx);
  const pytest = RULE_CATALOG.find((rule) => rule.id === "testing-rules/pytest")!;
  assert.deepEqual(one, {
    mappedTo: "recommend_rules",
    result: { id: "testing-rules/pytest", content: renderCatalogRule(pytest) },
  });
  await assert.rejects(
    invoke(operations.get("get_static_cursor_rule")!, { rule_name: "no-such-rule" }, ctx),
    (error: Error & { code?: string }) => error.code === "NOT_FOUND",
  );
});

Deno.test("compat: save_cursor_rule then run_update_cursor_rules deploys the rule", async () => {
  const root = await copyFixtureRepo("python-uv");
  try {
    const operations = buildCatalog().operations;
    const ctx = await testContext(root);
    const saved = await invoke(operations.get("save_cursor_rule")!, {
      rule_name: "team-style",
      rule_content:
        "---\ndescription: Team style for Python code\nglobs: **/*.py\nalwaysApply: false\n---\n# Team style\n\nUse type hints everywhere.\n",
    }, ctx);
    assert.deepEqual(saved.result, { path: "hack/drafts/cursor_rules/team-style.mdc.md" });
    const deployed = await invoke(operations.get("run_update_cursor_rules")!, {}, ctx);
    assert.equal(deployed.mappedTo, "rules_migrate");
    const steps = (deployed.result as { steps: Array<{ target: string; action: string }> }).steps;
    assert.equal(steps.length, 1);
    assert.equal(steps[0]!.action, "create");
    assert.ok((await Deno.stat(`${root}/${steps[0]!.target}`)).isFile);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("compat: cursor_rules_workflow runs all five phases", async () => {
  const root = await copyFixtureRepo("python-uv");
  try {
    const operations = buildCatalog().operations;
    const out = await invoke(operations.get("cursor_rules_workflow")!, {}, await testContext(root));
    const result = out.result as { state: { status: string; phase: number }; files: string[] };
    assert.equal(result.state.status, "completed", JSON.stringify(result.state));
    assert.equal(result.state.phase, 5);
    assert.ok((await Deno.stat(`${root}/.cursor/rules/testing-rules/pytest.mdc`)).isFile);
    assert.ok((await Deno.readTextFile(`${root}/Makefile`)).includes("update-cursor-rules:"));
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
