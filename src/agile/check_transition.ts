/**
 * The story status machine, as one pure function.
 *
 * ```
 * Draft → Approved → InProgress → Review → Done
 *                         ↑__________|            (Review → InProgress: changes requested)
 * Draft | Approved | InProgress | Review → Blocked → the status it had before
 * ```
 *
 * Guards: into InProgress (from Approved, from Review, or back from Blocked)
 * only when the PRD and the architecture are Approved, the previous story of
 * the epic is Done and every dependency is Done; into Done only when every
 * acceptance criterion and task is ticked (struck-through `~~…~~` items are
 * skipped). Everything else is illegal, a move to the same status included.
 *
 * @module
 */
import type { DocStatus, StoryStatus } from "./status.ts";

/** A PRD or architecture status, or `missing` when the file does not exist. */
export type DocState = DocStatus | "missing";

/** Another story a guard looks at. */
export interface RelatedStory {
  /** Its reference, `epic-N/story-M`. */
  ref: string;
  /** Its status; undefined when the file has none that is valid, or does not exist. */
  status?: StoryStatus | undefined;
  /** The story does not exist. */
  missing?: boolean;
}

/** What the guards need to know besides the two statuses. */
export interface TransitionContext {
  /** The story, for messages. @default {"the story"} */
  ref?: string;
  /** Status of `.ai/prd.md`. */
  prd: DocState;
  /** Status of `.ai/arch.md`. */
  arch: DocState;
  /** For a Blocked story: the status it had before (undefined: unknown, so Draft). */
  blockedFrom?: StoryStatus | undefined;
  /** The nearest lower-numbered story of the same epic; undefined for the first. */
  previous?: RelatedStory | undefined;
  /** The stories it depends on. @default {[]} */
  dependencies?: readonly RelatedStory[];
  /** Acceptance criteria not ticked (nor skipped). @default {0} */
  untickedCriteria?: number;
  /** Tasks not ticked (nor skipped). @default {0} */
  untickedTasks?: number;
}

/** The verdict of {@linkcode checkTransition}. */
export type TransitionResult = { ok: true } | {
  ok: false;
  /** Stable id of the rule that forbids the move, such as `approve-first` or `items-ticked`. */
  rule: string;
  /** `Cannot move <ref> from <from> to <to>: <reason>`. */
  message: string;
  /** What to do about it. */
  hint: string;
};

type Refusal = { rule: string; reason: string; hint: string };

const FLOW = "Draft → Approved → InProgress → Review → Done";

/**
 * Tells whether a story may move from one status to another.
 *
 * @param from The current status.
 * @param to The requested status.
 * @param context What the guards look at.
 * @returns `{ ok: true }`, or the rule that forbids the move with a message naming it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkTransition } from "./check_transition.ts";
 * const context = { ref: "epic-1/story-2", prd: "Approved", arch: "Draft" } as const;
 * assert.deepEqual(checkTransition("Draft", "Approved", context), { ok: true });
 * const refused = checkTransition("Approved", "InProgress", context);
 * assert.ok(!refused.ok && refused.message ===
 *   "Cannot move epic-1/story-2 from Approved to InProgress: the architecture (.ai/arch.md) is Draft; approve it first");
 * ```
 */
export function checkTransition(
  from: StoryStatus,
  to: StoryStatus,
  context: TransitionContext,
): TransitionResult {
  const refusal = structural(from, to, context) ??
    (to === "InProgress" ? startGuard(context) : undefined) ??
    (to === "Done" ? doneGuard(context) : undefined);
  if (refusal === undefined) return { ok: true };
  const ref = context.ref ?? "the story";
  return {
    ok: false,
    rule: refusal.rule,
    message: `Cannot move ${ref} from ${from} to ${to}: ${refusal.reason}`,
    hint: refusal.hint,
  };
}

/** The shape of the machine, ignoring guards. */
function structural(
  from: StoryStatus,
  to: StoryStatus,
  context: TransitionContext,
): Refusal | undefined {
  if (from === to) {
    return {
      rule: "unchanged",
      reason: `it is already ${to}`,
      hint: "Pick a different status, or leave the status out",
    };
  }
  if (from === "Done") {
    return {
      rule: "done-is-final",
      reason: "Done is final",
      hint: "Create a new story for further work with `codegen-lab ai story create`",
    };
  }
  if (from === "Blocked") {
    const back = context.blockedFrom ?? "Draft";
    if (to === back) return undefined;
    const known = context.blockedFrom === undefined ? "blockedFrom is missing, so Draft" : back;
    return {
      rule: "unblock-to-previous",
      reason: `a Blocked story returns only to the status it had before (${known})`,
      hint: `Move it to ${back} first, then on from there`,
    };
  }
  if (to === "Blocked") return undefined;
  const legal = (from === "Draft" && to === "Approved") ||
    (from === "Approved" && to === "InProgress") ||
    (from === "InProgress" && to === "Review") ||
    (from === "Review" && (to === "Done" || to === "InProgress"));
  if (legal) return undefined;
  switch (to) {
    case "InProgress":
      return {
        rule: "approve-first",
        reason: "a story must be Approved first (Draft → Approved → InProgress)",
        hint: "Ask the user to approve the story, then set it to Approved",
      };
    case "Review":
      return {
        rule: "review-from-in-progress",
        reason: "only an InProgress story goes to Review (Approved → InProgress → Review)",
        hint: "Start the story (InProgress) and do the work before asking for review",
      };
    case "Done":
      return {
        rule: "done-from-review",
        reason: "a story goes to Review before Done (InProgress → Review → Done)",
        hint: "Set it to Review and let the user check it",
      };
    case "Draft":
      return {
        rule: "no-return-to-draft",
        reason: `a story does not return to Draft (${FLOW})`,
        hint: "Block it (Blocked) to pause it, or create a new story",
      };
    default:
      return {
        rule: "no-return-to-approved",
        reason:
          "a started story does not return to Approved (Review → InProgress asks for changes)",
        hint: "Use Blocked to pause it, or Review → InProgress for changes",
      };
  }
}

function startGuard(context: TransitionContext): Refusal | undefined {
  for (
    const [doc, name, path] of [
      [context.prd, "PRD", ".ai/prd.md"],
      [context.arch, "architecture", ".ai/arch.md"],
    ] as const
  ) {
    if (doc === "Approved") continue;
    return {
      rule: name === "PRD" ? "prd-approved" : "arch-approved",
      reason: doc === "missing"
        ? `the ${name} (${path}) is missing; create it with \`ai init\` and approve it first`
        : `the ${name} (${path}) is ${doc}; approve it first`,
      hint: `Ask the user to approve ${path}, then run \`codegen-lab ai doc update ${
        name === "PRD" ? "prd" : "arch"
      } Approved\``,
    };
  }
  const previous = context.previous;
  if (previous && previous.status !== "Done") {
    return {
      rule: "previous-story-done",
      reason: `${previous.ref} ${describe(previous)}; the previous story in the epic must be Done`,
      hint: `Finish ${previous.ref} first; stories of an epic are done in order`,
    };
  }
  const open = (context.dependencies ?? []).filter((dep) => dep.status !== "Done");
  if (open.length === 0) return undefined;
  const reason = open.length === 1
    ? `dependency ${open[0]!.ref} ${describe(open[0]!)}; every dependency must be Done`
    : `dependencies ${
      open.map((dep) => `${dep.ref} (${dep.missing ? "missing" : dep.status ?? "no status"})`)
        .join(", ")
    } are not Done; every dependency must be Done`;
  return {
    rule: "dependencies-done",
    reason,
    hint: "Finish the dependencies first, or remove a dependency that is wrong from the story",
  };
}

function describe(story: RelatedStory): string {
  if (story.missing) return "does not exist";
  return story.status === undefined ? "has no valid status" : `is ${story.status}`;
}

function doneGuard(context: TransitionContext): Refusal | undefined {
  const criteria = context.untickedCriteria ?? 0;
  const tasks = context.untickedTasks ?? 0;
  if (criteria === 0 && tasks === 0) return undefined;
  const parts = [
    ...(criteria > 0
      ? [`${criteria} acceptance ${criteria === 1 ? "criterion" : "criteria"}`]
      : []),
    ...(tasks > 0 ? [`${tasks} ${tasks === 1 ? "task" : "tasks"}`] : []),
  ];
  const single = parts.length === 1 && criteria + tasks === 1;
  return {
    rule: "items-ticked",
    reason: `${parts.join(" and ")} ${single ? "is" : "are"} not ticked`,
    hint:
      "Tick what is finished (`ai story update <ref> --tick task:1`), strike through (~~…~~) what was dropped, or move the story back to InProgress",
  };
}
