/**
 * Private part of `export_formats.ts`: the directory targets (Windsurf's
 * `.windsurf/rules/`, Cline's `.clinerules/`), one managed file per rule.
 *
 * @module
 */
import {
  compareRules,
  compareText,
  eolOf,
  managedMarker,
  managedSource,
  MANUAL_LEFT_OUT,
  normalizeBody,
  oneLine,
  ruleNotes,
  withEol,
} from "./_export_text.ts";
import { parseRule } from "./parse_rule.ts";
import type {
  ExportableRule,
  ExportConflict,
  ExportLoss,
  ExportPlan,
  PlannedFile,
} from "./export_formats.ts";
import type { RuleType } from "./rule_type.ts";

/** Windsurf's documented size limits, in characters. */
const WINDSURF_FILE_LIMIT = 6_000;
const WINDSURF_TOTAL_LIMIT = 12_000;

const TRIGGERS: Readonly<Record<RuleType, string>> = {
  "always": "always_on",
  "auto-attached": "glob",
  "agent-requested": "model_decision",
  "manual": "manual",
};

/** Options the directory planner takes from `planExport`. */
export interface DirectoryOptions {
  /** Export manual rules to Cline as always-on text. */
  includeManual: boolean;
  /** Lists the files directly in a directory. */
  list: ((dir: string) => readonly string[]) | undefined;
}

/** Plans a Windsurf or Cline export. */
export function planDirectoryExport(
  rules: readonly ExportableRule[],
  target: "windsurf" | "cline",
  dir: string,
  read: (path: string) => string | undefined,
  options: DirectoryOptions,
): ExportPlan {
  const losses: ExportLoss[] = [];
  const conflicts: ExportConflict[] = [];
  const outputs = new Map<string, { rules: ExportableRule[]; content: string }>();
  for (const rule of [...rules].sort(compareRules)) {
    const lose = (what: string) => losses.push({ rule: rule.name, target, what });
    if (target === "cline" && rule.type === "manual" && !options.includeManual) {
      lose(MANUAL_LEFT_OUT);
      continue;
    }
    const path = `${dir}${rule.name.replace(/[/\\]/g, "-")}.md`;
    const content = target === "windsurf" ? windsurfFile(rule) : clineFile(rule);
    if (target === "cline") { for (const what of clineLosses(rule)) lose(what); }
    const existing = outputs.get(path);
    if (existing === undefined) outputs.set(path, { rules: [rule], content });
    else existing.rules.push(rule);
  }
  for (const [path, output] of outputs) {
    if (output.rules.length === 1) continue;
    outputs.delete(path);
    conflicts.push({
      path,
      reason: `Cannot export rules ${
        output.rules.map((rule) => `"${rule.name}"`).join(" and ")
      } to the same file (a "/" in a name becomes "-"); rename one of them`,
    });
  }
  if (target === "windsurf") losses.push(...windsurfSizeLosses(outputs));

  const files: PlannedFile[] = [];
  for (const [path, { content }] of outputs) {
    const current = read(path);
    if (current === undefined) {
      files.push({ path, action: "create", after: content });
    } else if (isManaged(current)) {
      const after = withEol(content, eolOf(current));
      files.push({
        path,
        action: after === current ? "unchanged" : "update",
        before: current,
        after,
      });
    } else {
      conflicts.push({
        path,
        reason:
          `Cannot overwrite ${path}: it was not written by codegen-lab (its first body line is not a codegen-lab:managed marker); rename or delete it, or leave the rule out of the export`,
      });
    }
  }
  const claimed = new Set([...outputs.keys(), ...conflicts.map((conflict) => conflict.path)]);
  for (const path of options.list?.(dir) ?? []) {
    const rest = path.startsWith(dir) ? path.slice(dir.length) : undefined;
    if (rest === undefined || rest.includes("/") || !rest.endsWith(".md") || claimed.has(path)) {
      continue;
    }
    claimed.add(path);
    const current = read(path);
    if (current !== undefined && isManaged(current)) {
      files.push({ path, action: "delete", before: current });
    }
  }
  files.sort((a, b) => compareText(a.path, b.path));
  conflicts.sort((a, b) => compareText(a.path, b.path));
  return { target, files, losses, conflicts };
}

/** Whether the first body line (after any frontmatter) is a managed marker. */
function isManaged(text: string): boolean {
  return managedSource(normalizeBody(parseRule(text).body)) !== undefined;
}

/** The marker, a blank line and the body; just the marker when the body is empty. */
function markedBody(rule: ExportableRule, notes: readonly string[]): string {
  const body = normalizeBody(rule.body);
  const parts = [managedMarker(rule.path), ...notes, ...(body === "" ? [] : [body.trimEnd()])];
  return `${parts.join("\n\n")}\n`;
}

/** A Windsurf rule file: trigger, description and globs, then the marked body. */
function windsurfFile(rule: ExportableRule): string {
  const lines = ["---", `trigger: ${TRIGGERS[rule.type]}`];
  const description = oneLine(rule.description ?? "");
  if (description !== "") lines.push(`description: ${yamlText(description)}`);
  if (rule.type === "auto-attached") {
    lines.push(rule.globs.length === 0 ? "globs:" : `globs: ${rule.globs.join(",")}`);
  }
  lines.push("---", markedBody(rule, []));
  return lines.join("\n");
}

/** A Cline rule file: a `paths:` list for auto-attached rules, notes for what Cline lacks. */
function clineFile(rule: ExportableRule): string {
  const scoped = rule.type === "auto-attached" && rule.globs.length > 0;
  const header = scoped
    ? `---\npaths:\n${rule.globs.map((glob) => `  - ${quoted(glob)}\n`).join("")}---\n`
    : "";
  return header + markedBody(rule, ruleNotes(rule, { globs: !scoped }));
}

/** What Cline cannot carry for a rule. */
function clineLosses(rule: ExportableRule): string[] {
  const hasDescription = oneLine(rule.description ?? "") !== "";
  switch (rule.type) {
    case "always":
      return [];
    case "auto-attached":
      if (rule.globs.length === 0) {
        return ["it has no globs, so it is exported as an always-on rule"];
      }
      return hasDescription
        ? [`Cline has no description field; the description is kept as a "Use when: …" note`]
        : [];
    case "agent-requested":
      return [
        `loading on the agent's request (by description) has no Cline equivalent; exported as an always-on rule with a "Use when: …" note`,
      ];
    case "manual":
      return [
        `manual rules are only applied on @-mention, which Cline cannot express; exported as an always-on rule with a note to apply it only when asked for`,
      ];
  }
}

/** One loss per file over 6,000 characters and per file that ends past 12,000 in total. */
function windsurfSizeLosses(
  outputs: ReadonlyMap<string, { rules: ExportableRule[]; content: string }>,
): ExportLoss[] {
  const losses: ExportLoss[] = [];
  const sizes = [...outputs.values()].map(({ rules, content }) => ({
    rule: rules[0]!.name,
    size: [...content].length,
  }));
  const total = sizes.reduce((sum, { size }) => sum + size, 0);
  for (const { rule, size } of sizes) {
    if (size > WINDSURF_FILE_LIMIT) {
      losses.push({
        rule,
        target: "windsurf",
        what: `the exported file has ${
          format(size)
        } characters, over Windsurf's limit of 6,000 per rule file; Windsurf may cut it`,
      });
    }
  }
  let sum = 0;
  for (const { rule, size } of sizes) {
    sum += size;
    if (sum > WINDSURF_TOTAL_LIMIT) {
      losses.push({
        rule,
        target: "windsurf",
        what: `the exported rules total ${
          format(total)
        } characters, over Windsurf's limit of 12,000, and this rule ends past that limit; Windsurf may cut it`,
      });
    }
  }
  return losses;
}

function format(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ",");
}

/** A description as a YAML scalar: plain when that reads back as YAML, else double-quoted. */
function yamlText(text: string): string {
  return /^[-?:,[\]{}#&*!|>'"%@`]|:[ \t]|[ \t]#|:$/.test(text) ? quoted(text) : text;
}

function quoted(text: string): string {
  return `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}
