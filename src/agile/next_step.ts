/**
 * What to work on next, and why: a pure function of the project.
 *
 * @module
 */
import { checkTransition } from "./check_transition.ts";
import {
  type AiProject,
  docState,
  type StoryRecord,
  transitionContextFor,
  unticked,
} from "./load_project.ts";
import type { StoryStatus } from "./status.ts";
import { formatStoryRef } from "./story_ref.ts";

/** The kind of the next step. */
export type NextAction =
  /** `.ai/prd.md` or `.ai/arch.md` is missing: run `ai init`. */
  | "init"
  /** The PRD waits for approval. */
  | "approve-prd"
  /** The architecture waits for approval. */
  | "approve-arch"
  /** A story is InProgress: carry on with it. */
  | "continue"
  /** A story is in Review: the user checks it. */
  | "review"
  /** An Approved story can start (every guard passes). */
  | "start"
  /** Approved stories exist, but a guard stops the first one. */
  | "blocked"
  /** A Draft story waits for approval. */
  | "approve-story"
  /** A Blocked story needs unblocking. */
  | "unblock"
  /** No story is left to do: draft the next one. */
  | "create-story";

/** The next step. */
export interface NextStep {
  /** What kind of step. */
  action: NextAction;
  /** Why, in one sentence that names what to do. */
  reason: string;
  /** The story concerned, if any. */
  story?: { ref: string; path: string; title?: string; status?: StoryStatus };
}

/**
 * Picks the next step: the first InProgress story, else the first in Review,
 * else the first Approved story whose guards pass, else the first thing that
 * prevents progress (a missing or Draft PRD or architecture, the guard that
 * stops the first Approved story, a Draft story to approve, a Blocked story),
 * else drafting a new story. Stories are taken in epic, then story order.
 *
 * @param project The loaded project.
 * @returns The step and why.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nextStep } from "./next_step.ts";
 * const empty = { exists: false, prd: undefined, arch: undefined, epics: [], stories: [], strays: [] };
 * assert.equal(nextStep(empty).action, "init");
 * ```
 */
export function nextStep(project: AiProject): NextStep {
  const first = (status: StoryStatus): StoryRecord | undefined =>
    project.stories.find((story) => story.status === status);
  const inProgress = first("InProgress");
  if (inProgress) {
    const total = inProgress.doc.tasks.length;
    const done = total - unticked(inProgress.doc.tasks);
    return step(
      "continue",
      inProgress,
      `${inProgress.ref} is InProgress (${done}/${total} tasks ticked): carry on with it, ticking tasks as they are finished`,
    );
  }
  const review = first("Review");
  if (review) {
    return step(
      "review",
      review,
      `${review.ref} is in Review: the user checks it, then sets it to Done, or back to InProgress for changes`,
    );
  }
  const approved = project.stories.filter((story) => story.status === "Approved");
  const ready = approved.find((story) =>
    checkTransition("Approved", "InProgress", transitionContextFor(project, story)).ok
  );
  if (ready) {
    return step(
      "start",
      ready,
      `${ready.ref} is Approved and nothing stops it: set it to InProgress and start`,
    );
  }
  for (
    const [kind, file, name] of [["prd", ".ai/prd.md", "PRD"], [
      "arch",
      ".ai/arch.md",
      "architecture",
    ]] as const
  ) {
    const state = docState(project, kind);
    if (state === "missing") {
      return {
        action: "init",
        reason: `${file} does not exist: run \`codegen-lab ai init\` and write the ${name}`,
      };
    }
    if (state !== "Approved") {
      return {
        action: kind === "prd" ? "approve-prd" : "approve-arch",
        reason:
          `the ${name} (${file}) is ${state}: finish it and ask the user to approve it; no story starts before`,
      };
    }
  }
  const stuck = approved[0];
  if (stuck) {
    const verdict = checkTransition("Approved", "InProgress", transitionContextFor(project, stuck));
    const why = verdict.ok ? "" : verdict.message.slice(verdict.message.indexOf(": ") + 2);
    return step("blocked", stuck, `${stuck.ref} is Approved but cannot start: ${why}`);
  }
  const draft = first("Draft");
  if (draft) {
    return step(
      "approve-story",
      draft,
      `${draft.ref} is Draft: review it with the user and set it to Approved once they agree`,
    );
  }
  const blocked = first("Blocked");
  if (blocked) {
    return step(
      "unblock",
      blocked,
      `${blocked.ref} is Blocked: resolve what blocks it, then move it back to ${
        blocked.blockedFrom ?? "Draft"
      }`,
    );
  }
  const last = project.stories.at(-1);
  const nextRef = formatStoryRef(
    last ? { epic: last.epic, story: last.story + 1 } : { epic: 1, story: 1 },
  );
  return {
    action: "create-story",
    reason: last
      ? `every story is Done: draft the next one (such as ${nextRef}) with \`codegen-lab ai story create\``
      : `there are no stories yet: draft ${nextRef} with \`codegen-lab ai story create\``,
  };
}

function step(action: NextAction, story: StoryRecord, reason: string): NextStep {
  return {
    action,
    reason,
    story: {
      ref: story.ref,
      path: story.path,
      ...(story.title === undefined ? {} : { title: story.title }),
      ...(story.status === undefined ? {} : { status: story.status }),
    },
  };
}
