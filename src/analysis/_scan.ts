/**
 * Private: the single-pass line classifier behind `countLines`. It walks the
 * text once with `charCodeAt`, keeps its state in local variables, and jumps
 * over comment bodies with `indexOf`, so no substring or regex is made per
 * character.
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
import { embeddedSyntaxOf, Kind, type Syntax, type Token } from "./_syntax.ts";
import type { LineCounts } from "./count_lines.ts";

const CODE = 0;
const STRING = 1;
const BLOCK = 2;
const NESTED = 3;

/**
 * Classifies every line of `text`, and tells `onComment` where each comment
 * starts and ends (the comment stripper uses that; the counter does not).
 *
 * @param text The file's text.
 * @param root The compiled syntax of its language.
 * @param docStringsAsComments Count docstrings as comment lines.
 * @param onComment Told each comment's [start, end) offsets, in order.
 * @param from Where to start (after a shebang line, say).
 * @returns The counts.
 */
export function scan(
  text: string,
  root: Syntax,
  docStringsAsComments: boolean,
  onComment?: (start: number, end: number) => void,
  from = 0,
): LineCounts {
  const len = text.length;
  let commentStart = 0;
  let syntax = root;
  let first = syntax.first;
  let parent: Syntax | undefined;
  let code = 0;
  let comment = 0;
  let blank = 0;
  let i = from;
  let lineStart = from;
  let lineCode = false;
  let lineComment = false;
  let state = CODE;
  // The open string: its closing delimiter, escape, shape and origin.
  let sToken: Token | undefined;
  let sClose = "";
  let sCloseFirst = -1;
  let sEscape = -1;
  let sMultiline = false;
  let sTemplate = false;
  let sDoc = false;
  let sBlankIsBlank = false;
  let sNotFollowedBy = "";
  let sContinued = false;
  let sEnter: Syntax | undefined;
  // The open block comment: where its closing delimiter starts (BLOCK), or
  // its delimiters and depth (NESTED).
  let bEnd = 0;
  let bCloseLength = 0;
  let nOpen = "";
  let nClose = "";
  let nDepth = 0;
  // Context for regex literals, docstrings and template substitutions.
  let lastCode = -1;
  let continued = false;
  let brackets = 0;
  let braces = 0;
  const savedBraces: number[] = [];
  const savedTemplates: Token[] = [];

  scan: while (i < len) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (lineCode) code++;
      else if (lineComment) comment++;
      else blank++;
      continued = lastCode >= lineStart && text.charCodeAt(lastCode) === 92;
      lineStart = ++i;
      if (state === CODE) {
        lineCode = false;
        lineComment = false;
      } else if (state === STRING) {
        if (!sMultiline && !sContinued) {
          // An unclosed one-line string ends with its line.
          state = CODE;
          lineCode = false;
          lineComment = false;
        } else {
          lineCode = !sDoc && !sBlankIsBlank;
          lineComment = sDoc;
        }
        sContinued = false;
      } else {
        lineCode = false;
        lineComment = true;
      }
      continue;
    }

    if (state === CODE) {
      const candidates = c < 128 ? first[c] : undefined;
      if (candidates !== undefined) {
        // Raw strings and tags open here, after the loop, with `rawClose`.
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
              lineComment = true;
              const newline = text.indexOf("\n", end);
              onComment?.(i, newline === -1 ? len : newline);
              i = newline === -1 ? len : newline;
              continue scan;
            }
            case Kind.Block:
              if (t.atLineStart && i !== lineStart) continue;
              lineComment = true;
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
                  // The rest of the closing line (`=end foo`) is comment too.
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
              lineComment = true;
              commentStart = i;
              state = BLOCK;
              const at = text.indexOf(close, end + close.length - 1);
              bEnd = at === -1 ? len : at;
              bCloseLength = at === -1 ? 0 : close.length;
              i = end + close.length - 1;
              continue scan;
            }
            case Kind.String: {
              if (syntax.stringsAtWordStart && !atQuoteStart(text, i, lineStart)) continue;
              const doc: boolean = t.docString && docStringsAsComments && !lineCode &&
                brackets === 0 &&
                !continued;
              sToken = t;
              sClose = t.close;
              sCloseFirst = sClose === "" ? -1 : sClose.charCodeAt(0);
              sEscape = t.escape;
              sMultiline = t.multiline;
              sTemplate = t.template;
              sDoc = doc;
              sBlankIsBlank = t.blankLinesAreBlank;
              sNotFollowedBy = t.closeNotFollowedBy;
              sContinued = false;
              state = STRING;
              if (doc) lineComment = true;
              else lineCode = true;
              i = end;
              continue scan;
            }
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
              const delimiter = text.slice(end, paren);
              rawClose = `)${delimiter}"`;
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
                // The `}` that ends a `${…}` substitution: back into the template.
                braces = savedBraces.pop()!;
                const template = savedTemplates.pop()!;
                sToken = template;
                sClose = template.close;
                sCloseFirst = sClose.charCodeAt(0);
                sEscape = template.escape;
                sMultiline = true;
                sTemplate = true;
                sDoc = false;
                sBlankIsBlank = false;
                sNotFollowedBy = "";
                state = STRING;
                lineCode = true;
                i = end;
                continue scan;
              }
              if (braces > 0) braces--;
              break;
            case Kind.BracketOpen:
              brackets++;
              break;
            case Kind.BracketClose:
              if (brackets > 0) brackets--;
              break;
            case Kind.EmbedOpen: {
              const tag = embeddedTag(text, end);
              if (tag === undefined) continue;
              const byLang = t.embed!.byLang ?? {};
              const name = (tag.lang === undefined ? undefined : byLang[tag.lang]) ??
                t.embed!.language;
              // Scan the rest of the tag as code, then switch at its `>`.
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
                brackets = 0;
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
          sDoc = false;
          sBlankIsBlank = false;
          sNotFollowedBy = "";
          sContinued = false;
          state = STRING;
          lineCode = true;
          i = rawStart;
          continue;
        }
      }
      // Plain code, or whitespace.
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
        if (!sDoc) lineCode = true;
        if (sEnter !== undefined) {
          parent = syntax;
          syntax = sEnter;
          first = syntax.first;
          sEnter = undefined;
          braces = 0;
          brackets = 0;
        }
        continue;
      }
      if (sBlankIsBlank && !lineCode && c > 32) lineCode = true;
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
      const newline = text.indexOf("\n", i);
      if (newline !== -1 && newline < bEnd) {
        i = newline;
      } else {
        i = bEnd + bCloseLength;
        state = CODE;
        onComment?.(commentStart, i);
      }
      continue;
    }

    // NESTED
    if (c === nClose.charCodeAt(0) && text.startsWith(nClose, i)) {
      i += nClose.length;
      if (--nDepth === 0) {
        state = CODE;
        onComment?.(commentStart, i);
      }
    } else if (c === nOpen.charCodeAt(0) && text.startsWith(nOpen, i)) {
      i += nOpen.length;
      nDepth++;
    } else {
      i++;
    }
  }

  if (state === NESTED) onComment?.(commentStart, len);
  if (lineStart < len) {
    if (lineCode) code++;
    else if (lineComment) comment++;
    else blank++;
  }
  return { code, comment, blank, lines: code + comment + blank };
}
