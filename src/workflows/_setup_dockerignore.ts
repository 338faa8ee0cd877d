/**
 * The managed block `prep_workspace` keeps in `.dockerignore`. It sits
 * between a begin and an end marker line; a re-run rewrites only the lines
 * between them, and any other line stays exactly as the user wrote it.
 *
 * @module
 */
import { compileGlob } from "../core/mod.ts";
import { TRASH_DIR } from "../rules/mod.ts";
import { appendLines, eolOf, type FilePlan } from "./_setup_plan.ts";

/** The line that opens the managed block. */
export const DOCKERIGNORE_BEGIN =
  "# >>> codegen-lab (managed): `codegen-lab init` rewrites the lines up to the end marker";

/** The line that closes the managed block. */
export const DOCKERIGNORE_END = "# <<< codegen-lab";

const BEGIN_PREFIX = "# >>> codegen-lab";
const REINCLUDE = "!.cursor/rules/";
/** Drafts, the agile docs, the rules trash and our own state (backups); never `.cursor/rules`. */
const PATTERNS = ["hack/drafts/", ".ai/", `${TRASH_DIR}/`, ".codegen-lab/"];

/**
 * Plans `.dockerignore`: create it with the block, append the block, or
 * update the block in place. When the user's own lines exclude `.cursor`
 * (such as `.cursor` or `*`), the block re-includes `.cursor/rules/` and the
 * plan says so in `reason`. Broken markers make the file skipped.
 *
 * @param before The file's text, or undefined when there is none.
 * @returns The plan.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planDockerignore } from "./_setup_dockerignore.ts";
 * const plan = planDockerignore("node_modules\n.cursor\n");
 * assert.equal(plan.action, "update");
 * assert.ok(plan.after?.startsWith("node_modules\n.cursor\n\n# >>> codegen-lab"));
 * assert.ok(plan.after?.includes("\n!.cursor/rules/\n# <<< codegen-lab\n"));
 * assert.equal(planDockerignore(plan.after).action, "unchanged");
 * ```
 */
export function planDockerignore(before: string | undefined): FilePlan {
  if (before === undefined) return { action: "create", after: appendLines("", blockLines(false)) };
  const lines = splitLines(before);
  const begins = lines.filter((line) => line.text.trim().startsWith(BEGIN_PREFIX));
  const ends = lines.filter((line) => line.text.trim().startsWith(DOCKERIGNORE_END));
  const block = begins.length === 1 && ends.length === 1 && begins[0]!.no < ends[0]!.no
    ? { begin: begins[0]!, end: ends[0]! }
    : undefined;
  if (!block && begins.length + ends.length > 0) {
    const where = [...begins, ...ends].map((line) => line.no).sort((a, b) => a - b).join(", ");
    return {
      action: "skipped",
      reason:
        `.dockerignore has codegen-lab markers that do not form one block (lines ${where}); keep one "${BEGIN_PREFIX} …" line and one "${DOCKERIGNORE_END}" line after it, or delete both, then run init again`,
    };
  }
  const own = lines.filter((line) => !block || line.no < block.begin.no || line.no > block.end.no);
  const excluder = cursorExcluder(own);
  let reason: string | undefined;
  if (excluder) {
    reason =
      `line ${excluder.no} (${excluder.text.trim()}) excludes .cursor/, so the block re-includes .cursor/rules/ with ${REINCLUDE}`;
    if (block && block.begin.no < excluder.no) {
      reason +=
        `; move the codegen-lab block below line ${excluder.no}, or the re-include has no effect`;
    }
  }
  const extra = reason === undefined ? {} : { reason };
  const wanted = blockLines(excluder !== undefined);
  if (!block) return { action: "update", after: appendLines(before, wanted), ...extra };
  const after = before.slice(0, block.begin.start) + wanted.join(eolOf(before)) +
    before.slice(block.end.end);
  return after === before
    ? { action: "unchanged", ...extra }
    : { action: "update", after, ...extra };
}

function blockLines(reinclude: boolean): string[] {
  return [DOCKERIGNORE_BEGIN, ...PATTERNS, ...(reinclude ? [REINCLUDE] : []), DOCKERIGNORE_END];
}

interface Line {
  /** 1-based line number. */
  no: number;
  /** The text without its line ending. */
  text: string;
  /** Offset of its first character. */
  start: number;
  /** Offset just past its text (before the line ending). */
  end: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  for (let start = 0, no = 1; start < text.length; no++) {
    const nl = text.indexOf("\n", start);
    const next = nl === -1 ? text.length : nl + 1;
    let end = nl === -1 ? text.length : nl;
    if (end > start && text[end - 1] === "\r") end--;
    lines.push({ no, text: text.slice(start, end), start, end });
    start = next;
  }
  return lines;
}

/**
 * The user line that decides that `.cursor/rules` is excluded because it
 * excludes `.cursor` itself, in Docker's semantics: patterns are anchored at
 * the root, a pattern that matches a parent excludes everything below it,
 * and the last matching line wins (`!` re-includes).
 */
function cursorExcluder(lines: readonly Line[]): Line | undefined {
  let decider: { line: Line; excludes: boolean; wholeDir: boolean } | undefined;
  for (const line of lines) {
    const trimmed = line.text.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const negated = trimmed.startsWith("!");
    const pattern = (negated ? trimmed.slice(1).trim() : trimmed)
      .replace(/^(\.?\/)+/, "").replace(/\/+$/, "");
    if (pattern === "" || pattern === ".") continue;
    const matches = compileGlob(pattern);
    const wholeDir = matches(".cursor");
    if (wholeDir || matches(".cursor/rules")) decider = { line, excludes: !negated, wholeDir };
  }
  return decider?.excludes && decider.wholeDir ? decider.line : undefined;
}
