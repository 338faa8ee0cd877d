/**
 * Private helpers of the rule export and import planners: the managed block
 * that holds exported rules inside a single Markdown file (`AGENTS.md`,
 * `CLAUDE.md`, `.github/copilot-instructions.md`).
 *
 * A marker is any line whose trimmed text starts with the begin or end
 * comment, wherever it is (also inside a code block), so a file that merely
 * shows the markers is reported rather than rewritten.
 *
 * @module
 */

/** The line that opens the managed block. */
export const BLOCK_BEGIN = "<!-- codegen-lab:begin cursor-rules -->";

/** The line that closes the managed block. */
export const BLOCK_END = "<!-- codegen-lab:end cursor-rules -->";

const BEGIN_PREFIX = "<!-- codegen-lab:begin cursor-rules";
const END_PREFIX = "<!-- codegen-lab:end cursor-rules";

/** Where the one managed block of a file is. */
export interface BlockRange {
  /** Offset of the start of the begin marker's line. */
  start: number;
  /** Offset just past the end marker's text (before its line ending). */
  end: number;
  /** 1-based line of the begin marker. */
  beginLine: number;
  /** 1-based line of the end marker. */
  endLine: number;
}

/** What {@linkcode findBlock} found: no block, one block, or markers that do not pair up. */
export type BlockSearch =
  | { kind: "none" }
  | { kind: "block"; range: BlockRange }
  | { kind: "broken"; reason: string };

/** Whether a line's trimmed text starts a begin or end marker. */
export function isBlockMarker(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.startsWith(BEGIN_PREFIX) || trimmed.startsWith(END_PREFIX);
}

/**
 * Finds the managed block. Exactly one begin marker followed by exactly one
 * end marker is a block; any other combination of markers is broken, with a
 * reason naming the lines.
 */
export function findBlock(text: string): BlockSearch {
  const begins: { line: number; start: number }[] = [];
  const ends: { line: number; end: number }[] = [];
  let lineNo = 0;
  for (let pos = 0; pos <= text.length;) {
    lineNo++;
    const nl = text.indexOf("\n", pos);
    const next = nl === -1 ? text.length + 1 : nl + 1;
    let contentEnd = nl === -1 ? text.length : nl;
    if (contentEnd > pos && text.charCodeAt(contentEnd - 1) === 0x0d) contentEnd--;
    const trimmed = text.slice(pos, contentEnd).trim();
    if (trimmed.startsWith(BEGIN_PREFIX)) begins.push({ line: lineNo, start: pos });
    else if (trimmed.startsWith(END_PREFIX)) ends.push({ line: lineNo, end: contentEnd });
    pos = next;
  }
  if (begins.length === 0 && ends.length === 0) return { kind: "none" };
  const [begin] = begins;
  const [end] = ends;
  if (begins.length === 1 && ends.length === 1 && begin!.line < end!.line) {
    return {
      kind: "block",
      range: { start: begin!.start, end: end!.end, beginLine: begin!.line, endLine: end!.line },
    };
  }
  const lines = (items: readonly { line: number }[]) => items.map((item) => item.line).join(", ");
  let reason: string;
  if (ends.length === 0) {
    reason = `the codegen-lab begin marker on line ${lines(begins)} has no end marker`;
  } else if (begins.length === 0) {
    reason = `the codegen-lab end marker on line ${lines(ends)} has no begin marker`;
  } else if (begins.length > 1 || ends.length > 1) {
    reason = `it has more than one codegen-lab block (begin markers on lines ${
      lines(begins)
    }, end markers on lines ${lines(ends)})`;
  } else {
    reason = `the codegen-lab end marker on line ${
      end!.line
    } comes before the begin marker on line ${begin!.line}`;
  }
  return { kind: "broken", reason };
}
