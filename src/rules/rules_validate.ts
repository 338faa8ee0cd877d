/**
 * The `rules_validate` operation.
 *
 * @module
 */
import { z } from "zod";
import denoJson from "../../deno.json" with { type: "json" };
import { defineOperation, type Operation, toSarif } from "../core/mod.ts";
import { limitsOf, loadRules, tokenCounter, workspaceFiles } from "./_context.ts";
import { renderProblems } from "./_render.ts";
import { countProblems } from "./rule_problem.ts";
import { validateRuleSet } from "./validate_rules.ts";
import { existsSync } from "./_exists.ts";

const input = z.strictObject({
  format: z.enum(["text", "json", "sarif"]).default("text").describe(
    "Report format: text (file:line:col lines), json, or sarif (SARIF 2.1.0 for GitHub code scanning)",
  ),
});

const Problem = z.object({
  file: z.string(),
  rule: z.string().optional(),
  line: z.int(),
  column: z.int(),
  endLine: z.int().optional(),
  endColumn: z.int().optional(),
  severity: z.enum(["error", "warning", "info"]),
  code: z.string(),
  message: z.string(),
  hint: z.string(),
});

const output = z.object({
  problems: z.array(Problem),
  counts: z.object({ errors: z.int(), warnings: z.int(), infos: z.int() }),
  rules: z.int().describe("Rules checked"),
  report: z.string().describe("The problems in the requested format"),
});

/** Validates every rule of the workspace. */
export const rulesValidate: Operation<typeof input, typeof output> = defineOperation({
  name: "rules_validate",
  title: "Validate rules",
  description:
    "Check every Cursor rule and report problems with file, line, column, severity, code and a fix hint: frontmatter syntax, unknown keys, alwaysApply not a boolean, invalid or non-portable globs, globs matching no file, missing or overlong descriptions, empty bodies, duplicate names and bodies, broken @file references, oversized rules (tokens), extends cycles, v1 drafts and .md files in .cursor/rules. The CLI exits 1 when there are errors.",
  group: "rules",
  input,
  output,
  effects: ["read"],
  requiresApproval: false,
  cli: {
    command: "rules validate",
    examples: [
      { command: "rules validate", description: "Problems as text; exit 1 on errors (for CI)" },
      {
        command: "rules validate --format sarif > rules.sarif",
        description: "SARIF for GitHub code scanning",
      },
    ],
    render: (out) => out.report,
    exitCode: (out) => (out.counts.errors > 0 ? 1 : 0),
  },
  async handler(input, ctx) {
    const [set, files, countTokens] = await Promise.all([
      loadRules(ctx),
      workspaceFiles(ctx),
      tokenCounter(),
    ]);
    const problems = validateRuleSet(set, {
      limits: limitsOf(ctx),
      files,
      countTokens,
      exists: (path) => files.has(path) || existsSync(ctx.root, path),
    });
    const counts = countProblems(problems);
    const report = input.format === "text"
      ? renderProblems(problems, set.rules.length)
      : JSON.stringify(
        input.format === "json" ? { problems, counts } : toSarif(
          { name: "codegen-lab", version: denoJson.version },
          problems.map((p) => ({ ...p, ruleId: p.code })),
        ),
        null,
        2,
      );
    return { problems, counts, rules: set.rules.length, report };
  },
});
