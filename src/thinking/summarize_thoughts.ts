/**
 * Summarises a thought history: the thoughts in order, grouped into the main
 * line and the branches, revisions marked, the conclusion, counts, and a
 * Markdown rendering of all of it.
 *
 * @module
 */
import { thoughtNotes } from "./thinking_markdown.ts";
import type { ThoughtRecord } from "./thinking_store.ts";

/** A thought in a summary, with its position in the history. */
export interface SummaryThought extends ThoughtRecord {
  /** 1-based position in the session's history (counting dropped thoughts). */
  position: number;
  /** ISO time it was recorded, when known. */
  at?: string;
}

/** The main line (no `branch`) or one branch, as positions in the history. */
export interface ThoughtGroup {
  /** The branch id; absent for the main line. */
  branch?: string;
  /** The thought the branch starts from, when given. */
  fromThought?: number;
  /** Positions of its thoughts, in order. */
  positions: number[];
}

/** What {@linkcode summarizeThoughts} returns. */
export interface ThinkingSummary {
  /** Every thought, in order. */
  thoughts: SummaryThought[];
  /** The main line first, then each branch by first appearance. */
  groups: ThoughtGroup[];
  /** The revising thoughts and what they revise. */
  revisions: Array<{ position: number; thoughtNumber: number; revisesThought?: number }>;
  /** The last thought that needed no further thought. */
  conclusion?: SummaryThought;
  /** Totals. */
  counts: { thoughts: number; revisions: number; branches: number; dropped: number };
  /** All of the above as Markdown. */
  markdown: string;
}

/** Options of {@linkcode summarizeThoughts}. */
export interface SummarizeOptions {
  /** Where the thoughts come from, shown under the title, e.g. `Session "stdio"`. */
  label?: string;
  /** Older thoughts no longer held; positions start after them. @default {0} */
  dropped?: number;
}

/**
 * Summarises thoughts.
 *
 * @param thoughts The history, oldest first.
 * @param options A label and the number of dropped thoughts.
 * @returns The summary and its Markdown.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { summarizeThoughts } from "./summarize_thoughts.ts";
 * const summary = summarizeThoughts([
 *   { thought: "Guess 42", thoughtNumber: 1, totalThoughts: 2, nextThoughtNeeded: true },
 *   { thought: "It is 41", thoughtNumber: 2, totalThoughts: 2, nextThoughtNeeded: false, isRevision: true, revisesThought: 1 },
 * ]);
 * assert.deepEqual(summary.counts, { thoughts: 2, revisions: 1, branches: 0, dropped: 0 });
 * assert.equal(summary.conclusion?.thought, "It is 41");
 * ```
 */
export function summarizeThoughts(
  thoughts: readonly (ThoughtRecord & { at?: string })[],
  options: SummarizeOptions = {},
): ThinkingSummary {
  const { label, dropped = 0 } = options;
  const entries: SummaryThought[] = thoughts.map((thought, i) => ({
    position: dropped + i + 1,
    ...thought,
  }));
  const main: ThoughtGroup = { positions: [] };
  const branches = new Map<string, ThoughtGroup>();
  for (const entry of entries) {
    if (entry.branchId === undefined) {
      main.positions.push(entry.position);
      continue;
    }
    let group = branches.get(entry.branchId);
    if (!group) {
      group = { branch: entry.branchId, positions: [] };
      branches.set(entry.branchId, group);
    }
    if (group.fromThought === undefined && entry.branchFromThought !== undefined) {
      group.fromThought = entry.branchFromThought;
    }
    group.positions.push(entry.position);
  }
  const groups = [...(main.positions.length ? [main] : []), ...branches.values()];
  const revisions = entries.filter((entry) => entry.isRevision).map((entry) => ({
    position: entry.position,
    thoughtNumber: entry.thoughtNumber,
    ...(entry.revisesThought === undefined ? {} : { revisesThought: entry.revisesThought }),
  }));
  const conclusion = entries.findLast((entry) => !entry.nextThoughtNeeded);
  const counts = {
    thoughts: entries.length,
    revisions: revisions.length,
    branches: branches.size,
    dropped,
  };
  const summary = { thoughts: entries, groups, revisions, ...(conclusion ? { conclusion } : {}) };
  return { ...summary, counts, markdown: renderMarkdown(summary, counts, label) };
}

function renderMarkdown(
  summary: Pick<ThinkingSummary, "thoughts" | "groups" | "conclusion">,
  counts: ThinkingSummary["counts"],
  label: string | undefined,
): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  const facts = [
    ...(label ? [label] : []),
    plural(counts.thoughts, "thought"),
    plural(counts.revisions, "revision"),
    plural(counts.branches, "branch").replace(/branchs$/, "branches"),
    ...(counts.dropped ? [`${plural(counts.dropped, "older thought")} dropped`] : []),
    summary.conclusion ? "concluded" : "not concluded",
  ];
  const out = ["# Thinking summary", "", facts.join(" · ")];
  const byPosition = new Map(summary.thoughts.map((entry) => [entry.position, entry]));
  for (const group of summary.groups) {
    const title = group.branch === undefined
      ? "Main line"
      : `Branch ${JSON.stringify(group.branch)}${
        group.fromThought === undefined ? "" : ` from thought ${group.fromThought}`
      }`;
    out.push("", `## ${title}`);
    for (const position of group.positions) out.push("", ...block(byPosition.get(position)!));
  }
  if (summary.conclusion) out.push("", "## Conclusion", "", ...block(summary.conclusion));
  return `${out.join("\n")}\n`;
}

function block(entry: SummaryThought): string[] {
  const notes = thoughtNotes({ ...entry, branchId: undefined, branchFromThought: undefined });
  const head = `**#${entry.position} · Thought ${entry.thoughtNumber}/${entry.totalThoughts}**${
    notes.length ? ` (${notes.join("; ")})` : ""
  }`;
  const quoted = entry.thought.split("\n").map((line) => line === "" ? ">" : `> ${line}`);
  return [head, ...quoted];
}
