/**
 * Private: reading the front block (the `---` delimited frontmatter) of an
 * `.ai/` document line by line, and the values of its fields. Titles such as
 * `title: Login: first cut` are not valid YAML, so only quoted scalars and
 * flow lists (`[a, b]`), which really are YAML, go through the YAML parser.
 *
 * @module
 */
import { parse as parseYaml } from "yaml";

/** One line of a document. */
export interface DocLine {
  /** The content without its line terminator. */
  text: string;
  /** The terminator: `\n`, `\r\n` or empty for a last line without one. */
  eol: string;
}

/** One `key: value` field of the front block. */
export interface FrontField {
  /** The key as written. */
  key: string;
  /** The value on the key line, trimmed. */
  inline: string;
  /** `- item` lines (and other indented lines) after the key line, trimmed. */
  items: string[];
  /** 1-based line of the key. */
  line: number;
  /** Lines the field spans, the key line included. */
  lineCount: number;
}

const KEY_LINE = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$/;

/**
 * Splits text into lines that keep their terminators, so joining
 * `text + eol` of every line gives the text back.
 */
export function splitLines(text: string): DocLine[] {
  const lines: DocLine[] = [];
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf("\n", pos);
    if (nl === -1) {
      lines.push({ text: text.slice(pos), eol: "" });
      break;
    }
    const cr = nl > pos && text.charCodeAt(nl - 1) === 0x0d;
    lines.push({ text: text.slice(pos, cr ? nl - 1 : nl), eol: cr ? "\r\n" : "\n" });
    pos = nl + 1;
  }
  return lines;
}

/** Whether a line is a `---` delimiter (trailing blanks allowed). */
export function isDelimiter(text: string): boolean {
  return /^---[ \t]*$/.test(text);
}

/** Reads the fields between the delimiters on lines `from`..`to` (1-based, exclusive end). */
export function scanFields(lines: readonly DocLine[], from: number, to: number): FrontField[] {
  const fields: FrontField[] = [];
  let current: FrontField | undefined;
  for (let lineNo = from; lineNo < to; lineNo++) {
    const text = lines[lineNo - 1]!.text;
    const match = KEY_LINE.exec(text);
    if (match) {
      current = {
        key: match[1]!,
        inline: (match[2] ?? "").trim(),
        items: [],
        line: lineNo,
        lineCount: 1,
      };
      fields.push(current);
      continue;
    }
    const trimmed = text.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    if (current && /^[ \t-]/.test(text)) {
      current.items.push(trimmed.replace(/^-[ \t]*/, ""));
      current.lineCount = lineNo - current.line + 1;
    }
  }
  return fields;
}

/**
 * The scalar value of a field: unquoted (YAML rules for quoted values) and
 * without a trailing ` # comment`.
 */
export function scalarValue(raw: string): string {
  const text = raw.trim();
  if (text.startsWith('"') || text.startsWith("'")) {
    try {
      const value: unknown = parseYaml(text);
      if (typeof value === "string") return value;
    } catch {
      // Fall through to the tolerant reading.
    }
    const quote = text[0]!;
    return text.endsWith(quote) && text.length >= 2 ? text.slice(1, -1) : text.slice(1);
  }
  return text.replace(/[ \t]+#.*$/, "").trim();
}

/** The list value of a field: a flow list, a block list, or comma-separated. */
export function listValue(field: FrontField): string[] {
  const inline = field.inline.replace(/[ \t]+#.*$/, "").trim();
  let items: string[];
  if (inline.startsWith("[")) {
    items = flowList(inline);
  } else if (inline === "") {
    items = field.items.map(scalarValue);
  } else {
    items = inline.split(",").map(scalarValue);
  }
  return items.map((item) => item.trim()).filter((item) => item !== "");
}

function flowList(text: string): string[] {
  try {
    const value: unknown = parseYaml(text);
    if (Array.isArray(value)) return value.map((item) => String(item ?? ""));
  } catch {
    // Not valid YAML: read it by hand.
  }
  return text.replace(/^\[/, "").replace(/\]$/, "").split(",").map(scalarValue);
}

/**
 * Writes a scalar so that {@linkcode scalarValue} reads it back: plain when
 * that is safe, otherwise double-quoted (valid YAML).
 */
export function formatScalar(value: string): string {
  const plain = value === value.trim() && value !== "" &&
    !/^[\s"'#&*!|>%@`[\]{},?:-]/.test(value) && !/: |\s#/.test(value) && !/:$/.test(value);
  return plain ? value : JSON.stringify(value);
}
