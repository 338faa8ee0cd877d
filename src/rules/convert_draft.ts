/**
 * Converts legacy v1 drafts (`hack/drafts/cursor_rules/*.mdc.md`: frontmatter,
 * a title, an intro and `<rule>` blocks in a YAML-like syntax) into v2 Cursor
 * rules (`.cursor/rules/<category>/<name>.mdc`: frontmatter, `# Title`,
 * `## Context`, `## Critical Rules`, `## Examples`).
 *
 * The conversion is pure, deterministic and total: any string gives a rule
 * that {@linkcode parseRule} reads without errors, plus warnings saying what
 * could not be carried over faithfully.
 *
 * @module
 */
import type { RuleChanges } from "./edit_rule.ts";
import { parseRule } from "./parse_rule.ts";
import { type RuleType, ruleTypeOf } from "./rule_type.ts";
import { readBlock } from "./_draft_block.ts";
import { buildExamples } from "./_draft_examples.ts";
import {
  chooseAlwaysApply,
  chooseGlobs,
  sortFilters,
  writeFrontmatter,
} from "./_draft_frontmatter.ts";
import { kebabCase, oneLine, titleCase, toBullets } from "./_draft_markdown.ts";
import { readDraftText } from "./_draft_read.ts";
import {
  blockTitle,
  categoryOf,
  describeFilter,
  metadataLine,
  ruleBullets,
} from "./_draft_sections.ts";

/** A converted draft. */
export interface ConvertedDraft {
  /** Target rule name without category, kebab-case (`python-testing`). */
  name: string;
  /** Category folder under `.cursor/rules/`. */
  category: "core-rules" | "global-rules" | "testing-rules" | "tool-rules" | string;
  /** `${category}/${name}.mdc`, relative to `.cursor/rules/`. */
  path: string;
  /** The complete v2 `.mdc` content. */
  text: string;
  /** How Cursor applies the rule. */
  type: RuleType;
  /** What could not be converted faithfully, in the order it was found. */
  warnings: string[];
}

/** Options of {@linkcode convertDraft}. */
export interface ConvertDraftOptions {
  /**
   * Append the type to the name (`name-always|auto|agent|manual`), the naming
   * convention some teams follow.
   *
   * @default {false}
   */
  typeSuffix?: boolean;
  /**
   * Expand brace sets in the draft's globs (`*.{ts,tsx}` → `*.ts,*.tsx`),
   * which some Cursor versions do not match. A warning is given either way.
   *
   * @default {false}
   */
  expandBraces?: boolean;
}

const SUFFIXES: Readonly<Record<RuleType, string>> = {
  "always": "always",
  "auto-attached": "auto",
  "agent-requested": "agent",
  "manual": "manual",
};

/**
 * Converts a v1 draft into a v2 rule. Never throws: unreadable parts are left
 * out or kept as text and reported in `warnings`.
 *
 * - Frontmatter values of the draft win; otherwise `description` comes from
 *   the `<rule>` description and `globs` from the path filters
 *   (`file_extension`, `file_name`, `file_path`, `path`, `directory`):
 *   `\.py$` → `**\/*.py`, `\.(ts|tsx)$` → `**\/*.ts,**\/*.tsx`, `^src/` →
 *   `src/**`. Other filters are described in Context, with a warning.
 * - Context: the descriptions, the intro, the filters that are not globs and
 *   a metadata line (priority, version, tags).
 * - Critical Rules: one bullet per non-empty line of each action message;
 *   headings become bold bullets, code blocks stay under their bullet.
 * - Examples: one `<example>` per example; those whose output rejects, or
 *   the "Bad" parts of inputs, are `<example type="invalid">`. Missing
 *   kinds are reported, never invented.
 * - Several `<rule>` blocks are merged into one rule (one Critical Rules
 *   subsection each) named after the file; free Markdown around the blocks
 *   is kept after Examples. A draft without a block becomes a rule whose
 *   Critical Rules are its Markdown.
 * - The name is the block's `name:` in kebab-case, else the file name
 *   without `.mdc.md`; the category comes from the tags, then the name
 *   (testing → `testing-rules`, tools → `tool-rules`, global →
 *   `global-rules`, else `core-rules`). The output keeps the draft's line
 *   ending (the first line's).
 *
 * @param text The draft's text.
 * @param fileName The draft's file name (a path is fine), used for the name.
 * @param options Naming and glob options.
 * @returns The converted rule.
 *
 * @example Convert a draft with a filter, an action and examples
 * ```ts
 * import assert from "node:assert/strict";
 * import { convertDraft } from "./convert_draft.ts";
 * const draft = [
 *   "# Python Testing", "", "<rule>", "name: python_testing",
 *   "description: Standards for pytest tests", "filters:", "  - type: file_extension",
 *   '    pattern: "\\\\.py$"', "actions:", "  - type: suggest", "    message: |",
 *   "      Use pytest fixtures", "examples:", "  - input: |", "      def test_x(): assert f()",
 *   '    output: "Rejected: no docstring"', "metadata:", "  tags: [testing]", "</rule>", "",
 * ].join("\n");
 * const rule = convertDraft(draft, "python_testing.mdc.md", { typeSuffix: true });
 * assert.equal(rule.path, "testing-rules/python-testing-auto.mdc");
 * assert.equal(rule.type, "auto-attached");
 * assert.ok(rule.text.startsWith("---\ndescription: Standards for pytest tests\nglobs: **\/*.py\n"));
 * assert.ok(rule.text.includes("- Use pytest fixtures"));
 * assert.ok(rule.text.includes('<example type="invalid">'));
 * assert.deepEqual(rule.warnings, ["the draft has no valid example; add one by hand"]);
 * ```
 */
export function convertDraft(
  text: string,
  fileName: string,
  options: ConvertDraftOptions = {},
): ConvertedDraft {
  const { typeSuffix = false, expandBraces = false } = options ?? {};
  const source = typeof text === "string" ? text : String(text ?? "");
  const file = typeof fileName === "string" ? fileName : String(fileName ?? "");
  try {
    return convert(source, file, typeSuffix === true, expandBraces === true);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n", 1)[0] : String(error);
    return minimalRule(file, typeSuffix === true, `Cannot convert the draft: ${reason}`);
  }
}

function convert(
  source: string,
  file: string,
  typeSuffix: boolean,
  expand: boolean,
): ConvertedDraft {
  const warnings: string[] = [];
  const nl = source.indexOf("\n");
  const eol = nl > 0 && source[nl - 1] === "\r" ? "\r\n" : "\n";
  const text = source.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n");
  if (text.trim() === "") warnings.push("the draft is empty; wrote a rule with only its name");
  const draft = readDraftText(text, warnings);
  const blocks = draft.blocks.map((block) => readBlock(block.content, block.line, warnings));
  const fm = draft.frontmatter;

  const fileBase = kebabCase(baseName(file));
  const blockName = blocks.length === 1 ? kebabCase(blocks[0]!.name) : "";
  let name = blockName || fileBase || "converted-rule";
  if (blocks.length > 1) {
    const names = blocks.slice(0, 10).map((block, i) => kebabCase(block.name) || `#${i + 1}`)
      .join(", ") + (blocks.length > 10 ? `, and ${blocks.length - 10} more` : "");
    warnings.push(
      `merged ${blocks.length} <rule> blocks (${names}) into one rule named after the file`,
    );
  } else if (blocks.length === 1 && blockName === "") {
    warnings.push("the <rule> block has no name; named the rule after the file");
  }
  if (!blockName && !fileBase) warnings.push(`found no usable name; named the rule ${name}`);
  if (blocks.length === 0 && text.trim() !== "") {
    warnings.push("the draft has no <rule> block; its Markdown became Critical Rules");
  }

  const title = draft.title ?? titleCase(name);
  const descriptions = unique(blocks.map((block) => oneLine(block.description)));
  const description = fm?.description ?? (descriptions.join("; ") || undefined);
  const filters = sortFilters(blocks, warnings);
  const globs = chooseGlobs(fm, filters.globs, expand, warnings);
  const alwaysApply = chooseAlwaysApply(fm, warnings);
  if (alwaysApply && (globs.length > 0 || description !== undefined)) {
    warnings.push("alwaysApply is true, so Cursor ignores the description and globs");
  }

  const context = unique([
    fm?.description ?? "",
    ...blocks.map((block, i) =>
      blocks.length > 1 && block.description
        ? `${blockTitle(block, i)}: ${oneLine(block.description)}`
        : oneLine(block.description)
    ),
    draft.intro,
    ...filters.context.map(describeFilter),
    ...blocks.map((block, i) => {
      const line = metadataLine(block);
      return blocks.length > 1 && line ? `${blockTitle(block, i)}: ${line}` : line;
    }),
  ]).filter((line) => line.toLowerCase() !== oneLine(title).toLowerCase())
    .map((line) => `- ${line}`);
  if (context.length === 0) {
    warnings.push("found nothing for Context; describe when the rule applies");
  }

  const rules: string[] = [];
  if (blocks.length === 0) rules.push(...toBullets(draft.preamble, 0, title));
  blocks.forEach((block, i) => {
    const bullets = ruleBullets(block.actions, title);
    if (bullets.length === 0) {
      warnings.push(`the <rule> block on line ${block.line} has no action messages`);
    }
    if (blocks.length > 1 && bullets.length > 0) rules.push(`### ${blockTitle(block, i)}`, "");
    rules.push(...bullets);
    if (blocks.length > 1 && bullets.length > 0) rules.push("");
  });
  while (rules.at(-1) === "") rules.pop();
  if (rules.length === 0 && blocks.length === 0 && text.trim() !== "") {
    warnings.push("found nothing for Critical Rules");
  }

  const examples = buildExamples(blocks.flatMap((block) => block.examples));
  if (examples.blocks.length === 0) {
    warnings.push("the draft has no examples; add a valid and an invalid <example> by hand");
  } else {
    if (examples.valid === 0) warnings.push("the draft has no valid example; add one by hand");
    if (examples.invalid === 0) warnings.push("the draft has no invalid example; add one by hand");
  }

  const extra = [blocks.length > 0 ? draft.preamble : "", draft.trailing]
    .map((part) => part.replace(/^\n+|\s+$/g, "")).filter((part) => part !== "").join("\n\n");
  const sections = [
    `# ${oneLine(title)}`,
    section("## Context", context),
    section("## Critical Rules", rules),
    section(
      "## Examples",
      examples.blocks.flatMap((block, i) => (i === 0 ? [block] : ["", block])),
    ),
  ];
  if (extra !== "") {
    const kept = demoteTitles(extra);
    sections.push(/^#{1,6} /.test(kept) ? kept : `## Notes\n\n${kept}`);
    const count = kept.split("\n").length;
    warnings.push(
      `kept ${count} line${count === 1 ? "" : "s"} of free Markdown from the draft after Examples`,
    );
  }
  let body = `${sections.join("\n\n")}\n`;
  if (eol === "\r\n") body = body.replace(/\n/g, "\r\n");

  const changes: RuleChanges = { description: description ?? "", globs, alwaysApply };
  if (fm && fm.extends.length > 0) changes.extends = fm.extends;
  if (fm && fm.extra.length > 0) {
    changes.fields = Object.fromEntries(fm.extra);
    warnings.push(
      `kept frontmatter ${fm.extra.map(([key]) => key).join(", ")}, which Cursor ignores`,
    );
  }
  const output = writeFrontmatter(body, changes, warnings);
  const parsed = parseRule(output);
  if (parsed.diagnostics.some((d) => d.severity === "error")) {
    return minimalRule(file, typeSuffix, "Cannot convert the draft: the result did not parse");
  }
  const type = ruleTypeOf(parsed);
  name = withSuffix(name, type, typeSuffix, warnings);
  const category = categoryOf(blocks.flatMap((block) => block.tags), name, type === "always");
  return { name, category, path: `${category}/${name}.mdc`, text: output, type, warnings };
}

/** `# X` → `## X` outside code fences, so the rule keeps a single title. */
function demoteTitles(markdown: string): string {
  let inFence = false;
  return markdown.split("\n").map((line) => {
    if (/^\s*(?:```|~~~)/.test(line)) inFence = !inFence;
    return !inFence && line.startsWith("# ") ? `#${line}` : line;
  }).join("\n");
}

function section(heading: string, lines: readonly string[]): string {
  return lines.length === 0 ? heading : `${heading}\n\n${lines.join("\n")}`;
}

function unique(items: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of items) {
    const key = item.toLowerCase().replace(/[\s.]+$/, "").trim();
    if (key === "" || seen.has(key)) continue;
    seen.add(key);
    out.push(item.trim());
  }
  return out;
}

function baseName(file: string): string {
  const base = file.split(/[\\/]/).at(-1) ?? "";
  return base.replace(/\.mdc\.md$/i, "").replace(/\.(?:mdc|md|markdown|txt)$/i, "");
}

function withSuffix(name: string, type: RuleType, typeSuffix: boolean, warnings: string[]): string {
  if (!typeSuffix) return name;
  const wanted = SUFFIXES[type];
  const current = /-(always|auto|agent|manual)$/.exec(name);
  if (current?.[1] === wanted) return name;
  if (current) {
    warnings.push(`renamed ${name}: its suffix says ${current[1]} but the rule is ${type}`);
    return `${name.slice(0, -current[0].length)}-${wanted}`;
  }
  return `${name}-${wanted}`;
}

/** The rule written when conversion fails: only the frontmatter and a title. */
function minimalRule(file: string, typeSuffix: boolean, warning: string): ConvertedDraft {
  const base = kebabCase(baseName(file)) || "converted-rule";
  const name = typeSuffix ? `${base}-manual` : base;
  const text = [
    "---",
    "description:",
    "globs:",
    "alwaysApply: false",
    "---",
    `# ${titleCase(base)}`,
    "",
    "## Context",
    "",
    "## Critical Rules",
    "",
    "## Examples",
    "",
  ].join("\n");
  return {
    name,
    category: "core-rules",
    path: `core-rules/${name}.mdc`,
    text,
    type: "manual",
    warnings: [warning],
  };
}
