/**
 * Detects a repository's stack (package managers, frameworks, test runners,
 * CI, containers, linters, AI configuration, workspaces) from its file list
 * and a few small manifests. Pure: all reading goes through a callback.
 *
 * @module
 */
import { z } from "zod";
import { MANIFEST_FILE, STACK_ENTRIES, type StackCategory } from "./_stack_catalog.ts";
import type { Dep, ManifestFacts, WorkspaceDeclaration } from "./_stack_facts.ts";
import { readDenoJson, readImportMap, readPackageJson, readPnpmWorkspace } from "./_stack_js.ts";
import {
  readCargoToml,
  readComposerJson,
  readGemfile,
  readGoMod,
  readGoWork,
  readGradle,
  readPom,
} from "./_stack_misc.ts";
import { readPipfile, readPyproject, readRequirements } from "./_stack_python.ts";
import {
  compareCodeUnits,
  escapeRegExp,
  joinRelative,
  mergeWorkspaces,
  resolveWorkspace,
  type StackWorkspace,
} from "./_stack_workspaces.ts";

export type { StackWorkspace } from "./_stack_workspaces.ts";

/** One thing found, with the files that show it. */
export interface Detection {
  /** Stable lowercase id, such as `next` or `github-actions`. */
  id: string;
  /** Human name, such as `Next.js` or `GitHub Actions`. */
  name: string;
  /** Relative paths of every file that contributed, sorted. */
  evidence: string[];
  /** The version spec as declared in the first manifest that gives one (`^18.2.0`). */
  version?: string;
}

/** A repository's stack, every list sorted by id (workspaces by tool, then root). */
export interface StackReport {
  packageManagers: Detection[];
  /** Relative paths of every manifest and lockfile, sorted. */
  manifests: string[];
  frameworks: Detection[];
  testing: Detection[];
  ci: Detection[];
  containers: Detection[];
  linters: Detection[];
  aiConfig: Detection[];
  workspaces: StackWorkspace[];
}

const detection = z.object({
  id: z.string().describe("Stable lowercase id, such as next or github-actions"),
  name: z.string().describe("Human name, such as Next.js or GitHub Actions"),
  evidence: z.array(z.string()).describe("Relative paths of the files that show it, sorted"),
  version: z.string().optional().describe("Version spec as declared in the first manifest"),
});

/** Zod schema of a {@linkcode StackReport}. */
export const stackReportSchema = z.object({
  packageManagers: z.array(detection).describe("Package managers, from lockfiles and manifests"),
  manifests: z.array(z.string()).describe("Relative paths of every manifest and lockfile"),
  frameworks: z.array(detection).describe("Frameworks and major libraries, from dependencies"),
  testing: z.array(detection).describe("Test runners and libraries"),
  ci: z.array(detection).describe("Continuous integration services"),
  containers: z.array(detection).describe("Docker, Compose, dev containers, Kubernetes, Helm"),
  linters: z.array(detection).describe("Linters, formatters and editor settings"),
  aiConfig: z.array(detection).describe("AI assistant configuration: rules, AGENTS.md, MCP"),
  workspaces: z.array(z.object({
    tool: z.string().describe("npm, yarn, bun, pnpm, deno, uv, cargo or go"),
    root: z.string().describe("Directory of the declaring manifest, . for the root"),
    members: z.array(z.string()).describe("Member directories, globs resolved, sorted"),
  })).describe("Monorepo workspaces"),
});

/** Directories never looked into: installed packages, virtual environments, test fixtures. */
const SKIPPED_DIRS = new Set([
  "node_modules",
  "bower_components",
  "vendor",
  ".venv",
  "venv",
  "site-packages",
  "__pycache__",
  ".tox",
  ".nox",
  "fixtures",
  "__fixtures__",
  "testdata",
]);

/** Evidence kept from patterns that match many files (`*_test.go`, rule files). */
const MAX_SAMPLED_EVIDENCE = 10;

const READERS: ReadonlyArray<readonly [RegExp, (text: string) => ManifestFacts]> = [
  [/^package\.json$/, readPackageJson],
  [/^deno\.jsonc?$/, readDenoJson],
  [/^pnpm-workspace\.yaml$/, readPnpmWorkspace],
  [/^pyproject\.toml$/, readPyproject],
  [/^requirements[^/]*\.txt$/, readRequirements],
  [/^Pipfile$/, readPipfile],
  [/^Cargo\.toml$/, readCargoToml],
  [/^go\.mod$/, readGoMod],
  [/^go\.work$/, readGoWork],
  [/^pom\.xml$/, readPom],
  [/^build\.gradle(?:\.kts)?$/, readGradle],
  [/^Gemfile$/, readGemfile],
  [/^composer\.json$/, readComposerJson],
];

const NAMES = new Map(STACK_ENTRIES.map((entry) => [`${entry.category}:${entry.id}`, entry.name]));
const FILE_ENTRIES = STACK_ENTRIES.filter((entry) => entry.files !== undefined);
/** One test first: most paths match no entry. */
const ANY_FILE = new RegExp(FILE_ENTRIES.map((entry) => `(?:${entry.files!.source})`).join("|"));
const DEP_MATCHERS = new Map<
  string,
  Array<{ name: RegExp; category: StackCategory; id: string }>
>();
for (const entry of STACK_ENTRIES) {
  for (const pattern of entry.deps ?? []) {
    const colon = pattern.indexOf(":");
    const ecosystem = pattern.slice(0, colon);
    const source = pattern.slice(colon + 1).split("*").map(escapeRegExp).join(".*");
    const list = DEP_MATCHERS.get(ecosystem) ?? [];
    list.push({ name: new RegExp(`^${source}$`), category: entry.category, id: entry.id });
    DEP_MATCHERS.set(ecosystem, list);
  }
}

/**
 * Detects a repository's stack from its file list, reading only manifests
 * (`package.json`, `deno.json(c)` and its import map, `pyproject.toml`,
 * `requirements*.txt`, `Pipfile`, `Cargo.toml`, `go.mod`, `go.work`,
 * `pom.xml`, `build.gradle(.kts)`, `Gemfile`, `composer.json`,
 * `pnpm-workspace.yaml`), never source files.
 *
 * Manifests anywhere in the tree count, except under `node_modules/`,
 * `vendor/`, virtual environments and `fixtures/`/`testdata/` directories.
 * Frameworks come from declared dependencies and framework config files; the
 * version is the spec as written in the first manifest, in path order, that
 * gives one. Evidence lists every manifest and config file that contributed;
 * patterns matching many files (`*_test.go`, `.cursor/rules/**`) keep the
 * first 10. A manifest that cannot be read or parsed is skipped, and `read`
 * may throw: this function does not.
 *
 * @param paths Every relative, `/`-separated file path of the workspace.
 * @param read Returns a file's text, or undefined when it cannot be read.
 * @returns The report; every list sorted, so equal inputs give equal output.
 *
 * @example Detect a Next.js app
 * ```ts
 * import assert from "node:assert/strict";
 * import { detectStack } from "./detect_stack.ts";
 * const files: Record<string, string> = {
 *   "package.json": JSON.stringify({
 *     dependencies: { next: "^14.2.0", react: "^18.3.0" },
 *     devDependencies: { vitest: "^1.6.0" },
 *   }),
 *   "pnpm-lock.yaml": "lockfileVersion: '9.0'\n",
 *   ".github/workflows/ci.yml": "on: push\n",
 *   "src/app/page.tsx": "export default function Page() {}\n",
 * };
 * const report = detectStack(Object.keys(files), (path) => files[path]);
 * assert.deepEqual(report.frameworks.map((found) => found.id), ["next", "react"]);
 * assert.equal(report.frameworks[0]!.version, "^14.2.0");
 * assert.deepEqual(report.packageManagers, [
 *   { id: "pnpm", name: "pnpm", evidence: ["pnpm-lock.yaml"] },
 * ]);
 * assert.deepEqual(report.testing.map((found) => found.name), ["Vitest"]);
 * assert.deepEqual(report.ci.map((found) => found.name), ["GitHub Actions"]);
 * assert.deepEqual(report.manifests, ["package.json", "pnpm-lock.yaml"]);
 * ```
 */
export function detectStack(
  paths: readonly string[],
  read: (path: string) => string | undefined,
): StackReport {
  const files = [...new Set(paths)].filter(isScanned).sort(compareCodeUnits);
  const fileSet = new Set(files);
  const findings = new Findings();
  const manifests: string[] = [];
  const declarations: Array<WorkspaceDeclaration & { root: string }> = [];
  for (const path of files) {
    if (MANIFEST_FILE.test(path)) manifests.push(path);
    if (ANY_FILE.test(path)) {
      for (const entry of FILE_ENTRIES) {
        if (entry.files!.test(path)) {
          findings.add(entry.category, entry.id, path, { sampled: entry.many });
        }
      }
    }
    const base = path.slice(path.lastIndexOf("/") + 1);
    const reader = READERS.find(([name]) => name.test(base))?.[1];
    const facts = reader && readFacts(read, path, reader);
    if (!facts) continue;
    findings.addFacts(path, facts);
    const root = path.slice(0, Math.max(path.lastIndexOf("/"), 0));
    if (facts.workspace) declarations.push({ ...facts.workspace, root });
    if (facts.importMap !== undefined) {
      const mapPath = joinRelative(root, facts.importMap);
      const mapFacts = mapPath !== undefined && fileSet.has(mapPath)
        ? readFacts(read, mapPath, readImportMap)
        : undefined;
      if (mapFacts) findings.addFacts(mapPath!, mapFacts);
    }
  }
  const cargoManifests = manifests.filter((path) => /(?:^|\/)Cargo\.toml$/.test(path));
  if (cargoManifests.length > 0 && files.some((path) => path.endsWith(".rs"))) {
    for (const path of cargoManifests) findings.add("testing", "cargo-test", path);
  }
  // A package.json with no lockfile and no packageManager field: npm is the default.
  if (!["npm", "pnpm", "yarn", "bun", "deno"].some((id) => findings.has("packageManagers", id))) {
    for (const path of files) {
      if (/(?:^|\/)package\.json$/.test(path)) findings.add("packageManagers", "npm", path);
    }
  }
  return {
    packageManagers: findings.list("packageManagers"),
    manifests,
    frameworks: findings.list("frameworks"),
    testing: findings.list("testing"),
    ci: findings.list("ci"),
    containers: findings.list("containers"),
    linters: findings.list("linters"),
    aiConfig: findings.list("aiConfig"),
    workspaces: mergeWorkspaces(
      declarations.map((declaration) => resolveWorkspace(declaration, files, fileSet)),
    ),
  };
}

interface Finding {
  evidence: Set<string>;
  sampled: Set<string>;
  version?: string;
}

/** Detections found so far, keyed by category and id. */
class Findings {
  #found = new Map<string, Finding & { category: StackCategory; id: string }>();

  add(
    category: StackCategory,
    id: string,
    path: string,
    options: { version?: string | undefined; sampled?: boolean | undefined } = {},
  ): void {
    const key = `${category}:${id}`;
    let finding = this.#found.get(key);
    if (!finding) {
      finding = { category, id, evidence: new Set(), sampled: new Set() };
      this.#found.set(key, finding);
    }
    if (!options.sampled) finding.evidence.add(path);
    else if (finding.sampled.size < MAX_SAMPLED_EVIDENCE) finding.sampled.add(path);
    if (finding.version === undefined && options.version !== undefined) {
      finding.version = options.version;
    }
  }

  addFacts(path: string, facts: ManifestFacts): void {
    for (const found of facts.deps) {
      for (const matcher of DEP_MATCHERS.get(found.ecosystem) ?? []) {
        if (matcher.name.test(depName(found))) {
          this.add(matcher.category, matcher.id, path, { version: found.version });
        }
      }
    }
    for (const found of facts.signals) {
      this.add(found.category, found.id, path, { version: found.version });
    }
  }

  has(category: StackCategory, id: string): boolean {
    return this.#found.has(`${category}:${id}`);
  }

  list(category: StackCategory): Detection[] {
    const out: Detection[] = [];
    for (const finding of this.#found.values()) {
      if (finding.category !== category) continue;
      const evidence = [...new Set([...finding.evidence, ...finding.sampled])].sort(
        compareCodeUnits,
      );
      const name = NAMES.get(`${category}:${finding.id}`) ?? finding.id;
      out.push({
        id: finding.id,
        name,
        evidence,
        ...(finding.version === undefined ? {} : { version: finding.version }),
      });
    }
    return out.sort((a, b) => compareCodeUnits(a.id, b.id));
  }
}

/** Crate names treat `_` and `-` alike. */
function depName(found: Dep): string {
  return found.ecosystem === "cargo" ? found.name.replaceAll("_", "-") : found.name;
}

function readFacts(
  read: (path: string) => string | undefined,
  path: string,
  reader: (text: string) => ManifestFacts,
): ManifestFacts | undefined {
  try {
    const text = read(path);
    return text === undefined ? undefined : reader(text);
  } catch {
    return undefined;
  }
}

function isScanned(path: string): boolean {
  const parts = path.split("/");
  for (let i = 0; i < parts.length - 1; i++) if (SKIPPED_DIRS.has(parts[i]!)) return false;
  return true;
}
