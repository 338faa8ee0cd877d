/**
 * Unified diffs of text, for previews (`--dry-run`) of every change an
 * operation would make.
 *
 * @module
 */

/** Options of {@linkcode unifiedDiff}. */
export interface UnifiedDiffOptions {
  /** Lines of context around each change. @default {3} */
  context?: number;
}

/**
 * A unified diff between two texts (`--- a/path`, `+++ b/path`, `@@` hunks).
 * Returns an empty string when the texts are equal. A missing side (new or
 * deleted file) is given as `undefined`.
 *
 * @param path The file path shown in the header.
 * @param before The old text, or undefined for a new file.
 * @param after The new text, or undefined for a deleted file.
 * @param options Context lines.
 * @returns The diff.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unifiedDiff } from "./diff.ts";
 * assert.equal(
 *   unifiedDiff("a.txt", "one\ntwo\n", "one\nthree\n"),
 *   "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n one\n-two\n+three\n",
 * );
 * ```
 */
export function unifiedDiff(
  path: string,
  before: string | undefined,
  after: string | undefined,
  options: UnifiedDiffOptions = {},
): string {
  const { context = 3 } = options;
  if (before === after) return "";
  const a = splitLines(before ?? "");
  const b = splitLines(after ?? "");
  const ops = diffLines(a, b);
  const header = `--- ${before === undefined ? "/dev/null" : `a/${path}`}\n+++ ${
    after === undefined ? "/dev/null" : `b/${path}`
  }\n`;
  const hunks: string[] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === "same") {
      i++;
      continue;
    }
    // Grow a hunk around this change, merging changes closer than 2×context.
    let start = Math.max(0, i - context);
    while (start < i && ops[start]!.kind !== "same") start++;
    let end = i;
    let lastChange = i;
    while (end < ops.length) {
      if (ops[end]!.kind !== "same") lastChange = end;
      else if (end - lastChange > 2 * context) break;
      end++;
    }
    end = Math.min(ops.length, lastChange + context + 1);
    const slice = ops.slice(start, end);
    const oldStart = slice.find((op) => op.kind !== "add")?.oldLine ?? ops[start]!.oldLine;
    const newStart = slice.find((op) => op.kind !== "remove")?.newLine ?? ops[start]!.newLine;
    const oldCount = slice.filter((op) => op.kind !== "add").length;
    const newCount = slice.filter((op) => op.kind !== "remove").length;
    const lines = slice.map((op) =>
      (op.kind === "same" ? " " : op.kind === "add" ? "+" : "-") + op.text
    );
    hunks.push(
      `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n${lines.join("\n")}\n`,
    );
    i = end;
  }
  return header + hunks.join("");
}

interface Op {
  kind: "same" | "add" | "remove";
  text: string;
  oldLine: number;
  newLine: number;
}

function range(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  else lines[lines.length - 1] += "\n\\ No newline at end of file";
  return lines;
}

/** Longest-common-subsequence line diff, trimmed of the common prefix and suffix first. */
function diffLines(a: string[], b: string[]): Op[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix && suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  ) suffix++;
  const midA = a.slice(prefix, a.length - suffix);
  const midB = b.slice(prefix, b.length - suffix);
  const ops: Op[] = [];
  let oldLine = 1;
  let newLine = 1;
  const push = (kind: Op["kind"], text: string): void => {
    ops.push({ kind, text, oldLine, newLine });
    if (kind !== "add") oldLine++;
    if (kind !== "remove") newLine++;
  };
  for (let k = 0; k < prefix; k++) push("same", a[k]!);
  if (midA.length * midB.length > 4_000_000) {
    // Too large for the quadratic table: show it as a replacement.
    for (const line of midA) push("remove", line);
    for (const line of midB) push("add", line);
  } else {
    const n = midA.length;
    const m = midB.length;
    const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let x = n - 1; x >= 0; x--) {
      for (let y = m - 1; y >= 0; y--) {
        table[x]![y] = midA[x] === midB[y]
          ? table[x + 1]![y + 1]! + 1
          : Math.max(table[x + 1]![y]!, table[x]![y + 1]!);
      }
    }
    let x = 0;
    let y = 0;
    while (x < n || y < m) {
      if (x < n && y < m && midA[x] === midB[y]) {
        push("same", midA[x++]!);
        y++;
      } else if (x < n && (y === m || table[x + 1]![y]! >= table[x]![y + 1]!)) {
        push("remove", midA[x++]!);
      } else push("add", midB[y++]!);
    }
  }
  for (let k = a.length - suffix; k < a.length; k++) push("same", a[k]!);
  return ops;
}
