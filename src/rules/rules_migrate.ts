/**
 * The `rules_migrate` operation: v1 drafts (`*.mdc.md`) to v2 `.mdc` rules.
 *
 * @module
 */
import { basename, join } from "node:path";
import { z } from "zod";
import {
  defineOperation,
  NotFoundError,
  type Operation,
  resolveInWorkspace,
  unifiedDiff,
  walkWorkspace,
  writeFileAtomic,
} from "../core/mod.ts";
import { RuleTypeSchema } from "./_context.ts";
import { ruleTarget } from "./_names.ts";
import { convertDraft } from "./convert_draft.ts";
import { RULES_DIR } from "./discover_rules.ts";
import { trashCopy } from "./trash.ts";

/** Where v1 drafts live by convention. */
export const DRAFTS_DIR = "hack/drafts/cursor_rules";

const input = z.strictObject({
  source: z.string().default(DRAFTS_DIR).describe(
    "Folder of v1 drafts (*.mdc.md), relative to the workspace",
  ),
  apply: z.boolean().default(false).describe(
    "Write the rules; without it, only the plan is returned (dry run)",
  ),
  force: z.boolean().default(false).describe(
    "Replace rules that differ from the converted draft (old ones go to the trash)",
  ),
  typeSuffix: z.boolean().default(false).describe("Name files name-{always|auto|agent|manual}.mdc"),
  expandBraces: z.boolean().default(false).describe("Write *.{ts,tsx} as *.ts,*.tsx"),
});

const Step = z.object({
  draft: z.string().describe("The v1 draft"),
  target: z.string().describe("The .mdc it becomes"),
  name: z.string(),
  type: RuleTypeSchema,
  action: z.enum(["create", "unchanged", "update", "conflict"]),
  reason: z.string().optional().describe("Why it is a conflict"),
  warnings: z.array(z.string()),
  diff: z.string(),
});

const output = z.object({
  source: z.string(),
  applied: z.boolean(),
  steps: z.array(Step),
  counts: z.object({ create: z.int(), unchanged: z.int(), update: z.int(), conflict: z.int() }),
});

/** Converts v1 drafts into v2 rules in the right category folder. */
export const rulesMigrate: Operation<typeof input, typeof output> = defineOperation({
  name: "rules_migrate",
  title: "Migrate v1 drafts",
  description:
    "Convert legacy v1 drafts (*.mdc.md, by default under hack/drafts/cursor_rules/, and any left in .cursor/rules/) into v2 .mdc rules in the right category folder: globs from file filters, Context, Critical Rules and Examples sections. Dry run by default with a plan and diffs; apply writes atomically, is idempotent (a second run changes nothing), never deletes the drafts, and reports conflicts instead of overwriting (force replaces, keeping the old rule in the trash).",
  group: "rules",
  input,
  output,
  effects: ["read", "write"],
  requiresApproval: true,
  cli: {
    command: "rules migrate",
    examples: [
      { command: "rules migrate", description: "Show the plan for hack/drafts/cursor_rules/" },
      { command: "rules migrate --apply", description: "Write the rules" },
    ],
    render: (out) =>
      [
        ...out.steps.map((step) =>
          `${step.action.padEnd(9)} ${step.draft} -> ${step.target}${
            step.reason ? ` (${step.reason})` : ""
          }` +
          step.warnings.map((warning) => `\n          note: ${warning}`).join("")
        ),
        `${out.counts.create} to create, ${out.counts.update} to update, ${out.counts.unchanged} unchanged, ${out.counts.conflict} conflicts` +
        (out.applied ? "" : " (dry run: pass --apply to write)"),
      ].join("\n"),
    exitCode: (out) => (out.counts.conflict > 0 ? 1 : 0),
  },
  async handler(input, ctx) {
    const source = await resolveInWorkspace(ctx.root, input.source);
    const drafts: string[] = [];
    for await (
      const entry of walkWorkspace(ctx.root, { signal: ctx.signal, includeIgnored: true })
    ) {
      const inSource = source.relative === "." || entry.path.startsWith(`${source.relative}/`);
      const inRules = entry.path.startsWith(`${RULES_DIR}/`);
      if ((inSource || inRules) && entry.path.endsWith(".mdc.md")) drafts.push(entry.path);
    }
    if (
      drafts.length === 0 &&
      !(await Deno.stat(source.absolute).then((info) => info.isDirectory, () => false))
    ) {
      throw new NotFoundError(`Cannot find the drafts folder ${source.relative}`, {
        hint: "Pass --source with the folder that holds your *.mdc.md drafts",
      });
    }
    const claimed = new Map<string, string>();
    const steps: z.input<typeof Step>[] = [];
    for (const draft of drafts.sort()) {
      const text = await Deno.readTextFile(join(ctx.root, draft));
      const converted = convertDraft(text, basename(draft), {
        typeSuffix: input.typeSuffix,
        expandBraces: input.expandBraces,
      });
      const target = await ruleTarget(ctx.root, converted.path.replace(/\.mdc$/, ""));
      const before = await Deno.readTextFile(target.absolute).catch(() => undefined);
      const base = {
        draft,
        target: target.path,
        name: target.name,
        type: converted.type,
        warnings: converted.warnings,
        diff: unifiedDiff(target.path, before, converted.text),
      };
      const owner = claimed.get(target.path);
      if (owner) {
        steps.push({ ...base, action: "conflict", reason: `${owner} converts to the same rule` });
        continue;
      }
      claimed.set(target.path, draft);
      if (before === converted.text) steps.push({ ...base, action: "unchanged", diff: "" });
      else if (before === undefined) steps.push({ ...base, action: "create" });
      else if (input.force) steps.push({ ...base, action: "update" });
      else {steps.push({
          ...base,
          action: "conflict",
          reason: "a different rule is already there; pass --force to replace it",
        });}
      if (input.apply && (base.diff !== "" && (before === undefined || input.force))) {
        if (before !== undefined) {
          await trashCopy(
            ctx.root,
            { name: target.name, path: target.path, reason: "overwritten" },
            ctx.now(),
          );
        }
        await writeFileAtomic(target.absolute, converted.text);
      }
    }
    const counts = { create: 0, unchanged: 0, update: 0, conflict: 0 };
    for (const step of steps) counts[step.action]++;
    return { source: source.relative, applied: input.apply, steps, counts };
  },
});
