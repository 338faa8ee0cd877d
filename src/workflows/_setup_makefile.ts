/**
 * The `update-cursor-rules` Makefile target that `prep_workspace` adds.
 *
 * @module
 */
import { appendLines, type FilePlan } from "./_setup_plan.ts";

/** The Makefile target's name. */
export const MAKE_TARGET = "update-cursor-rules";

/** The recipe: migrate v1 drafts into `.cursor/rules/` with the published CLI. */
export const MIGRATE_COMMAND = "deno run -A jsr:@codegen-lab/cli/cli rules migrate --apply --yes";

const LINES = [
  "# codegen-lab: turn the v1 drafts in hack/drafts/cursor_rules/ into .cursor/rules/*.mdc",
  `.PHONY: ${MAKE_TARGET}`,
  `${MAKE_TARGET}:`,
  `\t${MIGRATE_COMMAND}`,
];

/**
 * Plans the Makefile: create it, append the target, or leave it alone when it
 * already has our lines (unchanged) or its own `update-cursor-rules` target
 * (skipped). Appending keeps the existing bytes and line endings.
 *
 * @param before The Makefile's text, or undefined when there is none.
 * @returns The plan.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planMakefile } from "./_setup_makefile.ts";
 * const created = planMakefile(undefined);
 * assert.equal(created.action, "create");
 * assert.equal(planMakefile(created.after).action, "unchanged");
 * assert.equal(planMakefile("update-cursor-rules: x\n\techo\n").action, "skipped");
 * assert.ok(planMakefile("all:\r\n\tcc\r\n").after?.startsWith("all:\r\n\tcc\r\n\r\n# codegen-lab"));
 * ```
 */
export function planMakefile(before: string | undefined): FilePlan {
  if (before === undefined) return { action: "create", after: appendLines("", LINES) };
  const text = before.replace(/\r\n/g, "\n");
  if (text.includes(`${LINES.join("\n")}\n`)) return { action: "unchanged" };
  if (definesTarget(text, MAKE_TARGET)) {
    return { action: "skipped", reason: `target ${MAKE_TARGET} already exists; left alone` };
  }
  return { action: "update", after: appendLines(before, LINES) };
}

/** Whether a rule line (`a b: deps`, `a::`) names the target; assignments do not count. */
function definesTarget(text: string, target: string): boolean {
  for (const line of text.split("\n")) {
    if (line.startsWith("\t")) continue; // a recipe line
    const rule = /^([^:=#]*):(:?)(.?)/.exec(line);
    if (!rule || rule[3] === "=") continue; // `X := y`, `X ::= y`
    if (rule[1]!.trim().split(/\s+/).includes(target)) return true;
  }
  return false;
}
