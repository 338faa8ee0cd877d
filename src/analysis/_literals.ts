/**
 * Private: small recognisers the scanner calls when a token may start: regex
 * literals, character literals, raw-string delimiters, long brackets and
 * embedded tags. Each looks only at the characters around one position.
 *
 * @module
 */
import type { Token } from "./_syntax.ts";

const KEYWORDS_BEFORE_REGEX = new Set([
  "return",
  "typeof",
  "instanceof",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "case",
  "do",
  "else",
  "yield",
  "await",
]);

/** Whether token `t` is at `i`: its other characters match, and a word-ending token ends a word. */
export function matches(text: string, i: number, t: Token): boolean {
  const codes = t.codes;
  const n = codes.length;
  if (t.ignoreCase) {
    for (let k = 1; k < n; k++) {
      let c = text.charCodeAt(i + k);
      if (c >= 65 && c <= 90) c += 32;
      if (c !== codes[k]) return false;
    }
  } else {
    for (let k = 1; k < n; k++) if (text.charCodeAt(i + k) !== codes[k]) return false;
  }
  return !t.wordEnd || !isWord(text.charCodeAt(i + n));
}

/** Letters, digits, `_`, `$` and every non-ASCII character: the parts of identifiers. */
function isWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 ||
    c === 36 || c >= 128;
}

/** Characters after which a word-start comment may begin: blanks and shell separators. */
export function isCommentBoundary(c: number): boolean {
  return c === 32 || c === 9 || c === 59 || c === 38 || c === 124 || c === 40 || c === 41;
}

/** A quote at the start of a YAML-style scalar: after a space, `[`, `{`, `,` or `:`. */
export function atQuoteStart(text: string, i: number, lineStart: number): boolean {
  if (i === lineStart) return true;
  const c = text.charCodeAt(i - 1);
  return c === 32 || c === 9 || c === 91 || c === 123 || c === 44 || c === 58;
}

/** The index of `close` at column 0 after `from` and ending a word, or -1. */
export function findAtLineStart(text: string, from: number, close: string): number {
  for (let at = text.indexOf(close, from); at !== -1; at = text.indexOf(close, at + 1)) {
    if (text.charCodeAt(at - 1) === 10 && !isWord(text.charCodeAt(at + close.length))) return at;
  }
  return -1;
}

/** After an opening `[`: `=`×n then `[` gives `]`, `=`×n, `]`; anything else gives "". */
export function longBracketClose(text: string, from: number): string {
  let j = from;
  while (text.charCodeAt(j) === 61) j++;
  if (text.charCodeAt(j) !== 91) return "";
  return `]${"=".repeat(j - from)}]`;
}

/** `R"` starts a raw string alone or after `L`, `u`, `U`, `u8`. */
export function rawPrefixAllowed(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1);
  if (!isWord(before)) return true;
  if (before === 76 || before === 117 || before === 85) return !isWord(text.charCodeAt(i - 2));
  return before === 56 && text.charCodeAt(i - 2) === 117 && !isWord(text.charCodeAt(i - 3));
}

/** The index of the `(` ending a raw-string delimiter (at most 16 characters), or -1. */
export function rawDelimiterEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + 17);
  for (let k = from; k < limit; k++) {
    const c = text.charCodeAt(k);
    if (c === 40) return k;
    // Spaces, backslashes, parentheses and quotes cannot be in a delimiter.
    if (c <= 32 || c === 92 || c === 41 || c === 34) return -1;
  }
  return -1;
}

/** The index after a one-character literal starting at `i` (`'a'`, `'\n'`), or -1. */
export function charLiteralEnd(text: string, i: number): number {
  if (isWord(text.charCodeAt(i - 1))) return -1;
  const next = text.charCodeAt(i + 1);
  if (next === 92) {
    const limit = Math.min(text.length, i + 14);
    for (let k = i + 3; k < limit; k++) {
      const c = text.charCodeAt(k);
      if (c === 39) return k + 1;
      if (c === 10) return -1;
    }
    return -1;
  }
  if (next === 10 || next === 39 || Number.isNaN(next)) return -1;
  const width = next >= 0xd800 && next <= 0xdbff ? 2 : 1;
  return text.charCodeAt(i + 1 + width) === 39 ? i + 2 + width : -1;
}

/** Whether a `/` after the code at `lastCode` starts a regex rather than a division. */
export function regexAllowed(text: string, lastCode: number): boolean {
  if (lastCode < 0) return true;
  const c = text.charCodeAt(lastCode);
  switch (c) {
    case 40: // (
    case 44: // ,
    case 61: // =
    case 58: // :
    case 91: // [
    case 33: // !
    case 38: // &
    case 124: // |
    case 63: // ?
    case 123: // {
    case 59: // ;
    case 43: // +
    case 45: // -
    case 42: // *
    case 37: // %
    case 126: // ~
    case 94: // ^
      return true;
    case 62: // > only as the arrow `=>`
      return text.charCodeAt(lastCode - 1) === 61;
  }
  if (!isWord(c)) return false;
  let start = lastCode;
  while (start > 0 && isWord(text.charCodeAt(start - 1))) start--;
  return KEYWORDS_BEFORE_REGEX.has(text.slice(start, lastCode + 1));
}

/** The index after a regex literal whose body starts at `from`, or -1 when the line ends first. */
export function regexEnd(text: string, from: number): number {
  let inClass = false;
  for (let k = from; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 10) return -1;
    if (c === 92) {
      if (text.charCodeAt(k + 1) === 10) return -1;
      k++;
    } else if (c === 91) inClass = true;
    else if (c === 93) inClass = false;
    else if (c === 47 && !inClass) return k + 1;
  }
  return -1;
}

/** The attributes of an embedded section's opening tag, or undefined when it opens no section. */
export function embeddedTag(text: string, end: number): { lang: string | undefined } | undefined {
  const next = text.charCodeAt(end);
  if (next !== 62 && next !== 32 && next !== 9 && next !== 10 && next !== 13) return undefined;
  const close = text.indexOf(">", end);
  if (close === -1 || text.charCodeAt(close - 1) === 47) return undefined;
  const lang = /\blang\s*=\s*["']?([\w-]+)/i.exec(text.slice(end, close))?.[1];
  return { lang: lang?.toLowerCase() };
}
