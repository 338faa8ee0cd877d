/**
 * The analysis, workflow and agile prompts render the project's real state.
 */
import assert from "node:assert/strict";
import { repoAnalysisPrompt } from "../../src/analysis/mod.ts";
import {
  nextStoryPrompt,
  tddCyclePrompt,
  writeArchitecturePrompt,
  writePrdPrompt,
} from "../../src/agile/mod.ts";
import { aiInit, aiStoryCreate } from "../../src/agile/mod.ts";
import { invoke, testContext } from "../../src/core/mod.ts";
import { ruleWorkflowPrompt, workflowStart } from "../../src/workflows/mod.ts";
import { copyFixtureRepo } from "../analysis/_fixture_repo.ts";

Deno.test("prompts: each fills in the project's own context", async () => {
  const root = await copyFixtureRepo("python-uv");
  try {
    const ctx = await testContext(root);
    const analysis = (await repoAnalysisPrompt.render({ focus: "testing" }, ctx)).messages[0]!.text;
    assert.ok(analysis.startsWith("Assess the test setup"));
    assert.ok(analysis.includes("| Python | 4 | 43 | 3 | 23 | 41.3% |"));
    assert.ok(analysis.includes("- testing-rules/pytest (0.9): pytest found in pyproject.toml"));
    assert.deepEqual(await repoAnalysisPrompt.complete!.focus!("t", ctx), ["testing", "tooling"]);

    const { id } = await invoke(workflowStart, {}, ctx);
    const workflow = (await ruleWorkflowPrompt.render({ goal: "continue" }, ctx)).messages[0]!.text;
    assert.ok(workflow.includes(id), workflow);

    await invoke(aiInit, {}, ctx);
    const prd = (await writePrdPrompt.render({}, ctx)).messages[0]!.text;
    assert.ok(prd.startsWith("Revise the PRD"));
    assert.ok(prd.includes("Frameworks: FastAPI"));
    const arch = (await writeArchitecturePrompt.render({ focus: "api" }, ctx)).messages[0]!.text;
    assert.ok(arch.includes("The PRD is not Approved yet"));

    await invoke(aiStoryCreate, {
      epic: 1,
      title: "List items",
      points: 2,
      criteria: ["GET /items returns 200", "Empty list is []"],
      tasks: ["Route", "Tests"],
    }, ctx);
    const next = (await nextStoryPrompt.render({}, ctx)).messages[0]!.text;
    assert.match(next, /^Next step: approve-prd — /);
    assert.deepEqual(await nextStoryPrompt.complete!.epic!("", ctx), ["1"]);
    const tdd = (await tddCyclePrompt.render({ story: "epic-1/story-1" }, ctx)).messages[0]!.text;
    assert.ok(
      tdd.includes("Open acceptance criteria:\n- GET /items returns 200\n- Empty list is []"),
    );
    assert.ok(tdd.includes("Test setup: pytest (pyproject.toml, tests/conftest.py)"));
    assert.deepEqual(await tddCyclePrompt.complete!.story!("epic-1", ctx), ["epic-1/story-1"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
