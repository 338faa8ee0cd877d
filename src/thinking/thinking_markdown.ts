/**
 * The Markdown format of persisted thinking sessions
 * (`.ai/thinking/<slug>.md`): a short header, then one entry per thought with
 * a `### Thought 3/5` heading that names revisions and branches, and a hidden
 * comment holding the fields as JSON, so the file can be read back exactly.
 *
 * @module
 */
import type { ThoughtRecord } from "./thinking_store.ts";

const MARKER = "<!-- codegen-lab:thought ";
const MARKER_LINE = /^<!-- codegen-lab:thought (\{.*\}) -->$/;
/** Thought lines that look like a marker get one more leading backslash. */
const NEEDS_ESCAPE = /^\\*<!-- codegen-lab:thought /;
const ESCAPED = /^\\+<!-- codegen-lab:thought /;

/** A thought read back from a file, with when it was recorded. */
export interface PersistedThought extends ThoughtRecord {
  /** ISO time it was recorded, when the file says. */
  at?: string;
}

/** The content of a persisted session file. */
export interface ThinkingFile {
  /** The session id from the header, if present. */
  session?: string;
  /** ISO start time from the header, if present. */
  startedAt?: string;
  /** The thoughts, in file order. */
  thoughts: PersistedThought[];
}

/**
 * The header a new session file starts with.
 *
 * @param session The session id.
 * @param startedAt When the session started.
 * @returns Markdown ending with a newline.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { thinkingFileHeader } from "./thinking_markdown.ts";
 * assert.equal(
 *   thinkingFileHeader("stdio", new Date(0)),
 *   '# Sequential thinking\n\n- Session: "stdio"\n- Started: 1970-01-01T00:00:00.000Z\n',
 * );
 * ```
 */
export function thinkingFileHeader(session: string, startedAt: Date): string {
  return `# Sequential thinking\n\n- Session: ${
    JSON.stringify(session)
  }\n- Started: ${startedAt.toISOString()}\n`;
}

/**
 * The notes of a thought's heading: revision, branch, more thoughts, final.
 *
 * @param thought The thought.
 * @returns The notes, possibly none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { thoughtNotes } from "./thinking_markdown.ts";
 * const notes = thoughtNotes({
 *   thought: "x", thoughtNumber: 3, totalThoughts: 3, nextThoughtNeeded: false,
 *   isRevision: true, revisesThought: 1,
 * });
 * assert.deepEqual(notes, ["revises thought 1", "final"]);
 * ```
 */
export function thoughtNotes(thought: ThoughtRecord): string[] {
  const notes: string[] = [];
  if (thought.isRevision) {
    notes.push(
      thought.revisesThought === undefined
        ? "revision"
        : `revises thought ${thought.revisesThought}`,
    );
  }
  const branch = thought.branchId ? `branch ${JSON.stringify(thought.branchId)}` : "";
  const from = thought.branchFromThought === undefined
    ? ""
    : `from thought ${thought.branchFromThought}`;
  if (branch || from) {
    notes.push(branch && from ? `${branch} ${from}` : branch || `branches ${from}`);
  }
  if (thought.needsMoreThoughts) notes.push("needs more thoughts");
  if (!thought.nextThoughtNeeded) notes.push("final");
  return notes;
}

/**
 * One file entry: a blank line, the heading, the hidden fields, a blank line
 * and the thought text (lines that look like a marker are escaped).
 *
 * @param thought The thought (with `totalThoughts` already raised).
 * @param at When it was recorded.
 * @returns Markdown ending with a newline.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { thoughtEntry } from "./thinking_markdown.ts";
 * const entry = thoughtEntry(
 *   { thought: "Plan", thoughtNumber: 1, totalThoughts: 2, nextThoughtNeeded: true },
 *   new Date(0),
 * );
 * assert.ok(entry.startsWith("\n### Thought 1/2\n<!-- codegen-lab:thought "));
 * assert.ok(entry.endsWith(" -->\n\nPlan\n"));
 * ```
 */
export function thoughtEntry(thought: ThoughtRecord, at: Date): string {
  const notes = thoughtNotes(thought);
  const heading = `### Thought ${thought.thoughtNumber}/${thought.totalThoughts}${
    notes.length ? ` (${notes.join("; ")})` : ""
  }`;
  const { thought: text, ...fields } = thought;
  const json = JSON.stringify({ ...fields, at: at.toISOString() })
    .replaceAll("<", "\\u003c").replaceAll(">", "\\u003e");
  const body = text.split("\n").map((line) => NEEDS_ESCAPE.test(line) ? `\\${line}` : line).join(
    "\n",
  );
  return `\n${heading}\n${MARKER}${json} -->\n\n${body}\n`;
}

/**
 * Reads a session file back. Entries are found by their hidden field
 * comments; text between them is the thought, exactly as recorded.
 * Untrusted text is safe to parse: a malformed entry is skipped.
 *
 * @param text The file content.
 * @returns The header fields and the thoughts.
 *
 * @example Round trip
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseThinkingFile, thinkingFileHeader, thoughtEntry } from "./thinking_markdown.ts";
 * const thought = { thought: "a\n\nb", thoughtNumber: 1, totalThoughts: 1, nextThoughtNeeded: false };
 * const file = thinkingFileHeader("s", new Date(0)) + thoughtEntry(thought, new Date(0));
 * const parsed = parseThinkingFile(file);
 * assert.equal(parsed.session, "s");
 * assert.deepEqual(parsed.thoughts, [{ ...thought, at: "1970-01-01T00:00:00.000Z" }]);
 * ```
 */
export function parseThinkingFile(text: string): ThinkingFile {
  const lines = text.split("\n");
  const markers: Array<{ index: number; fields: Record<string, unknown> }> = [];
  lines.forEach((line, index) => {
    const match = MARKER_LINE.exec(line);
    if (!match || !lines[index - 1]?.startsWith("### ")) return;
    try {
      const fields = JSON.parse(match[1]!);
      if (fields && typeof fields === "object" && !Array.isArray(fields)) {
        markers.push({ index, fields });
      }
    } catch { /* not one of ours */ }
  });
  const thoughts: PersistedThought[] = [];
  markers.forEach(({ index, fields }, i) => {
    const next = markers[i + 1];
    const end = next ? next.index - 2 : lines.length - 1;
    const body = lines.slice(index + 2, Math.max(index + 2, end))
      .map((line) => ESCAPED.test(line) ? line.slice(1) : line).join("\n");
    const thought = toThought(fields, body);
    if (thought) thoughts.push(thought);
  });
  const session = headerValue(lines, "- Session: ");
  const startedAt = lines.find((line) => line.startsWith("- Started: "))?.slice(11).trim();
  return {
    ...(typeof session === "string" ? { session } : {}),
    ...(startedAt ? { startedAt } : {}),
    thoughts,
  };
}

function headerValue(lines: readonly string[], prefix: string): unknown {
  const line = lines.find((candidate) => candidate.startsWith(prefix));
  if (line === undefined) return undefined;
  try {
    return JSON.parse(line.slice(prefix.length));
  } catch {
    return undefined;
  }
}

function toThought(fields: Record<string, unknown>, thought: string): PersistedThought | undefined {
  const count = (value: unknown): value is number => Number.isInteger(value) && Number(value) >= 1;
  const { thoughtNumber, totalThoughts, nextThoughtNeeded } = fields;
  if (!count(thoughtNumber) || !count(totalThoughts) || typeof nextThoughtNeeded !== "boolean") {
    return undefined;
  }
  const record: PersistedThought = { thought, thoughtNumber, totalThoughts, nextThoughtNeeded };
  if (typeof fields.isRevision === "boolean") record.isRevision = fields.isRevision;
  if (count(fields.revisesThought)) record.revisesThought = fields.revisesThought;
  if (count(fields.branchFromThought)) record.branchFromThought = fields.branchFromThought;
  if (typeof fields.branchId === "string") record.branchId = fields.branchId;
  if (typeof fields.needsMoreThoughts === "boolean") {
    record.needsMoreThoughts = fields.needsMoreThoughts;
  }
  if (typeof fields.at === "string") record.at = fields.at;
  return record;
}
