/**
 * Private helpers of `parse_rule.ts`: how the value of one frontmatter field
 * is read once its lines are known. Cursor reads frontmatter line by line, not
 * as YAML, so these accept everything YAML rejects (`globs: *.ts`) and the YAML
 * forms people write anyway (quotes, flow lists, block lists, block scalars).
 *
 * @module
 */

/** One line that belongs to a field after its `key:` line. */
export interface Continuation {
  /** The line's content, without its line terminator. */
  text: string;
  /** `item` is a YAML `- x` list item; `blank` and `comment` never carry value text. */
  kind: "item" | "text" | "blank" | "comment";
}

/** The lines of one field, as the scanner found them. */
export interface FieldSource {
  /** The value on the `key:` line, trimmed. */
  inline: string;
  /** `|` or `>` when the inline value is a YAML block scalar indicator. */
  block: "|" | ">" | undefined;
  /** Lines after the key line that belong to this field. */
  lines: readonly Continuation[];
}

/** Portability flags of a list value (see `GlobStyle` in `parse_rule.ts`). */
export interface ListStyle {
  quoted: boolean;
  bracketed: boolean;
  yamlList: boolean;
  braces: boolean;
  spaceAfterComma: boolean;
}

/** A YAML block scalar header: `|`, `>-`, `|2+`, optionally followed by a comment. */
const BLOCK_INDICATOR = /^([|>])(?:[+-]?[1-9]?|[1-9][+-])(?:[ \t]+#.*)?$/;

/**
 * Tells whether a trimmed inline value opens a YAML block scalar.
 *
 * @param inline The trimmed value after `key:`.
 * @returns `|` or `>`, or undefined.
 */
export function blockIndicator(inline: string): "|" | ">" | undefined {
  const first = inline.charCodeAt(0);
  if (first !== 0x7c && first !== 0x3e) return undefined;
  const match = BLOCK_INDICATOR.exec(inline);
  return match ? match[1] as "|" | ">" : undefined;
}

/** Number of leading spaces and tabs. */
export function indentOf(line: string): number {
  let i = 0;
  while (i < line.length) {
    const code = line.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09) break;
    i++;
  }
  return i;
}

/**
 * Reads a text value (description) the way YAML would, minus its errors:
 * block scalars are literal (`|`) or folded (`>`), plain multi-line values are
 * folded, one pair of surrounding quotes is removed and the result is trimmed.
 *
 * @param field The field's lines.
 * @returns The text; empty when unset.
 */
export function readText(field: FieldSource): string {
  if (field.block !== undefined) return readBlock(field).trim();
  const parts: string[] = [];
  if (field.inline !== "") parts.push(field.inline);
  for (const line of field.lines) {
    if (line.kind === "comment") continue;
    parts.push(line.kind === "blank" ? "" : line.text.trim());
  }
  return unquote(fold(parts).trim()).value.trim();
}

/**
 * Reads a scalar such as `alwaysApply` without interpreting it.
 *
 * @param field The field's lines.
 * @returns The value text, trimmed, continuation lines joined with spaces.
 */
export function readScalar(field: FieldSource): string {
  if (field.block !== undefined) return readBlock(field).trim();
  const parts: string[] = field.inline === "" ? [] : [field.inline];
  for (const line of field.lines) {
    if (line.kind === "item" || line.kind === "text") parts.push(line.text.trim());
  }
  return parts.join(" ").trim();
}

/**
 * Reads a list value (globs, extends) in any of the forms seen in the wild:
 * `*.ts, src/**`, quoted items, a flow list `["a", "b"]`, a YAML block list or
 * a single glob. Commas inside `{}` and `[]` groups do not separate items.
 *
 * @param field The field's lines.
 * @returns The trimmed, non-empty items and the style flags. Flags are all
 * false when the list is empty.
 */
export function readList(field: FieldSource): { items: string[]; style: ListStyle } {
  const style: ListStyle = {
    quoted: false,
    bracketed: false,
    yamlList: false,
    braces: false,
    spaceAfterComma: false,
  };
  const items: string[] = [];
  const isBlockList = field.block === undefined && field.inline === "" &&
    field.lines.some((line) => line.kind === "item");
  if (isBlockList) {
    const entries: string[] = [];
    for (const line of field.lines) {
      if (line.kind === "item") entries.push(line.text.trim().slice(1).trim());
      else if (line.kind === "text") {
        // A wrapped item: YAML folds it into the previous one.
        const last = entries.length - 1;
        if (last < 0) entries.push(line.text.trim());
        else entries[last] = `${entries[last]} ${line.text.trim()}`;
      }
    }
    for (const entry of entries) splitInto(entry, items, style);
    style.yamlList = items.length > 0;
  } else {
    // A block scalar (`globs: |`) holds one glob per line.
    let text = field.block === undefined
      ? readScalar(field)
      : readBlock(field).split("\n").map((line) => line.trim()).join(",");
    if (text.length >= 2 && text.startsWith("[") && text.endsWith("]")) {
      style.bracketed = true;
      text = text.slice(1, -1);
    }
    splitInto(text, items, style);
    style.bracketed &&= items.length > 0;
  }
  if (items.length === 0) style.quoted = style.spaceAfterComma = false;
  style.braces = items.some(hasBraceSet);
  return { items, style };
}

/**
 * Splits `text` at top-level commas into `out`, unquoting items. A quoted item
 * is split again (`"*.ts, *.tsx"` is one YAML string that Cursor then splits at
 * commas), but only once: quotes inside quotes stay, so the work stays linear.
 */
function splitInto(text: string, out: string[], style: ListStyle, nested = false): void {
  for (const segment of splitTopLevel(text, !nested)) {
    const trimmed = segment.text.trim();
    if (trimmed === "") continue;
    const unquoted = nested ? { value: trimmed, quoted: false } : unquote(trimmed);
    if (unquoted.quoted) {
      const before = out.length;
      splitInto(unquoted.value, out, style, true);
      if (out.length > before) {
        style.quoted = true;
        if (segment.afterSpace) style.spaceAfterComma = true;
      }
      continue;
    }
    out.push(trimmed);
    if (segment.afterSpace) style.spaceAfterComma = true;
  }
}

/** A piece of a comma list and whether whitespace followed its comma. */
interface Segment {
  text: string;
  afterSpace: boolean;
}

/**
 * Splits at commas outside `{}`, `[]` and (when `quotes`) quotes. A quote only
 * opens at the start of an item (as in YAML), so `it's/*.md` is not quoted.
 */
function splitTopLevel(text: string, quotes: boolean): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  let braces = 0;
  let brackets = 0;
  let quote = 0;
  let atItemStart = true;
  let afterSpace = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (quote !== 0) {
      if (quote === 0x22 && code === 0x5c) i++; // skip the escaped character
      else if (code === quote) {
        if (quote === 0x27 && text.charCodeAt(i + 1) === 0x27) i++; // '' in single quotes
        else quote = 0;
      }
      continue;
    }
    if (atItemStart && (code === 0x20 || code === 0x09)) continue;
    const wasItemStart = atItemStart;
    atItemStart = false;
    if (quotes && wasItemStart && (code === 0x22 || code === 0x27)) quote = code;
    else if (code === 0x7b) braces++;
    else if (code === 0x7d) braces = Math.max(0, braces - 1);
    else if (code === 0x5b) brackets++;
    else if (code === 0x5d) brackets = Math.max(0, brackets - 1);
    else if (code === 0x2c && braces === 0 && brackets === 0) {
      segments.push({ text: text.slice(start, i), afterSpace });
      start = i + 1;
      const next = text.charCodeAt(i + 1);
      afterSpace = next === 0x20 || next === 0x09;
      atItemStart = true;
    }
  }
  segments.push({ text: text.slice(start), afterSpace });
  return segments;
}

/** Whether a glob holds a brace set with a comma, such as `*.{ts,tsx}`. */
function hasBraceSet(glob: string): boolean {
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const code = glob.charCodeAt(i);
    if (code === 0x5c) i++;
    else if (code === 0x7b) depth++;
    else if (code === 0x7d) depth = Math.max(0, depth - 1);
    else if (code === 0x2c && depth > 0) return true;
  }
  return false;
}

/**
 * Removes one pair of matching surrounding quotes. Double quotes unescape
 * `\"` and `\\`; single quotes unescape `''`. Anything else is kept as is.
 *
 * @param value A trimmed value.
 * @returns The value without quotes, and whether there were any.
 */
export function unquote(value: string): { value: string; quoted: boolean } {
  if (value.length < 2) return { value, quoted: false };
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  if (first !== last || (first !== 0x22 && first !== 0x27)) return { value, quoted: false };
  const inner = value.slice(1, -1);
  if (first === 0x27) return { value: inner.replaceAll("''", "'"), quoted: true };
  let backslashes = 0;
  for (let i = inner.length - 1; i >= 0 && inner.charCodeAt(i) === 0x5c; i--) backslashes++;
  if (backslashes % 2 === 1) return { value, quoted: false }; // the closing quote is escaped
  return { value: inner.replace(/\\(["\\])/g, "$1"), quoted: true };
}

/** The content of a block scalar: indentation removed, literal or folded. */
function readBlock(field: FieldSource): string {
  let indent = -1;
  const lines: string[] = [];
  for (const line of field.lines) {
    if (line.kind === "blank") {
      lines.push("");
      continue;
    }
    const own = indentOf(line.text);
    if (indent < 0) indent = own;
    lines.push(line.text.slice(Math.min(indent, own)));
  }
  return field.block === "|" ? lines.join("\n") : fold(lines);
}

/** YAML line folding: lines join with a space, an empty line becomes a newline. */
function fold(lines: readonly string[]): string {
  const out: string[] = [];
  let joinWithSpace = false;
  for (const line of lines) {
    if (line === "") {
      out.push("\n");
      joinWithSpace = false;
    } else {
      if (joinWithSpace) out.push(" ");
      out.push(line);
      joinWithSpace = true;
    }
  }
  return out.join("");
}
