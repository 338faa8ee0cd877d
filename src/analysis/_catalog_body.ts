/**
 * Builds catalogue entries: the metadata plus a body in the house layout
 * (title, Context, Critical Rules, a valid and an invalid example).
 *
 * @module
 */
import type { CatalogRule } from "./rule_catalog.ts";

/** A catalogue entry before its body is assembled. */
export interface EntryParts extends Omit<CatalogRule, "body"> {
  /** Context bullets, without the leading `- `. */
  context: readonly string[];
  /** Critical Rules bullets, without the leading `- `. */
  rules: readonly string[];
  /** The valid example (dedented; the first and last blank lines are dropped). */
  good: string;
  /** The invalid example (dedented likewise). */
  bad: string;
}

/**
 * Assembles a catalogue entry; the body's title is the entry's title.
 *
 * @param parts Metadata, bullets and examples.
 * @returns The entry.
 */
export function entry(parts: EntryParts): CatalogRule {
  const { context, rules, good, bad, ...meta } = parts;
  const bullets = (items: readonly string[]): string => items.map((item) => `- ${item}`).join("\n");
  const body = `# ${meta.title}

## Context

${bullets(context)}

## Critical Rules

${bullets(rules)}

## Examples

<example>
${indent(dedent(good))}
</example>

<example type="invalid">
${indent(dedent(bad))}
</example>
`;
  return {
    id: meta.id,
    title: meta.title,
    summary: meta.summary,
    category: meta.category,
    description: meta.description,
    globs: meta.globs,
    alwaysApply: meta.alwaysApply,
    triggers: meta.triggers,
    body,
  };
}

/** Drops a leading and a trailing blank line and the spaces common to every non-blank line. */
function dedent(text: string): string {
  const lines = text.replace(/^[ \t]*\n/, "").replace(/\n[ \t]*$/, "").split("\n");
  const widths = lines.filter((line) => line.trim() !== "").map((line) =>
    line.length - line.replace(/^ +/, "").length
  );
  const common = widths.length === 0 ? 0 : Math.min(...widths);
  return lines.map((line) => (line.trim() === "" ? "" : line.slice(common))).join("\n");
}

function indent(text: string): string {
  return text.split("\n").map((line) => (line === "" ? "" : `  ${line}`)).join("\n");
}
