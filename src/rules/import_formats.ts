/**
 * Plans the import of other coding agents' rule files as Cursor rules: the
 * reverse of {@linkcode planExport}. Planning is pure: the caller reads the
 * files and writes the rules it gets back.
 *
 * @module
 */
import { importRuleFile, importWholeFile, type RuleFileKind } from "./_export_import.ts";
import { compareText } from "./_export_text.ts";
import type { ExportTarget } from "./export_formats.ts";

/** A format rules can be imported from: an export target, or the legacy `.cursorrules` file. */
export type ImportSource = ExportTarget | "cursorrules";

/** A rule read from another agent's files, ready to be written as a Cursor rule. */
export interface ImportedRule {
  /** The Cursor rule name: `<category>/<name>` (`global-rules/agents-md`). */
  name: string;
  /** The category, the first segment of the name (empty when the name has none). */
  category: string;
  /** The description, when the source has one. */
  description?: string;
  /** The globs (empty when none). */
  globs: string[];
  /** Whether the rule applies to every chat. */
  alwaysApply: boolean;
  /** The text: `\n` line endings, no leading or trailing blank lines, a final newline. */
  body: string;
  /** Workspace-relative path of the file it came from. */
  source: string;
}

/** The result of {@linkcode planImport}. */
export interface ImportPlan {
  /** The rules, in the order of their source paths. Names are unique. */
  rules: ImportedRule[];
  /** What was skipped, guessed or ignored, each starting with the file's path. */
  warnings: string[];
}

const SOURCES: ReadonlySet<string> = new Set([
  "agents-md",
  "claude-md",
  "copilot",
  "windsurf",
  "cline",
  "cursorrules",
]);

/**
 * Plans importing rules from another agent's files. Never throws on file
 * content: anything odd is a warning. Files are read in path order.
 *
 * **Whole files** — `AGENTS.md`, `CLAUDE.md` (also `.claude/CLAUDE.md`,
 * `CLAUDE.local.md`), `.github/copilot-instructions.md`, `.cursorrules`,
 * `.windsurfrules` and a `.clinerules` file — become ONE always rule each,
 * named `global-rules/<path in lower case, other characters as "-">`
 * (`global-rules/agents-md`, `global-rules/cursorrules`,
 * `global-rules/copilot-instructions-md`); `##` sections are not split into
 * separate rules, since the file applies as a whole. A nested `AGENTS.md` or
 * `CLAUDE.md` (`pkg/web/AGENTS.md`) applies to its folder, so it becomes
 * auto-attached with the glob `pkg/web/**`. A codegen-lab managed block (what
 * {@linkcode planExport} wrote) is skipped with a warning, so importing after
 * exporting does not duplicate rules; a file with broken markers is skipped.
 *
 * **Rule files** — Windsurf's `.windsurf/rules/*.md` (`trigger: always_on`
 * → always, `glob` → its `globs`, `model_decision` → its `description`,
 * `manual` → manual), Cline's `.clinerules/*.md` (a `paths:` list → globs;
 * none → always), Claude Code's `.claude/rules/*.md` (read under `claude-md`;
 * `paths:` → globs; none → always) and Copilot's
 * `.github/instructions/*.instructions.md` (read under `copilot`; `applyTo`
 * → globs, `**` → always, none → not always-on). Each is named
 * `<windsurf|cline|claude|copilot>-rules/<path under the rules folder with "/" as "-",
 * without .md>`. A file that carries a codegen-lab managed marker gets back
 * the name of the Cursor rule it was exported from, and for Cline the "Use
 * when: …" and manual notes the export wrote become the description and the
 * manual type again, so an export followed by an import gives back the same
 * rules. (A hand-written first paragraph of exactly one line starting with
 * "Use when: " in such a file is read as that note too.)
 *
 * When two files give the same name, the later one gets `-2`, `-3`, … and a warning.
 *
 * @param source The format the files are in.
 * @param files Workspace-relative paths (with `/`) and their contents.
 * @returns The rules and the warnings.
 * @throws {RangeError} When `source` is not an {@linkcode ImportSource}.
 *
 * @example Import a Windsurf rule and a hand-written AGENTS.md
 * ```ts
 * import assert from "node:assert/strict";
 * import { planImport } from "./import_formats.ts";
 * const windsurf = planImport("windsurf", [
 *   { path: ".windsurf/rules/sql.md", content: "---\ntrigger: glob\nglobs: **\/*.sql\n---\nUse CTEs.\n" },
 * ]);
 * assert.deepEqual(windsurf.rules, [{
 *   name: "windsurf-rules/sql",
 *   category: "windsurf-rules",
 *   globs: ["**\/*.sql"],
 *   alwaysApply: false,
 *   body: "Use CTEs.\n",
 *   source: ".windsurf/rules/sql.md",
 * }]);
 * const agents = planImport("agents-md", [{ path: "AGENTS.md", content: "# Notes\n\nBe brief.\n" }]);
 * assert.equal(agents.rules[0]?.name, "global-rules/agents-md");
 * assert.equal(agents.rules[0]?.alwaysApply, true);
 * ```
 */
export function planImport(
  source: ImportSource,
  files: ReadonlyArray<{ path: string; content: string }>,
): ImportPlan {
  if (!SOURCES.has(source)) {
    throw new RangeError(
      `Cannot plan import as 'source' must be one of ${[...SOURCES].join(", ")}: current value is ${
        JSON.stringify(source)
      }`,
    );
  }
  const warnings: string[] = [];
  const rules: ImportedRule[] = [];
  const sorted = files
    .map((file) => ({ path: normalizePath(String(file.path)), content: file.content }))
    .sort((a, b) => compareText(a.path, b.path));
  for (const { path, content } of sorted) {
    if (typeof content !== "string") {
      warnings.push(`${path}: Cannot import the file: its content is not text`);
      continue;
    }
    const kind = ruleFileKind(source, path);
    const rule = kind === undefined
      ? importWholeFile(path, content, warnings)
      : importRuleFile(kind, path, content, warnings);
    if (rule !== undefined) rules.push(rule);
  }
  const taken = new Set<string>();
  for (const rule of rules) {
    let name = rule.name;
    for (let n = 2; taken.has(name); n++) name = `${rule.name}-${n}`;
    if (name !== rule.name) {
      warnings.push(`${rule.source}: Renamed the rule to "${name}" as "${rule.name}" is taken`);
      rule.name = name;
    }
    taken.add(name);
  }
  return { rules, warnings };
}

/** Which rule-file format a path is in, or undefined for a whole file. */
function ruleFileKind(source: ImportSource, path: string): RuleFileKind | undefined {
  const base = path.slice(path.lastIndexOf("/") + 1);
  switch (source) {
    case "agents-md":
    case "cursorrules":
      return undefined;
    case "claude-md":
      return /(^|\/)\.claude\/rules\//.test(path) ? "claude" : undefined;
    case "copilot":
      return base.endsWith(".instructions.md") ? "copilot" : undefined;
    case "windsurf":
      return base === ".windsurfrules" ? undefined : "windsurf";
    case "cline":
      return base === ".clinerules" ? undefined : "cline";
  }
}

function normalizePath(path: string): string {
  return path.replaceAll("\\", "/").replace(/^(\.\/)+/, "");
}
