/**
 * Which files matter most to a model reading a packed repository: what the
 * project is (README, manifests), then its source, then tests, then other
 * documents, then data. A token budget drops from the far end first.
 *
 * @module
 */
import { detectLanguage } from "./detect_language.ts";

/** Names of the priority tiers, by number (0 is kept longest). */
export const PRIORITY_LABELS: readonly string[] = [
  "overview",
  "source",
  "test",
  "documentation",
  "data",
];

const OVERVIEW = new Set([
  "readme",
  "readme.md",
  "readme.rst",
  "readme.txt",
  "agents.md",
  "claude.md",
  "package.json",
  "deno.json",
  "deno.jsonc",
  "pyproject.toml",
  "cargo.toml",
  "go.mod",
  "pom.xml",
  "build.gradle",
  "build.gradle.kts",
  "gemfile",
  "composer.json",
  "dockerfile",
  "makefile",
]);

const DATA_LANGUAGES = new Set([
  "JSON",
  "JSONC",
  "YAML",
  "TOML",
  "XML",
  "CSV",
  "SVG",
  "INI",
  "Text",
]);
const DOC_LANGUAGES = new Set(["Markdown", "reStructuredText", "AsciiDoc", "Org", "Text"]);

/**
 * The priority tier of a path: 0 overview, 1 source, 2 test, 3 documentation,
 * 4 data and everything else.
 *
 * @param path Relative `/`-separated path.
 * @returns The tier (lower is kept longer).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { packPriority } from "./pack_priority.ts";
 * assert.deepEqual(
 *   ["README.md", "src/app.ts", "src/app_test.ts", "docs/guide.md", "data/rows.csv"].map(packPriority),
 *   [0, 1, 2, 3, 4],
 * );
 * ```
 */
export function packPriority(path: string): number {
  const slash = path.lastIndexOf("/");
  const name = path.slice(slash + 1).toLowerCase();
  if (slash === -1 && OVERVIEW.has(name)) return 0;
  const language = detectLanguage(path);
  if (language === undefined) return 4;
  if (DOC_LANGUAGES.has(language)) return OVERVIEW.has(name) ? 0 : 3;
  if (DATA_LANGUAGES.has(language)) return OVERVIEW.has(name) ? 0 : 4;
  if (OVERVIEW.has(name)) return 0;
  return isTestPath(path, name) ? 2 : 1;
}

function isTestPath(path: string, name: string): boolean {
  return /(^|\/)(tests?|__tests__|spec|specs|testdata|fixtures)\//.test(path) ||
    /(_test|_spec|\.test|\.spec)\.[a-z0-9]+$/.test(name) ||
    /^test_.*\.py$/.test(name);
}
