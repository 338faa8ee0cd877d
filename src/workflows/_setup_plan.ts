/**
 * What the `prep_workspace` planners return for one file, and the text
 * helpers they share (line endings, appending a block).
 *
 * @module
 */

/** The plan for one file: its new text, or why it is left alone. */
export interface FilePlan {
  /** What would happen to the file. */
  action: "create" | "update" | "unchanged" | "skipped";
  /** The new text, for create and update. */
  after?: string;
  /** Why it is skipped, or a note the user should read. */
  reason?: string;
}

/**
 * The line ending a text uses: CRLF when its first line ends with one.
 *
 * @param text Existing file text.
 * @returns `"\r\n"` or `"\n"`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { eolOf } from "./_setup_plan.ts";
 * assert.equal(eolOf("a\r\nb\r\n"), "\r\n");
 * assert.equal(eolOf("a\nb"), "\n");
 * ```
 */
export function eolOf(text: string): "\r\n" | "\n" {
  const nl = text.indexOf("\n");
  return nl > 0 && text[nl - 1] === "\r" ? "\r\n" : "\n";
}

/**
 * Appends lines to a text, after a blank line, in the text's line ending.
 * The existing text stays a byte-for-byte prefix of the result.
 *
 * @param text Existing text ("" for none).
 * @param lines Lines to add.
 * @returns The new text, ending with a line ending.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { appendLines } from "./_setup_plan.ts";
 * assert.equal(appendLines("a\r\nb", ["c"]), "a\r\nb\r\n\r\nc\r\n");
 * assert.equal(appendLines("", ["c"]), "c\n");
 * ```
 */
export function appendLines(text: string, lines: readonly string[]): string {
  const eol = eolOf(text);
  let separator = "";
  if (text !== "" && !/(\r?\n){2}$/.test(text)) separator = text.endsWith("\n") ? eol : eol + eol;
  return text + separator + lines.join(eol) + eol;
}
