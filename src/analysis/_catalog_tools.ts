/**
 * Catalogue entries for containers and CI.
 *
 * @module
 */
import { entry } from "./_catalog_body.ts";
import type { CatalogRule } from "./rule_catalog.ts";

/** Docker, Compose, GitHub Actions and GitLab CI. */
export const TOOL_RULES: readonly CatalogRule[] = [
  entry({
    id: "tool-rules/docker",
    title: "Dockerfiles",
    summary:
      "Dockerfiles: pinned bases, multi-stage builds, cache-friendly layers, non-root, no secrets",
    category: "tool-rules",
    description:
      "Dockerfile conventions: pinned base images, multi-stage builds, layer caching, non-root user",
    globs: ["**/Dockerfile", "**/*.dockerfile", "**/.dockerignore"],
    alwaysApply: false,
    triggers: [{ container: "docker" }],
    context: [
      "Applies to Dockerfiles and `.dockerignore`; images must be small, reproducible and safe to run",
    ],
    rules: [
      "Pin base images to a version (and a digest for production); never `latest`",
      "Multi-stage builds: build in one stage, copy only the artefacts into a slim runtime stage",
      "Copy lockfiles and install dependencies before copying the source, so the dependency layer is cached",
      "`.dockerignore` excludes `.git`, `node_modules`, `.env` and build output",
      "Run as a non-root `USER`; never put secrets in `ENV`, `ARG` or a layer (use `RUN --mount=type=secret`)",
      'Exec-form `CMD ["node", "dist/server.js"]` so signals reach the process',
      "Install and clean up in one `RUN` (`apt-get install --no-install-recommends ... && rm -rf /var/lib/apt/lists/*`)",
    ],
    good: `
      FROM node:22-slim AS build
      WORKDIR /app
      COPY package.json package-lock.json ./
      RUN npm ci
      COPY . .
      RUN npm run build && npm prune --omit=dev
      FROM node:22-slim
      WORKDIR /app
      COPY --from=build /app/node_modules ./node_modules
      COPY --from=build /app/dist ./dist
      USER node
      CMD ["node", "dist/server.js"]
    `,
    bad: `
      FROM node:latest
      COPY . .
      ENV API_KEY=changeme
      RUN npm install
      CMD npm start
    `,
  }),
  entry({
    id: "tool-rules/docker-compose",
    title: "Docker Compose",
    summary: "Compose files: no version key, health-checked dependencies, env files, named volumes",
    category: "tool-rules",
    description:
      "Docker Compose conventions: compose.yaml, healthchecks for depends_on, env files, named volumes",
    globs: ["**/compose.yaml", "**/compose.yml", "**/docker-compose.yml", "**/docker-compose.yaml"],
    alwaysApply: false,
    triggers: [{ container: "compose" }],
    context: [
      "Compose runs the local development stack with `docker compose` (v2); keep the file minimal",
    ],
    rules: [
      "Name the file `compose.yaml`; drop the obsolete top-level `version:` key",
      "Pin image tags; local services use `build:`",
      "Configuration comes from an untracked `.env` (via `env_file`); commit a `.env.example`",
      "`depends_on` with `condition: service_healthy`, backed by a `healthcheck`",
      "Named volumes for data; bind mounts only for source code in development",
      "Publish ports on localhost only (`127.0.0.1:5432:5432`)",
    ],
    good: `
      services:
        api:
          build: .
          env_file: .env
          depends_on:
            db: { condition: service_healthy }
        db:
          image: postgres:17
          volumes: [db-data:/var/lib/postgresql/data]
          healthcheck: { test: ["CMD", "pg_isready", "-U", "postgres"], interval: 5s }
      volumes:
        db-data:
    `,
    bad: `
      version: "3"
      services:
        db:
          image: postgres:latest
          environment: { POSTGRES_PASSWORD: hunter2 }
          ports: ["5432:5432"]
    `,
  }),
  entry({
    id: "tool-rules/github-actions",
    title: "GitHub Actions",
    summary:
      "GitHub Actions workflows: least privilege, pinned actions, no script injection, concurrency",
    category: "tool-rules",
    description:
      "GitHub Actions conventions: least-privilege permissions, pinned actions, safe inputs, caching",
    globs: [".github/workflows/*.yml", ".github/workflows/*.yaml"],
    alwaysApply: false,
    triggers: [{ ci: "github-actions" }],
    context: [
      "Applies to workflow files in `.github/workflows/`",
      "Workflows run with repository secrets and a token, so they are security-sensitive code",
    ],
    rules: [
      "Set `permissions:` at the top (`contents: read`) and widen per job only where needed",
      "Pin third-party actions to a full commit SHA with a version comment; `actions/*` at least to a major version",
      "Never put untrusted input (`${{ github.event.pull_request.title }}`) inside `run:`; pass it through `env:` and quote it",
      "Pull request workflows get a `concurrency:` group with `cancel-in-progress: true`, and jobs a `timeout-minutes`",
      "Cache dependencies with the setup action's `cache:` input",
      "Use `pull_request_target` only if the job never checks out or runs the pull request's code",
      "Run the same commands developers run (`npm test`, `make check`), not a CI-only script",
    ],
    good: `
      on: [pull_request]
      permissions: { contents: read }
      concurrency: { group: "ci-\${{ github.ref }}", cancel-in-progress: true }
      jobs:
        test:
          runs-on: ubuntu-latest
          timeout-minutes: 15
          steps:
            - uses: actions/checkout@v4
            - uses: actions/setup-node@v4
              with: { node-version: 22, cache: npm }
            - run: npm ci && npm test
    `,
    bad: `
      permissions: write-all
      steps:
        - uses: some-org/deploy-action@main
        - run: echo "Deploying \${{ github.event.pull_request.title }}"
    `,
  }),
  entry({
    id: "tool-rules/gitlab-ci",
    title: "GitLab CI",
    summary:
      "GitLab CI pipelines: rules instead of only/except, needs, lockfile caches, masked variables",
    category: "tool-rules",
    description:
      "GitLab CI conventions: rules, workflow rules, needs, lockfile-keyed cache, masked variables",
    globs: [".gitlab-ci.yml", ".gitlab/ci/**"],
    alwaysApply: false,
    triggers: [{ ci: "gitlab-ci" }],
    context: [
      "Applies to `.gitlab-ci.yml` and included files under `.gitlab/ci/`",
      "Check changes with the pipeline editor's lint or `glab ci lint` before pushing",
    ],
    rules: [
      "Use `rules:`, never `only`/`except`; add `workflow: rules` so branches with merge requests do not run twice",
      "Pin image versions; express job order with `needs:` rather than waiting for whole stages",
      "Key caches on the lockfile (`cache: key: files: [package-lock.json]`); give `artifacts` an `expire_in`",
      "Secrets are masked and protected CI/CD variables, never values in the YAML",
      "Share configuration with hidden jobs (`.name`) and `extends:` or `include:`, not copy-paste",
      "Test jobs are `interruptible: true` and have a `timeout`",
    ],
    good: `
      workflow:
        rules:
          - if: $CI_PIPELINE_SOURCE == "merge_request_event"
          - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
      test:
        image: node:22-slim
        interruptible: true
        cache: { key: { files: [package-lock.json] }, paths: [.npm/] }
        script: [npm ci --cache .npm, npm test]
    `,
    bad: `
      test:
        image: node:latest
        only: [branches]
        script:
          - export DEPLOY_TOKEN=my-real-token
          - npm install && npm test
    `,
  }),
];
