/**
 * Catalogue entries for practices every repository needs: secrets, input
 * validation, commits, documentation, the `.ai/` workflow and rule authoring.
 *
 * @module
 */
import { entry } from "./_catalog_body.ts";
import type { CatalogRule } from "./rule_catalog.ts";

const SERVER_FRAMEWORKS = [
  "express",
  "fastify",
  "koa",
  "nestjs",
  "hono",
  "oak",
  "fresh",
  "next",
  "remix",
  "sveltekit",
  "nuxt",
  "trpc",
  "graphql",
  "fastapi",
  "django",
  "flask",
  "starlette",
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
  "laravel",
  "symfony",
];

/** Security, commits, documentation, the agile workflow and Cursor rules. */
export const PRACTICE_RULES: readonly CatalogRule[] = [
  entry({
    id: "global-rules/security-secrets",
    title: "Secrets Handling",
    summary: "Never write, print or commit secrets; read them from the environment",
    category: "global-rules",
    description:
      "Secrets never appear in code, logs, tests or commits; read them from the environment",
    globs: [],
    alwaysApply: true,
    triggers: [{ always: true }],
    context: [
      "Applies to every change in this repository",
      "A secret that reaches git history or a log is compromised, even if deleted later",
    ],
    rules: [
      "Never write API keys, tokens, passwords, private keys or credentialed URLs into code, tests, docs, logs or commit messages",
      "Read secrets from environment variables or the secret manager at start-up and fail fast when one is missing",
      "`.env` files are git-ignored; commit a `.env.example` with placeholders only",
      "Never print or log environment variables, `Authorization` headers or configuration objects that may hold secrets; redact them",
      "Test fixtures use obviously fake values (`test-token`)",
      "If a real secret shows up in code, output or history, stop and tell the user it must be rotated",
    ],
    good: `
      const apiKey = process.env.PAYMENTS_API_KEY;
      if (!apiKey) throw new Error("PAYMENTS_API_KEY is not set; copy .env.example to .env");
      logger.info({ provider: "payments" }, "payments client ready");
    `,
    bad: `
      const apiKey = "hard-coded-production-key";
      console.log("config", config); // includes the database password
    `,
  }),
  entry({
    id: "core-rules/input-validation",
    title: "Input Validation",
    summary:
      "Validate every external input at the boundary with a schema; never build code from input",
    category: "core-rules",
    description:
      "Use when handling external input: request bodies, query strings, headers, uploads, files, messages",
    globs: [],
    alwaysApply: false,
    triggers: SERVER_FRAMEWORKS.map((framework) => ({ framework })),
    context: [
      "Anything from outside the process is untrusted: HTTP requests, files, environment, queue messages, webhooks",
      "Validation happens once, at the boundary; the code behind it works with typed values",
    ],
    rules: [
      "Parse input with a schema (zod, pydantic, Bean Validation, serializers) and reject failures with 400 or 422 and a clear message",
      "Allow-list fields, types, lengths and ranges; drop unknown fields; client-side checks do not count",
      "SQL through parameters only; processes with argument arrays, never a shell string; no `eval`",
      "Resolve user-supplied paths and check they stay inside the allowed directory",
      "Encode output for its sink (HTML escaping, URL encoding) and limit body and upload sizes",
      "Error responses never echo secrets, stack traces or internal identifiers",
    ],
    good: `
      const CreateUser = z.object({ email: z.string().email(), age: z.number().int().min(13).max(150) });
      const parsed = CreateUser.safeParse(await request.json());
      if (!parsed.success) return Response.json({ errors: parsed.error.issues }, { status: 400 });
      await db.query("INSERT INTO users (email, age) VALUES ($1, $2)", [parsed.data.email, parsed.data.age]);
    `,
    bad: `
      const { email, isAdmin } = await request.json();
      await db.query(\`INSERT INTO users (email, is_admin) VALUES ('\${email}', \${isAdmin})\`);
    `,
  }),
  entry({
    id: "core-rules/git-commits",
    title: "Git Commits",
    summary: "Conventional Commits, one logical change per commit, no secrets or generated files",
    category: "core-rules",
    description:
      "Use when committing, writing commit messages, or preparing a branch or pull request",
    globs: [],
    alwaysApply: false,
    triggers: [{ always: true }],
    context: [
      "History is read by people bisecting, reviewing and writing release notes",
      "Commit messages follow Conventional Commits",
    ],
    rules: [
      "Subject `type(scope): summary` with type feat, fix, docs, refactor, test, perf, build, ci or chore",
      "Imperative summary, at most 72 characters, no final period; the body explains why, wrapped at 72",
      "One logical change per commit; reformatting and refactoring apart from behaviour changes",
      "Breaking changes use `feat!:` and a `BREAKING CHANGE:` footer; issues are referenced in the footer (`Closes #123`)",
      "Review `git diff --staged` first: no secrets, generated files, local configuration or debug output",
      "Never force-push shared branches; use `--force-with-lease` on your own",
    ],
    good: `
      fix(auth): refresh expired tokens before retrying the request

      Requests sent right after expiry failed with 401 because the retry
      reused the old token.

      Closes #482
    `,
    bad: `
      fixed stuff.
    `,
  }),
  entry({
    id: "core-rules/documentation",
    title: "Documentation",
    summary:
      "Docs that stay true: runnable READMEs, doc comments on public APIs, updated with the code",
    category: "core-rules",
    description:
      "Documentation conventions: runnable README commands, doc comments, docs updated with code",
    globs: ["**/*.md", "docs/**"],
    alwaysApply: false,
    triggers: [{ always: true }],
    context: [
      "Applies to Markdown files and the doc comments of public code",
      "Documentation that disagrees with the code is worse than none",
    ],
    rules: [
      "The README says what the project is and how to install, run, test and contribute, with commands that work when pasted",
      "Update the docs in the same change as the behaviour they describe",
      "Every public function, class and module has a doc comment: what it does, parameters, result, errors and an example",
      "Code blocks carry a language tag; examples are complete and run",
      "Comments explain why, not what; delete commented-out code",
      "Record significant decisions as ADRs (`docs/adr/0007-use-postgres.md`)",
    ],
    good: `
      ## Development

      \`\`\`sh
      npm ci
      npm test        # unit tests, about 20 s
      \`\`\`
    `,
    bad: `
      ## Development
      Install the dependencies and run the tests (ask Bob for the config).
    `,
  }),
  entry({
    id: "core-rules/agile-workflow",
    title: "Agile Workflow",
    summary:
      "The .ai/ workflow: PRD, architecture, epics, then stories; code only for approved stories",
    category: "core-rules",
    description:
      "Use when planning or starting work: .ai/ PRD, architecture, epics and stories; never code an unapproved story",
    globs: [],
    alwaysApply: false,
    triggers: [{ aiConfig: "ai-dir" }],
    context: [
      "Work is planned in `.ai/`: `prd.md`, then `arch.md`, then epics, then stories (`.ai/epic-1/story-2.story.md`)",
      "The agent drafts; the user approves",
    ],
    rules: [
      "Follow the order PRD → architecture → epics → stories; do not skip a level",
      "Story status moves Draft → Approved → InProgress → Review → Done (Review → InProgress when changes are requested; Blocked pauses a story and returns it to its previous status); only the user approves a story and marks it Done",
      "A story starts only when the PRD and architecture are Approved, the previous story of the epic is Done and its dependencies are Done; it is Done only when every criterion and task is ticked",
      "Never write code for a story that is not Approved; if none is, draft the next story and ask for approval",
      "Work on one story at a time and set it to InProgress when you start (`codegen-lab ai story update epic-N/story-M --status InProgress`)",
      "Each story lists acceptance criteria and tasks as checkboxes; tick tasks as they are finished and note decisions in the story",
      "When tests pass and every criterion is met, set the story to Review and summarise the change",
      "If a story turns out wrong or too large, stop and propose a change to it instead of widening the scope",
    ],
    good: `
      ---
      status: InProgress
      ---
      # Epic-2 - Story-3: Validate order input
      - [x] Reject orders without a customer (400)
      - [ ] Tests for quantity limits
    `,
    bad: `
      # Story 2.4: Refund flow
      Status: Draft
      (the agent has already implemented it and opened a pull request)
    `,
  }),
  entry({
    id: "core-rules/cursor-rules",
    title: "Cursor Rules",
    summary: "How to write Cursor rules: folders, frontmatter, rule types, size and validation",
    category: "core-rules",
    description:
      "Use when creating, changing or migrating Cursor rules in .cursor/rules or a .cursorrules file",
    globs: [],
    alwaysApply: false,
    triggers: [{ aiConfig: "cursor-rules" }, { aiConfig: "cursorrules" }],
    context: [
      "Rules live in `.cursor/rules/<category>/<name>.mdc`; categories are core-rules, global-rules, testing-rules and tool-rules",
      "Cursor ignores `.md` files there and reads only `description`, `globs` and `alwaysApply`",
    ],
    rules: [
      "Choose the type on purpose: always (short, project-wide), auto-attached (globs), agent-requested (a description saying when), manual",
      "Write globs unquoted and comma-separated without spaces or brace sets (`globs: src/**/*.ts,src/**/*.tsx`)",
      "One topic per rule, under about 50 lines: Context, Critical Rules, a valid and an invalid example",
      "Migrate a legacy `.cursorrules` file into focused `.mdc` rules, then delete it",
      "Run `codegen-lab rules validate` before committing",
    ],
    good: `
      ---
      description: Use when writing SQL migrations
      globs: migrations/**/*.sql
      alwaysApply: false
      ---
    `,
    bad: `
      ---
      description: "SQL"
      globs: ["*.sql", "migrations/**"]
      ---
    `,
  }),
];
