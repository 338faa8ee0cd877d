/**
 * The diagnostic every rule check reports, and how to count them.
 *
 * @module
 */
import type { RuleDiagnostic } from "./parse_rule.ts";

/** A diagnostic tied to a file (and the rule in it, if any). */
export interface RuleProblem extends RuleDiagnostic {
  /** Workspace-relative file path. */
  file: string;
  /** The rule's name, when the file is a rule. */
  rule?: string;
}

/** Counts of problems by severity. */
export interface ProblemCounts {
  /** Errors (CI fails on these). */
  errors: number;
  /** Warnings. */
  warnings: number;
  /** Informational notes. */
  infos: number;
}

/**
 * Counts problems by severity.
 *
 * @param problems The problems.
 * @returns The counts.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { countProblems } from "./rule_problem.ts";
 * const base = { code: "x", message: "m", hint: "h", line: 1, column: 1, file: "a.mdc" };
 * assert.deepEqual(countProblems([{ ...base, severity: "error" }, { ...base, severity: "info" }]), { errors: 1, warnings: 0, infos: 1 });
 * ```
 */
export function countProblems(problems: readonly RuleProblem[]): ProblemCounts {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const problem of problems) {
    if (problem.severity === "error") counts.errors++;
    else if (problem.severity === "warning") counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

/**
 * Sorts problems by file, line, column and code, for stable output.
 *
 * @param problems The problems.
 * @returns A new sorted array.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sortProblems } from "./rule_problem.ts";
 * const p = (file: string, line: number) => ({ code: "c", severity: "error" as const, message: "", hint: "", line, column: 1, file });
 * assert.deepEqual(sortProblems([p("b", 1), p("a", 2), p("a", 1)]).map((x) => `${x.file}${x.line}`), ["a1", "a2", "b1"]);
 * ```
 */
export function sortProblems(problems: readonly RuleProblem[]): RuleProblem[] {
  return [...problems].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
