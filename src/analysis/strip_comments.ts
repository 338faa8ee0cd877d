/**
 * Removes the comments of a text in a known language, as `pack_context` does
 * before it packs a file for a model.
 *
 * @module
 */
import {
  atQuoteStart,
  charLiteralEnd,
  embeddedTag,
  findAtLineStart,
  isCommentBoundary,
  longBracketClose,
  matches,
  rawDelimiterEnd,
  rawPrefixAllowed,
  regexAllowed,
  regexEnd,
} from "./_literals.ts";
import { embeddedSyntaxOf, Kind, type Syntax, syntaxOf, type Token } from "./_syntax.ts";
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

const CODE = 0;
const STRING = 1;
const BLOCK = 2;
const NESTED = 3;

/**
 * The comments of `text` as flat (start, end) pairs, in order. This is the
 * state machine of `_scan.ts` without the line counting (docstrings are plain
 * strings here), recording where each comment starts and ends.
 */
function commentRanges(text: string, root: Syntax, from: number): number[] {
  const ranges: number[] = [];
  const len = text.length;
  let syntax = root;
  let first = syntax.first;
  let parent: Syntax | undefined;
  let i = from;
  let lineStart = from;
  let lineCode = false;
  let state = CODE;
  let commentStart = 0;
  let sToken: Token | undefined;
  let sClose = "";
  let sCloseFirst = -1;
  let sEscape = -1;
  let sMultiline = false;
  let sTemplate = false;
  let sNotFollowedBy = "";
  let sContinued = false;
  let sEnter: Syntax | undefined;
  let bEnd = 0;
  let bCloseLength = 0;
  let nOpen = "";
  let nClose = "";
  let nDepth = 0;
  let lastCode = -1;
  let braces = 0;
  const savedBraces: number[] = [];
  const savedTemplates: Token[] = [];

  scan: while (i < len) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = ++i;
      if (state === STRING) {
        if (!sMultiline && !sContinued) state = CODE;
        sContinued = false;
      }
      lineCode = state === STRING;
      continue;
    }

    if (state === CODE) {
      const candidates = c < 128 ? first[c] : undefined;
      if (candidates !== undefined) {
        let rawClose = "";
        let rawStart = 0;
        tokens: for (let k = 0; k < candidates.length; k++) {
          const t = candidates[k]!;
          if (!matches(text, i, t)) continue;
          const end = i + t.codes.length;
          switch (t.kind) {
            case Kind.Code:
              lineCode = true;
              lastCode = end - 1;
              i = end;
              continue scan;
            case Kind.LineStart:
            case Kind.Line: {
              if (t.kind === Kind.LineStart && lineCode) continue;
              if (
                syntax.commentsAtWordStart && i !== lineStart &&
                !isCommentBoundary(text.charCodeAt(i - 1))
              ) {
                continue;
              }
              const newline = text.indexOf("\n", end);
              ranges.push(i, newline === -1 ? len : newline);
              i = newline === -1 ? len : newline;
              continue scan;
            }
            case Kind.Block:
              if (t.atLineStart && i !== lineStart) continue;
              commentStart = i;
              if (t.nests) {
                state = NESTED;
                nOpen = t.open;
                nClose = t.close;
                nDepth = 1;
              } else {
                state = BLOCK;
                const close = t.atLineStart
                  ? findAtLineStart(text, end, t.close)
                  : text.indexOf(t.close, end);
                bEnd = close === -1 ? len : close;
                bCloseLength = close === -1 ? 0 : t.close.length;
                if (t.atLineStart && close !== -1) {
                  const newline = text.indexOf("\n", close);
                  bEnd = newline === -1 ? len : newline;
                  bCloseLength = 0;
                }
              }
              i = end;
              continue scan;
            case Kind.BlockLong: {
              const close = longBracketClose(text, end);
              if (close === "") continue;
              commentStart = i;
              state = BLOCK;
              const at = text.indexOf(close, end + close.length - 1);
              bEnd = at === -1 ? len : at;
              bCloseLength = at === -1 ? 0 : close.length;
              i = end + close.length - 1;
              continue scan;
            }
            case Kind.String:
              if (syntax.stringsAtWordStart && !atQuoteStart(text, i, lineStart)) continue;
              sToken = t;
              sClose = t.close;
              sCloseFirst = sClose === "" ? -1 : sClose.charCodeAt(0);
              sEscape = t.escape;
              sMultiline = t.multiline;
              sTemplate = t.template;
              sNotFollowedBy = t.closeNotFollowedBy;
              sContinued = false;
              state = STRING;
              lineCode = true;
              i = end;
              continue scan;
            case Kind.HashRaw: {
              let j = end;
              while (text.charCodeAt(j) === 35) j++;
              if (text.charCodeAt(j) !== 34) continue;
              let hashes = j - end;
              for (const unit of t.codes) if (unit === 35) hashes++;
              rawClose = `"${"#".repeat(hashes)}`;
              rawStart = j + 1;
              break tokens;
            }
            case Kind.DelimitedRaw: {
              if (!rawPrefixAllowed(text, i)) continue;
              const paren = rawDelimiterEnd(text, end);
              if (paren === -1) continue;
              rawClose = `)${text.slice(end, paren)}"`;
              rawStart = paren + 1;
              break tokens;
            }
            case Kind.StringLong: {
              const close = longBracketClose(text, end);
              if (close === "") continue;
              rawClose = close;
              rawStart = end + close.length - 1;
              break tokens;
            }
            case Kind.Char: {
              const after = charLiteralEnd(text, i);
              if (after === -1) continue;
              lineCode = true;
              lastCode = after - 1;
              i = after;
              continue scan;
            }
            case Kind.Regex: {
              if (!regexAllowed(text, lastCode)) continue;
              const after = regexEnd(text, end);
              if (after === -1) continue;
              lineCode = true;
              lastCode = after - 1;
              i = after;
              continue scan;
            }
            case Kind.BraceOpen:
              braces++;
              break;
            case Kind.BraceClose:
              if (braces === 0 && savedTemplates.length > 0) {
                braces = savedBraces.pop()!;
                const template = savedTemplates.pop()!;
                sToken = template;
                sClose = template.close;
                sCloseFirst = sClose.charCodeAt(0);
                sEscape = template.escape;
                sMultiline = true;
                sTemplate = true;
                sNotFollowedBy = "";
                state = STRING;
                lineCode = true;
                i = end;
                continue scan;
              }
              if (braces > 0) braces--;
              break;
            case Kind.EmbedOpen: {
              const tag = embeddedTag(text, end);
              if (tag === undefined) continue;
              const byLang = t.embed!.byLang ?? {};
              const name = (tag.lang === undefined ? undefined : byLang[tag.lang]) ??
                t.embed!.language;
              sEnter = embeddedSyntaxOf(t.embed!, name);
              rawClose = ">";
              rawStart = end;
              break tokens;
            }
            case Kind.EmbedClose:
              if (parent !== undefined) {
                syntax = parent;
                first = syntax.first;
                parent = undefined;
                braces = 0;
                savedBraces.length = 0;
                savedTemplates.length = 0;
              }
              lineCode = true;
              lastCode = end - 1;
              i = end;
              continue scan;
          }
          break;
        }
        if (rawClose !== "") {
          sToken = undefined;
          sClose = rawClose;
          sCloseFirst = rawClose.charCodeAt(0);
          sEscape = -1;
          sMultiline = true;
          sTemplate = false;
          sNotFollowedBy = "";
          sContinued = false;
          state = STRING;
          lineCode = true;
          i = rawStart;
          continue;
        }
      }
      if (c > 32 ? c !== 0xfeff : c !== 32 && c !== 9 && c !== 13 && c !== 12 && c !== 11) {
        lineCode = true;
        lastCode = i;
      }
      i++;
      continue;
    }

    if (state === STRING) {
      if (c === sCloseFirst && text.startsWith(sClose, i)) {
        const after = i + sClose.length;
        if (sNotFollowedBy !== "" && after < len && sNotFollowedBy.includes(text[after]!)) {
          i = after + 1;
          continue;
        }
        i = after;
        lastCode = after - 1;
        state = CODE;
        if (sEnter !== undefined) {
          parent = syntax;
          syntax = sEnter;
          first = syntax.first;
          sEnter = undefined;
          braces = 0;
        }
        continue;
      }
      if (c === sEscape) {
        const next = text.charCodeAt(i + 1);
        if (next === 10) {
          sContinued = true;
          i++;
        } else if (next === 13 && text.charCodeAt(i + 2) === 10) {
          sContinued = true;
          i += 2;
        } else {
          i += 2;
        }
        continue;
      }
      if (sTemplate && c === 36 && text.charCodeAt(i + 1) === 123) {
        savedBraces.push(braces);
        savedTemplates.push(sToken!);
        braces = 0;
        state = CODE;
        i += 2;
        continue;
      }
      i++;
      continue;
    }

    if (state === BLOCK) {
      // Jump to the end at once: newlines inside change no state here.
      i = bEnd + bCloseLength;
      ranges.push(commentStart, i);
      state = CODE;
      const newline = text.lastIndexOf("\n", i - 1);
      if (newline >= commentStart) {
        lineStart = newline + 1;
        lineCode = false;
      }
      continue;
    }

    // NESTED
    if (c === nClose.charCodeAt(0) && text.startsWith(nClose, i)) {
      i += nClose.length;
      if (--nDepth === 0) {
        state = CODE;
        ranges.push(commentStart, i);
      }
    } else if (c === nOpen.charCodeAt(0) && text.startsWith(nOpen, i)) {
      i += nOpen.length;
      nDepth++;
    } else {
      i++;
    }
  }
  if (state === NESTED) ranges.push(commentStart, len);
  return ranges;
}
