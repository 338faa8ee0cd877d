/**
 * Validates a rule set: every check of every rule plus the checks across
 * rules, as one sorted list of diagnostics.
 *
 * @module
 */
import { type CheckEnv, checkRule, type RuleLimits } from "./_checks_rule.ts";
import { checkDuplicates, checkExtends, checkGlobsMatch, checkStrays } from "./_checks_set.ts";
import type { LoadedRule, RuleSet } from "./load_rules.ts";
import type { ParsedRule } from "./parse_rule.ts";
import { type RuleProblem, sortProblems } from "./rule_problem.ts";

export type { CheckEnv, RuleLimits };

/** The default limits. */
export const DEFAULT_RULE_LIMITS: RuleLimits = {
  descriptionMaxChars: 200,
  maxTokensWarning: 2000,
  maxTokensError: 5000,
  maxLines: 500,
};

/** What validation needs beyond the rules. */
export interface ValidationInput extends CheckEnv {
  /** Workspace files (relative paths) for the glob-matches-nothing check. */
  files: Iterable<string>;
}

/**
 * Validates every rule.
 *
 * @param set The loaded rules and stray files.
 * @param input Limits, file existence, token counting and the file list.
 * @returns Problems sorted by file, line and column.
 *
 * @example An empty body is an error
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseRule } from "./parse_rule.ts";
 * import { DEFAULT_RULE_LIMITS, validateRuleSet } from "./validate_rules.ts";
 * const parsed = parseRule("---\ndescription: Style\n---\n");
 * const rule = { path: ".cursor/rules/a.mdc", name: "a", category: "", scope: "", kind: "rule" as const, parsed, type: "agent-requested" as const, bytes: 27 };
 * const problems = validateRuleSet({ rules: [rule], strays: [] }, {
 *   limits: DEFAULT_RULE_LIMITS, exists: () => true, countTokens: (t) => t.length / 4, files: [],
 * });
 * assert.deepEqual(problems.map((p) => p.code), ["body-empty"]);
 * ```
 */
export function validateRuleSet(set: RuleSet, input: ValidationInput): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const parsed: Array<LoadedRule & { parsed: ParsedRule }> = [];
  for (const rule of set.rules) {
    if (rule.parsed) {
      parsed.push(rule as LoadedRule & { parsed: ParsedRule });
      problems.push(...checkRule(rule as LoadedRule & { parsed: ParsedRule }, input));
    } else if (rule.problem) {
      problems.push({ ...rule.problem, file: rule.path, rule: rule.name });
    }
  }
  problems.push(
    ...checkDuplicates(parsed),
    ...checkExtends(parsed),
    ...checkGlobsMatch(parsed, input.files),
    ...checkStrays(set.strays),
  );
  return sortProblems(problems);
}
