/**
 * The `rules_update` operation: lossless frontmatter and body edits.
 *
 * @module
 */
import { join } from "node:path";
import { z } from "zod";
import {
  defineOperation,
  type Operation,
  unifiedDiff,
  UsageError,
  writeFileAtomic,
} from "../core/mod.ts";
import { findRule, loadRules, RuleTypeSchema } from "./_context.ts";
import { editRule, type RuleChanges } from "./edit_rule.ts";
import { parseRule } from "./parse_rule.ts";
import { ruleTypeOf } from "./rule_type.ts";
import { trashCopy } from "./trash.ts";

const input = z.strictObject({
  name: z.string().min(1).describe("The rule to change"),
  description: z.string().nullable().optional().describe("New description; null removes the key"),
  globs: z.array(z.string().min(1)).nullable().optional().describe(
    "New globs; null removes the key",
  ),
  alwaysApply: z.boolean().nullable().optional().describe("New alwaysApply; null removes the key"),
  extends: z.array(z.string().min(1)).nullable().optional().describe(
    "Rules this one extends; null removes the key",
  ),
  body: z.string().optional().describe("New body (the text after the frontmatter)"),
  dryRun: z.boolean().default(false).describe("Show the diff without writing"),
});

const output = z.object({
  name: z.string(),
  path: z.string(),
  type: RuleTypeSchema,
  changed: z.boolean(),
  written: z.boolean(),
  diff: z.string().describe("Unified diff of the change"),
  trashId: z.string().optional().describe("Trash entry holding the previous version"),
});

/** Changes a rule's frontmatter fields or body, touching nothing else. */
export const rulesUpdate: Operation<typeof input, typeof output> = defineOperation({
  name: "rules_update",
  title: "Update a rule",
  description:
    "Change a rule's description, globs, alwaysApply, extends or body. The edit is lossless: only the edited lines change (comments, unknown keys, CRLF and BOM are kept). The previous version goes to the trash; dryRun shows the diff only.",
  group: "rules",
  input,
  output,
  effects: ["read", "write"],
  requiresApproval: true,
  cli: {
    command: "rules update",
    positional: ["name"],
    examples: [
      {
        command: "rules update core-rules/style --globs '*.ts' --globs '*.tsx'",
        description: "Replace the globs",
      },
      {
        command: "rules update core-rules/style --always-apply --dry-run",
        description: "Preview making it always apply",
      },
    ],
    render: (
      out,
    ) => (out.changed
      ? `${out.diff}${out.written ? `Updated ${out.path}` : "(dry run: nothing written)"}`
      : "No change"),
  },
  async handler(input, ctx) {
    const rule = findRule(await loadRules(ctx), input.name);
    if (!rule.parsed) {
      throw new UsageError(`Cannot edit "${rule.name}": the file could not be read as text`, {
        hint: "Run `codegen-lab rules validate` to see why, and fix or delete the file",
      });
    }
    const changes: RuleChanges = {};
    for (const key of ["description", "globs", "alwaysApply", "extends", "body"] as const) {
      if (input[key] !== undefined) (changes as Record<string, unknown>)[key] = input[key];
    }
    if (Object.keys(changes).length === 0) {
      throw new UsageError("Nothing to change", {
        hint: "Pass at least one of --description, --globs, --always-apply, --extends, --body",
      });
    }
    const after = editRule(rule.parsed.raw, changes);
    const diff = unifiedDiff(rule.path, rule.parsed.raw, after);
    const changed = after !== rule.parsed.raw;
    let trashId: string | undefined;
    if (changed && !input.dryRun) {
      trashId = (await trashCopy(
        ctx.root,
        { name: rule.name, path: rule.path, reason: "updated" },
        ctx.now(),
      )).id;
      await writeFileAtomic(join(ctx.root, rule.path), after);
    }
    return {
      name: rule.name,
      path: rule.path,
      type: ruleTypeOf(parseRule(after)),
      changed,
      written: changed && !input.dryRun,
      diff,
      ...(trashId ? { trashId } : {}),
    };
  },
});
