/**
 * The `rules_move` operation: recategorise or rename a rule, and fix the
 * `extends` entries of the rules that named it.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { z } from "zod";
import { ConflictError, defineOperation, type Operation, writeFileAtomic } from "../core/mod.ts";
import { findRule, loadRules } from "./_context.ts";
import { ruleTarget } from "./_names.ts";
import { resolveRuleName } from "./_checks_set.ts";
import { editRule } from "./edit_rule.ts";

const input = z.strictObject({
  name: z.string().min(1).describe("The rule to move"),
  category: z.string().optional().describe("Target category folder (default: the current one)"),
  newName: z.string().optional().describe("New base name (default: the current one)"),
  dryRun: z.boolean().default(false).describe("Report the move without doing it"),
});

const output = z.object({
  from: z.string(),
  to: z.string(),
  path: z.string(),
  moved: z.boolean(),
  updatedReferences: z.array(z.string()).describe("Rules whose extends now name the new place"),
});

/** Moves a rule to another category or name. */
export const rulesMove: Operation<typeof input, typeof output> = defineOperation({
  name: "rules_move",
  title: "Move a rule",
  description:
    "Move a rule to another category folder and/or rename it, refusing to overwrite an existing rule; rules that extend it are updated to the new name.",
  group: "rules",
  input,
  output,
  effects: ["read", "write"],
  requiresApproval: true,
  idempotent: false,
  cli: {
    command: "rules move",
    positional: ["name"],
    examples: [{
      command: "rules move pytest --category testing-rules",
      description: "Recategorise a rule",
    }],
    render: (out) =>
      `${out.moved ? "Moved" : "Would move"} ${out.from} -> ${out.to}${
        out.updatedReferences.length
          ? ` (updated extends in ${out.updatedReferences.join(", ")})`
          : ""
      }`,
  },
  async handler(input, ctx) {
    const set = await loadRules(ctx);
    const rule = findRule(set, input.name);
    const base = input.newName ??
      rule.name.slice(rule.name.lastIndexOf("/") + 1).replace(/^.*:/, "");
    const target = await ruleTarget(ctx.root, base, input.category ?? rule.category);
    if (target.path === rule.path) {
      return {
        from: rule.name,
        to: target.name,
        path: target.path,
        moved: false,
        updatedReferences: [],
      };
    }
    if (await Deno.stat(target.absolute).then(() => true, () => false)) {
      throw new ConflictError(
        `Cannot move "${rule.name}" to ${target.path}: a rule is already there`,
        {
          hint: "Pick another --new-name, or delete the other rule first",
        },
      );
    }
    const referrers = set.rules.filter((other) =>
      other !== rule &&
      other.parsed?.extends.some((parent) => resolveRuleName(parent, set.rules) === rule)
    );
    if (input.dryRun) {
      return {
        from: rule.name,
        to: target.name,
        path: target.path,
        moved: false,
        updatedReferences: referrers.map((r) => r.name),
      };
    }
    await Deno.mkdir(dirname(target.absolute), { recursive: true });
    await Deno.rename(join(ctx.root, rule.path), target.absolute);
    for (const other of referrers) {
      const parents = other.parsed!.extends.map((parent) =>
        resolveRuleName(parent, set.rules) === rule ? target.name : parent
      );
      await writeFileAtomic(
        join(ctx.root, other.path),
        editRule(other.parsed!.raw, { extends: parents }),
      );
    }
    return {
      from: rule.name,
      to: target.name,
      path: target.path,
      moved: true,
      updatedReferences: referrers.map((r) => r.name),
    };
  },
});
