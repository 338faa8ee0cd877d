/**
 * The board: the planning documents' statuses and, per epic, its stories with
 * their status, points and checklist progress.
 *
 * @module
 */
import type { AiProject, DocRecord } from "./load_project.ts";
import { unticked } from "./load_project.ts";
import type { DocStatus, StoryStatus } from "./status.ts";

/** Done and total counts. */
export interface Tally {
  /** Done (ticked or struck through; for points, of Done stories). */
  done: number;
  /** All. */
  total: number;
}

/** One story on the board. */
export interface BoardStory {
  /** `epic-N/story-M`. */
  ref: string;
  /** Workspace-relative path. */
  path: string;
  /** Title, if any. */
  title: string | null;
  /** Status, or null when it is missing or invalid. */
  status: StoryStatus | null;
  /** Story points, or null when missing or invalid. */
  points: number | null;
  /** Ticked tasks. */
  tasks: Tally;
  /** Ticked acceptance criteria. */
  criteria: Tally;
}

/** One epic on the board. */
export interface BoardEpic {
  /** Epic number. */
  epic: number;
  /** Workspace-relative folder. */
  path: string;
  /** Its stories. */
  stories: BoardStory[];
  /** Points of Done stories out of all points. */
  points: Tally;
  /** Whole-number percent done: by points, or by story count when no story has points. */
  progress: number;
}

/** A planning document on the board. */
export interface BoardDoc {
  /** Workspace-relative path. */
  path: string;
  /** Status, or null when missing or invalid. */
  status: DocStatus | null;
  /** Title, if any. */
  title: string | null;
}

/** The whole board. */
export interface Board {
  /** The PRD, or null when there is none. */
  prd: BoardDoc | null;
  /** The architecture, or null when there is none. */
  arch: BoardDoc | null;
  /** Epics, by number. */
  epics: BoardEpic[];
  /** Points over all epics. */
  points: Tally;
  /** Whole-number percent done over all stories, as for an epic. */
  progress: number;
}

/**
 * Builds the board of a project.
 *
 * @param project The loaded project.
 * @returns The board.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildBoard } from "./board.ts";
 * const empty = { exists: false, prd: undefined, arch: undefined, epics: [], stories: [], strays: [] };
 * assert.deepEqual(buildBoard(empty), { prd: null, arch: null, epics: [], points: { done: 0, total: 0 }, progress: 0 });
 * ```
 */
export function buildBoard(project: AiProject): Board {
  const epics = project.epics.map((epic): BoardEpic => {
    const stories = epic.stories.map((story): BoardStory => ({
      ref: story.ref,
      path: story.path,
      title: story.title ?? null,
      status: story.status ?? null,
      points: story.points ?? null,
      tasks: tally(story.doc.tasks.length, unticked(story.doc.tasks)),
      criteria: tally(story.doc.criteria.length, unticked(story.doc.criteria)),
    }));
    return { epic: epic.epic, path: epic.path, stories, ...measure(stories) };
  });
  return {
    prd: boardDoc(project.prd),
    arch: boardDoc(project.arch),
    epics,
    ...measure(epics.flatMap((epic) => epic.stories)),
  };
}

function tally(total: number, open: number): Tally {
  return { done: total - open, total };
}

function boardDoc(doc: DocRecord | undefined): BoardDoc | null {
  return doc ? { path: doc.path, status: doc.status ?? null, title: doc.doc.title ?? null } : null;
}

function measure(stories: readonly BoardStory[]): { points: Tally; progress: number } {
  let done = 0;
  let total = 0;
  for (const story of stories) {
    total += story.points ?? 0;
    if (story.status === "Done") done += story.points ?? 0;
  }
  const finished = stories.filter((story) => story.status === "Done").length;
  const progress = total > 0
    ? Math.floor((done / total) * 100)
    : stories.length > 0
    ? Math.floor((finished / stories.length) * 100)
    : 0;
  return { points: { done, total }, progress };
}

/**
 * Renders the board compactly, one line per story.
 *
 * @param board The board.
 * @returns Text ending with a newline.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderBoard } from "./board.ts";
 * const text = renderBoard({ prd: null, arch: null, epics: [], points: { done: 0, total: 0 }, progress: 0 });
 * assert.equal(text, "PRD   missing  .ai/prd.md\nArch  missing  .ai/arch.md\n\nNo stories yet\n");
 * ```
 */
export function renderBoard(board: Board): string {
  const docLine = (label: string, doc: BoardDoc | null, path: string): string =>
    `${label.padEnd(5)} ${(doc ? doc.status ?? "invalid" : "missing").padEnd(8)} ${
      doc?.path ?? path
    }${doc?.title ? `  ${doc.title}` : ""}`;
  const lines = [
    docLine("PRD", board.prd, ".ai/prd.md"),
    docLine("Arch", board.arch, ".ai/arch.md"),
    "",
  ];
  if (board.epics.every((epic) => epic.stories.length === 0)) {
    lines.push("No stories yet");
    return `${lines.join("\n")}\n`;
  }
  for (const epic of board.epics) {
    lines.push(
      `epic-${epic.epic}  ${epic.progress}% (${epic.points.done}/${epic.points.total} pts)`,
    );
    for (const story of epic.stories) {
      const name = story.ref.slice(story.ref.indexOf("/") + 1);
      lines.push(
        `  ${name.padEnd(9)} ${(story.status ?? "invalid").padEnd(10)} ${
          `${story.points ?? "?"} pts`.padEnd(7)
        } tasks ${story.tasks.done}/${story.tasks.total}  criteria ${story.criteria.done}/${story.criteria.total}${
          story.title ? `  ${story.title}` : ""
        }`,
      );
    }
  }
  lines.push("", `Overall ${board.progress}% (${board.points.done}/${board.points.total} pts)`);
  return `${lines.join("\n")}\n`;
}
