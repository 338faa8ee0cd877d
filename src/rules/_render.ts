/**
 * Human renderings shared by rule commands.
 *
 * @module
 */
import type { RuleSummary } from "./_context.ts";
import type { RuleProblem } from "./rule_problem.ts";

/** A table of rules: name, type, globs, description (shortened). */
export function renderRuleTable(rules: readonly RuleSummary[]): string {
  if (rules.length === 0) return "No rules.";
  const rows = rules.map((rule) => [
    rule.name,
    rule.readable ? rule.type : "unreadable",
    rule.globs.join(","),
    shorten(rule.description ?? "", 60),
  ]);
  const header = ["NAME", "TYPE", "GLOBS", "DESCRIPTION"];
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => row[i]!.length))
  );
  return [header, ...rows].map((row) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ")
      .trimEnd()
  ).join("\n");
}

/** `file:line:col: severity code: message` lines with hints, then a count. */
export function renderProblems(problems: readonly RuleProblem[], ruleCount: number): string {
  const lines = problems.map((problem) =>
    `${problem.file}:${problem.line}:${problem.column}: ${problem.severity} ${problem.code}: ${problem.message}\n  hint: ${problem.hint}`
  );
  const errors = problems.filter((problem) => problem.severity === "error").length;
  const warnings = problems.filter((problem) => problem.severity === "warning").length;
  lines.push(
    `${ruleCount} rules checked: ${errors} errors, ${warnings} warnings, ${
      problems.length - errors - warnings
    } notes`,
  );
  return lines.join("\n");
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
