/**
 * A catalogue of ready-made Cursor rules for common languages, frameworks,
 * test runners, tools and practices, each with the stack facts that make it
 * worth recommending. The rules are code, not files beside the source, so
 * they work from JSR and from a compiled binary.
 *
 * @module
 */
import { BACKEND_RULES } from "./_catalog_backend.ts";
import { FRONTEND_RULES } from "./_catalog_frontend.ts";
import { LANGUAGE_RULES } from "./_catalog_languages.ts";
import { PRACTICE_RULES } from "./_catalog_practices.ts";
import { TESTING_RULES } from "./_catalog_testing.ts";
import { TOOLCHAIN_RULES } from "./_catalog_toolchain.ts";
import { TOOL_RULES } from "./_catalog_tools.ts";

/**
 * A stack fact that makes a catalogue rule worth recommending. Values are the
 * ids the repository analysis produces (`{ framework: "fastapi" }`); a
 * language is named as in `LANGUAGES` (`{ language: "Python" }`).
 * `{ always: true }` marks a baseline rule for any repository.
 */
export type Trigger =
  | { language: string }
  | { framework: string }
  | { testing: string }
  | { linter: string }
  | { ci: string }
  | { container: string }
  | { packageManager: string }
  | { aiConfig: string }
  | { always: true };

/** One ready-made rule of the catalogue. */
export interface CatalogRule {
  /** The rule name it creates, `<category>/<name>` (e.g. `testing-rules/pytest`). */
  id: string;
  /** Human title; also the body's heading. */
  title: string;
  /** One line saying what the rule covers. */
  summary: string;
  /** The category folder, the first segment of {@linkcode CatalogRule.id}. */
  category: "core-rules" | "global-rules" | "testing-rules" | "tool-rules";
  /** The frontmatter description (at most 120 characters). */
  description: string;
  /** The frontmatter globs; empty unless the rule is auto-attached. */
  globs: string[];
  /** Whether the rule applies to every request. */
  alwaysApply: boolean;
  /** When to recommend the rule (any one suffices); empty means never automatically. */
  triggers: Trigger[];
  /** The Markdown body: title, Context, Critical Rules and two examples. */
  body: string;
}

/**
 * Every catalogue rule, grouped by area (languages, front end, back end,
 * testing, CI and containers, toolchain, practices). Ids are unique, and so
 * are their base names, so `@name` mentions stay unambiguous when several
 * are installed.
 *
 * @example Look up a rule
 * ```ts
 * import assert from "node:assert/strict";
 * import { RULE_CATALOG } from "./rule_catalog.ts";
 * const pytest = RULE_CATALOG.find((rule) => rule.id === "testing-rules/pytest");
 * assert.deepEqual(pytest?.triggers, [{ testing: "pytest" }]);
 * assert.ok(RULE_CATALOG.length >= 36);
 * ```
 */
export const RULE_CATALOG: readonly CatalogRule[] = [
  ...LANGUAGE_RULES,
  ...FRONTEND_RULES,
  ...BACKEND_RULES,
  ...TESTING_RULES,
  ...TOOL_RULES,
  ...TOOLCHAIN_RULES,
  ...PRACTICE_RULES,
];

/**
 * Renders a catalogue rule as the text of its `.mdc` file: frontmatter with
 * `description`, `globs` (unquoted and comma-separated without spaces, the
 * form every Cursor version reads) and `alwaysApply`, then the body.
 *
 * @param rule The catalogue rule.
 * @returns The file text, ending in a newline.
 *
 * @example Render an auto-attached rule
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderCatalogRule, RULE_CATALOG } from "./rule_catalog.ts";
 * const rule = RULE_CATALOG.find((rule) => rule.id === "testing-rules/pytest")!;
 * const text = renderCatalogRule(rule);
 * assert.ok(text.startsWith(
 *   "---\ndescription: " + rule.description +
 *     "\nglobs: tests/**\/*.py,**\/test_*.py,**\/*_test.py,**\/conftest.py\nalwaysApply: false\n---\n# pytest\n",
 * ));
 * ```
 */
export function renderCatalogRule(rule: CatalogRule): string {
  const body = rule.body.endsWith("\n") ? rule.body : `${rule.body}\n`;
  const globs = rule.globs.length > 0 ? ` ${rule.globs.join(",")}` : "";
  return `---\ndescription: ${rule.description}\nglobs:${globs}\nalwaysApply: ${rule.alwaysApply}\n---\n${body}`;
}
