/**
 * The `rules_list` operation.
 *
 * @module
 */
import { z } from "zod";
import { defineOperation, type Operation } from "../core/mod.ts";
import { loadRules, RuleSummarySchema, RuleTypeSchema, summarize } from "./_context.ts";
import { GlobIndex } from "./glob_index.ts";
import { renderRuleTable } from "./_render.ts";

const input = z.strictObject({
  type: RuleTypeSchema.optional().describe("Only rules of this type"),
  category: z.string().optional().describe(
    "Only rules in this category folder (e.g. testing-rules)",
  ),
  matching: z.string().optional().describe(
    "Only auto-attached rules whose globs match this workspace-relative file path",
  ),
});

const output = z.object({
  rules: z.array(RuleSummarySchema),
  count: z.int(),
  total: z.int().describe("Rules in the workspace before filtering"),
});

/** Lists the workspace's Cursor rules. */
export const rulesList: Operation<typeof input, typeof output> = defineOperation({
  name: "rules_list",
  title: "List rules",
  description:
    "List the Cursor rules of the workspace (.cursor/rules/**/*.mdc, nested folders too) with name, type (always, auto-attached, agent-requested, manual), category, description and globs. Filter by type, category, or a file path the globs must match. Malformed files are listed too (readable: false); use rules_validate for their problems.",
  group: "rules",
  input,
  output,
  effects: ["read"],
  requiresApproval: false,
  cli: {
    command: "rules list",
    examples: [
      { command: "rules list", description: "Every rule, as a table" },
      {
        command: "rules list --type agent-requested --json",
        description: "Agent-requested rules as JSON",
      },
      {
        command: "rules list --matching src/app.tsx",
        description: "Auto-attached rules whose globs match a file",
      },
    ],
    render: (out) => renderRuleTable(out.rules) + `\n${out.count} of ${out.total} rules`,
  },
  async handler(input, ctx) {
    const set = await loadRules(ctx);
    let rules = set.rules;
    if (input.type) rules = rules.filter((rule) => rule.type === input.type);
    if (input.category !== undefined) {
      rules = rules.filter((rule) => rule.category === input.category);
    }
    if (input.matching !== undefined) {
      const index = new GlobIndex<string>();
      for (const rule of rules) {
        if (rule.type !== "auto-attached") continue;
        for (const glob of rule.parsed!.globs) index.add(glob, rule.path, rule.scope);
      }
      const hits = new Set(
        index.match(input.matching.replace(/^\.\//, "")).map((hit) => hit.value),
      );
      rules = rules.filter((rule) => hits.has(rule.path));
    }
    return { rules: rules.map(summarize), count: rules.length, total: set.rules.length };
  },
});
