/**
 * Private helper of `convert_draft.ts`: a tolerant reader for the YAML-like
 * content of v1 `<rule>` blocks, used when the YAML parser refuses a block or
 * cannot run (see `_draft_block.ts`). On valid YAML it reads what the YAML
 * parser reads for the forms drafts use.
 *
 * It understands indentation-nested mappings and `-` sequences, block scalars
 * (`|`, `>`), quoted and plain scalars (plain ones may continue on more
 * indented lines), flow lists and comments. It accepts what YAML rejects in
 * real drafts: unknown escapes in double quotes (`"\.py$"`), `: ` inside plain
 * values, duplicate keys (the last wins), tabs in indentation (2 columns each),
 * and block scalar lines indented less than the block. A line it cannot place
 * is skipped and reported. Every scalar is a string, as with YAML's failsafe
 * schema.
 *
 * @module
 */

/** A value read from the block. */
export type LooseValue = string | LooseValue[] | { [key: string]: LooseValue };

interface Line {
  /** Width of the leading whitespace, a tab counting 2 columns. */
  indent: number;
  /** The line without leading and trailing whitespace. */
  text: string;
  /** The line without trailing whitespace. */
  raw: string;
}

const KEY_LINE =
  /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"-][^:]*?|-[^\s:][^:]*?)\s*:(?:\s+(.*)|)$/;
const BLOCK_HEADER = /^([|>])[+-]?[1-9]?[+-]?\s*(?:#.*)?$/;
const MAX_DEPTH = 40;
const IDENTIFIER_KEY = /^(?:[A-Za-z_][\w-]*|"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*:(?:[ \t]|$)/;

/**
 * Reads the content of a `<rule>` block.
 *
 * @param text The block content, lines separated by `\n`.
 * @returns The mapping read (empty when the top level is not a mapping) and the
 * 1-based numbers of the lines that were skipped.
 */
export function readLooseYaml(
  text: string,
): { value: Record<string, LooseValue>; skipped: number[] } {
  const reader = new LooseReader(text);
  const value = reader.readTop();
  return { value, skipped: reader.skipped };
}

class LooseReader {
  readonly skipped: number[] = [];
  #lines: Line[];
  #pos = 0;

  constructor(text: string) {
    this.#lines = text.split("\n").map((line) => {
      const raw = line.trimEnd();
      const text = raw.trimStart();
      const lead = raw.slice(0, raw.length - text.length);
      return { indent: lead.length + lead.split("\t").length - 1, text, raw };
    });
  }

  readTop(): Record<string, LooseValue> {
    const out: Record<string, LooseValue> = {};
    while (this.#skipBlank()) {
      const line = this.#lines[this.#pos]!;
      if (!isItem(line.text)) {
        Object.assign(out, this.#mapping(line.indent, 1));
        continue;
      }
      // A list where a mapping belongs: nothing to name it by, so skip it.
      const start = this.#pos;
      this.#sequence(line.indent, 1);
      for (let i = start; i < this.#pos; i++) {
        if (this.#lines[i]!.text !== "") this.skipped.push(i + 1);
      }
    }
    return out;
  }

  /** Moves past blank and comment lines; false at the end. */
  #skipBlank(): boolean {
    while (this.#pos < this.#lines.length) {
      const text = this.#lines[this.#pos]!.text;
      if (text !== "" && !text.startsWith("#")) return true;
      this.#pos++;
    }
    return false;
  }

  /**
   * Whether the line at `at` (not more indented than a block scalar's key)
   * ends the block: a `key:` line, an item at the key's indentation or a YAML
   * item less indented, or comments followed by such a line or by the end.
   */
  #structural(at: number, indent: number): boolean {
    const text = this.#lines[at]!.text;
    if (isIdentifierKey(text)) return true;
    if (isItem(text)) {
      // At the key's own indentation an item is a sibling, as in YAML. Less
      // indented, a Markdown list item ("- Use X") is content and a YAML item
      // ("- type: x") is structure.
      if (this.#lines[at]!.indent === indent) return true;
      const after = text.slice(1).trimStart();
      return after === "" || isIdentifierKey(after) || BLOCK_HEADER.test(after) ||
        /^(?:- |-$|["'{[])/.test(after);
    }
    if (!text.startsWith("#")) return false;
    let next = at + 1;
    while (next < this.#lines.length) {
      const candidate = this.#lines[next]!;
      if (candidate.text !== "" && !candidate.text.startsWith("#")) break;
      next++;
    }
    if (next >= this.#lines.length) return true;
    return this.#lines[next]!.indent <= indent && this.#structural(next, indent);
  }

  #skip(): void {
    this.skipped.push(this.#pos + 1);
    this.#pos++;
  }

  #mapping(indent: number, depth: number): Record<string, LooseValue> {
    const out: Record<string, LooseValue> = {};
    let lastKey: string | undefined;
    while (this.#skipBlank()) {
      const line = this.#lines[this.#pos]!;
      if (line.indent < indent) break;
      if (line.indent === indent && isItem(line.text)) break;
      const match = line.indent === indent ? KEY_LINE.exec(line.text) : null;
      if (!match) {
        // A stray line: continue the previous plain value, or skip it.
        const previous = lastKey === undefined ? undefined : out[lastKey];
        if (typeof previous === "string" && previous !== "" && !previous.includes("\n")) {
          out[lastKey!] = `${previous} ${line.text}`;
          this.#pos++;
        } else this.#skip();
        continue;
      }
      const keyLine = ++this.#pos;
      const key = unquoteKey(match[1]!);
      const value = this.#value(match[2] ?? "", indent, depth);
      if (key === "__proto__") {
        this.skipped.push(keyLine);
        continue;
      }
      lastKey = key;
      out[key] = value;
    }
    return out;
  }

  #sequence(indent: number, depth: number): LooseValue[] {
    const out: LooseValue[] = [];
    while (this.#skipBlank()) {
      const line = this.#lines[this.#pos]!;
      if (line.indent < indent) break;
      if (line.indent === indent && !isItem(line.text)) break;
      if (line.indent > indent) {
        this.#skip();
        continue;
      }
      const after = line.text.slice(1).trimStart();
      const column = line.indent + line.text.length - after.length;
      if (after === "" || after.startsWith("#")) {
        this.#pos++;
        out.push(this.#nested(indent, depth + 1));
      } else if (depth < MAX_DEPTH && (KEY_LINE.test(after) || isItem(after))) {
        // Re-read the rest of the line as the first line of a nested node.
        this.#lines[this.#pos] = { indent: column, text: after, raw: " ".repeat(column) + after };
        out.push(
          isItem(after) ? this.#sequence(column, depth + 1) : this.#mapping(column, depth + 1),
        );
      } else {
        this.#pos++;
        out.push(this.#value(after, indent, depth));
      }
    }
    return out;
  }

  /** The node under a key or item whose own line has no value. */
  #nested(parentIndent: number, depth: number): LooseValue {
    if (!this.#skipBlank() || depth > MAX_DEPTH) return "";
    const line = this.#lines[this.#pos]!;
    if (isItem(line.text) && line.indent >= parentIndent) {
      return this.#sequence(line.indent, depth + 1);
    }
    if (line.indent <= parentIndent) return "";
    const flow = flowCollection(line.text);
    if (flow !== undefined) {
      this.#pos++;
      return flow;
    }
    return this.#mapping(line.indent, depth + 1);
  }

  #value(inline: string, indent: number, depth: number): LooseValue {
    const header = BLOCK_HEADER.exec(inline);
    if (header) return this.#blockScalar(indent, header[1] === ">");
    if (inline === "" || inline.startsWith("#")) return this.#nested(indent, depth);
    return flowCollection(inline) ?? this.#scalar(inline, indent);
  }

  /** A quoted or plain scalar, with its continuation lines. */
  #scalar(inline: string, indent: number): string {
    const quote = inline[0];
    if (quote === '"' || quote === "'") {
      let text = inline;
      while (!closesQuote(text, quote) && this.#pos < this.#lines.length) {
        const next = this.#lines[this.#pos]!;
        if (next.indent <= indent && next.text !== "") break;
        text += next.text === "" ? "\n" : ` ${next.text}`;
        this.#pos++;
      }
      return unquoteValue(text.trim());
    }
    const parts = [stripComment(inline)];
    while (this.#pos < this.#lines.length) {
      const next = this.#lines[this.#pos]!;
      if (next.text === "" || next.indent <= indent || next.text.startsWith("#")) break;
      if (KEY_LINE.test(next.text) || isItem(next.text)) break;
      parts.push(stripComment(next.text));
      this.#pos++;
    }
    return parts.join(" ").trim();
  }

  /**
   * A `|` or `>` block: every following line that is blank or more indented
   * than the key, plus less indented lines that cannot be structure (drafts
   * often leave Markdown and code in messages unindented).
   */
  #blockScalar(indent: number, folded: boolean): string {
    const taken: Line[] = [];
    while (this.#pos < this.#lines.length) {
      const line = this.#lines[this.#pos]!;
      if (line.text !== "" && line.indent <= indent && this.#structural(this.#pos, indent)) break;
      taken.push(line);
      this.#pos++;
    }
    while (taken.length > 0 && taken.at(-1)!.text === "") taken.pop();
    const deeper = taken.filter((line) => line.text !== "" && line.indent > indent);
    const base = deeper.reduce((min, line) => Math.min(min, line.indent), Infinity);
    const lines = taken.map((line) =>
      line.text === "" ? "" : line.indent >= base ? stripColumns(line.raw, base) : line.text
    );
    return folded ? fold(lines) : lines.join("\n");
  }
}

/**
 * Folds the lines of a `>` block as YAML does: lines of text join with a
 * space, each blank line between them is a line break, and more indented
 * lines keep their breaks.
 */
function fold(lines: readonly string[]): string {
  let out = "";
  let previous: "none" | "text" | "more" = "none";
  let blanks = 0;
  for (const line of lines) {
    if (line === "") {
      blanks++;
      continue;
    }
    const more = /^\s/.test(line);
    if (previous === "none") out += "\n".repeat(blanks);
    else if (previous === "text" && !more) out += blanks === 0 ? " " : "\n".repeat(blanks);
    else out += "\n".repeat(blanks + 1);
    out += line;
    previous = more ? "more" : "text";
    blanks = 0;
  }
  return out;
}

/** Removes `columns` columns of leading whitespace (a tab counting 2), keeping the rest verbatim. */
function stripColumns(raw: string, columns: number): string {
  let width = 0;
  let i = 0;
  while (i < raw.length && width < columns && (raw[i] === " " || raw[i] === "\t")) {
    width += raw[i] === "\t" ? 2 : 1;
    i++;
  }
  return raw.slice(i);
}

function isItem(text: string): boolean {
  return text === "-" || text.startsWith("- ");
}

/** A `key:` line whose key is an identifier, as YAML keys in drafts are. */
function isIdentifierKey(text: string): boolean {
  return IDENTIFIER_KEY.test(text);
}

function closesQuote(text: string, quote: string): boolean {
  for (let i = 1; i < text.length; i++) {
    if (quote === '"' && text[i] === "\\") {
      i++;
      continue;
    }
    if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") {
        i++;
        continue;
      }
      return true;
    }
  }
  return false;
}

/** Removes one pair of quotes; double-quoted escapes are read, unknown ones kept as written. */
function unquoteValue(text: string): string {
  if (text.startsWith("'")) {
    const end = findClosing(text, "'");
    return text.slice(1, end).replace(/''/g, "'");
  }
  if (!text.startsWith('"')) return text;
  const end = findClosing(text, '"');
  const inner = text.slice(1, end);
  const escapes: Record<string, string> = { "\\": "\\", '"': '"', n: "\n", t: "\t", "/": "/" };
  return inner.replace(/\\(.)/g, (whole, char: string) => escapes[char] ?? whole);
}

function findClosing(text: string, quote: string): number {
  for (let i = 1; i < text.length; i++) {
    if (quote === '"' && text[i] === "\\") {
      i++;
      continue;
    }
    if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") {
        i++;
        continue;
      }
      return i;
    }
  }
  return text.length;
}

function unquoteKey(key: string): string {
  return key.startsWith('"') || key.startsWith("'") ? unquoteValue(key) : key.trim();
}

function stripComment(text: string): string {
  const at = text.search(/\s#/);
  return (at === -1 ? text : text.slice(0, at)).trim();
}

/** A one-line flow list `[a, "b"]` or flow mapping `{a: b}` (no nesting), else undefined. */
function flowCollection(text: string): LooseValue | undefined {
  const value = stripComment(text);
  if (value.startsWith("[") && value.endsWith("]")) return flowList(value.slice(1, -1));
  if (!value.startsWith("{") || !value.endsWith("}")) return undefined;
  const out: Record<string, LooseValue> = {};
  for (const item of splitFlow(value.slice(1, -1))) {
    const at = item.search(/:(?:\s|$)/);
    const key = unquoteKey(at === -1 ? item : item.slice(0, at));
    if (key !== "" && key !== "__proto__") {
      out[key] = at === -1 ? "" : unquoteValue(item.slice(at + 1).trim());
    }
  }
  return out;
}

function flowList(inner: string): string[] {
  return splitFlow(inner).map((item) => unquoteValue(item));
}

/** Splits flow collection content at commas outside quotes; items are trimmed, empty ones dropped. */
function splitFlow(inner: string): string[] {
  const items: string[] = [];
  let current = "";
  let quote: string | undefined;
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i]!;
    if (quote !== undefined) {
      if (char === "\\" && quote === '"') {
        current += char + (inner[++i] ?? "");
        continue;
      }
      if (char === quote) quote = undefined;
      current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      current += char;
    } else if (char === ",") {
      items.push(current);
      current = "";
    } else current += char;
  }
  items.push(current);
  return items.map((item) => item.trim()).filter((item) => item !== "");
}
