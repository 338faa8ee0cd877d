/**
 * Private part of `import_formats.ts`: turns one file of another agent's
 * format into a rule. Each function appends its problems to `warnings`
 * (`<path>: <message>` or `<path>:<line>: <message>`) and never throws.
 *
 * @module
 */
import { findBlock } from "./_export_block.ts";
import { fieldList, fieldText } from "./_export_fields.ts";
import { managedSource, MANUAL_NOTE, normalizeBody, USE_WHEN } from "./_export_text.ts";
import { parseRule } from "./parse_rule.ts";
import type { ImportedRule } from "./import_formats.ts";

/** A format whose files hold one rule each, with frontmatter. */
export type RuleFileKind = "windsurf" | "cline" | "claude" | "copilot";

/** Category of the whole-file imports. */
const GLOBAL = "global-rules";

/** Where each format keeps its rule files, and the category of the rules imported from them. */
const RULE_DIRS: Readonly<Record<RuleFileKind, { dirs: readonly string[]; category: string }>> = {
  windsurf: { dirs: [".windsurf/rules/"], category: "windsurf-rules" },
  cline: { dirs: [".clinerules/", ".cline/rules/"], category: "cline-rules" },
  claude: { dirs: [".claude/rules/"], category: "claude-rules" },
  copilot: { dirs: [".github/instructions/"], category: "copilot-rules" },
};

/**
 * Imports a whole Markdown file (`AGENTS.md`, `CLAUDE.md`,
 * `.github/copilot-instructions.md`, `.cursorrules`, `.windsurfrules`, a
 * `.clinerules` file) as one rule named `global-rules/<slug of the path>`.
 * A codegen-lab managed block is skipped. A nested `AGENTS.md` or `CLAUDE.md`
 * (in a folder that does not start with a dot) applies to its folder, so it
 * becomes auto-attached with the glob `<folder>/**`; any other file is always.
 */
export function importWholeFile(
  path: string,
  content: string,
  warnings: string[],
): ImportedRule | undefined {
  let body: string;
  const found = findBlock(content);
  if (found.kind === "broken") {
    warnings.push(
      `${path}: Cannot import the file: ${found.reason}; fix or remove the markers and import again`,
    );
    return undefined;
  }
  if (found.kind === "block") {
    const { start, end, beginLine, endLine } = found.range;
    warnings.push(
      `${path}: Skipped lines ${beginLine}-${endLine}, the block exported by codegen-lab from the Cursor rules`,
    );
    const before = normalizeBody(content.slice(0, start));
    const after = normalizeBody(content.slice(end));
    body = before !== "" && after !== "" ? `${before}\n${after}` : before + after;
  } else {
    body = normalizeBody(content);
  }
  if (body === "") {
    if (found.kind === "none") warnings.push(`${path}: Cannot import the file: it has no text`);
    return undefined;
  }
  const slash = path.lastIndexOf("/");
  const folder = path.slice(0, Math.max(slash, 0));
  const nested = folder !== "" && !folder.split("/").some((part) => part.startsWith(".")) &&
    /^(agents|claude)\.md$/i.test(path.slice(slash + 1));
  const slug = path.replace(/^(\.github|\.claude)\//, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "imported";
  return {
    name: `${GLOBAL}/${slug}`,
    category: GLOBAL,
    globs: nested ? [`${folder}/**`] : [],
    alwaysApply: !nested,
    body,
    source: path,
  };
}

/**
 * Imports one rule file with frontmatter. A file with a codegen-lab managed
 * marker gets back the name of the Cursor rule it was exported from; any other
 * file is named `<format>-rules/<path under the rules folder, "/" as "-">`.
 */
export function importRuleFile(
  kind: RuleFileKind,
  path: string,
  content: string,
  warnings: string[],
): ImportedRule {
  const parsed = parseRule(content);
  for (const diagnostic of parsed.diagnostics) {
    warnings.push(`${path}:${diagnostic.line}: ${diagnostic.message}`);
  }
  let body = normalizeBody(parsed.body);
  let name: string;
  let category: string;
  const from = managedSource(body);
  if (from === undefined) {
    category = RULE_DIRS[kind].category;
    name = `${category}/${stem(path, RULE_DIRS[kind].dirs)}`;
  } else {
    warnings.push(
      `${path}: Imported a file that codegen-lab exported from ${from}; it recreates that rule`,
    );
    body = normalizeBody(body.slice(body.indexOf("\n") + 1));
    name = from.replace(/^(\.\/)?\.cursor\/rules\//, "").replace(/\.mdc?$/, "");
    category = name.includes("/") ? name.slice(0, name.indexOf("/")) : "";
  }
  const rule: ImportedRule = { name, category, globs: [], alwaysApply: true, body, source: path };
  if (parsed.description !== undefined) rule.description = parsed.description;
  const warn = (message: string) => warnings.push(`${path}: ${message}`);
  switch (kind) {
    case "windsurf":
      readTrigger(rule, parsed.globs, fieldText(parsed, "trigger"), warn);
      break;
    case "cline": {
      rule.globs = fieldList(parsed, "paths") ?? [];
      const manual = from !== undefined && readNotes(rule);
      rule.alwaysApply = !manual && rule.globs.length === 0 && rule.description === undefined;
      break;
    }
    case "claude":
      rule.globs = fieldList(parsed, "paths") ?? [];
      rule.alwaysApply = rule.globs.length === 0;
      break;
    case "copilot": {
      const applyTo = fieldList(parsed, "applyTo");
      if (applyTo === undefined || applyTo.length === 0) {
        warn("It has no applyTo, so Copilot attaches it only by hand; imported as not always-on");
        rule.alwaysApply = false;
      } else if (applyTo.every((glob) => glob === "**" || glob === "**/*")) {
        rule.alwaysApply = true;
      } else {
        rule.globs = applyTo;
        rule.alwaysApply = false;
      }
      break;
    }
  }
  if (rule.body === "") warn("The rule has no text; imported with an empty body");
  return rule;
}

/** Maps Windsurf's trigger onto alwaysApply, globs and description. */
function readTrigger(
  rule: ImportedRule,
  globs: string[],
  trigger: string | undefined,
  warn: (message: string) => void,
): void {
  let effective = trigger;
  if (
    trigger !== "always_on" && trigger !== "glob" && trigger !== "model_decision" &&
    trigger !== "manual"
  ) {
    effective = globs.length > 0
      ? "glob"
      : rule.description !== undefined
      ? "model_decision"
      : "always_on";
    warn(
      `${
        trigger === undefined ? "It has no trigger" : `Unknown trigger ${JSON.stringify(trigger)}`
      }; imported as ${effective}, judging by its globs and description`,
    );
  }
  rule.alwaysApply = effective === "always_on";
  if (effective === "glob") {
    rule.globs = globs;
    if (globs.length === 0) warn("Trigger glob has no globs; imported without them");
    return;
  }
  if (globs.length > 0) warn(`Ignored the globs, which trigger ${effective} does not use`);
  if (effective === "model_decision" && rule.description === undefined) {
    warn("Trigger model_decision has no description; imported as a manual rule");
  }
  if (effective === "manual" && rule.description !== undefined) {
    warn("Ignored the description so that the rule stays manual");
    delete rule.description;
  }
}

/**
 * Reads the notes a Cline export writes after the marker ("Use when: …", the
 * manual note), each a one-line paragraph, and removes them from the body.
 * Returns whether the manual note was there.
 */
function readNotes(rule: ImportedRule): boolean {
  let manual = false;
  for (;;) {
    const nl = rule.body.indexOf("\n");
    const first = nl === -1 ? rule.body : rule.body.slice(0, nl);
    const rest = nl === -1 ? "" : rule.body.slice(nl + 1);
    if (rest !== "" && !rest.startsWith("\n")) return manual;
    if (first.startsWith(USE_WHEN) && first.length > USE_WHEN.length) {
      rule.description = first.slice(USE_WHEN.length).trim();
    } else if (first === MANUAL_NOTE) manual = true;
    else return manual;
    rule.body = normalizeBody(rest);
  }
}

/** The file's path under its rules folder, without `.md`, with `/` as `-` and unsafe characters as `-`. */
function stem(path: string, dirs: readonly string[]): string {
  let rest = path.slice(path.lastIndexOf("/") + 1);
  for (const dir of dirs) {
    const at = path.lastIndexOf(dir);
    if (at === 0 || (at > 0 && path[at - 1] === "/")) {
      rest = path.slice(at + dir.length);
      break;
    }
  }
  rest = rest.replace(/(\.instructions)?\.md$/i, "");
  return rest.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "imported";
}
