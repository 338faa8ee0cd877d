import assert from "node:assert/strict";
import { LANGUAGES } from "../../src/analysis/languages.ts";
import {
  type CatalogRule,
  renderCatalogRule,
  RULE_CATALOG,
} from "../../src/analysis/rule_catalog.ts";
import { invoke, testContext } from "../../src/core/mod.ts";
import { parseRule, rulesValidate, ruleTypeOf } from "../../src/rules/mod.ts";
import { makeWorkspace, removeWorkspace } from "../_support.ts";

/** The ids the repository analysis produces, by trigger kind. */
const VOCABULARY: Record<string, readonly string[]> = {
  framework: [
    "react",
    "next",
    "vue",
    "nuxt",
    "svelte",
    "sveltekit",
    "angular",
    "solid",
    "astro",
    "remix",
    "express",
    "fastify",
    "koa",
    "nestjs",
    "hono",
    "oak",
    "fresh",
    "fastapi",
    "django",
    "flask",
    "starlette",
    "sqlalchemy",
    "pydantic",
    "rails",
    "sinatra",
    "spring",
    "spring-boot",
    "gin",
    "echo",
    "fiber",
    "chi",
    "actix",
    "axum",
    "rocket",
    "tokio",
    "laravel",
    "symfony",
    "tailwind",
    "prisma",
    "drizzle",
    "trpc",
    "graphql",
    "electron",
    "react-native",
    "expo",
  ],
  testing: [
    "pytest",
    "jest",
    "vitest",
    "mocha",
    "playwright",
    "cypress",
    "deno-test",
    "go-test",
    "cargo-test",
    "junit",
    "rspec",
    "minitest",
    "phpunit",
    "testing-library",
  ],
  ci: [
    "github-actions",
    "gitlab-ci",
    "circleci",
    "azure-pipelines",
    "jenkins",
    "travis",
    "bitbucket-pipelines",
  ],
  container: ["docker", "compose", "devcontainer", "kubernetes", "helm"],
  linter: [
    "ruff",
    "black",
    "flake8",
    "pylint",
    "mypy",
    "eslint",
    "biome",
    "prettier",
    "deno-fmt",
    "deno-lint",
    "golangci-lint",
    "clippy",
    "rustfmt",
    "rubocop",
    "stylelint",
    "editorconfig",
    "pre-commit",
  ],
  packageManager: [
    "npm",
    "pnpm",
    "yarn",
    "bun",
    "deno",
    "uv",
    "poetry",
    "pip",
    "pipenv",
    "cargo",
    "go",
    "maven",
    "gradle",
    "bundler",
    "composer",
  ],
  aiConfig: [
    "cursor-rules",
    "cursorrules",
    "agents-md",
    "claude-md",
    "copilot-instructions",
    "ai-dir",
    "windsurf",
    "clinerules",
    "mcp-config",
  ],
  language: LANGUAGES.map((language) => language.name),
};

/** A path the glob matches: `**` and `*` become `sample`, `?` becomes `x`. */
function samplePath(glob: string): string {
  return glob.replaceAll("**", "sample").replaceAll("*", "sample").replaceAll("?", "x");
}

function intendedType(rule: CatalogRule): string {
  if (rule.alwaysApply) return "always";
  return rule.globs.length > 0 ? "auto-attached" : "agent-requested";
}

Deno.test("RULE_CATALOG has at least 36 rules with unique ids and unique base names", () => {
  assert.ok(RULE_CATALOG.length >= 36, `only ${RULE_CATALOG.length} rules`);
  const ids = RULE_CATALOG.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
  const bases = ids.map((id) => id.slice(id.lastIndexOf("/") + 1));
  assert.equal(new Set(bases).size, bases.length, "base names clash, so @name would be ambiguous");
});

Deno.test("RULE_CATALOG covers the promised languages, frameworks, tools and practices", () => {
  const ids = new Set(RULE_CATALOG.map((rule) => rule.id));
  const required = [
    "core-rules/typescript",
    "core-rules/javascript",
    "core-rules/python",
    "core-rules/go",
    "core-rules/rust",
    "core-rules/java",
    "core-rules/ruby",
    "core-rules/php",
    "core-rules/csharp",
    "core-rules/shell",
    "core-rules/sql",
    "core-rules/react",
    "core-rules/nextjs",
    "core-rules/vue",
    "core-rules/svelte",
    "core-rules/angular",
    "core-rules/express",
    "core-rules/hono",
    "core-rules/fastapi",
    "core-rules/django",
    "core-rules/flask",
    "core-rules/rails",
    "core-rules/spring",
    "core-rules/go-http",
    "core-rules/tailwind",
    "core-rules/prisma",
    "core-rules/deno",
    "tool-rules/node-packaging",
    "testing-rules/pytest",
    "testing-rules/jest",
    "testing-rules/vitest",
    "testing-rules/deno-test",
    "testing-rules/go-test",
    "testing-rules/playwright",
    "testing-rules/rspec",
    "tool-rules/docker",
    "tool-rules/docker-compose",
    "tool-rules/github-actions",
    "tool-rules/gitlab-ci",
    "tool-rules/ruff",
    "tool-rules/js-linting",
    "tool-rules/pre-commit",
    "tool-rules/uv",
    "tool-rules/poetry",
    "global-rules/security-secrets",
    "core-rules/input-validation",
    "core-rules/git-commits",
    "core-rules/documentation",
    "core-rules/agile-workflow",
  ];
  assert.deepEqual(required.filter((id) => !ids.has(id)), []);
});

Deno.test("RULE_CATALOG triggers use only ids the analysis produces", () => {
  const unknown: string[] = [];
  for (const rule of RULE_CATALOG) {
    for (const trigger of rule.triggers) {
      const [kind, value] = Object.entries(trigger)[0]!;
      if (kind === "always") {
        if (value !== true) unknown.push(`${rule.id}: always must be true`);
      } else if (!VOCABULARY[kind]?.includes(value as string)) {
        unknown.push(`${rule.id}: ${kind} ${JSON.stringify(value)}`);
      }
    }
  }
  assert.deepEqual(unknown, []);
});

Deno.test("RULE_CATALOG entries have matching categories, short descriptions and complete bodies", () => {
  for (const rule of RULE_CATALOG) {
    assert.equal(rule.id.split("/")[0], rule.category, rule.id);
    assert.match(rule.id, /^[a-z]+-rules\/[a-z0-9-]+$/, rule.id);
    assert.ok(rule.description.length > 0 && rule.description.length <= 120, rule.id);
    assert.ok(!rule.summary.includes("\n") && rule.summary.length > 0, rule.id);
    assert.ok(rule.body.startsWith(`# ${rule.title}\n\n## Context\n`), rule.id);
    assert.ok(rule.body.includes("\n## Critical Rules\n"), rule.id);
    assert.ok(rule.body.includes("\n<example>\n"), rule.id);
    assert.ok(rule.body.includes('\n<example type="invalid">\n'), rule.id);
    const lines = rule.body.trimEnd().split("\n").length;
    assert.ok(lines >= 10 && lines <= 40, `${rule.id} has ${lines} lines`);
    if (rule.alwaysApply) {
      assert.deepEqual(rule.globs, [], `${rule.id}: always rules need no globs`);
    }
  }
});

Deno.test("renderCatalogRule() writes unquoted comma-separated globs and an empty globs line", () => {
  const docker = RULE_CATALOG.find((rule) => rule.id === "tool-rules/docker")!;
  assert.ok(
    renderCatalogRule(docker).startsWith(
      `---\ndescription: ${docker.description}\nglobs: **/Dockerfile,**/*.dockerfile,**/.dockerignore\nalwaysApply: false\n---\n# Dockerfiles\n`,
    ),
  );
  const secrets = RULE_CATALOG.find((rule) => rule.id === "global-rules/security-secrets")!;
  assert.ok(
    renderCatalogRule(secrets).startsWith(
      `---\ndescription: ${secrets.description}\nglobs:\nalwaysApply: true\n---\n`,
    ),
  );
});

Deno.test("renderCatalogRule() output parses back to the rule with the intended type", () => {
  for (const rule of RULE_CATALOG) {
    const parsed = parseRule(renderCatalogRule(rule));
    assert.deepEqual(parsed.diagnostics, [], rule.id);
    assert.equal(parsed.description, rule.description, rule.id);
    assert.deepEqual(parsed.globs, rule.globs, rule.id);
    assert.equal(parsed.alwaysApply, rule.alwaysApply, rule.id);
    assert.deepEqual(parsed.unknownKeys, [], rule.id);
    assert.equal(parsed.body, rule.body, rule.id);
    assert.equal(ruleTypeOf(parsed), intendedType(rule), rule.id);
  }
});

Deno.test("rules_validate() finds no problem in a workspace holding every catalogue rule", async () => {
  const files: Record<string, string> = {};
  for (const rule of RULE_CATALOG) {
    files[`.cursor/rules/${rule.id}.mdc`] = renderCatalogRule(rule);
    for (const glob of rule.globs) files[samplePath(glob)] = "sample\n";
  }
  const root = await makeWorkspace(files);
  try {
    const result = await invoke(rulesValidate, { format: "json" }, await testContext(root)) as {
      problems: Array<{ file: string; code: string; severity: string; message: string }>;
      rules: number;
    };
    assert.equal(result.rules, RULE_CATALOG.length);
    assert.deepEqual(
      result.problems,
      [],
      `validator problems:\n${
        result.problems.map((p) => `${p.file}: ${p.severity} ${p.code}: ${p.message}`).join("\n")
      }`,
    );
  } finally {
    await removeWorkspace(root);
  }
});
