/**
 * Lossless edits of `.ai/` documents: each function changes only the lines it
 * must (one box character, one field line, inserted lines) and keeps every
 * other byte, line endings and byte order mark included.
 *
 * @module
 */
import { ValidationError } from "../core/mod.ts";
import { type DocLine, formatScalar } from "./_front_block.ts";
import { type AgileDoc, type ChecklistItem, frontField, parseAgileDoc } from "./parse_agile_doc.ts";

function join(lines: readonly DocLine[]): string {
  return lines.map((line) => line.text + line.eol).join("");
}

/**
 * Ticks or unticks one checklist item: only the character in its box changes.
 *
 * @param text The document.
 * @param change The item (from `parseAgileDoc(text)`) and its new state.
 * @returns The new text (the same text when the state is unchanged).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseAgileDoc, setChecked } from "./mod.ts";
 * const text = "## Tasks\r\n- [ ] A\r\n- [ ] B\r\n";
 * const item = parseAgileDoc(text).tasks[1]!;
 * assert.equal(setChecked(text, { item, checked: true }), "## Tasks\r\n- [ ] A\r\n- [x] B\r\n");
 * ```
 */
export function setChecked(
  text: string,
  change: { item: ChecklistItem; checked: boolean },
): string {
  const { item, checked } = change;
  if (item.checked === checked) return text;
  const lines = parseAgileDoc(text).lines;
  const line = lines[item.line - 1]!;
  const offset = line.text.startsWith("\ufeff") ? 1 : 0;
  const at = item.column - 1 + offset;
  line.text = line.text.slice(0, at) + (checked ? "x" : " ") + line.text.slice(at + 1);
  return join(lines);
}

/** Options of {@linkcode setFrontFields}. */
export interface SetFrontFieldsOptions {
  /** Write the values as given (for lists such as `[a, b]`), not plain or quoted. @default {false} */
  raw?: boolean;
  /** Workspace-relative path, for errors. @default {"(document)"} */
  file?: string;
}

/**
 * Sets front-block fields, in order. An existing field keeps its key
 * spelling, the spacing after its colon and a trailing comment; a new one
 * goes just before the closing `---`; a document without a front block gets
 * one.
 *
 * @param text The document.
 * @param fields Key → value; values are written plain, or double-quoted when needed.
 * @param options Raw values and the file name for errors.
 * @returns The new text.
 * @throws {ValidationError} VALIDATION_FAILED when the front block is not closed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { setFrontFields } from "./mod.ts";
 * const text = "---\ntitle: A\nstatus:   Draft # set by the PM\n---\nBody\n";
 * assert.equal(setFrontFields(text, { status: "Approved" }), "---\ntitle: A\nstatus:   Approved # set by the PM\n---\nBody\n");
 * assert.equal(setFrontFields("Body\n", { status: "Draft" }), "---\nstatus: Draft\n---\nBody\n");
 * ```
 */
export function setFrontFields(
  text: string,
  fields: Readonly<Record<string, string>>,
  options: SetFrontFieldsOptions = {},
): string {
  let result = text;
  for (const [key, value] of Object.entries(fields)) result = setField(result, key, value, options);
  return result;
}

function setField(
  text: string,
  key: string,
  value: string,
  options: SetFrontFieldsOptions,
): string {
  const { raw = false, file = "(document)" } = options;
  const written = raw ? value : formatScalar(value);
  const doc = parseAgileDoc(text);
  const lines = doc.lines;
  if (doc.front === undefined) {
    const bom = text.startsWith("\ufeff") ? "\ufeff" : "";
    const eol = doc.eol;
    return `${bom}---${eol}${key}: ${written}${eol}---${eol}${text.slice(bom.length)}`;
  }
  if (!doc.front.closed) throw unclosed(file);
  const field = frontField(doc, key);
  if (field === undefined) {
    lines.splice(doc.front.endLine! - 1, 0, { text: `${key}: ${written}`, eol: doc.eol });
    return join(lines);
  }
  const line = lines[field.line - 1]!;
  const colon = line.text.indexOf(":");
  const spacing = /^[ \t]*/.exec(line.text.slice(colon + 1))![0];
  const rest = line.text.slice(colon + 1 + spacing.length);
  const comment = /^["']/.test(rest) ? "" : /[ \t]+#.*$/.exec(rest)?.[0] ?? "";
  line.text = `${line.text.slice(0, colon + 1)}${spacing || " "}${written}${comment}`;
  lines.splice(field.line, field.lineCount - 1);
  return join(lines);
}

/**
 * Removes every occurrence of a front-block field, continuation lines included.
 *
 * @param text The document.
 * @param key The key.
 * @returns The new text (unchanged when the key is absent).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { removeFrontField } from "./mod.ts";
 * assert.equal(removeFrontField("---\na: 1\nb: 2\n---\n", "a"), "---\nb: 2\n---\n");
 * ```
 */
export function removeFrontField(text: string, key: string): string {
  const doc = parseAgileDoc(text);
  const fields = (doc.front?.fields ?? []).filter((f) => f.key.toLowerCase() === key.toLowerCase());
  if (fields.length === 0) return text;
  const lines = doc.lines;
  for (const field of fields.reverse()) lines.splice(field.line - 1, field.lineCount);
  return join(lines);
}

/**
 * Writes a status where the document keeps it: the `status:` field, or the
 * `## Status: X` line of an older file (only the value changes); a document
 * with neither gets a `status:` field.
 *
 * @param text The document.
 * @param status The status text to write.
 * @param options The file's workspace-relative path, for errors.
 * @returns The new text.
 * @throws {ValidationError} VALIDATION_FAILED when the front block is not closed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { setStatusText } from "./mod.ts";
 * assert.equal(setStatusText("# PRD\n## Status: Draft\n", "Approved"), "# PRD\n## Status: Approved\n");
 * ```
 */
export function setStatusText(
  text: string,
  status: string,
  options: { file?: string } = {},
): string {
  const doc: AgileDoc = parseAgileDoc(text);
  if (doc.status?.source !== "body") {
    return setFrontFields(text, { status }, options);
  }
  const lines = doc.lines;
  const line = lines[doc.status.line - 1]!;
  const at = doc.status.column - 1 + (line.text.startsWith("\ufeff") ? 1 : 0);
  line.text = line.text.slice(0, at) + status + line.text.slice(at + doc.status.value.length);
  return join(lines);
}

/**
 * Appends unticked items to the `## Tasks` (or `## Acceptance criteria`)
 * checklist: after its last item, or at the end of the section; a missing
 * section is added at the end of the document.
 *
 * @param text The document.
 * @param items The items' text, one line each.
 * @param options Which checklist: `task` (default) or `criterion`.
 * @returns The new text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { addChecklistItems } from "./mod.ts";
 * const text = "## Tasks\n\n- [x] A\n\n## Notes\n";
 * assert.equal(addChecklistItems(text, ["B"]), "## Tasks\n\n- [x] A\n- [ ] B\n\n## Notes\n");
 * ```
 */
export function addChecklistItems(
  text: string,
  items: readonly string[],
  options: { kind?: "task" | "criterion" } = {},
): string {
  const { kind = "task" } = options;
  if (items.length === 0) return text;
  const doc = parseAgileDoc(text);
  const lines = doc.lines;
  const eol = doc.eol;
  const existing = kind === "task" ? doc.tasks : doc.criteria;
  const title = kind === "task" ? /^tasks$/i : /^acceptance[ \t]+criteria$/i;
  const heading = doc.headings.find((h) => h.level === 2 && title.test(h.title));
  const bullet =
    (existing.at(-1) && /^[ \t]*([-*+])/.exec(lines[existing.at(-1)!.line - 1]!.text)?.[1]) ?? "-";
  const newLines = items.map((item) => ({ text: `${bullet} [ ] ${item}`, eol }));
  if (existing.length > 0) {
    // After the last item and any lines nested under it.
    let after = existing.at(-1)!.line;
    while (after < lines.length && /^[ \t]+\S/.test(lines[after]!.text)) after++;
    lines.splice(after, 0, ...newLines);
  } else if (heading) {
    const next = doc.headings.find((h) => h.line > heading.line && h.level <= 2)?.line ??
      lines.length + 1;
    let last = next - 1;
    while (last > heading.line && lines[last - 1]!.text.trim() === "") last--;
    if (last === heading.line) newLines.unshift({ text: "", eol });
    if (lines[last - 1]!.eol === "") lines[last - 1]!.eol = eol;
    lines.splice(last, 0, ...newLines);
  } else {
    if (lines.length > 0 && lines.at(-1)!.eol === "") lines.at(-1)!.eol = eol;
    const sectionTitle = kind === "task" ? "Tasks" : "Acceptance criteria";
    const blank = lines.length > 0 && lines.at(-1)!.text.trim() !== "" ? [{ text: "", eol }] : [];
    lines.push(...blank, { text: `## ${sectionTitle}`, eol }, { text: "", eol }, ...newLines);
  }
  return join(lines);
}

function unclosed(file: string): ValidationError {
  return new ValidationError('Cannot edit the front block: its closing "---" line is missing', {
    file,
    line: 1,
  }, { hint: 'Add a line containing only "---" after the last front-block field' });
}
