/**
 * Private: the lexers behind the code safety scan. Each turns source text into
 * a "code mask": the same text with every comment and every string literal's
 * content replaced by spaces (line breaks kept), so offsets, lines and columns
 * stay exact and a regex run over the mask only sees code. Quotes, string
 * prefixes (`f"`) and interpolations (`${…}`, f-string `{…}`) stay visible.
 *
 * @module
 */

/** One string literal (a template literal and an f-string count as one). */
export interface StringSpan {
  /** Offset of its first character: the prefix letter (`f"`) or the opening quote. */
  start: number;
  /** Offset just past the closing quote (the line's or text's end when unterminated). */
  end: number;
  /** Offset of the first content character. */
  open: number;
  /** Offset just past the last content character. */
  close: number;
  /** A template literal with `${…}` or an f-string with `{…}`. */
  interpolated: boolean;
}

/** A lexed text. */
export interface Lexed {
  /** The code mask: same length and line structure as the text. */
  mask: string;
  /** Every string literal, sorted by `start`. */
  strings: StringSpan[];
}

const LF = 10;
const CR = 13;
const QUOTE = 34;
const HASH = 35;
const APOS = 39;
const LPAREN = 40;
const RPAREN = 41;
const STAR = 42;
const SLASH = 47;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const BACKTICK = 96;
const LBRACE = 123;
const RBRACE = 125;
const DOLLAR = 36;

const SPACES = " ".repeat(4096);

function blankText(code: string, from: number, to: number, newline: number): string {
  if (newline === -1 || newline >= to) {
    const length = to - from;
    return length <= SPACES.length ? SPACES.slice(0, length) : " ".repeat(length);
  }
  return code.slice(from, to).replace(/[^\r\n]/g, " ");
}

/** Builds the mask from the text, copying code and blanking the ranges given in order. */
class MaskBuilder {
  readonly #code: string;
  readonly #parts: string[] = [];
  #copied = 0;
  /** The first line break at or after the last blanked range (-1: none left). */
  #newline = -2;

  constructor(code: string) {
    this.#code = code;
  }

  blank(from: number, to: number): void {
    if (to <= from) return;
    if (from > this.#copied) this.#parts.push(this.#code.slice(this.#copied, from));
    // Ranges come in order, so one forward search serves many of them.
    if (this.#newline !== -1 && this.#newline < from) {
      this.#newline = this.#code.indexOf("\n", from);
    }
    this.#parts.push(blankText(this.#code, from, to, this.#newline));
    this.#copied = to;
  }

  finish(): string {
    if (this.#copied === 0) return this.#code;
    this.#parts.push(this.#code.slice(this.#copied));
    return this.#parts.join("");
  }
}

function isIdent(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 ||
    c === DOLLAR || c > 127;
}

function lineEnd(code: string, from: number): number {
  const end = code.indexOf("\n", from);
  return end === -1 ? code.length : end;
}

/** Index of the closing quote, or of the line break / text end when unterminated. */
function quotedEnd(code: string, from: number, quote: number): number {
  const n = code.length;
  for (let j = from; j < n; j++) {
    const c = code.charCodeAt(j);
    if (c === quote || c === LF) return j;
    if (c === BACKSLASH) {
      j++;
      if (code.charCodeAt(j) === CR && code.charCodeAt(j + 1) === LF) j++;
    }
  }
  return n;
}

const JS_REGEX_KEYWORDS = new Set([
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

/** Whether a `/` after the last significant character starts a regex literal. */
function regexAllowed(code: string, prev: number, prevAt: number): boolean {
  if (prev === -1) return true;
  if (
    prev === RPAREN || prev === RBRACKET || prev === RBRACE || prev === QUOTE ||
    prev === BACKTICK
  ) return false;
  if (!isIdent(prev)) return true;
  let k = prevAt;
  while (k > 0 && isIdent(code.charCodeAt(k - 1))) k--;
  return JS_REGEX_KEYWORDS.has(code.slice(k, prevAt + 1));
}

/** Offset just past a regex literal's closing `/`, or -1 when the line ends first. */
function regexEnd(code: string, from: number): number {
  let inClass = false;
  for (let j = from; j < code.length; j++) {
    const c = code.charCodeAt(j);
    if (c === LF || c === CR) return -1;
    if (c === BACKSLASH) {
      const next = code.charCodeAt(j + 1);
      if (next === LF || next === CR) return -1;
      j++;
    } else if (inClass) {
      if (c === RBRACKET) inClass = false;
    } else if (c === LBRACKET) inClass = true;
    else if (c === SLASH) return j + 1;
  }
  return -1;
}

interface TemplateFrame {
  depth: number;
  span: StringSpan;
}

/** Scans template text from `from`; returns where code resumes. */
function templateBody(
  code: string,
  from: number,
  span: StringSpan,
  out: MaskBuilder,
  frames: TemplateFrame[],
  depth: number,
): number {
  const n = code.length;
  for (let j = from; j < n; j++) {
    const c = code.charCodeAt(j);
    if (c === BACKSLASH) j++;
    else if (c === BACKTICK) {
      out.blank(from, j);
      span.close = j;
      span.end = j + 1;
      return j + 1;
    } else if (c === DOLLAR && code.charCodeAt(j + 1) === LBRACE) {
      out.blank(from, j);
      span.interpolated = true;
      frames.push({ depth, span });
      return j + 2;
    }
  }
  out.blank(from, n);
  span.close = n;
  span.end = n;
  return n;
}

/**
 * Lexes JavaScript or TypeScript: `//` and `/* *\/` comments, a `#!` line,
 * `'…'` and `"…"` strings, template literals with nested `${…}`, and regex
 * literals (told from division by the previous token, approximately).
 */
export function lexJs(code: string): Lexed {
  const n = code.length;
  const out = new MaskBuilder(code);
  const strings: StringSpan[] = [];
  const frames: TemplateFrame[] = [];
  let depth = 0;
  let prev = -1;
  let prevAt = -1;
  let i = 0;
  if (code.startsWith("#!")) {
    i = lineEnd(code, 0);
    out.blank(0, i);
  }
  while (i < n) {
    const c = code.charCodeAt(i);
    if (c === SLASH) {
      const next = code.charCodeAt(i + 1);
      if (next === SLASH) {
        const end = lineEnd(code, i);
        out.blank(i, end);
        i = end;
        continue;
      }
      if (next === STAR) {
        const close = code.indexOf("*/", i + 2);
        const end = close === -1 ? n : close + 2;
        out.blank(i, end);
        i = end;
        continue;
      }
      if (regexAllowed(code, prev, prevAt)) {
        const end = regexEnd(code, i + 1);
        if (end !== -1) {
          out.blank(i + 1, end - 1);
          prev = QUOTE;
          prevAt = end - 1;
          i = end;
          continue;
        }
      }
    } else if (c === QUOTE || c === APOS) {
      const close = quotedEnd(code, i + 1, c);
      const end = close < n && code.charCodeAt(close) === c ? close + 1 : close;
      strings.push({ start: i, end, open: i + 1, close, interpolated: false });
      out.blank(i + 1, close);
      prev = QUOTE;
      prevAt = i;
      i = end;
      continue;
    } else if (c === BACKTICK) {
      const span: StringSpan = { start: i, end: n, open: i + 1, close: n, interpolated: false };
      strings.push(span);
      i = templateBody(code, i + 1, span, out, frames, depth);
      prev = BACKTICK;
      prevAt = i - 1;
      continue;
    } else if (c === LBRACE) {
      depth++;
    } else if (c === RBRACE) {
      const top = frames[frames.length - 1];
      if (top !== undefined && top.depth === depth) {
        frames.pop();
        i = templateBody(code, i + 1, top.span, out, frames, depth);
        prev = BACKTICK;
        prevAt = i - 1;
        continue;
      }
      depth--;
    }
    if (c > 32) {
      prev = c;
      prevAt = i;
    }
    i++;
  }
  return { mask: out.finish(), strings };
}

const PY_PREFIXES = new Set([
  "r",
  "u",
  "b",
  "f",
  "t",
  "br",
  "rb",
  "fr",
  "rf",
  "tr",
  "rt",
]);

interface FStringFrame {
  depth: number;
  span: StringSpan;
  quote: number;
  triple: boolean;
}

/** Scans Python string text from `from`; returns where code resumes. */
function pyStringBody(
  code: string,
  from: number,
  frame: FStringFrame,
  formatted: boolean,
  out: MaskBuilder,
  frames: FStringFrame[],
): number {
  const n = code.length;
  const { span, quote, triple } = frame;
  for (let j = from; j < n; j++) {
    const c = code.charCodeAt(j);
    if (c === BACKSLASH) j++;
    else if (c === quote) {
      if (!triple || (code.charCodeAt(j + 1) === quote && code.charCodeAt(j + 2) === quote)) {
        out.blank(from, j);
        span.close = j;
        span.end = j + (triple ? 3 : 1);
        return span.end;
      }
    } else if (c === LF && !triple) {
      out.blank(from, j);
      span.close = j;
      span.end = j;
      return j;
    } else if (formatted && c === LBRACE) {
      if (code.charCodeAt(j + 1) === LBRACE) j++;
      else {
        out.blank(from, j);
        span.interpolated = true;
        frames.push(frame);
        return j + 1;
      }
    } else if (formatted && c === RBRACE && code.charCodeAt(j + 1) === RBRACE) j++;
  }
  out.blank(from, n);
  span.close = n;
  span.end = n;
  return n;
}

/** The string prefix (`f`, `rb`…) ending just before `quoteAt`, as [start, formatted]. */
function pyPrefix(code: string, quoteAt: number): [number, boolean] {
  for (let length = 2; length >= 1; length--) {
    const start = quoteAt - length;
    if (start < 0) continue;
    const prefix = code.slice(start, quoteAt).toLowerCase();
    if (!PY_PREFIXES.has(prefix)) continue;
    if (start > 0 && isIdent(code.charCodeAt(start - 1))) continue;
    return [start, prefix.includes("f") || prefix.includes("t")];
  }
  return [quoteAt, false];
}

/**
 * Lexes Python: `#` comments, `'…'`, `"…"`, triple-quoted strings, string
 * prefixes, and f-strings (and t-strings) whose `{…}` expressions stay code.
 */
export function lexPython(code: string): Lexed {
  const n = code.length;
  const out = new MaskBuilder(code);
  const strings: StringSpan[] = [];
  const frames: FStringFrame[] = [];
  let depth = 0;
  let i = 0;
  while (i < n) {
    const c = code.charCodeAt(i);
    if (c === HASH) {
      const end = lineEnd(code, i);
      out.blank(i, end);
      i = end;
      continue;
    }
    if (c === QUOTE || c === APOS) {
      const [start, formatted] = pyPrefix(code, i);
      const triple = code.charCodeAt(i + 1) === c && code.charCodeAt(i + 2) === c;
      const open = i + (triple ? 3 : 1);
      const span: StringSpan = { start, end: n, open, close: n, interpolated: false };
      strings.push(span);
      const frame: FStringFrame = { depth, span, quote: c, triple };
      i = pyStringBody(code, open, frame, formatted, out, frames);
      continue;
    }
    if (c === LPAREN || c === LBRACKET || c === LBRACE) depth++;
    else if (c === RPAREN || c === RBRACKET || c === RBRACE) {
      const top = frames[frames.length - 1];
      if (c === RBRACE && top !== undefined && top.depth === depth) {
        frames.pop();
        i = pyStringBody(code, i + 1, top, true, out, frames);
        continue;
      }
      depth--;
    }
    i++;
  }
  return { mask: out.finish(), strings };
}
