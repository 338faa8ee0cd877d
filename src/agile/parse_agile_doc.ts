/**
 * A tolerant, lossless reader of `.ai/` documents (PRD, architecture,
 * stories): the front block, the status, the title, the `## Acceptance
 * criteria` and `## Tasks` checklists and the Markdown links, each with its
 * line. It never throws; the text is kept as lines so edits touch only the
 * lines they change.
 *
 * @module
 */
import {
  type DocLine,
  type FrontField,
  isDelimiter,
  listValue,
  scalarValue,
  scanFields,
  splitLines,
} from "./_front_block.ts";

export type { DocLine, FrontField };

/** One checklist line (`- [ ] text` or `- [x] text`) of a story. */
export interface ChecklistItem {
  /** `criterion` under `## Acceptance criteria`, `task` under `## Tasks`. */
  kind: "criterion" | "task";
  /** 1-based position among the items of its kind (`task:2`). */
  index: number;
  /** The text after the box, trimmed. */
  text: string;
  /** Whether the box holds `x` or `X`. */
  checked: boolean;
  /** The whole text is struck through (`~~…~~`): skipped, so it does not block Done. */
  skipped: boolean;
  /** 1-based line. */
  line: number;
  /** 1-based column of the character inside the box. */
  column: number;
}

/** A Markdown heading. */
export interface DocHeading {
  /** Heading text, trimmed. */
  title: string;
  /** 1 for `#`, 2 for `##`… */
  level: number;
  /** 1-based line. */
  line: number;
}

/** A relative or absolute link target found in the body. */
export interface DocLink {
  /** The target as written. */
  target: string;
  /** 1-based line. */
  line: number;
  /** 1-based column where the target starts. */
  column: number;
}

/** Where the status is written. */
export interface StatusLocation {
  /** The status text as written (a trailing `(note)` excluded). */
  value: string;
  /** `front` for a `status:` field, `body` for a `## Status: X` line (older files). */
  source: "front" | "body";
  /** 1-based line. */
  line: number;
  /** 1-based column where the value starts. */
  column: number;
}

/** The front block between the `---` lines. */
export interface FrontBlock {
  /** Whether the closing `---` was found; when not, no field is read. */
  closed: boolean;
  /** 1-based line of the closing `---`. */
  endLine: number | undefined;
  /** Fields in file order, duplicates included. */
  fields: FrontField[];
}

/** Everything read from one document. */
export interface AgileDoc {
  /** The text that was parsed. */
  raw: string;
  /** Its lines, with their terminators; line 1 keeps a byte order mark. */
  lines: DocLine[];
  /** The line ending new lines get: that of the first line (`\n` when none). */
  eol: "\n" | "\r\n";
  /** The front block, if line 1 is `---`. */
  front: FrontBlock | undefined;
  /** 1-based line where the body starts. */
  bodyStartLine: number;
  /** The status field, or else the first `Status: X` line of the body. */
  status: StatusLocation | undefined;
  /** The `title` field, or else the first `# ` heading. */
  title: string | undefined;
  /** Headings in order. */
  headings: DocHeading[];
  /** Items under `## Acceptance criteria`. */
  criteria: ChecklistItem[];
  /** Items under `## Tasks`. */
  tasks: ChecklistItem[];
  /** Link targets outside code. */
  links: DocLink[];
}

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const CHECKBOX = /^([ \t]*[-*+][ \t]+)\[([ xX])\](?:[ \t]+(.*))?$/;
const BODY_STATUS =
  /^ {0,3}(?:#{1,6}[ \t]+)?(?:\*\*)?status(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]*(\S.*?)[ \t]*$/di;
const LINK = /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)/dg;

/**
 * Reads an `.ai/` document. Never throws.
 *
 * @param text The file's text.
 * @returns The parsed document.
 *
 * @example Read a story's status and tasks
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseAgileDoc } from "./parse_agile_doc.ts";
 * const doc = parseAgileDoc("---\ntitle: Login\nstatus: Draft\n---\n## Tasks\n\n- [x] Form\n- [ ] API\n");
 * assert.equal(doc.status?.value, "Draft");
 * assert.deepEqual(doc.tasks.map((t) => [t.index, t.text, t.checked]), [[1, "Form", true], [2, "API", false]]);
 * ```
 */
export function parseAgileDoc(text: string): AgileDoc {
  const lines = splitLines(text);
  const line = (n: number): string => {
    const content = lines[n - 1]?.text ?? "";
    return n === 1 && content.startsWith("\ufeff") ? content.slice(1) : content;
  };
  const doc: AgileDoc = {
    raw: text,
    lines,
    eol: lines[0]?.eol === "\r\n" ? "\r\n" : "\n",
    front: undefined,
    bodyStartLine: 1,
    status: undefined,
    title: undefined,
    headings: [],
    criteria: [],
    tasks: [],
    links: [],
  };
  if (lines.length > 0 && isDelimiter(line(1))) {
    let end: number | undefined;
    for (let n = 2; n <= lines.length; n++) {
      if (isDelimiter(line(n))) {
        end = n;
        break;
      }
    }
    doc.front = { closed: end !== undefined, endLine: end, fields: [] };
    if (end !== undefined) {
      doc.front.fields = scanFields(lines, 2, end);
      doc.bodyStartLine = end + 1;
    }
  }
  const statusField = frontField(doc, "status");
  if (statusField && statusField.inline !== "") {
    const keyLine = line(statusField.line);
    const column = keyLine.indexOf(statusField.inline) + 1;
    doc.status = {
      value: statusField.inline.replace(/[ \t]+#.*$/, "").replace(/^(["'])(.*)\1$/, "$2"),
      source: "front",
      line: statusField.line,
      column,
    };
  }
  const titleField = frontField(doc, "title");
  readBody(doc, line);
  if (titleField) {
    const value = scalarOf(titleField);
    if (value !== "") doc.title = value;
  }
  return doc;
}

function readBody(doc: AgileDoc, line: (n: number) => string): void {
  let fence: string | undefined;
  let section: "criterion" | "task" | undefined;
  for (let n = doc.bodyStartLine; n <= doc.lines.length; n++) {
    const text = line(n);
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(text);
    if (fenceMatch) {
      const marker = fenceMatch[1]!;
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const heading = HEADING.exec(text);
    if (heading) {
      const level = heading[1]!.length;
      const title = heading[2]!.trim();
      doc.headings.push({ title, level, line: n });
      if (level === 1 && doc.title === undefined) doc.title = title;
      if (level <= 2) {
        section = /^acceptance[ \t]+criteria$/i.test(title)
          ? "criterion"
          : /^tasks$/i.test(title)
          ? "task"
          : undefined;
      }
    }
    if (doc.status === undefined) {
      const status = BODY_STATUS.exec(text);
      if (status?.indices?.[1]) {
        doc.status = {
          value: status[1]!.replace(/\s*\(.*\)\s*$/, ""),
          source: "body",
          line: n,
          column: status.indices[1][0] + 1,
        };
      }
    }
    const box = section === undefined ? null : CHECKBOX.exec(text);
    if (box && section !== undefined) {
      const list = section === "criterion" ? doc.criteria : doc.tasks;
      const itemText = (box[3] ?? "").trim();
      list.push({
        kind: section,
        index: list.length + 1,
        text: itemText,
        checked: box[2] !== " ",
        skipped: /^~~.+~~$/.test(itemText),
        line: n,
        column: box[1]!.length + 2,
      });
    }
    const code = text.replace(/`[^`]*`/g, (span) => " ".repeat(span.length));
    for (const link of code.matchAll(LINK)) {
      doc.links.push({ target: link[1]!, line: n, column: link.indices![1]![0] + 1 });
    }
  }
}

/**
 * The last front-block field with this key (keys match case-insensitively).
 *
 * @param doc A parsed document.
 * @param key The key, such as `status`.
 * @returns The field, or undefined.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { frontField, parseAgileDoc } from "./parse_agile_doc.ts";
 * const doc = parseAgileDoc("---\npoints: 3\n---\n");
 * assert.equal(frontField(doc, "points")?.inline, "3");
 * ```
 */
export function frontField(doc: AgileDoc, key: string): FrontField | undefined {
  const fields = doc.front?.fields ?? [];
  for (let i = fields.length - 1; i >= 0; i--) {
    if (fields[i]!.key.toLowerCase() === key.toLowerCase()) return fields[i];
  }
  return undefined;
}

/**
 * The scalar value of a field (unquoted, without a trailing comment).
 *
 * @param field A front-block field.
 * @returns The value; empty when unset.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { frontField, parseAgileDoc, scalarOf } from "./parse_agile_doc.ts";
 * const doc = parseAgileDoc('---\ntitle: "Login: v2"\n---\n');
 * assert.equal(scalarOf(frontField(doc, "title")!), "Login: v2");
 * ```
 */
export function scalarOf(field: FrontField): string {
  return scalarValue(field.inline);
}

/**
 * The list value of a field: a flow list (`[a, b]`), a block list (`- a`
 * lines) or comma-separated text; empty items dropped.
 *
 * @param field A front-block field.
 * @returns The items.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { frontField, listOf, parseAgileDoc } from "./parse_agile_doc.ts";
 * const doc = parseAgileDoc("---\ndependencies:\n  - epic-1/story-1\n---\n");
 * assert.deepEqual(listOf(frontField(doc, "dependencies")!), ["epic-1/story-1"]);
 * ```
 */
export function listOf(field: FrontField): string[] {
  return listValue(field);
}

/**
 * The whole-number value of a field.
 *
 * @param field A front-block field.
 * @returns The number, or undefined when the value is not a whole number.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { frontField, intOf, parseAgileDoc } from "./parse_agile_doc.ts";
 * const doc = parseAgileDoc("---\npoints: 3\nepic: one\n---\n");
 * assert.equal(intOf(frontField(doc, "points")!), 3);
 * assert.equal(intOf(frontField(doc, "epic")!), undefined);
 * ```
 */
export function intOf(field: FrontField): number | undefined {
  const value = scalarValue(field.inline);
  return /^-?\d+$/.test(value) ? Number(value) : undefined;
}
