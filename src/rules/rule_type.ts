/**
 * The four kinds of Cursor rule and how the frontmatter selects one.
 *
 * @module
 */
import type { ParsedRule } from "./parse_rule.ts";

/**
 * How Cursor applies a rule: `always` (every chat), `auto-attached` (when a
 * file matching its globs is in context), `agent-requested` (the agent reads
 * the description and decides) or `manual` (only when mentioned as `@rule`).
 */
export type RuleType = "always" | "auto-attached" | "agent-requested" | "manual";

/**
 * Classifies a rule as Cursor does. `alwaysApply: true` wins over everything;
 * otherwise globs make it auto-attached (also when it has a description);
 * otherwise a non-blank description makes it agent-requested; otherwise it is
 * manual. An invalid `alwaysApply` (such as `"true"`) counts as not true.
 *
 * @param rule The rule's alwaysApply, globs and description.
 * @returns The rule type.
 *
 * @example Classify parsed rules
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseRule } from "./parse_rule.ts";
 * import { ruleTypeOf } from "./rule_type.ts";
 * assert.ok(ruleTypeOf(parseRule("---\nglobs: *.ts\n---\n")) === "auto-attached");
 * assert.ok(ruleTypeOf({ alwaysApply: true, globs: ["*.ts"] }) === "always");
 * assert.ok(ruleTypeOf({ globs: [], description: "  " }) === "manual");
 * ```
 */
export function ruleTypeOf(
  rule: Pick<ParsedRule, "alwaysApply" | "globs" | "description">,
): RuleType {
  if (rule.alwaysApply === true) return "always";
  if (rule.globs.some((glob) => glob.trim() !== "")) return "auto-attached";
  if (rule.description !== undefined && rule.description.trim() !== "") return "agent-requested";
  return "manual";
}
