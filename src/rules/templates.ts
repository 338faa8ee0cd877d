/**
 * Rule templates shipped in the package: one per rule type and one per
 * standard category. They are code, not files beside the source, so they
 * work from JSR and from a compiled binary.
 *
 * @module
 */
import type { RuleType } from "./rule_type.ts";

/** A template for new rules. */
export interface RuleTemplate {
  /** Template id, e.g. `agent-requested` or `testing-rules`. */
  id: string;
  /** What it is for. */
  summary: string;
  /** The type a rule made from it has unless told otherwise. */
  type: RuleType;
  /** Default category folder. */
  category: string;
  /** Default description (agent-requested and auto-attached). */
  description: string;
  /** Default globs (auto-attached). */
  globs: string[];
  /** Body with `{{title}}` where the rule's title goes. */
  body: string;
}

const SECTIONS = (context: string, rules: string, good: string, bad: string): string =>
  `# {{title}}

## Context

${context}

## Critical Rules

${rules}

## Examples

<example>
${indent(good)}
</example>

<example type="invalid">
${indent(bad)}
</example>
`;

function indent(text: string): string {
  return text.split("\n").map((line) => (line === "" ? "" : `  ${line}`)).join("\n");
}

/** Every shipped template. */
export const RULE_TEMPLATES: readonly RuleTemplate[] = [
  {
    id: "always",
    summary: "Applies to every request: project-wide conventions",
    type: "always",
    category: "global-rules",
    description: "",
    globs: [],
    body: SECTIONS(
      "- Applies to every request in this project\n- Keep it short: it is sent with every message",
      "- State each rule as an instruction the agent can follow\n- Prefer the project's existing patterns over new ones",
      "A change that follows the existing module layout and naming.",
      "A change that introduces a new layout the project does not use.",
    ),
  },
  {
    id: "auto-attached",
    summary: "Attached when files matching the globs are in context",
    type: "auto-attached",
    category: "core-rules",
    description: "",
    globs: ["src/**/*.ts"],
    body: SECTIONS(
      "- Applies when files matching the rule's globs are in context",
      "- Describe what to do in these files, concretely\n- Point to an example file with @path when one exists",
      "Code in a matching file that follows the rule.",
      "Code in a matching file that breaks the rule.",
    ),
  },
  {
    id: "agent-requested",
    summary: "The agent pulls it in when the description matches the task",
    type: "agent-requested",
    category: "core-rules",
    description: "Use when the task involves …",
    globs: [],
    body: SECTIONS(
      "- The agent reads this rule when its description matches the task",
      "- Give the steps to follow for this kind of task\n- Say what to check before finishing",
      "A task handled by following the steps.",
      "A task handled without the steps, missing a check.",
    ),
  },
  {
    id: "manual",
    summary: "Applied only when mentioned with @rule-name",
    type: "manual",
    category: "core-rules",
    description: "",
    globs: [],
    body: SECTIONS(
      "- Applied only when someone mentions it with @{{name}}",
      "- Describe the procedure this rule captures",
      "The procedure carried out in order.",
      "The procedure with a step skipped.",
    ),
  },
  {
    id: "core-rules",
    summary: "How rules themselves are written and organised",
    type: "agent-requested",
    category: "core-rules",
    description: "Use when creating or changing Cursor rules in .cursor/rules",
    globs: [],
    body: SECTIONS(
      "- Rules live in .cursor/rules/<category>/<name>.mdc\n- Categories: core-rules, global-rules, testing-rules, tool-rules",
      "- One topic per rule, under 50 lines where possible\n- Frontmatter: description, globs (unquoted, comma-separated, no spaces), alwaysApply\n- Validate with `codegen-lab rules validate` before committing",
      "---\ndescription: Use when writing SQL migrations\nglobs:\nalwaysApply: false\n---",
      '---\ndescription: "SQL"\nglobs: ["*.sql", "migrations/**"]\n---',
    ),
  },
  {
    id: "global-rules",
    summary: "Always-on rules for the whole project",
    type: "always",
    category: "global-rules",
    description: "",
    globs: [],
    body: SECTIONS(
      "- Sent with every request; keep it to what always matters",
      "- Name the language, framework and commands the project uses\n- Say how to run the tests and what must pass before a change is done",
      "Ran `deno task test` and fixed the failures before answering.",
      "Answered with code that was never run.",
    ),
  },
  {
    id: "testing-rules",
    summary: "How tests are written and run",
    type: "auto-attached",
    category: "testing-rules",
    description: "",
    globs: ["tests/**", "**/*_test.*", "**/*.test.*"],
    body: SECTIONS(
      "- Applies to test files",
      "- Test behaviour, not implementation: assert exact outputs and error messages\n- One behaviour per test, named after it\n- No test that cannot fail",
      'Deno.test("parse() rejects an empty name", () => {\n  assert.throws(() => parse(""), /name is empty/);\n});',
      'Deno.test("it works", () => {\n  parse("x");\n});',
    ),
  },
  {
    id: "tool-rules",
    summary: "How to use a tool or CLI in this project",
    type: "agent-requested",
    category: "tool-rules",
    description: "Use when running or configuring …",
    globs: [],
    body: SECTIONS(
      "- Describes a tool the project uses and how to call it",
      "- Give the exact commands and flags\n- Say what output means success",
      "Ran the documented command with the documented flags.",
      "Guessed flags that the tool does not have.",
    ),
  },
];

/**
 * Finds a template by id.
 *
 * @param id Template id.
 * @returns The template, or undefined.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { findTemplate } from "./templates.ts";
 * assert.equal(findTemplate("testing-rules")?.type, "auto-attached");
 * ```
 */
export function findTemplate(id: string): RuleTemplate | undefined {
  return RULE_TEMPLATES.find((template) => template.id === id);
}

/**
 * Turns a rule name into a title: `testing-rules/python-pytest` → `Python Pytest`.
 *
 * @param name The rule name.
 * @returns The title.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { titleOf } from "./templates.ts";
 * assert.equal(titleOf("testing-rules/python_pytest-agent"), "Python Pytest");
 * ```
 */
export function titleOf(name: string): string {
  const base = name.slice(name.lastIndexOf("/") + 1).replace(/-(always|auto|agent|manual)$/, "");
  return base.split(/[-_\s]+/).filter(Boolean).map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(" ");
}
