/**
 * A tolerant, lossless reader of Cursor rule files (`.mdc`).
 *
 * The frontmatter is read line by line, as Cursor reads it, not with a YAML
 * parser: `globs: *.ts, src/**` and `description: When: editing SQL` are
 * accepted as written. The YAML forms people use anyway (quotes, flow lists,
 * block lists, block scalars) are understood too, and flagged in
 * {@linkcode GlobStyle} so a validator can warn about the ones some Cursor
 * versions mishandle. Nothing is ever thrown and nothing is lost:
 * `serializeRule(parseRule(text)) === text` for every string.
 *
 * @module
 */
import { applyChanges } from "./_apply_changes.ts";
import type { RuleChanges } from "./edit_rule.ts";
import { readList, readScalar, readText } from "./_frontmatter_values.ts";
import { scanFrontmatter } from "./_scan_frontmatter.ts";
import { bytePosition, firstInvalidUtf8 } from "./_utf8.ts";

/**
 * A problem found while reading a rule. Lines and columns are 1-based and
 * count UTF-16 code units; line 1 starts after the byte order mark, if any.
 * `endLine`/`endColumn` point just past the end of the range.
 */
export interface RuleDiagnostic {
  /**
   * Stable code: `frontmatter-unclosed`, `frontmatter-line-invalid`,
   * `frontmatter-duplicate-key`, `frontmatter-not-at-start` (from
   * {@linkcode parseRule}), `binary-content` or `invalid-utf8` (from
   * {@linkcode decodeRuleBytes}).
   */
  code: string;
  /** How bad it is. */
  severity: "error" | "warning" | "info";
  /** What is wrong, std style (no final period). */
  message: string;
  /** One sentence saying how to fix it. */
  hint: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** 1-based line where the range ends. */
  endLine?: number;
  /** 1-based column just past the range. */
  endColumn?: number;
}

/** One `key: value` entry of the frontmatter, with its continuation lines. */
export interface FrontmatterField {
  /** The key, trimmed, spelled as in the file (keys are case-sensitive). */
  key: string;
  /** The value on the key line, trimmed, then each continuation line verbatim after a `\n`. */
  rawValue: string;
  /** 1-based line of the key. */
  line: number;
  /** 1-based column where the value starts (just after the colon when the value is empty). */
  valueColumn: number;
  /** Lines the field spans, continuation lines (block lists, block scalars) included. */
  lineCount: number;
}

/**
 * How `globs` was written. Each flag marks a form that some Cursor versions
 * mishandle; all are false when there are no globs.
 */
export interface GlobStyle {
  /** At least one glob was quoted (`"*.ts"`); Cursor 3.17 keeps the quotes. */
  quoted: boolean;
  /** A YAML flow list (`["a", "b"]`). */
  bracketed: boolean;
  /** A YAML block list (`globs:` then `- a` lines). */
  yamlList: boolean;
  /** A glob holds a brace set such as `*.{ts,tsx}`. */
  braces: boolean;
  /** Whitespace follows a comma between two globs (`a, b`). */
  spaceAfterComma: boolean;
}

/** Everything read from a rule file. */
export interface ParsedRule {
  /** The text that was parsed, unchanged. */
  raw: string;
  /** Whether the text starts with a byte order mark (U+FEFF). */
  bom: boolean;
  /** The line ending of the first line that has one (`\n` when none has). Mixed files are kept as they are. */
  eol: "\n" | "\r\n";
  /** Whether line 1 is a `---` delimiter. */
  hasFrontmatter: boolean;
  /** Whether a closing `---` line was found. */
  frontmatterClosed: boolean;
  /** 1-based line of the opening `---`. */
  frontmatterStartLine?: number;
  /** 1-based line of the closing `---`. */
  frontmatterEndLine?: number;
  /** Frontmatter fields in file order, duplicates included. Empty when the frontmatter is unclosed. */
  fields: FrontmatterField[];
  /** The description, unquoted and trimmed; undefined when absent or empty. */
  description?: string;
  /** The globs, trimmed and unquoted, empty items dropped. */
  globs: string[];
  /** How the globs were written. */
  globStyle: GlobStyle;
  /** `true` or `false` exactly; undefined when absent, empty or invalid. */
  alwaysApply?: boolean;
  /** The raw alwaysApply value when it is neither `true` nor `false` (`"true"`, `yes`, `True`). */
  alwaysApplyInvalid?: string;
  /** Names of the rules this one extends (our own key; same syntax as globs). */
  extends: string[];
  /** Keys other than description, globs, alwaysApply and extends, in order, each once. */
  unknownKeys: string[];
  /** The exact text after the closing `---` line, or the whole text after the BOM. */
  body: string;
  /** 1-based line where the body starts. */
  bodyStartLine: number;
  /** Parse-level problems, in file order. */
  diagnostics: RuleDiagnostic[];
}

const KNOWN_KEYS = new Set(["description", "globs", "alwaysApply", "extends"]);

/**
 * Reads a Cursor rule. Never throws. When a key appears twice the last one
 * wins (with a `frontmatter-duplicate-key` warning). `alwaysApply` accepts
 * only lowercase `true`/`false`; anything else lands in `alwaysApplyInvalid`.
 * An unclosed frontmatter makes the whole file body (no fields).
 *
 * @param text The rule file's text (see {@linkcode decodeRuleBytes} for bytes).
 * @returns The parsed rule.
 *
 * @example Read an auto-attached rule
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseRule } from "./parse_rule.ts";
 * const rule = parseRule("---\nglobs: *.ts, src/**\/*.tsx\n---\nUse strict mode.\n");
 * assert.ok(rule.globs.join("|") === "*.ts|src/**\/*.tsx");
 * assert.ok(rule.globStyle.spaceAfterComma && rule.body === "Use strict mode.\n");
 * ```
 */
export function parseRule(text: string): ParsedRule {
  const bom = text.charCodeAt(0) === 0xfeff;
  const start = bom ? 1 : 0;
  const firstNl = text.indexOf("\n");
  const rule: ParsedRule = {
    raw: text,
    bom,
    eol: firstNl > start && text.charCodeAt(firstNl - 1) === 0x0d ? "\r\n" : "\n",
    hasFrontmatter: false,
    frontmatterClosed: false,
    fields: [],
    globs: [],
    globStyle: {
      quoted: false,
      bracketed: false,
      yamlList: false,
      braces: false,
      spaceAfterComma: false,
    },
    extends: [],
    unknownKeys: [],
    body: text.slice(start),
    bodyStartLine: 1,
    diagnostics: [],
  };
  const first = lineAt(text, start);
  if (!isDelimiter(text, start, first.contentEnd)) {
    warnMisplacedFrontmatter(text, start, rule.diagnostics);
    return rule;
  }
  rule.hasFrontmatter = true;
  rule.frontmatterStartLine = 1;
  let lineNo = 1;
  for (let pos = first.next; pos < text.length;) {
    lineNo++;
    const line = lineAt(text, pos);
    if (isDelimiter(text, pos, line.contentEnd)) {
      rule.frontmatterClosed = true;
      rule.frontmatterEndLine = lineNo;
      rule.body = text.slice(line.next);
      rule.bodyStartLine = lineNo + 1;
      const fields = scanFrontmatter(text, first.next, pos, 2, rule.diagnostics);
      interpret(rule, fields);
      return rule;
    }
    pos = line.next;
  }
  rule.diagnostics.push({
    code: "frontmatter-unclosed",
    severity: "error",
    message: 'Cannot find the end of the frontmatter: the "---" on line 1 is never closed',
    hint:
      'Add a line containing only "---" after the last frontmatter line; until then the whole file is read as body',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: first.contentEnd - start + 1,
  });
  return rule;
}

/** Fills the typed values from the scanned fields; for duplicate keys the last wins. */
function interpret(rule: ParsedRule, fields: ReturnType<typeof scanFrontmatter>): void {
  const unknown = new Set<string>();
  for (const field of fields) {
    rule.fields.push({
      key: field.key,
      rawValue: field.rawValue,
      line: field.line,
      valueColumn: field.valueColumn,
      lineCount: field.lineCount,
    });
    switch (field.key) {
      case "description": {
        const text = readText(field);
        if (text === "") delete rule.description;
        else rule.description = text;
        break;
      }
      case "globs": {
        const { items, style } = readList(field);
        rule.globs = items;
        rule.globStyle = style;
        break;
      }
      case "alwaysApply": {
        const value = readScalar(field);
        delete rule.alwaysApply;
        delete rule.alwaysApplyInvalid;
        if (value === "true" || value === "false") rule.alwaysApply = value === "true";
        else if (value !== "") rule.alwaysApplyInvalid = value;
        break;
      }
      case "extends":
        rule.extends = readList(field).items;
        break;
      default:
        if (!KNOWN_KEYS.has(field.key)) unknown.add(field.key);
    }
  }
  rule.unknownKeys = [...unknown];
}

/** Warns when the first non-blank line is `---` but not a frontmatter opener on line 1. */
function warnMisplacedFrontmatter(
  text: string,
  start: number,
  diagnostics: RuleDiagnostic[],
): void {
  let lineNo = 0;
  for (let pos = start; pos < text.length;) {
    lineNo++;
    const line = lineAt(text, pos);
    const content = text.slice(pos, line.contentEnd);
    const trimmed = content.trim();
    if (trimmed === "") {
      pos = line.next;
      continue;
    }
    if (trimmed !== "---") return;
    const column = content.indexOf("-") + 1;
    diagnostics.push({
      code: "frontmatter-not-at-start",
      severity: "warning",
      message: lineNo === 1
        ? 'Cannot read frontmatter: the "---" on line 1 must start at column 1'
        : `Cannot read frontmatter: its "---" is on line ${lineNo}, not on line 1`,
      hint:
        'Make "---" the very first line, with nothing before it; until then the rule is read as having no frontmatter',
      line: lineNo,
      column,
      endLine: lineNo,
      endColumn: column + 3,
    });
    return;
  }
}

/** Where the line starting at `pos` ends: its content (without `\r\n`/`\n`) and the next line. */
function lineAt(text: string, pos: number): { contentEnd: number; next: number } {
  const nl = text.indexOf("\n", pos);
  if (nl === -1) return { contentEnd: text.length, next: text.length };
  return { contentEnd: nl > pos && text.charCodeAt(nl - 1) === 0x0d ? nl - 1 : nl, next: nl + 1 };
}

/** `---` followed only by spaces and tabs. */
function isDelimiter(text: string, start: number, end: number): boolean {
  if (end - start < 3) return false;
  if (text.charCodeAt(start) !== 0x2d) return false;
  if (text.charCodeAt(start + 1) !== 0x2d || text.charCodeAt(start + 2) !== 0x2d) return false;
  for (let i = start + 3; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09) return false;
  }
  return true;
}

/**
 * Turns a parsed rule back into text. For an unmodified parse this is exactly
 * `rule.raw`. Changes made to `description`, `globs`, `alwaysApply`,
 * `extends`, `body` and `bom` are written back losslessly, as
 * {@linkcode editRule} would (a property set to undefined removes its key);
 * every other property is derived and ignored.
 *
 * @param rule A result of {@linkcode parseRule}, possibly modified.
 * @returns The rule text.
 * @throws {CodegenError} VALIDATION_FAILED when a frontmatter value changed but
 * the frontmatter is unclosed.
 *
 * @example Round trip, then change the body
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseRule, serializeRule } from "./parse_rule.ts";
 * const text = "---\r\nglobs: *.ts\r\n---\r\nOld\r\n";
 * const rule = parseRule(text);
 * assert.ok(serializeRule(rule) === text);
 * rule.body = "New\r\n";
 * assert.ok(serializeRule(rule) === "---\r\nglobs: *.ts\r\n---\r\nNew\r\n");
 * ```
 */
export function serializeRule(rule: ParsedRule): string {
  const original = parseRule(rule.raw);
  const changes: RuleChanges = {};
  if (rule.description !== original.description) changes.description = rule.description ?? null;
  if (!sameList(rule.globs, original.globs)) changes.globs = rule.globs ?? null;
  if (rule.alwaysApply !== original.alwaysApply) changes.alwaysApply = rule.alwaysApply ?? null;
  if (!sameList(rule.extends, original.extends)) changes.extends = rule.extends ?? null;
  if (rule.body !== original.body) changes.body = rule.body;
  const text = Object.keys(changes).length === 0 ? rule.raw : applyChanges(original, changes);
  if (rule.bom === original.bom) return text;
  return rule.bom ? `\ufeff${text}` : text.slice(1);
}

function sameList(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((item, i) => item === b[i]);
}

/**
 * Decodes a rule file's bytes as UTF-8, refusing binary content (NUL bytes)
 * and invalid UTF-8 (such as Windows-1252 or UTF-16 files) with a diagnostic
 * that says what to do. A byte order mark is kept in the text, so
 * {@linkcode parseRule} reports it and {@linkcode serializeRule} restores it.
 *
 * @param bytes The file's content.
 * @returns The text, or a `binary-content` / `invalid-utf8` diagnostic.
 *
 * @example Windows-1252 bytes are refused
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeRuleBytes } from "./parse_rule.ts";
 * const result = decodeRuleBytes(new Uint8Array([0x43, 0x61, 0x66, 0xe9]));
 * assert.ok("diagnostic" in result && result.diagnostic.code === "invalid-utf8");
 * ```
 */
export function decodeRuleBytes(
  bytes: Uint8Array,
): { text: string } | { diagnostic: RuleDiagnostic } {
  const utf16 = bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (utf16) {
    return {
      diagnostic: {
        code: "invalid-utf8",
        severity: "error",
        message: "Cannot read rule: the file is UTF-16, not UTF-8",
        hint: "Save the file again as UTF-8 (without a UTF-16 byte order mark)",
        line: 1,
        column: 1,
      },
    };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const at = bytePosition(bytes, nul);
    return {
      diagnostic: {
        code: "binary-content",
        severity: "error",
        message:
          `Cannot read rule: it contains a NUL byte at line ${at.line}, column ${at.column}, so it looks binary`,
        hint:
          "Replace it with the text of the rule saved as UTF-8, or delete it if it is not a rule",
        ...at,
      },
    };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const at = bytePosition(bytes, bad);
    const byte = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, "0");
    return {
      diagnostic: {
        code: "invalid-utf8",
        severity: "error",
        message:
          `Cannot read rule: byte 0x${byte} at line ${at.line}, column ${at.column} is not valid UTF-8`,
        hint:
          "Save the file again as UTF-8; it was probably written in a legacy encoding such as Windows-1252",
        ...at,
      },
    };
  }
}
