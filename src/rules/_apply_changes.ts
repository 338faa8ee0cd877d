/**
 * Private engine of `editRule` and `serializeRule`: applies changes to a
 * parsed rule by rewriting only the lines of the edited fields.
 *
 * @module
 */
import { CodegenError } from "../core/mod.ts";
import type { RuleChanges } from "./edit_rule.ts";
import type { ParsedRule } from "./parse_rule.ts";
import { blockIndicator, readList, readText } from "./_frontmatter_values.ts";

/** Canonical order of new keys; every other key ranks after these. */
const RANK: Readonly<Record<string, number>> = { description: 0, globs: 1, alwaysApply: 2 };
const OTHER_RANK = 3;

interface Op {
  key: string;
  /** The value text to write after `key: `, or null to remove the key. */
  value: string | null;
}

interface Line {
  content: string;
  term: string;
}

/**
 * Applies `changes` to `rule`, which must be an unmodified {@linkcode parseRule} result.
 *
 * @param rule The parsed rule.
 * @param changes What to change.
 * @returns The new text.
 * @throws {CodegenError} VALIDATION_FAILED when a frontmatter value changes but
 * the frontmatter is unclosed.
 * @throws {TypeError} When a value cannot be written so that it reads back the same.
 */
export function applyChanges(rule: ParsedRule, changes: RuleChanges): string {
  const ops = toOps(changes);
  const bodyOffset = rule.raw.length - rule.body.length;
  const body = changes.body ?? rule.body;
  if (ops.length === 0) return rule.raw.slice(0, bodyOffset) + body;
  if (rule.hasFrontmatter && !rule.frontmatterClosed) {
    throw new CodegenError(
      "VALIDATION_FAILED",
      'Cannot edit rule: the frontmatter opened by "---" on line 1 has no closing "---" line',
      {
        hint:
          'Add a line containing only "---" after the last frontmatter line, then edit the rule again',
        data: { line: 1 },
      },
    );
  }
  const bom = rule.bom ? "\ufeff" : "";
  if (!rule.hasFrontmatter) {
    const adds = ops.filter((op) => op.value !== null).sort(byRank);
    if (adds.length === 0) return rule.raw.slice(0, bodyOffset) + body;
    const lines = ["---", ...adds.map((op) => keyLine(`${op.key}:`, op.value!)), "---", ""];
    return bom + lines.join(rule.eol) + body;
  }
  const lines = splitLines(rule.raw.slice(bom.length, bodyOffset));
  const closing = (rule.frontmatterEndLine ?? lines.length) - 1;
  const deleted = new Set<number>();
  const replaced = new Map<number, Line>();
  const inserts = new Map<number, Op[]>();
  const deleteSpan = (line: number, count: number): void => {
    for (let i = line - 1; i < line - 1 + count; i++) deleted.add(i);
  };
  for (const op of ops) {
    const matches = rule.fields.filter((field) => field.key === op.key);
    const last = matches.at(-1);
    if (last === undefined) {
      if (op.value === null) continue;
      const rank = RANK[op.key] ?? OTHER_RANK;
      const before = rule.fields.find((field) => (RANK[field.key] ?? OTHER_RANK) > rank);
      const at = before === undefined ? closing : before.line - 1;
      inserts.set(at, [...inserts.get(at) ?? [], op].sort(byRank));
      continue;
    }
    for (const field of matches.slice(0, -1)) deleteSpan(field.line, field.lineCount);
    if (op.value === null) {
      deleteSpan(last.line, last.lineCount);
      continue;
    }
    const keyLineText = lines[last.line - 1]!.content;
    const prefix = keyLineText.slice(0, last.valueColumn - 1);
    replaced.set(last.line - 1, {
      content: keyLine(prefix, op.value),
      term: lines[last.line - 2 + last.lineCount]!.term,
    });
    deleteSpan(last.line + 1, last.lineCount - 1);
  }
  const out: string[] = [bom];
  for (let i = 0; i < lines.length; i++) {
    for (const op of inserts.get(i) ?? []) {
      out.push(keyLine(`${op.key}:`, op.value!), lines[i - 1]!.term);
    }
    const line = replaced.get(i) ?? (deleted.has(i) ? undefined : lines[i]!);
    if (line !== undefined) out.push(line.content, line.term);
  }
  out.push(body);
  return out.join("");
}

/** `key:` plus the value: bare when empty, at least one space otherwise. */
function keyLine(prefix: string, value: string): string {
  if (value === "") return prefix.trimEnd();
  return prefix.endsWith(":") ? `${prefix} ${value}` : prefix + value;
}

function byRank(a: Op, b: Op): number {
  return (RANK[a.key] ?? OTHER_RANK) - (RANK[b.key] ?? OTHER_RANK);
}

/** Splits text into lines, each with its terminator (`\r\n`, `\n` or empty at the end). */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf("\n", pos);
    if (nl === -1) {
      lines.push({ content: text.slice(pos), term: "" });
      break;
    }
    const cr = nl > pos && text.charCodeAt(nl - 1) === 0x0d;
    lines.push({ content: text.slice(pos, cr ? nl - 1 : nl), term: cr ? "\r\n" : "\n" });
    pos = nl + 1;
  }
  return lines;
}

/** Turns the changes into key/value-text operations, validating each value. */
function toOps(changes: RuleChanges): Op[] {
  const ops: Op[] = [];
  if (changes.description !== undefined) {
    ops.push({ key: "description", value: nullOr(changes.description, formatDescription) });
  }
  if (changes.globs !== undefined) {
    ops.push({ key: "globs", value: nullOr(changes.globs, formatGlobs) });
  }
  if (changes.alwaysApply !== undefined) {
    ops.push({ key: "alwaysApply", value: nullOr(changes.alwaysApply, formatBoolean) });
  }
  if (changes.extends !== undefined) {
    ops.push({ key: "extends", value: nullOr(changes.extends, formatExtends) });
  }
  for (const [key, value] of Object.entries(changes.fields ?? {})) {
    if (value === undefined) continue;
    checkKey(key);
    if (ops.some((op) => op.key === key)) {
      throw new TypeError(
        `Cannot edit "${key}" twice: it is set both as changes.${key} and in changes.fields`,
      );
    }
    if (value !== null && /[\r\n]/.test(value)) {
      throw new TypeError(
        `Cannot write frontmatter field "${key}": its raw value must be a single line`,
      );
    }
    ops.push({ key, value: value === null ? null : value.trim() });
  }
  return ops;
}

function nullOr<T>(value: T | null, format: (value: T) => string): string | null {
  return value === null ? null : format(value);
}

function checkKey(key: string): void {
  const invalid = key === "" || key !== key.trim() || /[:\r\n]/.test(key) ||
    key.startsWith("#") || key.startsWith("-");
  if (invalid) {
    throw new TypeError(
      `Cannot write frontmatter key ${
        JSON.stringify(key)
      }: a key must be non-empty, have no colon, line break or surrounding space, and not start with "#" or "-"`,
    );
  }
}

/** One line, never quoted unless the text would otherwise read back differently. */
function formatDescription(description: string): string {
  const text = description.split(/\r\n|\r|\n/).map((part) => part.trim())
    .filter((part) => part !== "").join(" ");
  if (text === "" || readText({ inline: text, block: blockIndicator(text), lines: [] }) === text) {
    return text;
  }
  // Only texts wrapped in matching quotes or equal to a block scalar header ("|", ">-") get here.
  return `"${text.replace(/["\\]/g, "\\$&")}"`;
}

/** Unquoted and comma-separated without spaces, as every Cursor version reads them. */
function formatGlobs(globs: readonly string[]): string {
  const items = cleanItems(globs, "glob");
  for (const item of items) checkReadsBack(item, [item], "glob");
  const value = items.join(",");
  checkReadsBack(value, items, "globs");
  return value;
}

/** A flow list `[a, b]`. */
function formatExtends(names: readonly string[]): string {
  const items = cleanItems(names, "extends entry");
  for (const item of items) checkReadsBack(`[${item}]`, [item], "extends entry");
  const value = `[${items.join(", ")}]`;
  checkReadsBack(value, items, "extends");
  return value;
}

function formatBoolean(value: boolean): string {
  if (typeof value !== "boolean") {
    throw new TypeError(`Cannot write alwaysApply: expected true or false, got ${String(value)}`);
  }
  return value ? "true" : "false";
}

function cleanItems(values: readonly string[], what: string): string[] {
  const items: string[] = [];
  for (const value of values) {
    if (/[\r\n]/.test(value)) {
      throw new TypeError(
        `Cannot write ${what} ${JSON.stringify(value)}: it contains a line break`,
      );
    }
    const item = value.trim();
    if (item !== "") items.push(item);
  }
  return items;
}

function checkReadsBack(value: string, expected: readonly string[], what: string): void {
  const back = readList({ inline: value, block: blockIndicator(value), lines: [] }).items;
  if (back.length === expected.length && back.every((item, i) => item === expected[i])) return;
  throw new TypeError(
    `Cannot write ${what} ${JSON.stringify(value)}: it would read back as ${
      JSON.stringify(back)
    }; remove commas outside {} and surrounding quotes or brackets`,
  );
}
