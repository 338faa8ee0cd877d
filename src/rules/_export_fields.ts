/**
 * Private helpers of `import_formats.ts`: reads frontmatter keys that Cursor
 * does not have (`trigger`, `paths`, `applyTo`) with the rule parser's own
 * tolerant readers, by handing the raw value to {@linkcode parseRule} as a
 * `description` (text) or `globs` (list). So `paths:` accepts a YAML block
 * list, a flow list, quoted items or a comma list, exactly as `globs` does.
 *
 * @module
 */
import { type ParsedRule, parseRule } from "./parse_rule.ts";

/** The last field named `key`, or undefined. */
function lastField(rule: ParsedRule, key: string) {
  return rule.fields.findLast((field) => field.key === key);
}

/** A field's value re-read under another key, so the parser's reader for that key applies. */
function reread(rawValue: string, as: "description" | "globs"): ParsedRule {
  const value = rawValue === "" || rawValue.startsWith("\n") ? rawValue : ` ${rawValue}`;
  return parseRule(`---\n${as}:${value}\n---\n`);
}

/** The text value of `key` (unquoted, trimmed), or undefined when absent or empty. */
export function fieldText(rule: ParsedRule, key: string): string | undefined {
  const field = lastField(rule, key);
  return field === undefined ? undefined : reread(field.rawValue, "description").description;
}

/** The list value of `key`, or undefined when the key is absent. */
export function fieldList(rule: ParsedRule, key: string): string[] | undefined {
  const field = lastField(rule, key);
  return field === undefined ? undefined : reread(field.rawValue, "globs").globs;
}
