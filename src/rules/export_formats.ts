/**
 * Plans the export of Cursor rules to the rule files of other coding agents:
 * `AGENTS.md`, Claude Code's `CLAUDE.md`, GitHub Copilot's
 * `.github/copilot-instructions.md`, Windsurf's `.windsurf/rules/` and Cline's
 * `.clinerules/`. Planning is pure: the caller reads files through a callback
 * and writes the planned files itself.
 *
 * What each target cannot carry (globs in `AGENTS.md`, descriptions in Cline,
 * Windsurf's size limits) is reported per rule as an {@linkcode ExportLoss},
 * never dropped silently. Files the export did not write are never planned
 * for change: they are reported as an {@linkcode ExportConflict}.
 *
 * @module
 */
import { planDirectoryExport } from "./_export_directory.ts";
import { planSingleFileExport } from "./_export_single.ts";
import type { RuleType } from "./rule_type.ts";

/** An agent whose rule format Cursor rules can be exported to. */
export type ExportTarget = "agents-md" | "claude-md" | "copilot" | "windsurf" | "cline";

/** One Cursor rule, as read from `.cursor/rules`, ready to export. */
export interface ExportableRule {
  /** The rule's name: its path under `.cursor/rules` without `.mdc` (`frontend/react`). */
  name: string;
  /** The rule's category (its folder under `.cursor/rules`). */
  category: string;
  /** How Cursor applies the rule. */
  type: RuleType;
  /** The frontmatter description, if any. */
  description?: string;
  /** The frontmatter globs (empty when none). */
  globs: string[];
  /** The rule's text after the frontmatter (`ParsedRule.body`). */
  body: string;
  /** Workspace-relative path of the rule file (`.cursor/rules/frontend/react.mdc`). */
  path: string;
}

/** One file an export would create, rewrite, leave alone or delete. */
export interface PlannedFile {
  /** Workspace-relative path, with `/`. */
  path: string;
  /** What to do with the file. */
  action: "create" | "update" | "unchanged" | "delete";
  /** The current content (for update, unchanged and delete). */
  before?: string;
  /** The content to write (for create and update; equal to `before` when unchanged). */
  after?: string;
}

/** Something a target cannot carry for one rule, and what the export did instead. */
export interface ExportLoss {
  /** The rule's name. */
  rule: string;
  /** The target that cannot carry it. */
  target: ExportTarget;
  /** What is lost and what was exported instead. */
  what: string;
}

/** A path the export will not touch, and why. */
export interface ExportConflict {
  /** Workspace-relative path. */
  path: string;
  /** Why nothing is planned for it, and how to resolve it. */
  reason: string;
}

/** The result of {@linkcode planExport}. */
export interface ExportPlan {
  /** The target planned for. */
  target: ExportTarget;
  /** The files to write or delete, sorted by path. Conflicting paths are absent. */
  files: PlannedFile[];
  /**
   * What the target cannot carry, in export order (always, auto-attached,
   * agent-requested, manual; then by name); Windsurf's size losses come last.
   */
  losses: ExportLoss[];
  /** Paths left alone, sorted by path. */
  conflicts: ExportConflict[];
}

/** Options of {@linkcode planExport}. */
export interface PlanExportOptions {
  /**
   * Export manual rules to the targets that have no manual mode (every target
   * but Windsurf) as always-on text with a note saying to apply them only
   * when asked for by name. By default they are left out, with a loss entry,
   * because Cursor applies them only on an `@`-mention.
   *
   * @default {false}
   */
  includeManual?: boolean;
  /**
   * Lists the files directly in a directory: gets a directory target's path
   * (`.windsurf/rules/`) and returns workspace-relative file paths. Needed to
   * plan the deletion of managed files whose rule is gone or no longer
   * exported; without it no deletion is planned.
   */
  list?: (dir: string) => readonly string[];
}

/**
 * Where each target lives: a file for the single-file targets, a directory
 * (ending with `/`) for Windsurf and Cline.
 *
 * @example Look up a target's path
 * ```ts
 * import assert from "node:assert/strict";
 * import { EXPORT_TARGET_PATHS } from "./export_formats.ts";
 * assert.equal(EXPORT_TARGET_PATHS.copilot, ".github/copilot-instructions.md");
 * assert.equal(EXPORT_TARGET_PATHS.windsurf, ".windsurf/rules/");
 * ```
 */
export const EXPORT_TARGET_PATHS: Readonly<Record<ExportTarget, string>> = Object.freeze({
  "agents-md": "AGENTS.md",
  "claude-md": "CLAUDE.md",
  "copilot": ".github/copilot-instructions.md",
  "windsurf": ".windsurf/rules/",
  "cline": ".clinerules/",
});

/**
 * Plans exporting Cursor rules to another agent's rule format. Nothing is
 * written: `read` supplies current contents and the plan says what to write.
 * The same input always gives a byte-identical plan.
 *
 * **Single-file targets** (`agents-md`, `claude-md`, `copilot`). The rules go
 * into one managed block between `<!-- codegen-lab:begin cursor-rules -->`
 * and `<!-- codegen-lab:end cursor-rules -->`, whose first line says it is
 * generated and how to regenerate it. Only the block is ever rewritten: every
 * byte outside it stays as it was. A missing file is created with just the
 * block; a file without a block gets it appended after one blank line. A file
 * whose markers do not form exactly one block is a conflict. The file's line
 * ending (`\n` or `\r\n`) is kept. Each rule becomes a `## <name>` section
 * holding its body; an auto-attached rule gets an "Applies to files matching:"
 * note and any non-always rule with a description a "Use when:" note, each
 * with a loss, since these files are always on. For `claude-md`, `read` is
 * also asked for the files that `@path` references in bodies name: Claude Code
 * imports them, so the ones that do not exist are reported as losses (the
 * text is left as written). For `agents-md` and `copilot`, `@path`
 * references are reported as plain text.
 *
 * **Directory targets** (`windsurf`, `cline`). One file per rule, named after
 * the rule with `/` replaced by `-` (`frontend/react` →
 * `.windsurf/rules/frontend-react.md`); two rules that map to the same file
 * are a conflict. The first body line of each file is
 * `<!-- codegen-lab:managed from <rule path> -->`. A file at a target path
 * without that marker is a conflict and is never overwritten; a managed file
 * whose rule is no longer exported is deleted (when `options.list` is given).
 * Existing files keep their line ending; new files use `\n`. Windsurf gets
 * `trigger: always_on | glob | model_decision | manual` with `globs`
 * (comma-separated) and `description`, and a loss when a file exceeds 6,000
 * characters or the files together exceed 12,000 (counting only the exported
 * files). Cline gets a `paths:` YAML list for auto-attached rules and no
 * frontmatter otherwise; descriptions become "Use when:" notes (with a loss
 * for agent-requested rules, which become always-on).
 *
 * **Manual rules** are left out, with a loss, for every target but Windsurf
 * (which has `trigger: manual`), unless `options.includeManual` is set.
 *
 * @param rules The rules to export (any order).
 * @param target The agent format to export to.
 * @param read Returns a workspace-relative file's content, or undefined when it does not exist.
 * @param options Manual rules and directory listing.
 * @returns The files to write or delete, the losses and the conflicts.
 * @throws {RangeError} When `target` is not an {@linkcode ExportTarget}.
 *
 * @example Export to AGENTS.md, keeping the hand-written text
 * ```ts
 * import assert from "node:assert/strict";
 * import { planExport } from "./export_formats.ts";
 * const rules = [
 *   { name: "global/style", category: "global", type: "always" as const, globs: [], body: "Use tabs.\n", path: ".cursor/rules/global/style.mdc" },
 *   { name: "web/react", category: "web", type: "auto-attached" as const, globs: ["*.tsx"], body: "Use hooks.\n", path: ".cursor/rules/web/react.mdc" },
 * ];
 * const plan = planExport(rules, "agents-md", () => "# Project notes\n");
 * assert.equal(plan.files[0]?.action, "update");
 * assert.ok(plan.files[0]?.after?.startsWith("# Project notes\n\n<!-- codegen-lab:begin cursor-rules -->\n"));
 * assert.ok(plan.files[0]?.after?.includes("Applies to files matching: `*.tsx`"));
 * assert.deepEqual(plan.losses.map((loss) => loss.rule), ["web/react"]);
 * ```
 *
 * @example Export to Windsurf: one file per rule
 * ```ts
 * import assert from "node:assert/strict";
 * import { planExport } from "./export_formats.ts";
 * const rule = { name: "web/react", category: "web", type: "auto-attached" as const, globs: ["*.tsx", "*.jsx"], body: "Use hooks.\n", path: ".cursor/rules/web/react.mdc" };
 * const plan = planExport([rule], "windsurf", () => undefined);
 * assert.deepEqual(plan.files, [{
 *   path: ".windsurf/rules/web-react.md",
 *   action: "create",
 *   after: "---\ntrigger: glob\nglobs: *.tsx,*.jsx\n---\n<!-- codegen-lab:managed from .cursor/rules/web/react.mdc -->\n\nUse hooks.\n",
 * }]);
 * ```
 */
export function planExport(
  rules: readonly ExportableRule[],
  target: ExportTarget,
  read: (path: string) => string | undefined,
  options: PlanExportOptions = {},
): ExportPlan {
  const { includeManual = false, list } = options;
  if (!Object.hasOwn(EXPORT_TARGET_PATHS, target)) {
    throw new RangeError(
      `Cannot plan export as 'target' must be one of ${
        Object.keys(EXPORT_TARGET_PATHS).join(", ")
      }: current value is ${JSON.stringify(target)}`,
    );
  }
  const path = EXPORT_TARGET_PATHS[target];
  if (target === "windsurf" || target === "cline") {
    return planDirectoryExport(rules, target, path, read, { includeManual, list });
  }
  return planSingleFileExport(rules, target, path, read, includeManual);
}
