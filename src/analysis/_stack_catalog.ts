/**
 * What {@linkcode detectStack} knows: every id with its human name, the
 * dependencies that reveal it and the file paths that do.
 *
 * @module
 */

/** The report sections that hold detections. */
export type StackCategory =
  | "packageManagers"
  | "frameworks"
  | "testing"
  | "ci"
  | "containers"
  | "linters"
  | "aiConfig";

/** One known tool, framework or configuration. */
export interface StackEntry {
  category: StackCategory;
  id: string;
  name: string;
  /** `ecosystem:name` globs (`*` matches anything), e.g. `npm:@trpc/*`, `maven:*:junit*`. */
  deps?: readonly string[];
  /** Matched against the whole relative path. */
  files?: RegExp;
  /** Many files may match (tests, rule files): evidence keeps only the first few. */
  many?: boolean;
}

/** A file name anywhere in the tree. */
function anywhere(source: string): RegExp {
  return new RegExp(`(?:^|/)(?:${source})$`);
}

/** A path from the root. */
function atRoot(source: string): RegExp {
  return new RegExp(`^(?:${source})$`);
}

const JS = "(?:js|mjs|cjs|ts|mts|cts)";

/** Every manifest and lockfile, by name. */
export const MANIFEST_FILE: RegExp = anywhere(
  [
    "package\\.json",
    "package-lock\\.json",
    "npm-shrinkwrap\\.json",
    "pnpm-lock\\.yaml",
    "pnpm-workspace\\.yaml",
    "yarn\\.lock",
    "bun\\.lockb?",
    "deno\\.jsonc?",
    "deno\\.lock",
    "pyproject\\.toml",
    "uv\\.lock",
    "poetry\\.lock",
    "requirements[^/]*\\.txt",
    "Pipfile(?:\\.lock)?",
    "setup\\.py",
    "setup\\.cfg",
    "Cargo\\.(?:toml|lock)",
    "go\\.(?:mod|sum|work)",
    "pom\\.xml",
    "(?:build|settings)\\.gradle(?:\\.kts)?",
    "Gemfile(?:\\.lock)?",
    "composer\\.(?:json|lock)",
  ].join("|"),
);

function entries(
  category: StackCategory,
  list: ReadonlyArray<Omit<StackEntry, "category">>,
): StackEntry[] {
  return list.map((entry) => ({ category, ...entry }));
}

/** Every id the detector can report. */
export const STACK_ENTRIES: readonly StackEntry[] = [
  ...entries("packageManagers", [
    { id: "npm", name: "npm", files: anywhere("package-lock\\.json|npm-shrinkwrap\\.json") },
    { id: "pnpm", name: "pnpm", files: anywhere("pnpm-lock\\.yaml|pnpm-workspace\\.yaml") },
    { id: "yarn", name: "Yarn", files: anywhere("yarn\\.lock|\\.yarnrc\\.yml") },
    { id: "bun", name: "Bun", files: anywhere("bun\\.lockb?|bunfig\\.toml") },
    { id: "deno", name: "Deno", files: anywhere("deno\\.jsonc?|deno\\.lock") },
    { id: "uv", name: "uv", files: anywhere("uv\\.lock|uv\\.toml") },
    { id: "poetry", name: "Poetry", files: anywhere("poetry\\.lock") },
    { id: "pip", name: "pip", files: anywhere("requirements[^/]*\\.txt") },
    { id: "pipenv", name: "Pipenv", files: anywhere("Pipfile(?:\\.lock)?") },
    { id: "cargo", name: "Cargo", files: anywhere("Cargo\\.(?:toml|lock)") },
    { id: "go", name: "Go modules", files: anywhere("go\\.(?:mod|work)") },
    { id: "maven", name: "Maven", files: anywhere("pom\\.xml") },
    { id: "gradle", name: "Gradle", files: anywhere("(?:build|settings)\\.gradle(?:\\.kts)?") },
    { id: "bundler", name: "Bundler", files: anywhere("Gemfile(?:\\.lock)?") },
    { id: "composer", name: "Composer", files: anywhere("composer\\.(?:json|lock)") },
  ]),
  ...entries("frameworks", [
    { id: "react", name: "React", deps: ["npm:react"] },
    { id: "next", name: "Next.js", deps: ["npm:next"], files: anywhere(`next\\.config\\.${JS}`) },
    { id: "vue", name: "Vue", deps: ["npm:vue"] },
    { id: "nuxt", name: "Nuxt", deps: ["npm:nuxt"], files: anywhere(`nuxt\\.config\\.${JS}`) },
    {
      id: "svelte",
      name: "Svelte",
      deps: ["npm:svelte"],
      files: anywhere(`svelte\\.config\\.${JS}`),
    },
    { id: "sveltekit", name: "SvelteKit", deps: ["npm:@sveltejs/kit"] },
    {
      id: "angular",
      name: "Angular",
      deps: ["npm:@angular/core"],
      files: anywhere("angular\\.json"),
    },
    { id: "solid", name: "SolidJS", deps: ["npm:solid-js"] },
    { id: "astro", name: "Astro", deps: ["npm:astro"], files: anywhere(`astro\\.config\\.${JS}`) },
    {
      id: "remix",
      name: "Remix",
      deps: ["npm:@remix-run/*"],
      files: anywhere(`remix\\.config\\.${JS}`),
    },
    { id: "express", name: "Express", deps: ["npm:express"] },
    { id: "fastify", name: "Fastify", deps: ["npm:fastify"] },
    { id: "koa", name: "Koa", deps: ["npm:koa"] },
    {
      id: "nestjs",
      name: "NestJS",
      deps: ["npm:@nestjs/core"],
      files: anywhere("nest-cli\\.json"),
    },
    { id: "hono", name: "Hono", deps: ["npm:hono", "jsr:@hono/hono", "deno:hono"] },
    { id: "oak", name: "Oak", deps: ["jsr:@oak/oak", "npm:@oakserver/oak", "deno:oak"] },
    {
      id: "fresh",
      name: "Fresh",
      deps: ["jsr:@fresh/core", "deno:fresh"],
      files: anywhere("fresh\\.gen\\.ts"),
    },
    { id: "fastapi", name: "FastAPI", deps: ["pypi:fastapi"] },
    { id: "django", name: "Django", deps: ["pypi:django"], files: anywhere("manage\\.py") },
    { id: "flask", name: "Flask", deps: ["pypi:flask"] },
    { id: "starlette", name: "Starlette", deps: ["pypi:starlette"] },
    { id: "sqlalchemy", name: "SQLAlchemy", deps: ["pypi:sqlalchemy"] },
    { id: "pydantic", name: "Pydantic", deps: ["pypi:pydantic"] },
    { id: "rails", name: "Ruby on Rails", deps: ["gem:rails"] },
    { id: "sinatra", name: "Sinatra", deps: ["gem:sinatra"] },
    { id: "spring", name: "Spring", deps: ["maven:org.springframework*"] },
    {
      id: "spring-boot",
      name: "Spring Boot",
      deps: ["maven:org.springframework.boot:*"],
    },
    { id: "gin", name: "Gin", deps: ["go:github.com/gin-gonic/gin"] },
    { id: "echo", name: "Echo", deps: ["go:github.com/labstack/echo"] },
    { id: "fiber", name: "Fiber", deps: ["go:github.com/gofiber/fiber"] },
    { id: "chi", name: "chi", deps: ["go:github.com/go-chi/chi"] },
    { id: "actix", name: "Actix Web", deps: ["cargo:actix-web"] },
    { id: "axum", name: "Axum", deps: ["cargo:axum"] },
    { id: "rocket", name: "Rocket", deps: ["cargo:rocket"] },
    { id: "tokio", name: "Tokio", deps: ["cargo:tokio"] },
    {
      id: "laravel",
      name: "Laravel",
      deps: ["composer:laravel/framework"],
      files: anywhere("artisan"),
    },
    {
      id: "symfony",
      name: "Symfony",
      deps: ["composer:symfony/*"],
      files: anywhere("symfony\\.lock"),
    },
    {
      id: "tailwind",
      name: "Tailwind CSS",
      deps: ["npm:tailwindcss", "npm:@tailwindcss/*"],
      files: anywhere(`tailwind\\.config\\.${JS}`),
    },
    {
      id: "prisma",
      name: "Prisma",
      deps: ["npm:prisma", "npm:@prisma/client"],
      files: anywhere("[^/]+\\.prisma"),
    },
    {
      id: "drizzle",
      name: "Drizzle ORM",
      deps: ["npm:drizzle-orm", "npm:drizzle-kit"],
      files: anywhere(`drizzle\\.config\\.${JS}`),
    },
    { id: "trpc", name: "tRPC", deps: ["npm:@trpc/*"] },
    {
      id: "graphql",
      name: "GraphQL",
      deps: [
        "npm:graphql",
        "npm:@apollo/server",
        "pypi:graphene",
        "pypi:strawberry-graphql",
        "gem:graphql",
        "go:github.com/99designs/gqlgen",
        "go:github.com/graphql-go/graphql",
        "cargo:async-graphql",
        "cargo:juniper",
        "maven:com.graphql-java:*",
        "composer:webonyx/graphql-php",
      ],
    },
    { id: "electron", name: "Electron", deps: ["npm:electron"] },
    { id: "react-native", name: "React Native", deps: ["npm:react-native"] },
    { id: "expo", name: "Expo", deps: ["npm:expo"] },
  ]),
  ...entries("testing", [
    {
      id: "pytest",
      name: "pytest",
      deps: ["pypi:pytest"],
      files: anywhere("pytest\\.ini|conftest\\.py"),
    },
    {
      id: "jest",
      name: "Jest",
      deps: ["npm:jest"],
      files: anywhere("jest\\.config\\.(?:js|mjs|cjs|ts|mts|cts|json)"),
    },
    {
      id: "vitest",
      name: "Vitest",
      deps: ["npm:vitest"],
      files: anywhere(`vitest\\.(?:config|workspace)\\.${JS}`),
    },
    {
      id: "mocha",
      name: "Mocha",
      deps: ["npm:mocha"],
      files: anywhere("\\.mocharc(?:\\.(?:js|cjs|mjs|json|jsonc|yaml|yml))?"),
    },
    {
      id: "playwright",
      name: "Playwright",
      deps: ["npm:@playwright/test", "npm:playwright", "pypi:playwright", "pypi:pytest-playwright"],
      files: anywhere(`playwright\\.config\\.${JS}`),
    },
    {
      id: "cypress",
      name: "Cypress",
      deps: ["npm:cypress"],
      files: anywhere(`cypress\\.config\\.${JS}|cypress\\.json`),
    },
    {
      id: "deno-test",
      name: "deno test",
      files: anywhere("[^/]*_test\\.(?:ts|tsx|mts|js|mjs|jsx)"),
      many: true,
    },
    { id: "go-test", name: "go test", files: anywhere("[^/]+_test\\.go"), many: true },
    { id: "cargo-test", name: "cargo test" },
    { id: "junit", name: "JUnit", deps: ["maven:junit:*", "maven:org.junit*"] },
    { id: "rspec", name: "RSpec", deps: ["gem:rspec", "gem:rspec-*"], files: anywhere("\\.rspec") },
    { id: "minitest", name: "Minitest", deps: ["gem:minitest", "gem:minitest-*"] },
    {
      id: "phpunit",
      name: "PHPUnit",
      deps: ["composer:phpunit/phpunit"],
      files: anywhere("phpunit\\.xml(?:\\.dist)?"),
    },
    { id: "testing-library", name: "Testing Library", deps: ["npm:@testing-library/*"] },
  ]),
  ...entries("ci", [
    {
      id: "github-actions",
      name: "GitHub Actions",
      files: atRoot("\\.github/workflows/[^/]+\\.ya?ml"),
      many: true,
    },
    { id: "gitlab-ci", name: "GitLab CI", files: atRoot("\\.gitlab-ci\\.ya?ml") },
    { id: "circleci", name: "CircleCI", files: atRoot("\\.circleci/config\\.ya?ml") },
    { id: "azure-pipelines", name: "Azure Pipelines", files: atRoot("azure-pipelines\\.ya?ml") },
    { id: "jenkins", name: "Jenkins", files: atRoot("Jenkinsfile") },
    { id: "travis", name: "Travis CI", files: atRoot("\\.travis\\.ya?ml") },
    {
      id: "bitbucket-pipelines",
      name: "Bitbucket Pipelines",
      files: atRoot("bitbucket-pipelines\\.ya?ml"),
    },
    { id: "buildkite", name: "Buildkite", files: atRoot("\\.buildkite/[^/]+\\.ya?ml"), many: true },
    { id: "drone", name: "Drone CI", files: atRoot("\\.drone\\.ya?ml") },
  ]),
  ...entries("containers", [
    {
      id: "docker",
      name: "Docker",
      files: anywhere(
        "(?:Dockerfile|Containerfile)(?:\\.[^/]+)?|[^/]+\\.[Dd]ockerfile|\\.dockerignore",
      ),
    },
    {
      id: "compose",
      name: "Docker Compose",
      files: anywhere("(?:docker-)?compose(?:\\.[^/]+)?\\.ya?ml"),
    },
    {
      id: "devcontainer",
      name: "Dev Container",
      files: anywhere("\\.devcontainer\\.json|\\.devcontainer/(?:[^/]+/)?devcontainer\\.json"),
    },
    {
      id: "kubernetes",
      name: "Kubernetes",
      files: anywhere(
        "kustomization\\.ya?ml|skaffold\\.ya?ml|(?:k8s|kubernetes)/(?:.+/)?[^/]+\\.ya?ml",
      ),
      many: true,
    },
    { id: "helm", name: "Helm", files: anywhere("Chart\\.yaml") },
  ]),
  ...entries("linters", [
    { id: "ruff", name: "Ruff", deps: ["pypi:ruff"], files: anywhere("\\.?ruff\\.toml") },
    { id: "black", name: "Black", deps: ["pypi:black"] },
    { id: "flake8", name: "Flake8", deps: ["pypi:flake8"], files: anywhere("\\.flake8") },
    { id: "pylint", name: "Pylint", deps: ["pypi:pylint"], files: anywhere("\\.?pylintrc") },
    { id: "mypy", name: "mypy", deps: ["pypi:mypy"], files: anywhere("\\.?mypy\\.ini") },
    {
      id: "eslint",
      name: "ESLint",
      deps: ["npm:eslint"],
      files: anywhere(`\\.eslintrc(?:\\.(?:js|cjs|mjs|json|yaml|yml))?|eslint\\.config\\.${JS}`),
    },
    { id: "biome", name: "Biome", deps: ["npm:@biomejs/biome"], files: anywhere("biome\\.jsonc?") },
    {
      id: "prettier",
      name: "Prettier",
      deps: ["npm:prettier"],
      files: anywhere(`\\.prettierrc(?:\\.[^/]+)?|prettier\\.config\\.${JS}`),
    },
    { id: "deno-fmt", name: "deno fmt", files: anywhere("deno\\.jsonc?") },
    { id: "deno-lint", name: "deno lint", files: anywhere("deno\\.jsonc?") },
    {
      id: "golangci-lint",
      name: "golangci-lint",
      files: anywhere("\\.golangci\\.(?:ya?ml|toml|json)"),
    },
    { id: "clippy", name: "Clippy", files: anywhere("\\.?clippy\\.toml") },
    { id: "rustfmt", name: "rustfmt", files: anywhere("\\.?rustfmt\\.toml") },
    {
      id: "rubocop",
      name: "RuboCop",
      deps: ["gem:rubocop", "gem:rubocop-*"],
      files: anywhere("\\.rubocop\\.ya?ml"),
    },
    {
      id: "stylelint",
      name: "Stylelint",
      deps: ["npm:stylelint"],
      files: anywhere(`\\.stylelintrc(?:\\.[^/]+)?|stylelint\\.config\\.${JS}`),
    },
    { id: "editorconfig", name: "EditorConfig", files: anywhere("\\.editorconfig") },
    { id: "pre-commit", name: "pre-commit", files: anywhere("\\.pre-commit-config\\.ya?ml") },
  ]),
  ...entries("aiConfig", [
    { id: "cursor-rules", name: "Cursor rules", files: anywhere("\\.cursor/rules/.+"), many: true },
    {
      id: "cursorrules",
      name: "Cursor rules (legacy .cursorrules)",
      files: anywhere("\\.cursorrules"),
    },
    { id: "agents-md", name: "AGENTS.md", files: anywhere("AGENTS\\.md") },
    { id: "claude-md", name: "CLAUDE.md", files: anywhere("CLAUDE(?:\\.local)?\\.md") },
    {
      id: "copilot-instructions",
      name: "GitHub Copilot instructions",
      files: atRoot(
        "\\.github/copilot-instructions\\.md|\\.github/instructions/[^/]+\\.instructions\\.md",
      ),
      many: true,
    },
    { id: "ai-dir", name: ".ai directory", files: atRoot("\\.ai/.+"), many: true },
    {
      id: "windsurf",
      name: "Windsurf rules",
      files: anywhere("\\.windsurfrules|\\.windsurf/rules/.+"),
      many: true,
    },
    { id: "clinerules", name: "Cline rules", files: anywhere("\\.clinerules(?:/.+)?"), many: true },
    {
      id: "mcp-config",
      name: "MCP configuration",
      files: new RegExp(
        `${anywhere("\\.cursor/mcp\\.json").source}|${
          atRoot("\\.mcp\\.json|\\.vscode/mcp\\.json").source
        }`,
      ),
    },
  ]),
];
