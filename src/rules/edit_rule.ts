/**
 * Lossless edits of Cursor rule files: change one frontmatter field and every
 * other byte (byte order mark, line endings, comments, key order, unknown keys,
 * body) stays as it was.
 *
 * @module
 */
import { applyChanges } from "./_apply_changes.ts";
import { parseRule } from "./parse_rule.ts";

/**
 * What {@linkcode editRule} changes. An absent or undefined property leaves its
 * key alone; `null` removes the key with all its lines.
 */
export interface RuleChanges {
  /** Written raw on one line (line breaks become spaces); empty writes a bare `description:`. */
  description?: string | null;
  /** Written unquoted and comma-separated without spaces (`*.ts,src/**`); empty writes a bare `globs:`. */
  globs?: string[] | null;
  /** Written as `true` or `false`. */
  alwaysApply?: boolean | null;
  /** Rule names, written as a flow list `[a, b]`. */
  extends?: string[] | null;
  /** Other keys and their raw one-line values, written verbatim. */
  fields?: Record<string, string | null>;
  /** The new body: the exact text after the closing `---` line. */
  body?: string;
}

/**
 * Changes frontmatter fields or the body of a rule without touching anything
 * else. An existing key is rewritten in place, keeping its spelling and
 * indentation (block lists and block scalars collapse to one line); when a key
 * appears more than once the last line is rewritten and the earlier ones are
 * removed. A new `description`, `globs` or `alwaysApply` goes before the first
 * key that comes after it in that order, any other new key before the closing
 * `---`. A file without frontmatter gets one at the top (after the byte order
 * mark), with the file's line ending. New lines take the line ending of the
 * line before them.
 *
 * @param text The rule file's text.
 * @param changes What to change.
 * @returns The new text.
 * @throws {CodegenError} VALIDATION_FAILED when a frontmatter value changes but
 * the frontmatter has no closing `---` line.
 * @throws {TypeError} When a glob or extends entry would not read back as given
 * (a comma outside `{}`, surrounding quotes or brackets, a line break), or a key
 * in `fields` is malformed or also set by its own property.
 *
 * @example Set globs, keep CRLF and the comment
 * ```ts
 * import assert from "node:assert/strict";
 * import { editRule } from "./edit_rule.ts";
 * const text = "---\r\n# owner: web\r\ndescription:\r\nglobs: \"*.ts\"\r\n---\r\nBody\r\n";
 * const edited = editRule(text, { globs: ["*.ts", "src/**\/*.tsx"] });
 * assert.ok(
 *   edited === "---\r\n# owner: web\r\ndescription:\r\nglobs: *.ts,src/**\/*.tsx\r\n---\r\nBody\r\n",
 * );
 * ```
 */
export function editRule(text: string, changes: RuleChanges): string {
  return applyChanges(parseRule(text), changes);
}
