import assert from "node:assert/strict";
import type { z } from "zod";
import {
  type Detection,
  detectStack,
  type StackReport,
  stackReportSchema,
} from "../../src/analysis/detect_stack.ts";
import { walkWorkspace } from "../../src/core/mod.ts";
import { copyFixtureRepo } from "./_fixture_repo.ts";

// Compile-time check: the schema describes exactly a StackReport.
const _schemaMatches: z.ZodType<StackReport> = stackReportSchema;
const _reportMatches: StackReport = {} as z.infer<typeof stackReportSchema>;

function ids(detections: readonly Detection[]): string[] {
  return detections.map((detection) => detection.id);
}

function find(detections: readonly Detection[], id: string): Detection {
  const found = detections.find((detection) => detection.id === id);
  assert.ok(found, `no detection ${id} in ${ids(detections).join()}`);
  return found;
}

/** Copies a fixture repo, walks it like the tools do and detects its stack. */
async function detectFixture(name: string): Promise<{ report: StackReport; reads: string[] }> {
  const root = await copyFixtureRepo(name);
  try {
    const paths: string[] = [];
    const walk = walkWorkspace(root, { ignoreFiles: [".gitignore", ".ignore", ".codegenignore"] });
    for await (const entry of walk) paths.push(entry.path);
    const reads: string[] = [];
    const report = detectStack(paths, (path) => {
      reads.push(path);
      return Deno.readTextFileSync(`${root}/${path}`);
    });
    stackReportSchema.parse(report);
    return { report, reads };
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

/** Detects the stack of an in-memory file tree. */
function detectIn(files: Record<string, string>): { report: StackReport; reads: string[] } {
  const reads: string[] = [];
  const report = detectStack(Object.keys(files), (path) => {
    reads.push(path);
    return files[path];
  });
  stackReportSchema.parse(report);
  return { report, reads };
}

Deno.test("detectStack() reports the python-uv fixture", async () => {
  const { report, reads } = await detectFixture("python-uv");
  assert.deepEqual(reads, ["pyproject.toml"]);
  assert.deepEqual(report.packageManagers, [{ id: "uv", name: "uv", evidence: ["uv.lock"] }]);
  assert.deepEqual(report.manifests, ["pyproject.toml", "uv.lock"]);
  assert.deepEqual(ids(report.frameworks), ["fastapi", "pydantic", "sqlalchemy"]);
  assert.deepEqual(find(report.frameworks, "fastapi"), {
    id: "fastapi",
    name: "FastAPI",
    evidence: ["pyproject.toml"],
    version: ">=0.110",
  });
  assert.equal(find(report.frameworks, "sqlalchemy").version, "==2.0.29");
  assert.deepEqual(report.testing, [
    {
      id: "pytest",
      name: "pytest",
      evidence: ["pyproject.toml", "tests/conftest.py"],
      version: ">=8.1",
    },
  ]);
  assert.deepEqual(report.linters, [
    { id: "ruff", name: "Ruff", evidence: ["pyproject.toml"], version: ">=0.4" },
  ]);
  assert.deepEqual(report.ci, [
    { id: "github-actions", name: "GitHub Actions", evidence: [".github/workflows/ci.yml"] },
  ]);
  assert.deepEqual(report.containers, [{ id: "docker", name: "Docker", evidence: ["Dockerfile"] }]);
  assert.deepEqual(report.aiConfig, []);
  assert.deepEqual(report.workspaces, []);
});

Deno.test("detectStack() reports the node-monorepo fixture", async () => {
  const { report, reads } = await detectFixture("node-monorepo");
  assert.deepEqual(reads, [
    "package.json",
    "packages/api/package.json",
    "packages/web/package.json",
    "pnpm-workspace.yaml",
  ]);
  assert.deepEqual(report.packageManagers, [{
    id: "pnpm",
    name: "pnpm",
    evidence: ["package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml"],
    version: "9.1.0",
  }]);
  assert.deepEqual(report.manifests, [
    "package.json",
    "packages/api/package.json",
    "packages/web/package.json",
    "pnpm-lock.yaml",
    "pnpm-workspace.yaml",
  ]);
  assert.deepEqual(ids(report.frameworks), ["express", "next", "react", "tailwind"]);
  assert.deepEqual(find(report.frameworks, "next"), {
    id: "next",
    name: "Next.js",
    evidence: ["packages/web/package.json"],
    version: "14.2.3",
  });
  assert.deepEqual(find(report.frameworks, "express").evidence, ["packages/api/package.json"]);
  assert.deepEqual(ids(report.testing), ["jest", "testing-library", "vitest"]);
  assert.deepEqual(find(report.testing, "vitest").evidence, ["package.json"]);
  assert.equal(find(report.testing, "jest").version, "^29.7.0");
  assert.deepEqual(ids(report.linters), ["eslint", "prettier"]);
  assert.deepEqual(find(report.linters, "eslint").evidence, ["eslint.config.js", "package.json"]);
  assert.deepEqual(find(report.linters, "prettier").evidence, [".prettierrc", "package.json"]);
  assert.deepEqual(ids(report.ci), ["gitlab-ci"]);
  assert.deepEqual(report.containers, []);
  assert.deepEqual(report.aiConfig, [
    { id: "agents-md", name: "AGENTS.md", evidence: ["AGENTS.md"] },
  ]);
  // package.json "workspaces" and pnpm-workspace.yaml declare the same members.
  assert.deepEqual(report.workspaces, [
    { tool: "pnpm", root: ".", members: ["packages/api", "packages/web"] },
  ]);
});

Deno.test("detectStack() reports the deno-app fixture", async () => {
  const { report, reads } = await detectFixture("deno-app");
  assert.deepEqual(reads, ["deno.json", "libs/util/deno.json"]);
  assert.deepEqual(report.packageManagers, [
    { id: "deno", name: "Deno", evidence: ["deno.json", "deno.lock", "libs/util/deno.json"] },
  ]);
  assert.deepEqual(report.manifests, ["deno.json", "deno.lock", "libs/util/deno.json"]);
  assert.deepEqual(report.frameworks, [
    { id: "hono", name: "Hono", evidence: ["deno.json"], version: "^4.6.3" },
  ]);
  assert.deepEqual(report.testing, [
    { id: "deno-test", name: "deno test", evidence: ["deno.json", "main_test.ts"] },
  ]);
  assert.deepEqual(ids(report.linters), ["deno-fmt", "deno-lint"]);
  assert.deepEqual(find(report.linters, "deno-lint").evidence, [
    "deno.json",
    "libs/util/deno.json",
  ]);
  assert.deepEqual(ids(report.ci), ["github-actions"]);
  assert.deepEqual(report.containers, []);
  assert.deepEqual(report.aiConfig, [
    { id: "cursor-rules", name: "Cursor rules", evidence: [".cursor/rules/core-rules/deno.mdc"] },
  ]);
  assert.deepEqual(report.workspaces, [{ tool: "deno", root: ".", members: ["libs/util"] }]);
});

Deno.test("detectStack() reports the go-service fixture", async () => {
  const { report, reads } = await detectFixture("go-service");
  assert.deepEqual(reads, ["go.mod"]);
  assert.deepEqual(report.packageManagers, [
    { id: "go", name: "Go modules", evidence: ["go.mod"], version: "1.22" },
  ]);
  assert.deepEqual(report.manifests, ["go.mod", "go.sum"]);
  // testify is a test helper, not a framework; indirect requirements are skipped.
  assert.deepEqual(report.frameworks, [
    { id: "gin", name: "Gin", evidence: ["go.mod"], version: "v1.9.1" },
  ]);
  assert.deepEqual(report.testing, [
    { id: "go-test", name: "go test", evidence: ["internal/handler/handler_test.go"] },
  ]);
  assert.deepEqual(report.containers, [
    { id: "compose", name: "Docker Compose", evidence: ["compose.yaml"] },
    { id: "docker", name: "Docker", evidence: ["Dockerfile"] },
  ]);
  assert.deepEqual(report.linters, [
    { id: "golangci-lint", name: "golangci-lint", evidence: [".golangci.yml"] },
  ]);
  assert.deepEqual(report.ci, []);
  assert.deepEqual(report.aiConfig, []);
  assert.deepEqual(report.workspaces, []);
});

Deno.test("detectStack() reports the mixed-secrets fixture without reading its secrets", async () => {
  const { report, reads } = await detectFixture("mixed-secrets");
  assert.deepEqual(reads, ["requirements.txt"]);
  assert.deepEqual(report.packageManagers, [
    { id: "pip", name: "pip", evidence: ["requirements.txt"] },
  ]);
  assert.deepEqual(report.manifests, ["requirements.txt"]);
  for (const key of ["frameworks", "testing", "ci", "containers", "linters", "aiConfig"] as const) {
    assert.deepEqual(report[key], [], key);
  }
});

Deno.test("detectStack() finds nothing in the nested-ignores fixture", async () => {
  const { report, reads } = await detectFixture("nested-ignores");
  assert.deepEqual(reads, []);
  assert.deepEqual(report, {
    packageManagers: [],
    manifests: [],
    frameworks: [],
    testing: [],
    ci: [],
    containers: [],
    linters: [],
    aiConfig: [],
    workspaces: [],
  });
});

Deno.test("detectStack() survives malformed manifests and a throwing reader", () => {
  const files: Record<string, string> = {
    "package.json": '{ "dependencies": { "react": "^18" ',
    "pyproject.toml": "[project\ndependencies = [\n",
    "Cargo.toml": "[dependencies\naxum = ",
    "go.mod": "require (\n",
    "pom.xml": "<project><dependency><artifactId>",
    "composer.json": "[1, 2",
    "deno.json": "{ imports: nope }",
  };
  const { report } = detectIn(files);
  assert.deepEqual(report.frameworks, []);
  // Cargo.toml alone, with no .rs file, is not a sign of cargo test.
  assert.deepEqual(report.testing, []);
  assert.deepEqual(ids(report.packageManagers), ["cargo", "composer", "deno", "go", "maven"]);
  const thrown = detectStack(["package.json", "src/a.ts"], () => {
    throw new Error("unreadable");
  });
  assert.deepEqual(thrown.packageManagers, [
    { id: "npm", name: "npm", evidence: ["package.json"] },
  ]);
});

Deno.test("detectStack() reads deno.jsonc with comments, trailing commas and URL imports", () => {
  const { report } = detectIn({
    "deno.jsonc": `{
  // "react": "npm:react@18" is commented out
  "imports": {
    "oak": "https://deno.land/x/oak@v12.6.1/mod.ts", /* URL, not a comment */
    "@fresh/core": "jsr:@fresh/core@^2.0.0",
    "preact": "npm:preact@^10.19.0",
  },
  "tasks": { "test:unit": "deno test" },
}`,
  });
  assert.deepEqual(ids(report.frameworks), ["fresh", "oak"]);
  assert.equal(find(report.frameworks, "oak").version, "v12.6.1");
  assert.equal(find(report.frameworks, "fresh").version, "^2.0.0");
  assert.deepEqual(ids(report.testing), ["deno-test"]);
  assert.deepEqual(ids(report.linters), ["deno-fmt", "deno-lint"]);
});

Deno.test("detectStack() reads a deno.json import map file", () => {
  const { report, reads } = detectIn({
    "app/deno.json": '{ "importMap": "../import_map.json" }',
    "import_map.json": '{ "imports": { "hono": "jsr:@hono/hono@^4.5.0" } }',
  });
  assert.deepEqual(reads, ["app/deno.json", "import_map.json"]);
  assert.deepEqual(report.frameworks, [
    { id: "hono", name: "Hono", evidence: ["import_map.json"], version: "^4.5.0" },
  ]);
});

Deno.test("detectStack() reads optional dependencies, uv dev-dependencies and esm.sh imports", () => {
  const { report } = detectIn({
    "api/pyproject.toml": `[project]
name = "api"

[project.optional-dependencies]
web = ["Flask>=3"]

[tool.uv]
dev-dependencies = ["mypy>=1.10"]`,
    "ui/deno.json": '{ "imports": { "react": "https://esm.sh/react@18.3.1" } }',
  });
  assert.deepEqual(report.frameworks, [
    { id: "flask", name: "Flask", evidence: ["api/pyproject.toml"], version: ">=3" },
    { id: "react", name: "React", evidence: ["ui/deno.json"], version: "18.3.1" },
  ]);
  assert.deepEqual(report.linters.map((found) => [found.id, found.evidence]), [
    ["deno-fmt", ["ui/deno.json"]],
    ["deno-lint", ["ui/deno.json"]],
    ["mypy", ["api/pyproject.toml"]],
  ]);
  assert.deepEqual(ids(report.packageManagers), ["deno", "uv"]);
});

Deno.test("detectStack() reads requirements.txt with extras, markers and options", () => {
  const { report } = detectIn({
    "requirements.txt": [
      "# web stack",
      "-r base.txt",
      "-e .",
      'fastapi[all]>=0.110 ; python_version>"3.9"',
      "Django==5.0.4  # pinned",
      "flask @ https://example.com/flask-3.0.tar.gz",
      "git+https://github.com/encode/starlette.git@0.37#egg=starlette",
      "SQLAlchemy",
    ].join("\n"),
    "requirements-dev.txt": "pytest>=8\n",
  });
  assert.deepEqual(report.frameworks, [
    { id: "django", name: "Django", evidence: ["requirements.txt"], version: "==5.0.4" },
    { id: "fastapi", name: "FastAPI", evidence: ["requirements.txt"], version: ">=0.110" },
    { id: "flask", name: "Flask", evidence: ["requirements.txt"] },
    { id: "sqlalchemy", name: "SQLAlchemy", evidence: ["requirements.txt"] },
  ]);
  assert.deepEqual(report.testing, [
    { id: "pytest", name: "pytest", evidence: ["requirements-dev.txt"], version: ">=8" },
  ]);
  assert.deepEqual(report.packageManagers, [
    { id: "pip", name: "pip", evidence: ["requirements-dev.txt", "requirements.txt"] },
  ]);
});

Deno.test("detectStack() takes the package manager from packageManager", () => {
  const { report } = detectIn({
    "package.json": '{ "packageManager": "pnpm@9", "workspaces": { "packages": ["apps/*"] } }',
    "apps/a/package.json": '{ "dependencies": { "vue": "^3.4.0" } }',
    "apps/b/README.md": "no package.json here",
    "tools/package.json": '{ "packageManager": "yarn@4.1.1+sha512.abcdef" }',
  });
  assert.deepEqual(report.packageManagers, [
    { id: "pnpm", name: "pnpm", evidence: ["package.json"], version: "9" },
    { id: "yarn", name: "Yarn", evidence: ["tools/package.json"], version: "4.1.1" },
  ]);
  assert.deepEqual(report.workspaces, [{ tool: "pnpm", root: ".", members: ["apps/a"] }]);
  assert.deepEqual(ids(report.frameworks), ["vue"]);
});

Deno.test("detectStack() reads tool configuration keys of package.json", () => {
  const { report } = detectIn({
    "package.json": JSON.stringify({
      jest: { testEnvironment: "node" },
      eslintConfig: { extends: "next" },
      prettier: "@acme/prettier-config",
      stylelint: { extends: "stylelint-config-standard" },
    }),
  });
  assert.deepEqual(report.testing, [{ id: "jest", name: "Jest", evidence: ["package.json"] }]);
  assert.deepEqual(ids(report.linters), ["eslint", "prettier", "stylelint"]);
});

Deno.test("detectStack() labels package.json workspaces by the lockfile next to them", () => {
  const { report } = detectIn({
    "package.json": '{ "workspaces": ["packages/*", "!packages/legacy"] }',
    "yarn.lock": "",
    "packages/ui/package.json": "{}",
    "packages/legacy/package.json": "{}",
    "site/package.json": '{ "workspaces": ["docs"] }',
    "web/package.json": '{ "workspaces": ["app"] }',
    "web/pnpm-lock.yaml": "",
    "x/package.json": '{ "workspaces": ["y"] }',
    "x/bun.lock": "",
  });
  assert.deepEqual(report.workspaces, [
    { tool: "bun", root: "x", members: ["x/y"] },
    { tool: "npm", root: "site", members: ["site/docs"] },
    { tool: "pnpm", root: "web", members: ["web/app"] },
    { tool: "yarn", root: ".", members: ["packages/ui"] },
  ]);
  assert.deepEqual(ids(report.packageManagers), ["bun", "pnpm", "yarn"]);
});

Deno.test("detectStack() reads a Spring Boot pom.xml", () => {
  const { report } = detectIn({
    "pom.xml": `<project>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>3.2.5</version>
  </parent>
  <dependencies>
    <!-- <dependency><groupId>io.javalin</groupId><artifactId>javalin</artifactId></dependency> -->
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-web</artifactId>
    </dependency>
    <dependency>
      <groupId>org.junit.jupiter</groupId>
      <artifactId>junit-jupiter</artifactId>
      <version>5.10.2</version>
      <scope>test</scope>
    </dependency>
  </dependencies>
</project>`,
  });
  assert.deepEqual(report.frameworks, [
    { id: "spring", name: "Spring", evidence: ["pom.xml"], version: "3.2.5" },
    { id: "spring-boot", name: "Spring Boot", evidence: ["pom.xml"], version: "3.2.5" },
  ]);
  assert.deepEqual(report.testing, [
    { id: "junit", name: "JUnit", evidence: ["pom.xml"], version: "5.10.2" },
  ]);
  assert.deepEqual(ids(report.packageManagers), ["maven"]);
});

Deno.test("detectStack() ignores pom.xml comments and exclusions", () => {
  const { report } = detectIn({
    "pom.xml": `<project><dependencies>
  <!-- <dependency><groupId>junit</groupId><artifactId>junit</artifactId></dependency> -->
  <dependency>
    <exclusions>
      <exclusion><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId></exclusion>
    </exclusions>
    <groupId>io.micronaut</groupId>
    <artifactId>micronaut-http</artifactId>
  </dependency>
</dependencies></project>`,
  });
  assert.deepEqual(report.testing, []);
  assert.deepEqual(report.frameworks, []);
});

Deno.test("detectStack() reads Gradle dependencies and plugins", () => {
  const { report } = detectIn({
    "build.gradle.kts": `plugins {
    id("org.springframework.boot") version "3.3.0"
}
dependencies {
    // implementation("org.springframework.boot:spring-boot-starter-web:2.0.0")
    testImplementation(platform("org.junit:junit-bom:5.10.2"))
    testImplementation("junit:junit:4.13.2")
}`,
  });
  assert.deepEqual(report.frameworks, [
    { id: "spring", name: "Spring", evidence: ["build.gradle.kts"], version: "3.3.0" },
    { id: "spring-boot", name: "Spring Boot", evidence: ["build.gradle.kts"], version: "3.3.0" },
  ]);
  assert.deepEqual(report.testing, [
    { id: "junit", name: "JUnit", evidence: ["build.gradle.kts"], version: "5.10.2" },
  ]);
  assert.deepEqual(ids(report.packageManagers), ["gradle"]);
});

Deno.test("detectStack() reads a Cargo workspace with renamed crates", () => {
  const { report } = detectIn({
    "Cargo.toml": `[workspace]
members = ["crates/*"]
exclude = ["crates/old"]

[workspace.dependencies]
tokio = { version = "1.37", features = ["full"] }

[workspace.lints.clippy]
pedantic = "warn"`,
    "crates/api/Cargo.toml": `[package]
name = "api"

[dependencies]
web = { package = "actix-web", version = "4" }
axum = "0.7"
tokio.workspace = true

[lints.clippy]
unwrap_used = "deny"`,
    "crates/api/src/main.rs": "fn main() {}",
    "crates/old/Cargo.toml": '[package]\nname = "old"',
    "rustfmt.toml": 'edition = "2021"',
  });
  assert.deepEqual(ids(report.frameworks), ["actix", "axum", "tokio"]);
  // The first manifest in path order that declares a version wins.
  assert.equal(find(report.frameworks, "tokio").version, "1.37");
  assert.deepEqual(find(report.frameworks, "tokio").evidence, [
    "Cargo.toml",
    "crates/api/Cargo.toml",
  ]);
  assert.equal(find(report.frameworks, "actix").version, "4");
  assert.deepEqual(report.testing, [{
    id: "cargo-test",
    name: "cargo test",
    evidence: ["Cargo.toml", "crates/api/Cargo.toml", "crates/old/Cargo.toml"],
  }]);
  assert.deepEqual(ids(report.linters), ["clippy", "rustfmt"]);
  assert.deepEqual(find(report.linters, "clippy").evidence, [
    "Cargo.toml",
    "crates/api/Cargo.toml",
  ]);
  assert.deepEqual(report.workspaces, [{ tool: "cargo", root: ".", members: ["crates/api"] }]);
});

Deno.test("detectStack() reads go.work, uv and Poetry workspaces and groups", () => {
  const { report } = detectIn({
    "go.work": "go 1.22\n\nuse (\n\t./svc/a\n\t./svc/b // second\n)\nuse ./tools\n",
    "svc/a/go.mod": "module a\n\nrequire github.com/labstack/echo/v4 v4.12.0\n" +
      "require github.com/go-chi/chi/v5 v5.0.12 // indirect\n",
    "py/pyproject.toml": `[tool.uv.workspace]
members = ["libs/*"]
exclude = ["libs/skip"]

[tool.poetry.dependencies]
python = "^3.12"
Django = { version = "^5.0", extras = ["bcrypt"] }

[tool.poetry.group.dev.dependencies]
pytest = "^8.0"

[tool.black]
line-length = 100`,
    "py/libs/core/pyproject.toml": '[project]\nname = "core"\n',
    "py/libs/skip/pyproject.toml": '[project]\nname = "skip"\n',
  });
  assert.deepEqual(report.workspaces, [
    { tool: "go", root: ".", members: ["svc/a", "svc/b", "tools"] },
    { tool: "uv", root: "py", members: ["py/libs/core"] },
  ]);
  assert.deepEqual(report.frameworks, [
    { id: "django", name: "Django", evidence: ["py/pyproject.toml"], version: "^5.0" },
    { id: "echo", name: "Echo", evidence: ["svc/a/go.mod"], version: "v4.12.0" },
  ]);
  assert.deepEqual(ids(report.packageManagers), ["go", "poetry", "uv"]);
  assert.deepEqual(ids(report.testing), ["pytest"]);
  assert.deepEqual(ids(report.linters), ["black"]);
});

Deno.test("detectStack() reads Pipfile, Gemfile and composer.json", () => {
  const { report } = detectIn({
    "Pipfile": '[packages]\nflask = "*"\n\n[dev-packages]\nmypy = ">=1.9"\n',
    "Gemfile": `source "https://rubygems.org"
gem "rails", "~> 7.1", ">= 7.1.3"
gem 'sinatra', require: false
group :test do
  gem "rspec-rails"
end
gem "rubocop", require: false`,
    "composer.json": '{ "require": { "php": ">=8.2", "laravel/framework": "^11.0" }, ' +
      '"require-dev": { "phpunit/phpunit": "^11.1" } }',
  });
  assert.deepEqual(report.frameworks, [
    { id: "flask", name: "Flask", evidence: ["Pipfile"] },
    { id: "laravel", name: "Laravel", evidence: ["composer.json"], version: "^11.0" },
    { id: "rails", name: "Ruby on Rails", evidence: ["Gemfile"], version: "~> 7.1, >= 7.1.3" },
    { id: "sinatra", name: "Sinatra", evidence: ["Gemfile"] },
  ]);
  assert.deepEqual(ids(report.testing), ["phpunit", "rspec"]);
  assert.deepEqual(ids(report.linters), ["mypy", "rubocop"]);
  assert.deepEqual(ids(report.packageManagers), ["bundler", "composer", "pipenv"]);
});

Deno.test("detectStack() recognises CI, container, linter and AI config files by path", () => {
  const paths = [
    ".github/workflows/ci.yml",
    ".github/workflows/release.yaml",
    ".github/copilot-instructions.md",
    ".gitlab-ci.yml",
    ".circleci/config.yml",
    "azure-pipelines.yml",
    "Jenkinsfile",
    ".travis.yml",
    "bitbucket-pipelines.yml",
    ".buildkite/pipeline.yml",
    ".drone.yml",
    "services/web/Dockerfile.dev",
    "docker-compose.override.yml",
    ".devcontainer/devcontainer.json",
    "deploy/k8s/deployment.yaml",
    "charts/app/Chart.yaml",
    ".editorconfig",
    ".pre-commit-config.yaml",
    "biome.json",
    ".stylelintrc.json",
    ".flake8",
    ".pylintrc",
    "mypy.ini",
    ".cursor/rules/a.mdc",
    ".cursor/mcp.json",
    ".cursorrules",
    "CLAUDE.md",
    ".ai/plan.md",
    ".windsurfrules",
    ".clinerules/style.md",
    "packages/x/AGENTS.md",
    "sub/.github/workflows/not-ci.yml",
  ];
  const report = detectStack(paths, () => undefined);
  assert.deepEqual(ids(report.ci), [
    "azure-pipelines",
    "bitbucket-pipelines",
    "buildkite",
    "circleci",
    "drone",
    "github-actions",
    "gitlab-ci",
    "jenkins",
    "travis",
  ]);
  assert.deepEqual(find(report.ci, "github-actions").evidence, [
    ".github/workflows/ci.yml",
    ".github/workflows/release.yaml",
  ]);
  assert.deepEqual(ids(report.containers), [
    "compose",
    "devcontainer",
    "docker",
    "helm",
    "kubernetes",
  ]);
  assert.deepEqual(ids(report.linters), [
    "biome",
    "editorconfig",
    "flake8",
    "mypy",
    "pre-commit",
    "pylint",
    "stylelint",
  ]);
  assert.deepEqual(ids(report.aiConfig), [
    "agents-md",
    "ai-dir",
    "claude-md",
    "clinerules",
    "copilot-instructions",
    "cursor-rules",
    "cursorrules",
    "mcp-config",
    "windsurf",
  ]);
  assert.equal(find(report.aiConfig, "mcp-config").name, "MCP configuration");
});

Deno.test("detectStack() names each framework of a JS stack", () => {
  const { report } = detectIn({
    "package.json": JSON.stringify({
      dependencies: {
        "@angular/core": "^17",
        "@nestjs/core": "^10",
        "@remix-run/node": "^2",
        "@sveltejs/kit": "^2",
        "@trpc/server": "^11",
        "drizzle-orm": "^0.30",
        "react-native": "0.74",
        "solid-js": "^1.8",
        astro: "^4",
        electron: "^30",
        expo: "~51",
        fastify: "^4",
        graphql: "^16",
        koa: "^2",
        nuxt: "^3",
        prisma: "^5",
        svelte: "^4",
        vue: "^3",
      },
      devDependencies: { cypress: "^13", mocha: "^10", "@playwright/test": "^1.44" },
    }),
  });
  assert.deepEqual(report.frameworks.map((found) => found.name), [
    "Angular",
    "Astro",
    "Drizzle ORM",
    "Electron",
    "Expo",
    "Fastify",
    "GraphQL",
    "Koa",
    "NestJS",
    "Nuxt",
    "Prisma",
    "React Native",
    "Remix",
    "SolidJS",
    "Svelte",
    "SvelteKit",
    "tRPC",
    "Vue",
  ]);
  assert.deepEqual(ids(report.testing), ["cypress", "mocha", "playwright"]);
});

Deno.test("detectStack() skips dependency and fixture directories", () => {
  const { report, reads } = detectIn({
    "node_modules/react/package.json": '{ "dependencies": { "loose-envify": "^1" } }',
    "vendor/laravel/composer.json": '{ "require": { "laravel/framework": "^11" } }',
    ".venv/lib/site-packages/pytest.ini": "",
    "tests/fixtures/app/package.json": '{ "dependencies": { "express": "^4" } }',
    "src/testdata/go.mod": "module x\nrequire github.com/gin-gonic/gin v1.9.1\n",
  });
  assert.deepEqual(reads, []);
  assert.deepEqual(report.manifests, []);
  assert.deepEqual(report.frameworks, []);
  assert.deepEqual(report.testing, []);
});

Deno.test("detectStack() keeps the first 10 files of patterns that match many", () => {
  const paths = Array.from({ length: 15 }, (_, i) => `pkg/p${String(i).padStart(2, "0")}_test.go`);
  const report = detectStack([...paths].reverse(), () => undefined);
  assert.deepEqual(find(report.testing, "go-test").evidence, paths.slice(0, 10));
});

Deno.test("detectStack() gives the same report whatever the path order", () => {
  const files: Record<string, string> = {
    "b/package.json": '{ "dependencies": { "react": "^17.0.0" } }',
    "a/package.json": '{ "dependencies": { "react": "^18.0.0", "express": "^4" } }',
    "a/jest.config.ts": "",
    "package-lock.json": "{}",
  };
  const forward = detectStack(Object.keys(files), (path) => files[path]);
  const backward = detectStack(Object.keys(files).reverse(), (path) => files[path]);
  assert.deepEqual(backward, forward);
  assert.deepEqual(find(forward.frameworks, "react"), {
    id: "react",
    name: "React",
    evidence: ["a/package.json", "b/package.json"],
    version: "^18.0.0",
  });
  assert.deepEqual(find(forward.testing, "jest").evidence, ["a/jest.config.ts"]);
});
