/**
 * The `rules_export` and `rules_import` operations.
 *
 * @module
 */
import { join } from "node:path";
import { z } from "zod";
import {
  defineOperation,
  type Operation,
  type OperationContext,
  resolveInWorkspace,
  unifiedDiff,
  walkWorkspace,
  writeFileAtomic,
} from "../core/mod.ts";
import { loadRules } from "./_context.ts";
import { listConfinedSync, readConfinedSync } from "./_confined_fs.ts";
import { ruleTarget } from "./_names.ts";
import { editRule } from "./edit_rule.ts";
import { EXPORT_TARGET_PATHS, type ExportTarget, planExport } from "./export_formats.ts";
import { type ImportSource, planImport } from "./import_formats.ts";
import { trashCopy } from "./trash.ts";

const TARGETS = Object.keys(EXPORT_TARGET_PATHS) as [ExportTarget, ...ExportTarget[]];

const FileChange = z.object({
  path: z.string(),
  action: z.enum(["create", "update", "unchanged", "delete", "conflict"]),
  diff: z.string(),
});

const exportInput = z.strictObject({
  target: z.enum(TARGETS).describe(
    "agents-md (AGENTS.md), claude-md (CLAUDE.md), copilot (.github/copilot-instructions.md), windsurf (.windsurf/rules/), cline (.clinerules/)",
  ),
  apply: z.boolean().default(false).describe(
    "Write the files; without it, only the plan and diffs are returned",
  ),
  includeManual: z.boolean().default(false).describe(
    "Also export manual rules (as always-on text with a note)",
  ),
});
const exportOutput = z.object({
  target: z.string(),
  applied: z.boolean(),
  files: z.array(FileChange),
  losses: z.array(z.object({ rule: z.string(), what: z.string() })).describe(
    "What the target cannot carry, per rule",
  ),
  conflicts: z.array(z.object({ path: z.string(), reason: z.string() })),
});

/** Exports rules to another agent's format. */
export const rulesExport: Operation<typeof exportInput, typeof exportOutput> = defineOperation({
  name: "rules_export",
  title: "Export rules to another agent",
  description:
    "Export the Cursor rules to another agent's format: AGENTS.md, CLAUDE.md, .github/copilot-instructions.md (one managed block, hand-written text around it untouched) or .windsurf/rules/ and .clinerules/ (one managed file per rule). Re-export updates in place. Reports per rule what the target cannot express (globs, descriptions, manual rules). Dry run unless apply is set.",
  group: "rules",
  input: exportInput,
  output: exportOutput,
  effects: ["read", "write"],
  requiresApproval: true,
  cli: {
    command: "rules export",
    positional: ["target"],
    examples: [
      { command: "rules export agents-md", description: "Preview AGENTS.md" },
      { command: "rules export windsurf --apply", description: "Write .windsurf/rules/*.md" },
    ],
    render: (out) =>
      [
        ...out.files.filter((f) => f.action !== "unchanged").map((f) =>
          f.diff || `${f.action} ${f.path}`
        ),
        ...out.losses.map((loss) => `note: ${loss.rule}: ${loss.what}`),
        ...out.conflicts.map((conflict) => `conflict: ${conflict.path}: ${conflict.reason}`),
        `${out.applied ? "Wrote" : "Would write"} ${
          out.files.filter((f) =>
            f.action === "create" || f.action === "update" || f.action === "delete"
          ).length
        } file(s)` +
        (out.applied ? "" : "; pass --apply to write"),
      ].join("\n"),
    exitCode: (out) => (out.conflicts.length > 0 ? 1 : 0),
  },
  async handler(input, ctx) {
    const set = await loadRules(ctx);
    const rules = set.rules.filter((rule) => rule.parsed).map((rule) => ({
      name: rule.name,
      category: rule.category,
      type: rule.type,
      ...(rule.parsed!.description ? { description: rule.parsed!.description } : {}),
      globs: rule.parsed!.globs,
      body: rule.parsed!.body,
      path: rule.path,
    }));
    const plan = planExport(rules, input.target, (path) => readConfinedSync(ctx.root, path), {
      includeManual: input.includeManual,
      list: (dir) => listConfinedSync(ctx.root, dir),
    });
    const files = plan.files.map((file) => ({
      path: file.path,
      action: file.action,
      diff: unifiedDiff(
        file.path,
        file.action === "create" ? undefined : file.before,
        file.action === "delete" ? undefined : file.after,
      ),
    }));
    if (input.apply) {
      for (const file of plan.files) {
        const target = await resolveInWorkspace(ctx.root, file.path);
        if ((file.action === "create" || file.action === "update") && file.after !== undefined) {
          await writeFileAtomic(target.absolute, file.after);
        } else if (file.action === "delete") {
          await Deno.remove(target.absolute);
        }
      }
    }
    return {
      target: input.target,
      applied: input.apply,
      files: [
        ...files,
        ...plan.conflicts.map((c) => ({ path: c.path, action: "conflict" as const, diff: "" })),
      ],
      losses: plan.losses.map((loss) => ({ rule: loss.rule, what: loss.what })),
      conflicts: plan.conflicts,
    };
  },
});

const SOURCES = [...TARGETS, "cursorrules"] as [ImportSource, ...ImportSource[]];

const importInput = z.strictObject({
  source: z.enum(SOURCES).describe(
    "agents-md, claude-md, copilot, windsurf, cline, or cursorrules (the legacy .cursorrules file)",
  ),
  apply: z.boolean().default(false).describe(
    "Write the rules; without it, only the plan is returned",
  ),
  force: z.boolean().default(false).describe(
    "Replace existing rules with different content (old ones go to the trash)",
  ),
});
const importOutput = z.object({
  source: z.string(),
  applied: z.boolean(),
  rules: z.array(
    z.object({
      name: z.string(),
      path: z.string(),
      from: z.string(),
      action: z.enum(["create", "unchanged", "update", "conflict"]),
      diff: z.string(),
    }),
  ),
  warnings: z.array(z.string()),
});

/** Imports rules from another agent's files. */
export const rulesImport: Operation<typeof importInput, typeof importOutput> = defineOperation({
  name: "rules_import",
  title: "Import rules from another agent",
  description:
    "Turn another agent's instructions into Cursor rules: AGENTS.md, CLAUDE.md (and .claude/rules/), Copilot instructions, .windsurf/rules/, .clinerules/, or a legacy .cursorrules file (which becomes an always rule). Blocks this tool exported are skipped. Existing rules with other content are conflicts unless force. Dry run unless apply is set.",
  group: "rules",
  input: importInput,
  output: importOutput,
  effects: ["read", "write"],
  requiresApproval: true,
  cli: {
    command: "rules import",
    positional: ["source"],
    examples: [{
      command: "rules import cursorrules --apply",
      description: "Migrate .cursorrules to an always rule",
    }],
    render: (out) =>
      [
        ...out.rules.map((rule) => `${rule.action.padEnd(9)} ${rule.path}  (from ${rule.from})`),
        ...out.warnings.map((warning) => `warning: ${warning}`),
        out.applied ? "Done." : "Dry run: pass --apply to write.",
      ].join("\n"),
    exitCode: (out) => (out.rules.some((rule) => rule.action === "conflict") ? 1 : 0),
  },
  async handler(input, ctx) {
    const files = await sourceFiles(ctx, input.source);
    const plan = planImport(input.source, files);
    const rules = [];
    for (const rule of plan.rules) {
      const target = await ruleTarget(ctx.root, rule.name);
      const content = editRule("", {
        description: rule.description ?? "",
        globs: rule.globs,
        alwaysApply: rule.alwaysApply,
        body: rule.body,
      });
      const before = await Deno.readTextFile(target.absolute).catch(() => undefined);
      const action: "create" | "unchanged" | "update" | "conflict" = before === undefined
        ? "create"
        : before === content
        ? "unchanged"
        : input.force
        ? "update"
        : "conflict";
      if (input.apply && (action === "create" || action === "update")) {
        if (action === "update") {
          await trashCopy(
            ctx.root,
            { name: target.name, path: target.path, reason: "overwritten" },
            ctx.now(),
          );
        }
        await writeFileAtomic(target.absolute, content);
      }
      rules.push({
        name: target.name,
        path: target.path,
        from: rule.source,
        action,
        diff: unifiedDiff(target.path, before, content),
      });
    }
    return { source: input.source, applied: input.apply, rules, warnings: plan.warnings };
  },
});

const SOURCE_PATTERNS: Record<ImportSource, RegExp> = {
  "agents-md": /(^|\/)AGENTS\.md$/,
  "claude-md": /(^|\/)CLAUDE(\.local)?\.md$|^\.claude\/(CLAUDE\.md|rules\/.+\.md)$/,
  copilot: /^\.github\/(copilot-instructions\.md|instructions\/.+\.instructions\.md)$/,
  windsurf: /^\.windsurf\/rules\/.+\.md$|^\.windsurfrules$/,
  cline: /^\.clinerules(\/.+\.md)?$|^\.cline\/rules\/.+\.md$/,
  cursorrules: /^\.cursorrules$/,
};

async function sourceFiles(
  ctx: OperationContext,
  source: ImportSource,
): Promise<Array<{ path: string; content: string }>> {
  const pattern = SOURCE_PATTERNS[source];
  const files: Array<{ path: string; content: string }> = [];
  for await (const entry of walkWorkspace(ctx.root, { signal: ctx.signal })) {
    if (!pattern.test(entry.path)) continue;
    const content = await Deno.readTextFile(join(ctx.root, entry.path)).catch(() => undefined);
    if (content !== undefined) files.push({ path: entry.path, content });
  }
  return files;
}
