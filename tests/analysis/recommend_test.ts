import assert from "node:assert/strict";
import { recommendRules, type StackFacts } from "../../src/analysis/recommend.ts";

const BASELINE = "baseline rule for every repository";

function pythonService(): StackFacts {
  return {
    languages: [
      { name: "Python", files: 42, code: 3100 },
      { name: "YAML", files: 6, code: 180 },
      { name: "Dockerfile", files: 1, code: 20 },
      { name: "Markdown", files: 4, code: 150 },
      { name: "TOML", files: 1, code: 40 },
    ],
    frameworks: ["fastapi", "pydantic"],
    testing: ["pytest"],
    linters: ["ruff"],
    ci: ["github-actions"],
    containers: ["docker"],
    packageManagers: ["uv"],
    aiConfig: [],
    evidence: {
      "framework:fastapi": ["pyproject.toml"],
      "testing:pytest": ["pyproject.toml", "tests/conftest.py"],
      "linter:ruff": ["pyproject.toml"],
      "packageManager:uv": ["uv.lock"],
      "ci:github-actions": [".github/workflows/ci.yml"],
      "container:docker": ["Dockerfile"],
    },
  };
}

function nodeMonorepo(): StackFacts {
  return {
    languages: [
      { name: "TypeScript", files: 310, code: 24000 },
      { name: "TSX", files: 120, code: 9000 },
      { name: "JavaScript", files: 20, code: 800 },
      { name: "JSON", files: 30, code: 1200 },
      { name: "CSS", files: 2, code: 90 },
    ],
    frameworks: ["next", "react", "express"],
    testing: ["jest", "vitest"],
    linters: ["eslint", "prettier"],
    ci: ["gitlab-ci"],
    containers: [],
    packageManagers: ["pnpm"],
    aiConfig: [],
    evidence: {
      "framework:next": ["apps/web/package.json"],
      "framework:express": ["apps/api/package.json"],
      "packageManager:pnpm": ["pnpm-lock.yaml", "pnpm-workspace.yaml"],
    },
  };
}

function denoHono(): StackFacts {
  return {
    languages: [
      { name: "TypeScript", files: 40, code: 5000 },
      { name: "Markdown", files: 3, code: 200 },
    ],
    frameworks: ["hono"],
    testing: ["deno-test"],
    linters: ["deno-lint", "deno-fmt"],
    ci: ["github-actions"],
    containers: [],
    packageManagers: ["deno"],
    aiConfig: ["cursor-rules"],
  };
}

function summary(facts: StackFacts, existing: readonly string[] = []) {
  return recommendRules(facts, existing).map((r) => [r.id, r.confidence, r.reasons]);
}

Deno.test("recommendRules() recommends exactly the rules of a Python FastAPI service", () => {
  const found = (id: string, what: string, files: string) => `${what} found in ${files} → ${id}`;
  const tool = (id: string, category: string, title: string, what: string, files: string) => ({
    id,
    title,
    category,
    confidence: 0.9,
    reasons: [found(id, what, files)],
    exists: false,
  });
  const baseline = (id: string, category: string, title: string) => ({
    id,
    title,
    category,
    confidence: 0.4,
    reasons: [BASELINE],
    exists: false,
  });
  assert.deepEqual(recommendRules(pythonService(), []), [
    tool("core-rules/fastapi", "core-rules", "FastAPI", "fastapi", "pyproject.toml"),
    tool(
      "core-rules/input-validation",
      "core-rules",
      "Input Validation",
      "fastapi",
      "pyproject.toml",
    ),
    tool(
      "testing-rules/pytest",
      "testing-rules",
      "pytest",
      "pytest",
      "pyproject.toml, tests/conftest.py",
    ),
    tool("tool-rules/docker", "tool-rules", "Dockerfiles", "docker", "Dockerfile"),
    tool(
      "tool-rules/github-actions",
      "tool-rules",
      "GitHub Actions",
      "github-actions",
      ".github/workflows/ci.yml",
    ),
    tool("tool-rules/ruff", "tool-rules", "Ruff", "ruff", "pyproject.toml"),
    tool("tool-rules/uv", "tool-rules", "uv", "uv", "uv.lock"),
    {
      id: "core-rules/python",
      title: "Python",
      category: "core-rules",
      confidence: 0.85,
      reasons: ["Python: 42 files, 3,100 lines of code"],
      exists: false,
    },
    baseline("core-rules/documentation", "core-rules", "Documentation"),
    baseline("core-rules/git-commits", "core-rules", "Git Commits"),
    baseline("global-rules/security-secrets", "global-rules", "Secrets Handling"),
  ]);
});

Deno.test("recommendRules() combines triggers and scores languages by their share in a Node monorepo", () => {
  assert.deepEqual(summary(nodeMonorepo()), [
    ["core-rules/input-validation", 0.95, [
      "express found in apps/api/package.json → core-rules/input-validation",
      "next found in apps/web/package.json → core-rules/input-validation",
    ]],
    ["core-rules/express", 0.9, ["express found in apps/api/package.json → core-rules/express"]],
    ["core-rules/nextjs", 0.9, ["next found in apps/web/package.json → core-rules/nextjs"]],
    ["core-rules/typescript", 0.9, [
      "TypeScript: 310 files, 24,000 lines of code",
      "TSX: 120 files, 9,000 lines of code",
    ]],
    ["tool-rules/node-packaging", 0.9, [
      "pnpm found in pnpm-lock.yaml, pnpm-workspace.yaml → tool-rules/node-packaging",
    ]],
    ["tool-rules/js-linting", 0.85, ["eslint detected", "prettier detected"]],
    ["core-rules/react", 0.8, ["react detected"]],
    ["testing-rules/jest", 0.8, ["jest detected"]],
    ["testing-rules/vitest", 0.8, ["vitest detected"]],
    ["tool-rules/gitlab-ci", 0.8, ["gitlab-ci detected"]],
    ["core-rules/documentation", 0.4, [BASELINE]],
    ["core-rules/git-commits", 0.4, [BASELINE]],
    ["global-rules/security-secrets", 0.4, [BASELINE]],
    ["core-rules/javascript", 0.35, ["JavaScript: 20 files, 800 lines of code"]],
  ]);
});

Deno.test("recommendRules() recommends Deno, Hono and rule-authoring rules for a Deno project", () => {
  assert.deepEqual(summary(denoHono()), [
    ["core-rules/deno", 0.9, ["deno detected", "deno-lint detected", "deno-fmt detected"]],
    ["core-rules/typescript", 0.85, ["TypeScript: 40 files, 5,000 lines of code"]],
    ["core-rules/cursor-rules", 0.8, ["cursor-rules detected"]],
    ["core-rules/hono", 0.8, ["hono detected"]],
    ["core-rules/input-validation", 0.8, ["hono detected"]],
    ["testing-rules/deno-test", 0.8, ["deno-test detected"]],
    ["tool-rules/github-actions", 0.8, ["github-actions detected"]],
    ["core-rules/documentation", 0.4, [BASELINE]],
    ["core-rules/git-commits", 0.4, [BASELINE]],
    ["global-rules/security-secrets", 0.4, [BASELINE]],
  ]);
});

Deno.test("recommendRules() scores languages by share and gives tiny languages 0.3", () => {
  const facts: StackFacts = {
    ...denoHono(),
    languages: [
      { name: "Go", files: 50, code: 8000 },
      { name: "Rust", files: 10, code: 1000 },
      { name: "Shell", files: 5, code: 300 },
      { name: "SQL", files: 2, code: 700 },
    ],
  };
  const scores = Object.fromEntries(
    recommendRules(facts, []).filter((r) => r.reasons[0]!.includes("lines of code")).map((
      r,
    ) => [r.id, r.confidence]),
  );
  // Go 80%, Rust 10%, Shell 3%, SQL 7% but only 2 files.
  assert.deepEqual(scores, {
    "core-rules/go": 0.85,
    "core-rules/rust": 0.6,
    "core-rules/shell": 0.35,
    "core-rules/sql": 0.3,
  });
});

Deno.test("recommendRules() skips a rule the repository has under another category", () => {
  const ids = recommendRules(pythonService(), ["core-rules/pytest", "tool-rules/docker-auto"]).map(
    (r) => r.id,
  );
  assert.ok(!ids.includes("testing-rules/pytest"));
  assert.ok(!ids.includes("tool-rules/docker"));
  assert.equal(ids.length, 9);
});

Deno.test("recommendRules() marks existing rules when includeExisting is set", () => {
  const result = recommendRules(pythonService(), [
    "core-rules/pytest",
    ".cursor/rules/core-rules/python.mdc",
  ], {
    includeExisting: true,
  });
  assert.equal(result.length, 11);
  const pytest = result.find((r) => r.id === "testing-rules/pytest")!;
  assert.deepEqual([pytest.exists, pytest.existingName], [true, "core-rules/pytest"]);
  const python = result.find((r) => r.id === "core-rules/python")!;
  assert.deepEqual([python.exists, python.existingName], [
    true,
    ".cursor/rules/core-rules/python.mdc",
  ]);
  const fastapi = result.find((r) => r.id === "core-rules/fastapi")!;
  assert.equal(fastapi.exists, false);
  assert.ok(!("existingName" in fastapi));
});

Deno.test("recommendRules() leaves out recommendations below minConfidence", () => {
  const ids = recommendRules(nodeMonorepo(), [], { minConfidence: 0.85 }).map((r) => r.id);
  assert.deepEqual(ids, [
    "core-rules/input-validation",
    "core-rules/express",
    "core-rules/nextjs",
    "core-rules/typescript",
    "tool-rules/node-packaging",
    "tool-rules/js-linting",
  ]);
  assert.equal(recommendRules(nodeMonorepo(), [], { minConfidence: 1 }).length, 0);
});

Deno.test("recommendRules() throws RangeError for a minConfidence outside 0..1", () => {
  assert.throws(
    () => recommendRules(denoHono(), [], { minConfidence: 1.5 }),
    (error: unknown) =>
      error instanceof RangeError &&
      error.message ===
        "Cannot recommend rules as 'minConfidence' must be between 0 and 1: current value is 1.5",
  );
  assert.throws(() => recommendRules(denoHono(), [], { minConfidence: Number.NaN }), RangeError);
});

Deno.test("recommendRules() is deterministic whatever the order of the facts", () => {
  const facts = nodeMonorepo();
  const shuffled: StackFacts = {
    ...facts,
    languages: [...facts.languages].reverse(),
    frameworks: [...facts.frameworks].reverse(),
    testing: [...facts.testing].reverse(),
    linters: [...facts.linters].reverse(),
    evidence: Object.fromEntries(Object.entries(facts.evidence!).reverse()),
  };
  const first = recommendRules(facts, []);
  assert.deepEqual(recommendRules(facts, []), first);
  assert.deepEqual(recommendRules(shuffled, []), first);
});

Deno.test("recommendRules() reads evidence keyed by any kind prefix or by the bare id", () => {
  const facts: StackFacts = {
    ...denoHono(),
    evidence: { "framework:deno-test": ["deno.json"], "hono": ["deno.json", "src/app.ts"] },
  };
  const reasons = Object.fromEntries(recommendRules(facts, []).map((r) => [r.id, r.reasons]));
  assert.deepEqual(reasons["testing-rules/deno-test"], [
    "deno-test found in deno.json → testing-rules/deno-test",
  ]);
  assert.deepEqual(reasons["core-rules/hono"], [
    "hono found in deno.json, src/app.ts → core-rules/hono",
  ]);
});

Deno.test("recommendRules() recommends nothing but baseline rules for an empty stack", () => {
  const empty: StackFacts = {
    languages: [],
    frameworks: [],
    testing: [],
    linters: [],
    ci: [],
    containers: [],
    packageManagers: [],
    aiConfig: [],
  };
  assert.deepEqual(summary(empty), [
    ["core-rules/documentation", 0.4, [BASELINE]],
    ["core-rules/git-commits", 0.4, [BASELINE]],
    ["global-rules/security-secrets", 0.4, [BASELINE]],
  ]);
});
