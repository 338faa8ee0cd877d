import assert from "node:assert/strict";
import type { z } from "zod";
import { recommendRulesOperation } from "../../src/analysis/mod.ts";
import { invoke, testContext } from "../../src/core/mod.ts";
import { rulesValidate } from "../../src/rules/mod.ts";
import { copyFixtureRepo } from "./_fixture_repo.ts";

type Input = z.input<typeof recommendRulesOperation.input>;
type Output = z.output<typeof recommendRulesOperation.output>;

async function recommend(root: string, input: Input = {}): Promise<Output> {
  return await invoke(recommendRulesOperation, input, await testContext(root));
}

Deno.test("recommend_rules: a FastAPI/pytest/uv project gets reasons and confidences", async () => {
  const root = await copyFixtureRepo("python-uv");
  try {
    const out = await recommend(root);
    assert.deepEqual(
      out.recommendations.map((rec) => [rec.id, rec.confidence, rec.reasons]),
      [
        ["core-rules/fastapi", 0.9, ["fastapi found in pyproject.toml → core-rules/fastapi"]],
        [
          "core-rules/input-validation",
          0.9,
          ["fastapi found in pyproject.toml → core-rules/input-validation"],
        ],
        [
          "testing-rules/pytest",
          0.9,
          ["pytest found in pyproject.toml, tests/conftest.py → testing-rules/pytest"],
        ],
        ["tool-rules/docker", 0.9, ["docker found in Dockerfile → tool-rules/docker"]],
        [
          "tool-rules/github-actions",
          0.9,
          ["github-actions found in .github/workflows/ci.yml → tool-rules/github-actions"],
        ],
        ["tool-rules/ruff", 0.9, ["ruff found in pyproject.toml → tool-rules/ruff"]],
        ["tool-rules/uv", 0.9, ["uv found in uv.lock → tool-rules/uv"]],
        ["core-rules/python", 0.85, ["Python: 4 files, 43 lines of code"]],
      ],
    );
    assert.ok(out.catalogSize >= 30);
    assert.deepEqual(out.created, []);
    // Listing wrote nothing.
    await assert.rejects(Deno.stat(`${root}/.cursor`), Deno.errors.NotFound);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("recommend_rules: apply creates valid rules once; existing rules are not recommended again", async () => {
  const root = await copyFixtureRepo("python-uv");
  try {
    const applied = await recommend(root, {
      apply: true,
      only: ["testing-rules/pytest", "tool-rules/ruff"],
    });
    assert.deepEqual(applied.created, ["testing-rules/pytest", "tool-rules/ruff"]);
    const text = await Deno.readTextFile(`${root}/.cursor/rules/testing-rules/pytest.mdc`);
    assert.match(text, /^---\ndescription: /);
    assert.match(text, /\nglobs: [^\n]*\.py/);
    const validation = await invoke(rulesValidate, {}, await testContext(root));
    assert.deepEqual(validation.problems, []);

    const again = await recommend(root);
    const ids = again.recommendations.map((rec) => rec.id);
    assert.ok(!ids.includes("testing-rules/pytest") && !ids.includes("tool-rules/ruff"));
    const marked = await recommend(root, { includeExisting: true });
    const pytest = marked.recommendations.find((rec) => rec.id === "testing-rules/pytest")!;
    assert.equal(pytest.exists, true);
    assert.equal(pytest.existingName, "testing-rules/pytest");

    // Applying everything now creates the rest and never touches what exists.
    const before = await Deno.readTextFile(`${root}/.cursor/rules/tool-rules/ruff.mdc`);
    const rest = await recommend(root, { apply: true });
    assert.deepEqual(rest.created, ids);
    assert.equal(await Deno.readTextFile(`${root}/.cursor/rules/tool-rules/ruff.mdc`), before);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("recommend_rules: clear errors for unknown ids and `only` without `apply`", async () => {
  const root = await copyFixtureRepo("go-service");
  try {
    await assert.rejects(
      recommend(root, { apply: true, only: ["testing-rules/nope"] }),
      (error: Error & { code?: string }) =>
        error.code === "USAGE" && error.message === "Unknown catalogue rule: testing-rules/nope",
    );
    await assert.rejects(
      recommend(root, { only: ["tool-rules/docker"] }),
      (error: Error & { code?: string }) =>
        error.code === "USAGE" && /needs `apply`/.test(error.message),
    );
    const sure = await recommend(root, { minConfidence: 0.88 });
    assert.ok(sure.recommendations.every((rec) => rec.confidence >= 0.88));
    assert.ok(sure.recommendations.some((rec) => rec.id === "testing-rules/go-test"));
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
