/**
 * The `rules_get` operation.
 *
 * @module
 */
import { z } from "zod";
import { defineOperation, type Operation } from "../core/mod.ts";
import { findRule, loadRules, RuleSummarySchema, summarize } from "./_context.ts";

const input = z.strictObject({
  name: z.string().min(1).describe(
    "Rule name as rules_list shows it (e.g. core-rules/style), or its base name when unique",
  ),
});

const output = z.object({
  rule: RuleSummarySchema,
  raw: z.string().describe("The file's exact text"),
  body: z.string().describe("The text after the frontmatter"),
  fields: z.array(z.object({ key: z.string(), value: z.string(), line: z.int() })).describe(
    "Frontmatter fields in file order, unknown keys included",
  ),
  parseProblems: z.array(
    z.object({ code: z.string(), severity: z.string(), message: z.string(), line: z.int() }),
  ),
});

/** Shows one rule, parsed and raw. */
export const rulesGet: Operation<typeof input, typeof output> = defineOperation({
  name: "rules_get",
  title: "Get a rule",
  description:
    "Read one Cursor rule: its parsed frontmatter (every field, unknown keys included), type, body and exact raw text.",
  group: "rules",
  input,
  output,
  effects: ["read"],
  requiresApproval: false,
  cli: {
    command: "rules get",
    positional: ["name"],
    examples: [{ command: "rules get core-rules/style", description: "Print the rule's text" }],
    render: (out) => out.raw,
  },
  async handler(input, ctx) {
    const rule = findRule(await loadRules(ctx), input.name);
    const parsed = rule.parsed;
    return {
      rule: summarize(rule),
      raw: parsed?.raw ?? "",
      body: parsed?.body ?? "",
      fields: (parsed?.fields ?? []).map((field) => ({
        key: field.key,
        value: field.rawValue,
        line: field.line,
      })),
      parseProblems: [...(parsed?.diagnostics ?? []), ...(rule.problem ? [rule.problem] : [])].map((
        d,
      ) => ({
        code: d.code,
        severity: d.severity,
        message: d.message,
        line: d.line,
      })),
    };
  },
});
