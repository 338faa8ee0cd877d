/**
 * Counts the code, comment and blank lines of a text in a known language.
 *
 * @module
 */
import { scan } from "./_scan.ts";
import { syntaxOf } from "./_syntax.ts";

/** The line counts of one text. */
export interface LineCounts {
  /** Lines with any code, even when they also hold a comment. String contents are code. */
  code: number;
  /** Lines with a comment and no code, and every line inside a block comment or docstring. */
  comment: number;
  /** Lines of only whitespace, outside block comments and strings. */
  blank: number;
  /** All lines: `code + comment + blank`. */
  lines: number;
}

/** Options of {@linkcode countLines}. */
export interface CountLinesOptions {
  /**
   * Count a docstring (a triple-quoted string that is a statement on its own,
   * in Python and Starlark) as comment lines, as tokei does with
   * `treat_doc_strings_as_comments`. When false it is a string, so code.
   *
   * @default {true}
   */
  docStringsAsComments?: boolean;
}

/**
 * Counts the code, comment and blank lines of `text`, in one pass, following
 * tokei's rules:
 *
 * - a line of only whitespace is blank, unless it lies inside a block comment
 *   (then comment) or a multi-line string (then code);
 * - a line with any code is code, even if it also has a comment
 *   (`x = 1; // note`, `/* a *\/ x /* b *\/`);
 * - a line with only comments, or inside a block comment, is comment;
 * - comment markers inside strings are not comments, and a block comment
 *   opening inside a string opens nothing; multi-line strings are code;
 * - block comments nest only where the language's do (Rust, Swift, Haskell…);
 * - a Python docstring counts as comment (see `docStringsAsComments`): a
 *   triple-quoted string at the start of a line, outside brackets and not
 *   after a backslash continuation;
 * - text after the last newline is a line when it is not empty; `\r\n` ends a
 *   line like `\n` (a lone `\r` does not);
 * - JavaScript template literals are strings, and the code inside `${…}` is
 *   scanned as code, nesting included.
 *
 * It differs from tokei in that a line which starts inside a block comment but
 * has code after its end (`*\/ x = 1;`) is code, not comment, and Markdown
 * text is code (tokei counts all Markdown prose as comments).
 *
 * @param text The file's text, decoded (see `isBinary` first).
 * @param language A language name from `LANGUAGES` (see `detectLanguage`).
 * @param options Whether docstrings are comments.
 * @returns The counts.
 * @throws {RangeError} When `language` is not a name from `LANGUAGES`.
 *
 * @example Count a TypeScript snippet
 * ```ts
 * import assert from "node:assert/strict";
 * import { countLines } from "./count_lines.ts";
 * const text = 'const url = "http://x"; // real comment\n\n/* block\n   comment *\/\n';
 * assert.deepEqual(countLines(text, "TypeScript"), { code: 1, comment: 2, blank: 1, lines: 4 });
 * ```
 */
export function countLines(
  text: string,
  language: string,
  options: CountLinesOptions = {},
): LineCounts {
  const { docStringsAsComments = true } = options;
  const syntax = syntaxOf(language);
  if (syntax === undefined) {
    throw new RangeError(
      `Cannot count lines as "${language}": it is not a language name from LANGUAGES`,
    );
  }
  return scan(text, syntax, docStringsAsComments);
}
