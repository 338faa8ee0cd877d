/**
 * Private helper of `convert_draft.ts`: turns the path regexes of v1 draft
 * filters into Cursor globs, and expands brace sets.
 *
 * How a regex is read, per filter type:
 * - alternations and `?` expand into several globs (`\.(ts|tsx)$` → `**\/*.ts`,
 *   `**\/*.tsx`; `tests?/` → `**\/tests/**`, `**\/test/**`);
 * - `.*` is `**` when it is a whole path segment and `*` inside one; `[^/]*`
 *   is `*`; `.` and `[^/]` are `?`; `\.` is a dot;
 * - a missing `^` means "anywhere": `file_extension` patterns then match the
 *   end of a name (`**\/*` + pattern); other patterns start at a path segment
 *   (`**\/` + pattern, so `Makefile$` → `**\/Makefile`) unless they look like
 *   a suffix (start with `.`, `_` or `-`, end with `$`, no `/`:
 *   `_test\.py$` → `**\/*_test.py`);
 * - a missing `$` adds `*` to name patterns, `**` to path patterns ending in
 *   `/`, and `/**` to `directory` patterns and to path patterns whose last
 *   segment has no dot (`^src` → `src/**`, `uv\.lock` → `**\/uv.lock`).
 *
 * Anything else (`\d`, `\w`, lookarounds, counted or open repeats of a
 * character, inline flags other than a leading `(?i)`/`(?s)`/`(?m)`) cannot
 * become a glob and is reported with a reason.
 *
 * @module
 */

/** Filter types whose patterns describe file paths. */
export const PATH_FILTER_TYPES: ReadonlySet<string> = new Set([
  "file_extension",
  "file_name",
  "file_path",
  "path",
  "directory",
]);

/** The result of {@linkcode regexToGlobs}. */
export type GlobConversion =
  | { ok: true; globs: string[]; caseInsensitive: boolean }
  | { ok: false; reason: string };

// Markers for regex constructs, from the Unicode private use area (patterns
// holding such characters are refused, so a marker never meets a literal).
const ANY = "\ue001"; // .* or .+
const SEG = "\ue002"; // [^/]* or [^/]+
const START = "\ue003"; // ^
const END = "\ue004"; // $
const ONE = "\ue005"; // . or [^/]
const CLASS_OPEN = "\ue006";
const CLASS_CLOSE = "\ue007";
const MAX_VARIANTS = 32;
const GLOB_SPECIAL = /[*?[\]{}(),!\\\p{Cc}]/u;
/** Some drafts put a glob where a regex belongs (`*.py`, `src/**`): take it as it is. */
const LOOKS_LIKE_GLOB = /^(?=.*(?:^\*|\/\*|\*\*))[\w.\-/*]+$/;

class Unconvertible extends Error {}

/**
 * Converts the regex of a path filter to globs.
 *
 * @param pattern The regex, as written in the draft (after YAML unescaping).
 * @param type The filter type (one of {@linkcode PATH_FILTER_TYPES}).
 * @returns The globs, or why there are none.
 */
export function regexToGlobs(pattern: string, type: string): GlobConversion {
  let source = pattern.trim();
  let caseInsensitive = false;
  const flags = /^\(\?([a-zA-Z]+)\)/.exec(source);
  if (flags) {
    if (/[^ism]/.test(flags[1]!)) {
      return { ok: false, reason: `flag (?${flags[1]}) has no glob equivalent` };
    }
    caseInsensitive = flags[1]!.includes("i");
    source = source.slice(flags[0].length);
  }
  if (source === "") return { ok: false, reason: "the pattern is empty" };
  if (source.length > 500) return { ok: false, reason: "the pattern is too long" };
  if (/[\ue000-\uf8ff]/.test(source)) {
    return { ok: false, reason: "it holds private use characters" };
  }
  if (LOOKS_LIKE_GLOB.test(source)) return { ok: true, globs: [source], caseInsensitive };
  try {
    const parser = new RegexReader(source);
    const variants = parser.read();
    const globs: string[] = [];
    for (const variant of variants) {
      const glob = variantToGlob(variant, type);
      if (!globs.includes(glob)) globs.push(glob);
    }
    return { ok: true, globs, caseInsensitive };
  } catch (error) {
    if (error instanceof Unconvertible) return { ok: false, reason: error.message };
    throw error;
  }
}

/** A small recursive-descent reader of the regex subset that maps to globs. */
class RegexReader {
  #src: string;
  #pos = 0;

  constructor(src: string) {
    this.#src = src;
  }

  read(): string[] {
    const variants = this.#alternation();
    if (this.#pos < this.#src.length) throw new Unconvertible('it has an unmatched ")"');
    return variants;
  }

  #alternation(): string[] {
    const variants = this.#sequence();
    while (this.#src[this.#pos] === "|") {
      this.#pos++;
      variants.push(...this.#sequence());
      if (variants.length > MAX_VARIANTS) throw new Unconvertible("it has too many alternatives");
    }
    return variants;
  }

  #sequence(): string[] {
    let variants = [""];
    while (
      this.#pos < this.#src.length && this.#src[this.#pos] !== "|" && this.#src[this.#pos] !== ")"
    ) {
      const start = this.#pos;
      const atom = this.#atom();
      let options = atom.variants;
      const q = this.#src[this.#pos];
      if (q === "?") {
        this.#pos++;
        if (this.#src[this.#pos] === "?") this.#pos++;
        options = [...options, ""];
      } else if (q === "*" || q === "+") {
        this.#pos++;
        if (this.#src[this.#pos] === "?") this.#pos++;
        if (atom.kind === "dot") options = [ANY];
        else if (atom.kind === "notSlash") options = [SEG];
        else throw new Unconvertible(`${this.#src.slice(start, this.#pos)} repeats a character`);
      } else if (q === "{") {
        throw new Unconvertible("counted repeats ({n}) have no glob equivalent");
      }
      variants = variants.flatMap((prefix) => options.map((option) => prefix + option));
      if (variants.length > MAX_VARIANTS) throw new Unconvertible("it has too many alternatives");
    }
    return variants;
  }

  #atom(): { variants: string[]; kind: "dot" | "notSlash" | "other" } {
    const char = this.#src[this.#pos]!;
    this.#pos++;
    switch (char) {
      case "(": {
        if (this.#src[this.#pos] === "?") {
          if (this.#src[this.#pos + 1] !== ":") {
            throw new Unconvertible("lookarounds and named groups have no glob equivalent");
          }
          this.#pos += 2;
        }
        const inner = this.#alternation();
        if (this.#src[this.#pos] !== ")") throw new Unconvertible('it has an unclosed "("');
        this.#pos++;
        return { variants: inner, kind: "other" };
      }
      case "[":
        return this.#characterClass();
      case "\\": {
        const next = this.#src[this.#pos];
        this.#pos++;
        if (next === undefined) throw new Unconvertible("it ends with a backslash");
        if (/[\p{L}\p{N}]/u.test(next) && next !== "_") {
          throw new Unconvertible(`\\${next} has no glob equivalent`);
        }
        return { variants: [next], kind: "other" };
      }
      case ".":
        return { variants: [ONE], kind: "dot" };
      case "^":
        return { variants: [START], kind: "other" };
      case "$":
        return { variants: [END], kind: "other" };
      case "*":
      case "+":
      case "?":
      case "{":
        throw new Unconvertible(`"${char}" has nothing to repeat`);
      default:
        return { variants: [char], kind: "other" };
    }
  }

  #characterClass(): { variants: string[]; kind: "notSlash" | "other" } {
    const end = this.#src.indexOf("]", this.#pos + 1);
    if (end === -1) throw new Unconvertible('it has an unclosed "["');
    const body = this.#src.slice(this.#pos, end);
    this.#pos = end + 1;
    if (body === "^/" || body === "^\\/") return { variants: [ONE], kind: "notSlash" };
    if (!/^\^?[\p{L}\p{N}_. -]+$/u.test(body)) {
      throw new Unconvertible(`character class [${body}] has no glob equivalent`);
    }
    const glob = body.startsWith("^") ? `!${body.slice(1)}` : body;
    return { variants: [CLASS_OPEN + glob + CLASS_CLOSE], kind: "other" };
  }
}

/** Turns one expanded regex variant into a glob, per filter type. */
function variantToGlob(variant: string, type: string): string {
  let body = variant;
  let anchoredStart = body.startsWith(START);
  if (anchoredStart) body = body.slice(1);
  let anchoredEnd = body.endsWith(END);
  if (anchoredEnd) body = body.slice(0, -1);
  if (body.includes(START) || body.includes(END)) {
    throw new Unconvertible("an anchor (^ or $) stands inside the pattern");
  }
  const literal = body.replace(/[\ue001-\ue005]|\ue006[^\ue007]*\ue007/g, "");
  const special = GLOB_SPECIAL.exec(literal);
  if (special) throw new Unconvertible(`"${special[0]}" is special in globs`);
  const nameType = type === "file_extension" || type === "file_name";
  let prefix = "";
  if (body.startsWith(ANY)) {
    body = body.slice(1);
    if (body === "") return "**/*";
    if (body.startsWith("/")) {
      body = body.slice(1);
      prefix = "**/";
    } else prefix = "**/*";
    anchoredStart = true;
  } else if (!anchoredStart) {
    const suffixLike = /^[._-]/.test(body) && anchoredEnd && !body.includes("/");
    prefix = type === "file_extension" || suffixLike ? "**/*" : "**/";
  } else if (nameType) prefix = "**/";
  let suffix = "";
  if (body.endsWith(ANY)) {
    body = body.slice(0, -1);
    suffix = body === "" || body.endsWith("/") ? "**" : "*";
    anchoredEnd = true;
  } else if (!anchoredEnd) {
    const lastSegment = body.slice(body.lastIndexOf("/") + 1);
    if (nameType) suffix = "*";
    else if (body.endsWith("/")) suffix = "**";
    else if (type === "directory" || !lastSegment.includes(".")) suffix = "/**";
  } else if (type === "directory") suffix = "/**";
  const parts = body.split("/").map((segment) => segment === ANY ? "**" : segment);
  let glob = prefix + parts.join("/") + suffix;
  glob = glob
    .replaceAll(ANY, "*")
    .replaceAll(SEG, "*")
    .replaceAll(ONE, "?")
    .replaceAll(CLASS_OPEN, "[")
    .replaceAll(CLASS_CLOSE, "]")
    .replace(/\*{3,}/g, "**")
    .replace(/(?:\*\*\/)+\*\*(?=\/|$)/g, "**")
    .replace(/\/{2,}/g, "/")
    .replace(/^\//, "");
  if (glob === "" || glob === "**" || glob === "**/" || glob === "**/**") glob = "**/*";
  if (glob !== glob.trim()) throw new Unconvertible("it starts or ends with whitespace");
  return glob;
}

/**
 * Expands `{a,b}` sets: `src/*.{ts,tsx}` → `src/*.ts`, `src/*.tsx`. Nested
 * sets expand from the inside out; at most 64 globs come from one.
 *
 * @param glob The glob.
 * @returns The expanded globs (the glob itself when it has no set).
 */
export function expandBraceSet(glob: string): string[] {
  const out: string[] = [];
  const queue = [glob];
  while (queue.length > 0 && out.length + queue.length <= 64) {
    const item = queue.shift()!;
    const match = /\{([^{}]*)\}/.exec(item);
    if (!match) {
      if (!out.includes(item)) out.push(item);
      continue;
    }
    const before = item.slice(0, match.index);
    const after = item.slice(match.index + match[0].length);
    for (const option of match[1]!.split(",")) queue.push(before + option + after);
  }
  return queue.length > 0 ? [glob] : out;
}
