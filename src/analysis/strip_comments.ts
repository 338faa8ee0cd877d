/**
 * Removes the comments of a text in a known language, as `pack_context` does
 * before it packs a file for a model.
 *
 * @module
 */
import { scan } from "./_scan.ts";
import { type Syntax, syntaxOf } from "./_syntax.ts";
import type { LanguageDefinition } from "./languages.ts";

/**
 * Removes the line and block comments of `text`, with the same syntax
 * knowledge `countLines` uses: comment markers inside strings, template
 * literals (`${…}` included), regex literals and raw strings stay; block
 * comments nest only where the language's do (Rust, Swift, Haskell…);
 * `<script>` and `<style>` sections of HTML-like files use their own language.
 *
 * The line structure stays readable:
 * - a line that held only comments (and whitespace) disappears, and so does
 *   every line inside a removed block comment;
 * - a line with code keeps its code; the whitespace left at its end by a
 *   removed comment is trimmed, so are the blanks right after a comment that
 *   follows a blank or starts the line (`a /* c *\/ b` → `a b`,
 *   `/* c *\/ x` → `x`), and a comment between two non-blank characters
 *   becomes one space, so no tokens merge (`a/* c *\/b` → `a b`, and
 *   `/ /* c *\/ /` cannot become a `//` comment);
 * - blank lines, and lines without comments, are kept as they are, line
 *   endings (`\n` or `\r\n`) included.
 *
 * Kept on purpose: a shebang (`#!` at the very start), and Python docstrings,
 * which are strings and so code (repomix removes them; we keep the program's
 * meaning intact). Like the line counter, it scans shell, Ruby and PHP
 * heredocs as code, so a `#` line inside a heredoc is removed.
 *
 * The result is stable: stripping it again changes nothing.
 *
 * @param text The file's text, decoded.
 * @param language One of `LANGUAGES` (see `detectLanguage`); it is looked up by
 *   name, so the compiled, cached syntax of that entry is used.
 * @returns The text without comments.
 * @throws {RangeError} When `language.name` is not a name from `LANGUAGES`.
 *
 * @example Strip a TypeScript snippet
 * ```ts
 * import assert from "node:assert/strict";
 * import { LANGUAGES } from "./languages.ts";
 * import { stripComments } from "./strip_comments.ts";
 * const ts = LANGUAGES.find((language) => language.name === "TypeScript")!;
 * const text = '// header\nconst url = "http://x"; // note\n/* block\n   comment *\/\nlet a = 1;\n';
 * assert.equal(stripComments(text, ts), 'const url = "http://x";\nlet a = 1;\n');
 * ```
 */
export function stripComments(text: string, language: LanguageDefinition): string {
  const syntax = syntaxOf(language.name);
  if (syntax === undefined) {
    throw new RangeError(
      `Cannot strip comments as "${language.name}": it is not a language name from LANGUAGES`,
    );
  }
  // A shebang line (`#!`, not Rust's `#![attr]`) is kept whole.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let from = 0;
  if (text.startsWith("#!", bom) && text.charCodeAt(bom + 2) !== 91) {
    const newline = text.indexOf("\n", bom);
    from = newline === -1 ? text.length : newline + 1;
  }
  const ranges = commentRanges(text, syntax, from);
  return ranges.length === 0 ? text : rebuild(text, ranges);
}

/** Rebuilds `text` line by line without the comment `ranges` (start, end pairs). */
function rebuild(text: string, ranges: number[]): string {
  const len = text.length;
  const out: string[] = [];
  let r = 0;
  let lineStart = 0;
  while (lineStart < len) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? len : newline;
    const contentEnd = lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13
      ? lineEnd - 1
      : lineEnd;
    const next = newline === -1 ? len : newline + 1;
    if (r >= ranges.length || ranges[r]! >= contentEnd) {
      out.push(text.slice(lineStart, next));
      lineStart = next;
      continue;
    }
    let line = "";
    let pos = lineStart;
    while (r < ranges.length && ranges[r]! < contentEnd) {
      const start = Math.max(ranges[r]!, lineStart);
      let end = Math.min(ranges[r + 1]!, contentEnd);
      if (start > pos) line += text.slice(pos, start);
      if (end < contentEnd) {
        if (line === "" || isBlank(line.charCodeAt(line.length - 1))) {
          // `a /* c */ b` → `a b`, and `/* c */ x` → `x`.
          while (end < contentEnd && isBlank(text.charCodeAt(end))) end++;
        } else if (!isBlank(text.charCodeAt(end))) {
          // `a/* c */b` → `a b`: a comment separates tokens.
          line += " ";
        }
      }
      pos = Math.max(pos, end);
      if (ranges[r + 1]! > lineEnd) break;
      r += 2;
    }
    const tail = text.slice(pos, contentEnd);
    line += tail;
    if (line.trim() === "") {
      lineStart = next;
      continue;
    }
    if (tail.trim() === "") line = line.trimEnd();
    out.push(line, text.slice(contentEnd, next));
    lineStart = next;
  }
  return out.join("");
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 12 || c === 11;
}

/**
 * The comments of `text` as flat (start, end) pairs, in order, from the line
 * counter's own scanner (docstrings are plain strings here).
 */
function commentRanges(text: string, root: Syntax, from: number): number[] {
  const ranges: number[] = [];
  scan(text, root, false, (start, end) => ranges.push(start, end), from);
  return ranges;
}
