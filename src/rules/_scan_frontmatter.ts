/**
 * Private helper of `parse_rule.ts`: splits the lines between the two `---`
 * delimiters into fields, line by line as Cursor does (not as YAML).
 *
 * @module
 */
import type { RuleDiagnostic } from "./parse_rule.ts";
import {
  blockIndicator,
  type Continuation,
  type FieldSource,
  indentOf,
} from "./_frontmatter_values.ts";

/** A field with everything the parser and the editor need. */
export interface ScannedField extends FieldSource {
  /** The trimmed key. */
  key: string;
  /** 1-based line of the `key:` line. */
  line: number;
  /** 1-based column where the value starts (just after the colon when empty). */
  valueColumn: number;
  /** Lines spanned, the key line and its continuation lines included. */
  lineCount: number;
  /** Indentation of the key line. */
  keyIndent: number;
  /** Inline value plus each continuation line verbatim, joined with `\n`. */
  rawValue: string;
}

interface OpenField {
  field: ScannedField;
  lines: Continuation[];
  /** Blank and comment lines seen after the field, kept only if a continuation follows. */
  pending: Continuation[];
}

/**
 * Reads the frontmatter lines in `text.slice(start, end)`.
 *
 * @param text The whole rule text.
 * @param start Offset of the first line after the opening `---` line.
 * @param end Offset of the closing `---` line.
 * @param firstLine 1-based number of the line at `start`.
 * @param diagnostics Receives `frontmatter-line-invalid` and `frontmatter-duplicate-key`.
 * @returns The fields in file order.
 */
export function scanFrontmatter(
  text: string,
  start: number,
  end: number,
  firstLine: number,
  diagnostics: RuleDiagnostic[],
): ScannedField[] {
  const fields: ScannedField[] = [];
  const firstSeen = new Map<string, number>();
  let open: OpenField | undefined;
  let lineNo = firstLine - 1;
  let pos = start;
  while (pos < end) {
    lineNo++;
    const nl = text.indexOf("\n", pos);
    const lineEnd = nl === -1 || nl >= end ? end : nl;
    const contentEnd = lineEnd > pos && text.charCodeAt(lineEnd - 1) === 0x0d
      ? lineEnd - 1
      : lineEnd;
    const line = text.slice(pos, contentEnd);
    pos = lineEnd + 1;
    const indent = indentOf(line);
    const blank = indent === line.length;
    if (open !== undefined) {
      if (continues(open, line, indent, blank)) continue;
      close(open, fields);
      open = undefined;
    }
    if (blank) continue;
    const trimmed = line.slice(indent).trimEnd();
    if (trimmed.startsWith("#")) continue;
    const colon = line.indexOf(":");
    const key = colon === -1 ? "" : line.slice(0, colon).trim();
    if (key === "") {
      diagnostics.push({
        code: "frontmatter-line-invalid",
        severity: "error",
        message: colon === -1
          ? `Cannot read frontmatter line ${lineNo}: expected "key: value" but found no colon`
          : `Cannot read frontmatter line ${lineNo}: the colon has no key before it`,
        hint:
          'Write it as "key: value", indent it to continue the previous value, start it with "#" to make it a comment, or move it below the closing "---"',
        line: lineNo,
        column: indent + 1,
        endLine: lineNo,
        endColumn: indent + trimmed.length + 1,
      });
      continue;
    }
    const after = line.slice(colon + 1);
    const lead = indentOf(after);
    const inline = after.trim();
    const field: ScannedField = {
      key,
      line: lineNo,
      valueColumn: colon + 2 + (inline === "" ? 0 : lead),
      lineCount: 1,
      keyIndent: indent,
      rawValue: inline,
      inline,
      block: blockIndicator(inline),
      lines: [],
    };
    const seen = firstSeen.get(key);
    if (seen === undefined) firstSeen.set(key, lineNo);
    else {
      diagnostics.push({
        code: "frontmatter-duplicate-key",
        severity: "warning",
        message: `Duplicate frontmatter key "${key}": line ${lineNo} overrides line ${seen}`,
        hint: `Keep a single "${key}" line; only the last one counts`,
        line: lineNo,
        column: indent + 1,
        endLine: lineNo,
        endColumn: indent + 1 + line.slice(indent, colon).trimEnd().length,
      });
    }
    open = { field, lines: [], pending: [] };
  }
  if (open !== undefined) close(open, fields);
  return fields;
}

/** Attaches `line` to the open field when it continues it; false when it does not. */
function continues(open: OpenField, line: string, indent: number, blank: boolean): boolean {
  const { field } = open;
  if (blank) {
    open.pending.push({ text: line, kind: "blank" });
    return true;
  }
  const deeper = indent > field.keyIndent;
  if (field.block !== undefined) {
    // Inside a block scalar every more-indented line is content, even "# ...".
    if (!deeper) return false;
    return attach(open, { text: line, kind: "text" });
  }
  const first = line.charCodeAt(indent);
  if (first === 0x23) {
    open.pending.push({ text: line, kind: "comment" });
    return true;
  }
  const next = line.charCodeAt(indent + 1);
  const item = first === 0x2d && (indent + 1 === line.length || next === 0x20 || next === 0x09);
  if (deeper) return attach(open, { text: line, kind: item ? "item" : "text" });
  // A compact block list: "globs:" followed by "- a" at the key's own indentation.
  if (item && indent === field.keyIndent && field.inline === "") {
    return attach(open, { text: line, kind: "item" });
  }
  return false;
}

function attach(open: OpenField, line: Continuation): true {
  for (const pending of open.pending) open.lines.push(pending);
  open.lines.push(line);
  open.field.lineCount += open.pending.length + 1;
  open.pending = [];
  return true;
}

function close(open: OpenField, fields: ScannedField[]): void {
  const { field, lines } = open;
  field.lines = lines;
  if (lines.length > 0) {
    field.rawValue = [field.inline, ...lines.map((line) => line.text)].join("\n");
  }
  fields.push(field);
}
