/**
 * Catalogue entries for linters, formatters, package managers and the Deno
 * toolchain.
 *
 * @module
 */
import { entry } from "./_catalog_body.ts";
import type { CatalogRule } from "./rule_catalog.ts";

/** Ruff, ESLint/Biome/Prettier, pre-commit, uv, Poetry, Node.js packages and Deno. */
export const TOOLCHAIN_RULES: readonly CatalogRule[] = [
  entry({
    id: "tool-rules/ruff",
    title: "Ruff",
    summary: "Ruff as the one Python linter and formatter, configured in pyproject.toml",
    category: "tool-rules",
    description:
      "Ruff conventions: ruff check and ruff format, configuration in pyproject.toml, targeted noqa",
    globs: ["pyproject.toml", "ruff.toml", ".ruff.toml"],
    alwaysApply: false,
    triggers: [{ linter: "ruff" }],
    context: [
      "Ruff lints and formats the Python code; CI runs `ruff check` and `ruff format --check`",
      "Configuration lives in `pyproject.toml` under `[tool.ruff]` (or `ruff.toml`)",
    ],
    rules: [
      "Run `ruff check --fix` and `ruff format` before finishing; do not add black, isort or flake8 next to Ruff",
      "Set `target-version` and `line-length` once, in the Ruff configuration",
      "Extend the rule selection deliberately (`E`, `F`, `I`, `UP`, `B` are a good base); no `ALL` without a reviewed ignore list",
      "Silence one line with `# noqa: CODE` and a reason; never a bare `# noqa`",
      "Relax rules for tests with `per-file-ignores`, not globally",
    ],
    good: `
      [tool.ruff]
      target-version = "py312"
      line-length = 100

      [tool.ruff.lint]
      select = ["E", "F", "I", "UP", "B", "S"]

      [tool.ruff.lint.per-file-ignores]
      "tests/**" = ["S101"]
    `,
    bad: `
      # pyproject.toml configures black, isort, flake8 and ruff with different line lengths
      result = eval(user_input)  # noqa
    `,
  }),
  entry({
    id: "tool-rules/js-linting",
    title: "ESLint, Biome and Prettier",
    summary:
      "JavaScript linting and formatting: one formatter, flat config, fixes instead of disables",
    category: "tool-rules",
    description:
      "JS/TS linting and formatting: the configured ESLint, Biome or Prettier, flat config, no blanket disables",
    globs: [
      "eslint.config.*",
      ".eslintrc*",
      "biome.json",
      "biome.jsonc",
      ".prettierrc*",
      "prettier.config.*",
    ],
    alwaysApply: false,
    triggers: [{ linter: "eslint" }, { linter: "biome" }, { linter: "prettier" }],
    context: [
      "Linting and formatting use the tools already configured in the repository",
      "Biome replaces ESLint and Prettier; with ESLint, Prettier formats and ESLint only lints",
    ],
    rules: [
      "Never add a second formatter or linter beside the configured one",
      "ESLint 9 uses flat config (`eslint.config.js`); do not add `.eslintrc*` files; `eslint-config-prettier` goes last",
      "Fix problems instead of silencing them; a disable comment names one rule and gives a reason (`-- reason`)",
      "TypeScript projects use type-aware rules (typescript-eslint `recommendedTypeChecked`), including no floating promises",
      "Run the project's scripts (`npm run lint`, `biome check --write`) before finishing; CI fails on warnings",
      "Reformatting goes in its own commit, apart from behaviour changes",
    ],
    good: `
      // eslint.config.js
      import js from "@eslint/js";
      import tseslint from "typescript-eslint";
      import prettier from "eslint-config-prettier";

      export default tseslint.config(
        js.configs.recommended,
        tseslint.configs.recommendedTypeChecked,
        { languageOptions: { parserOptions: { projectService: true } } },
        prettier,
      );
    `,
    bad: `
      /* eslint-disable */
      // @ts-nocheck
    `,
  }),
  entry({
    id: "tool-rules/pre-commit",
    title: "pre-commit",
    summary: "pre-commit hooks: pinned revisions, fast hooks, never bypassed",
    category: "tool-rules",
    description:
      "pre-commit conventions: pinned hook revisions, fast hooks, run on all files, never --no-verify",
    globs: [".pre-commit-config.yaml"],
    alwaysApply: false,
    triggers: [{ linter: "pre-commit" }],
    context: [
      "Git hooks are managed by pre-commit (`.pre-commit-config.yaml`)",
      "Hooks run on every commit, so they must be fast and deterministic",
    ],
    rules: [
      "Pin every hook repository with `rev:`; update with `pre-commit autoupdate` and review the diff",
      "Only fast checks (formatters, linters, file hygiene); the full test suite belongs in CI",
      "After changing the configuration, run `pre-commit run --all-files`",
      "Never bypass hooks with `git commit --no-verify`; fix what they report",
      "Prefer the tools' official hook repositories; `repo: local` hooks only for project scripts",
      "CI runs the same hooks (`pre-commit run --all-files` or pre-commit.ci)",
    ],
    good: `
      repos:
        - repo: https://github.com/pre-commit/pre-commit-hooks
          rev: v5.0.0
          hooks: [{ id: end-of-file-fixer }, { id: check-yaml }]
        - repo: https://github.com/astral-sh/ruff-pre-commit
          rev: v0.8.0
          hooks: [{ id: ruff, args: [--fix] }, { id: ruff-format }]
    `,
    bad: `
      repos:
        - repo: https://github.com/pre-commit/pre-commit-hooks
          rev: main
          hooks: [{ id: pytest-full-suite }]
    `,
  }),
  entry({
    id: "tool-rules/uv",
    title: "uv",
    summary: "uv for Python projects: uv add, committed uv.lock, uv run, locked syncs in CI",
    category: "tool-rules",
    description:
      "uv conventions: uv add and uv remove, committed uv.lock, uv run, uv sync --locked in CI",
    globs: ["pyproject.toml", "uv.lock"],
    alwaysApply: false,
    triggers: [{ packageManager: "uv" }],
    context: [
      "The Python project and its virtual environment are managed by uv",
      "`pyproject.toml` declares dependencies; `uv.lock` pins them for every platform",
    ],
    rules: [
      "Add and remove dependencies with `uv add pkg`, `uv add --dev pytest`, `uv remove pkg`; never `pip install` into the project",
      "Commit `uv.lock`; never edit it by hand (`uv lock --upgrade-package pkg` for one upgrade)",
      "Run everything in the project environment: `uv run pytest`, `uv run python -m app`",
      "CI installs with `uv sync --locked`, which fails when the lock is stale",
      "Pin the interpreter with `requires-python` and `.python-version`",
      "One-off tools run with `uvx` (`uvx ruff check`); standalone scripts declare inline metadata",
    ],
    good: `
      uv add httpx
      uv add --dev pytest
      uv run pytest -q
    `,
    bad: `
      pip install httpx            # not recorded in pyproject.toml or uv.lock
      python -m pytest             # runs outside the project environment
    `,
  }),
  entry({
    id: "tool-rules/poetry",
    title: "Poetry",
    summary: "Poetry for Python projects: poetry add, committed poetry.lock, poetry run",
    category: "tool-rules",
    description:
      "Poetry conventions: poetry add with groups, committed poetry.lock, poetry run, lock checks in CI",
    globs: ["pyproject.toml", "poetry.lock"],
    alwaysApply: false,
    triggers: [{ packageManager: "poetry" }],
    context: [
      "Dependencies and the virtual environment are managed by Poetry",
      "Poetry 2 reads project metadata from the standard `[project]` table",
    ],
    rules: [
      "Add dependencies with `poetry add pkg` and development tools with `poetry add --group dev pytest`; never `pip install`",
      "Commit `poetry.lock`; after editing `pyproject.toml` run `poetry lock` and `poetry check --lock`",
      "Make the environment match the lock with `poetry sync` (Poetry 2) or `poetry install --sync` (Poetry 1)",
      "Run commands through `poetry run` (`poetry run pytest`)",
      "Applications may pin tightly; libraries declare the widest ranges they support",
    ],
    good: `
      poetry add httpx
      poetry add --group dev pytest
      poetry run pytest -q
    `,
    bad: `
      pip install httpx   # Poetry does not know about it; the lock and the environment drift
      poetry update       # upgrades everything while adding one package
    `,
  }),
  entry({
    id: "tool-rules/node-packaging",
    title: "Node.js Packages",
    summary:
      "package.json and lockfiles: one package manager, frozen installs, clean dependency lists",
    category: "tool-rules",
    description:
      "Node.js packaging: one package manager and lockfile, frozen installs in CI, dependencies vs devDependencies",
    globs: ["**/package.json"],
    alwaysApply: false,
    triggers: [
      { packageManager: "npm" },
      { packageManager: "pnpm" },
      { packageManager: "yarn" },
      { packageManager: "bun" },
    ],
    context: [
      "The lockfile tells which package manager the project uses (`package-lock.json`, `pnpm-lock.yaml`, `yarn.lock`, `bun.lock`)",
      "`package.json` scripts are the project's entry points",
    ],
    rules: [
      "Use only that package manager; never create a second lockfile or delete the existing one; commit it",
      "CI installs frozen: `npm ci`, `pnpm install --frozen-lockfile`, `yarn install --immutable`, `bun install --frozen-lockfile`",
      "Add packages with the CLI (`pnpm add zod`, `npm install -D vitest`), not by typing versions",
      "Runtime packages in `dependencies`, build and test tools in `devDependencies`; remove unused ones",
      'Set `"type": "module"`, `engines` and `packageManager`; libraries publish an `exports` map with `types`',
      "Workspace packages depend on each other with `workspace:*` (pnpm, yarn, bun)",
    ],
    good: `
      {
        "name": "@acme/api",
        "type": "module",
        "packageManager": "pnpm@9.15.0",
        "engines": { "node": ">=20" },
        "scripts": { "build": "tsc -p .", "test": "vitest run" }
      }
    `,
    bad: `
      npm install lodash   # in a pnpm repository: writes package-lock.json beside pnpm-lock.yaml
    `,
  }),
  entry({
    id: "core-rules/deno",
    title: "Deno",
    summary: "Deno projects: deno.json imports, narrow permissions, web APIs, fmt/lint/check clean",
    category: "core-rules",
    description:
      "Deno conventions: deno.json import map, jsr and npm specifiers, narrow permissions, deno tasks",
    globs: ["deno.json", "deno.jsonc", "**/*.ts", "**/*.tsx"],
    alwaysApply: false,
    triggers: [
      { packageManager: "deno" },
      { linter: "deno-lint" },
      { linter: "deno-fmt" },
      { framework: "fresh" },
      { framework: "oak" },
    ],
    context: [
      "The project runs on Deno; `deno.json` holds imports, tasks and compiler options",
      "`deno.lock` pins every dependency; CI runs with `--frozen`",
    ],
    rules: [
      "Declare dependencies in `deno.json` `imports` with pinned `jsr:` or `npm:` specifiers and import them by mapped name",
      "No raw `https://` imports in source files",
      "Grant the narrowest permissions (`--allow-read=./data`, `--allow-net=api.example.com`); never `-A` in tasks or docs",
      "Prefer web APIs (`fetch`, `URL`, `crypto.subtle`) and `Deno.*`; `node:` specifiers only for Node built-ins",
      "`deno fmt --check`, `deno lint` and `deno check` pass; define the commands as `deno task`s",
      "Exports have explicit types and JSDoc, or `deno publish` rejects the slow types",
    ],
    good: `
      {
        "imports": { "@std/path": "jsr:@std/path@^1.0.8" },
        "tasks": { "dev": "deno run --allow-net=0.0.0.0:8000 --allow-read=./static main.ts" }
      }
    `,
    bad: `
      import { join } from "https://deno.land/std/path/mod.ts";
      // deno.json: "tasks": { "dev": "deno run -A main.ts" }
    `,
  }),
];
