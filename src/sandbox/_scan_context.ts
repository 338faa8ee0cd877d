/**
 * Private: the state one scan shares between its detectors (the text, its
 * code mask, its string literals, the findings) and the small parsing helpers
 * they use: call arguments, string values, enclosing calls, path checks.
 *
 * @module
 */
import type { CodeLanguage, Severity } from "./scan_code.ts";
import type { StringSpan } from "./_scan_lexer.ts";
import { RULES } from "./_scan_rules.ts";

const RULE_INDEX: ReadonlyMap<string, number> = new Map(RULES.map((rule, i) => [rule.id, i]));

/** A finding located by offsets into the text. */
export interface RawFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  hint: string;
  start: number;
  end: number;
}

/** A range of the text: [start, end). */
export interface Range {
  start: number;
  end: number;
}

/**
 * What an argument is: `literal` (only constant strings), `interpolated`
 * (strings mixed with code: a template or f-string with substitutions, `+`,
 * `%`, `.format`, `.join`…), `dynamic` (code without strings), `none` (empty).
 */
export type ArgKind = "none" | "literal" | "interpolated" | "dynamic";

/** A receiver before a `.`: its identifier ("" when it is a call or index) and start. */
export interface Receiver {
  word: string;
  start: number;
}

const DECLARATION_WORDS = new Set([
  "function",
  "def",
  "async",
  "get",
  "set",
  "static",
  "public",
  "private",
  "protected",
  "override",
  "abstract",
  "declare",
]);
const MAX_WALK = 20_000;
const MIN_WALK = 256;
const MAX_DECODE_LOOKUPS = 64;
const ABSOLUTE = /^(?:[\/\\~]|[A-Za-z]:[\/\\])/;
const PARENT = /(?:^|[\/\\])\.\.(?:[\/\\]|$)/;
const HOME_CALL = /\bhomedir\s*\(|\.home\s*\(|\bexpanduser\s*\(/;
const JS_DECODE = /\batob\s*\(|\bBuffer\s*\.\s*from\s*\(/;
const PY_DECODE =
  /\b(?:b64decode|b32decode|b16decode|a85decode|b85decode|urlsafe_b64decode|decodebytes|decodestring|fromhex|unhexlify|decompress)\s*\(|\bcodecs\s*\.\s*decode\s*\(/;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 ||
    c === 36;
}

/** Splits a list of words separated by white space. */
export function words(text: string): string[] {
  return text.trim().split(/\s+/);
}

/** Escapes a string for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The shared state of one scan. */
export class ScanContext {
  /** The original text. */
  readonly code: string;
  /** The code mask (comments and string contents blanked). */
  readonly mask: string;
  /** String literals sorted by start. */
  readonly strings: readonly StringSpan[];
  /** The language family being scanned. */
  readonly language: CodeLanguage;
  /** Findings so far. */
  readonly findings: RawFinding[] = [];
  /** Local names bound by imports: JS name → module; Python name → dotted path. */
  readonly bindings: Map<string, string> = new Map();
  /** Modules imported (JavaScript, normalised names). */
  readonly modules: Set<string> = new Set();
  readonly #seen = new Set<number>();
  readonly #decoded = new Map<string, boolean>();
  /** Characters the bracket walks may still read, so crafted input stays linear. */
  #budget: number;
  #parsesJson: boolean | undefined;

  constructor(code: string, mask: string, strings: readonly StringSpan[], language: CodeLanguage) {
    this.code = code;
    this.mask = mask;
    this.strings = strings;
    this.language = language;
    this.#budget = 1_000_000 + 8 * code.length;
  }

  /** How far one bracket walk may read: MAX_WALK, less once the budget is spent. */
  #walkLimit(): number {
    return Math.min(MAX_WALK, Math.max(MIN_WALK, this.#budget));
  }

  /** Adds a finding (once per rule and offset); severity and hint default to the rule's. */
  report(
    ruleId: string,
    start: number,
    end: number,
    message: string,
    options: { severity?: Severity; hint?: string } = {},
  ): void {
    const index = RULE_INDEX.get(ruleId);
    if (index === undefined) throw new Error(`Unknown safety rule ${ruleId}`);
    const key = start * RULES.length + index;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    const rule = RULES[index]!;
    this.findings.push({
      ruleId,
      severity: options.severity ?? rule.severity,
      message,
      hint: options.hint ?? rule.hint,
      start,
      end: Math.min(Math.max(end, start + 1), this.code.length),
    });
  }

  /** The first offset at or after `offset` that is not blank in the mask. */
  skipSpace(offset: number): number {
    const mask = this.mask;
    let i = offset;
    while (i < mask.length && isSpace(mask.charCodeAt(i))) i++;
    return i;
  }

  /** The offset of the last character before `offset` that is not blank, or -1. */
  prevAt(offset: number): number {
    const mask = this.mask;
    let i = offset - 1;
    while (i >= 0 && isSpace(mask.charCodeAt(i))) i--;
    return i;
  }

  /** The character code of the last non-blank character before `offset`, or -1. */
  prevChar(offset: number): number {
    const at = this.prevAt(offset);
    return at < 0 ? -1 : this.mask.charCodeAt(at);
  }

  /** The identifier that ends just before `offset` (spaces skipped), or "". */
  wordBefore(offset: number): string {
    const end = this.prevAt(offset) + 1;
    let start = end;
    while (start > 0 && isWordChar(this.mask.charCodeAt(start - 1))) start--;
    return this.mask.slice(start, end);
  }

  /**
   * For a name at `start` reached through `.` or `?.`, the receiver before the
   * dot; undefined when the name is not a member access.
   */
  receiverOf(start: number): Receiver | undefined {
    let dot = this.prevAt(start);
    if (dot < 0 || this.mask.charCodeAt(dot) !== 46) return undefined;
    if (this.mask.charCodeAt(dot - 1) === 46) return undefined; // spread `...x`
    if (this.mask.charCodeAt(dot - 1) === 63) dot--; // `?.`
    const end = this.prevAt(dot) + 1;
    let begin = end;
    while (begin > 0 && isWordChar(this.mask.charCodeAt(begin - 1))) begin--;
    return { word: this.mask.slice(begin, end), start: begin };
  }

  /** Runs a sticky regex against the mask at `offset`. */
  matchAt(re: RegExp, offset: number): RegExpExecArray | null {
    re.lastIndex = offset;
    return re.exec(this.mask);
  }

  /** The offset of a `(` that follows `end` (after spaces), or -1. */
  callOpen(end: number): number {
    const at = this.skipSpace(end);
    return this.mask.charCodeAt(at) === 40 ? at : -1;
  }

  /** The string literal that starts exactly at `offset`. */
  stringAt(offset: number): StringSpan | undefined {
    const index = this.#firstAtOrAfter(offset);
    const span = this.strings[index];
    return span !== undefined && span.start === offset ? span : undefined;
  }

  /** The innermost string literal whose content holds `offset`. */
  stringContaining(offset: number): StringSpan | undefined {
    let index = this.#firstAtOrAfter(offset + 1) - 1;
    for (let steps = 0; index >= 0 && steps < 16; index--, steps++) {
      const span = this.strings[index]!;
      if (span.open <= offset && offset < span.close) return span;
    }
    return undefined;
  }

  /** The raw content of a string literal (escapes not decoded). */
  text(span: StringSpan): string {
    return this.code.slice(span.open, span.close);
  }

  /** The outermost string literals inside a range. */
  spansIn(range: Range): StringSpan[] {
    const out: StringSpan[] = [];
    let lastEnd = -1;
    for (let i = this.#firstAtOrAfter(range.start); i < this.strings.length; i++) {
      const span = this.strings[i]!;
      if (span.start >= range.end) break;
      if (span.start < lastEnd) continue;
      out.push(span);
      lastEnd = span.end;
    }
    return out;
  }

  /** Every string literal inside a range, nested ones included. */
  allSpansIn(range: Range): StringSpan[] {
    const out: StringSpan[] = [];
    for (let i = this.#firstAtOrAfter(range.start); i < this.strings.length; i++) {
      const span = this.strings[i]!;
      if (span.start >= range.end) break;
      out.push(span);
    }
    return out;
  }

  #firstAtOrAfter(offset: number): number {
    let lo = 0;
    let hi = this.strings.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.strings[mid]!.start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Splits the arguments of the call or literal whose `(`, `[` or `{` is at
   * `open`. Returns the trimmed ranges and the offset of the closing bracket.
   */
  args(open: number): { args: Range[]; close: number } {
    const args: Range[] = [];
    const mask = this.mask;
    const limit = Math.min(mask.length, open + this.#walkLimit());
    let depth = 0;
    let start = open + 1;
    let i = open + 1;
    for (; i < limit; i++) {
      const c = mask.charCodeAt(i);
      if (c === 40 || c === 91 || c === 123) depth++;
      else if (c === 41 || c === 93 || c === 125) {
        if (depth === 0) break;
        depth--;
      } else if (c === 44 && depth === 0) {
        this.#pushArg(args, start, i);
        start = i + 1;
      }
    }
    this.#pushArg(args, start, i);
    this.#budget -= i - open;
    return { args, close: i };
  }

  /** One argument starting at `offset`, up to the next top-level `,` or closing bracket. */
  argFrom(offset: number): Range {
    const mask = this.mask;
    const limit = Math.min(mask.length, offset + this.#walkLimit());
    let depth = 0;
    let i = offset;
    for (; i < limit; i++) {
      const c = mask.charCodeAt(i);
      if (c === 40 || c === 91 || c === 123) depth++;
      else if (c === 41 || c === 93 || c === 125) {
        if (depth === 0) break;
        depth--;
      } else if (c === 44 && depth === 0) break;
    }
    this.#budget -= i - offset;
    const list: Range[] = [];
    this.#pushArg(list, offset, i);
    return list[0] ?? { start: offset, end: offset };
  }

  #pushArg(args: Range[], start: number, end: number): void {
    let s = start;
    let e = end;
    while (s < e && isSpace(this.mask.charCodeAt(s))) s++;
    while (e > s && isSpace(this.mask.charCodeAt(e - 1))) e--;
    if (e > s) args.push({ start: s, end: e });
  }

  /** The keyword argument `name=…` (Python) among `args`. */
  kwarg(args: readonly Range[], name: string): Range | undefined {
    const re = new RegExp(`^${name}\\s*=(?!=)\\s*`);
    for (const arg of args) {
      const m = re.exec(this.mask.slice(arg.start, arg.end));
      if (m) return { start: arg.start + m[0].length, end: arg.end };
    }
    return undefined;
  }

  /** Whether an argument is `name=…` (Python keyword argument). */
  isKwarg(arg: Range): boolean {
    return /^[A-Za-z_]\w*\s*=(?!=)/.test(this.mask.slice(arg.start, arg.end));
  }

  /** What kind of value an argument is (see {@linkcode ArgKind}). */
  classify(range: Range | undefined): ArgKind {
    if (range === undefined || range.end <= range.start) return "none";
    const spans = this.spansIn(range);
    if (spans.length === 0) return "dynamic";
    if (spans.some((span) => span.interpolated)) return "interpolated";
    let at = range.start;
    for (const span of spans) {
      if (/[A-Za-z_$]/.test(this.mask.slice(at, span.start))) return "interpolated";
      at = span.end;
    }
    return /[A-Za-z_$]/.test(this.mask.slice(at, range.end)) ? "interpolated" : "literal";
  }

  /** The content of an argument that is one constant string literal. */
  literalOf(range: Range | undefined): string | undefined {
    if (range === undefined) return undefined;
    const span = this.stringAt(range.start);
    if (span === undefined || span.interpolated || span.end !== range.end) return undefined;
    return this.text(span);
  }

  /**
   * Whether a path argument points outside the workspace: a string in it is
   * absolute, starts with `~` or has a `..` segment, or it calls homedir(),
   * Path.home() or expanduser().
   */
  pathOutside(range: Range): boolean {
    for (const span of this.allSpansIn(range)) {
      const text = this.text(span);
      if (ABSOLUTE.test(text) || PARENT.test(text)) return true;
    }
    return HOME_CALL.test(this.mask.slice(range.start, range.end));
  }

  /**
   * Whether an argument decodes text (atob, Buffer.from, b64decode…), directly
   * or through a variable assigned from such a call.
   */
  decodes(range: Range | undefined): boolean {
    if (range === undefined) return false;
    const text = this.mask.slice(range.start, range.end);
    const decode = this.language === "python" ? PY_DECODE : JS_DECODE;
    if (decode.test(text)) return true;
    const name = /^[A-Za-z_$][\w$]*$/.exec(text)?.[0];
    if (name === undefined) return false;
    const known = this.#decoded.get(name);
    if (known !== undefined) return known;
    if (this.#decoded.size >= MAX_DECODE_LOOKUPS) return false;
    this.#decoded.set(name, false);
    const assign = this.language === "python"
      ? new RegExp(`(?:^|[^\\w.])${escapeRegExp(name)}\\s*=(?!=)([^\\n]*)`, "g")
      : new RegExp(`(?:^|[^\\w$.])${escapeRegExp(name)}\\s*=(?![=>])([^;\\n]*)`, "g");
    for (const m of this.mask.matchAll(assign)) {
      if (decode.test(m[1]!)) {
        this.#decoded.set(name, true);
        return true;
      }
    }
    return false;
  }

  /** Whether the code calls JSON.parse anywhere (computed once). */
  get parsesJson(): boolean {
    this.#parsesJson ??= this.mask.includes("JSON.parse");
    return this.#parsesJson;
  }

  /** The index in `strings` of the literal that starts at `offset`, or -1. */
  indexOfString(offset: number): number {
    const index = this.#firstAtOrAfter(offset);
    return this.strings[index]?.start === offset ? index : -1;
  }

  /**
   * The call whose argument list holds `offset` (looking through at most one
   * enclosing `{…}` or `[…]`, as in `spawn(cmd, { shell: true })`).
   */
  enclosingCall(offset: number): { open: number; callee: string } | undefined {
    const mask = this.mask;
    let depth = 0;
    let transparent = 1;
    const stop = Math.max(0, offset - Math.min(4000, this.#walkLimit()));
    this.#budget -= offset - stop;
    for (let i = offset - 1; i >= stop; i--) {
      const c = mask.charCodeAt(i);
      if (c === 41 || c === 93 || c === 125) depth++;
      else if (c === 40 || c === 91 || c === 123) {
        if (depth > 0) {
          depth--;
          continue;
        }
        if (c === 40) {
          const callee = /([A-Za-z_$][\w$]*(?:\s*\??\.\s*[A-Za-z_$][\w$]*)*)\s*$/.exec(
            mask.slice(Math.max(0, i - 200), i),
          )?.[1];
          return callee === undefined
            ? undefined
            : { open: i, callee: callee.replace(/\s|\?/g, "") };
        }
        if (transparent-- === 0) return undefined;
      } else if (c === 59 && depth === 0) return undefined;
    }
    return undefined;
  }

  /**
   * Whether the name at `start`, whose argument list closes at `close`, is
   * declared here (`function eval(`, `def open(`, a method `fetch(x) {`)
   * rather than called.
   */
  isDeclaration(start: number, close: number): boolean {
    if (DECLARATION_WORDS.has(this.wordBefore(start))) return true;
    if (this.language === "python") return false;
    const next = this.mask.charCodeAt(this.skipSpace(close + 1));
    if (next === 123) return true;
    if (next !== 58) return false;
    const prev = this.prevChar(start);
    return prev === -1 || prev === 123 || prev === 59 || prev === 125;
  }
}

/**
 * Reports a call that runs a string as code: an error when the string is
 * built at run time, a warning for a constant, and `obfuscation/decode-eval`
 * when it is decoded first. Shared by the JavaScript and Python detectors.
 */
export function evalLike(
  ctx: ScanContext,
  ruleId: string,
  start: number,
  end: number,
  arg: Range | undefined,
  what: string,
): void {
  const kind = ctx.classify(arg);
  if (kind === "none") return;
  if (ctx.decodes(arg)) {
    ctx.report("obfuscation/decode-eval", start, end, `${what} runs decoded text as code`);
  }
  if (kind === "literal") {
    ctx.report(ruleId, start, end, `${what} runs a constant string as code`, {
      severity: "warning",
    });
  } else ctx.report(ruleId, start, end, `${what} runs a string built at run time as code`);
}

/**
 * Reports a file write: an error when a path leaves the workspace (absolute,
 * `~` or `..`), else a warning. Missing (undefined) paths are skipped.
 */
export function writeFinding(
  ctx: ScanContext,
  ruleId: string,
  start: number,
  end: number,
  what: string,
  paths: readonly (Range | undefined)[],
): void {
  if (paths.some((path) => path !== undefined && ctx.pathOutside(path))) {
    ctx.report(ruleId, start, end, `${what} writes outside the workspace`, { severity: "error" });
  } else ctx.report(ruleId, start, end, `${what} writes files`);
}
