/**
 * The `rules_render` operation: flatten a rule and the rules it extends.
 *
 * @module
 */
import { z } from "zod";
import { defineOperation, type Operation, ValidationError } from "../core/mod.ts";
import { findRule, loadRules } from "./_context.ts";
import { resolveRuleName } from "./_checks_set.ts";
import { editRule } from "./edit_rule.ts";
import type { LoadedRule, RuleSet } from "./load_rules.ts";

const input = z.strictObject({ name: z.string().min(1).describe("The rule to flatten") });
const output = z.object({
  name: z.string(),
  chain: z.array(z.string()).describe("The rules combined, parents first"),
  content: z.string().describe(
    "The flattened .mdc text: the rule's own frontmatter without extends, parents' bodies first",
  ),
});

/** Produces the flattened text of a rule that extends others. */
export const rulesRender: Operation<typeof input, typeof output> = defineOperation({
  name: "rules_render",
  title: "Render a composed rule",
  description:
    "Flatten a rule that declares extends: [other-rule, …] into one .mdc text: its own frontmatter (without extends) and the bodies of its ancestors, parents first, then its own. Missing parents and cycles are errors.",
  group: "rules",
  input,
  output,
  effects: ["read"],
  requiresApproval: false,
  cli: {
    command: "rules render",
    positional: ["name"],
    examples: [{
      command: "rules render testing-rules/deno-tests",
      description: "Print the flattened rule",
    }],
    render: (out) => out.content,
  },
  async handler(input, ctx) {
    const set = await loadRules(ctx);
    const rule = findRule(set, input.name);
    const chain = ancestry(set, rule, []);
    const body = chain.map((r) =>
      r.parsed!.body.trim()
    ).filter((text) => text !== "").join("\n\n") + "\n";
    return {
      name: rule.name,
      chain: chain.map((r) => r.name),
      content: editRule(rule.parsed!.raw, { extends: null, body }),
    };
  },
});

/** Ancestors first (depth-first, each once), then the rule itself. */
function ancestry(set: RuleSet, rule: LoadedRule, trail: LoadedRule[]): LoadedRule[] {
  if (!rule.parsed) {
    throw new ValidationError(`Rule "${rule.name}" cannot be read`, { file: rule.path }, {
      hint: "Run `codegen-lab rules validate` to see why",
    });
  }
  const line = rule.parsed.fields.findLast((field) => field.key === "extends")?.line;
  const result: LoadedRule[] = [];
  for (const name of rule.parsed.extends) {
    const parent = resolveRuleName(name, set.rules);
    if (!parent) {
      throw new ValidationError(`extends names "${name}", which is not a rule`, {
        file: rule.path,
        ...(line ? { line } : {}),
      }, {
        hint: "Use a rule name as `rules list` shows it",
      });
    }
    if (trail.includes(parent) || parent === rule) {
      throw new ValidationError(
        `extends forms a cycle: ${[...trail, rule, parent].map((r) => r.name).join(" -> ")}`,
        { file: rule.path, ...(line ? { line } : {}) },
        { hint: "Remove one of the extends entries so the chain ends" },
      );
    }
    for (const ancestor of ancestry(set, parent, [...trail, rule])) {
      if (!result.includes(ancestor)) result.push(ancestor);
    }
  }
  result.push(rule);
  return result;
}
