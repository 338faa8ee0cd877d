/**
 * The story machine's expected verdicts for all 36 from/to pairs, shared by
 * the pure test and the operation-level test.
 */
import type { StoryStatus, TransitionContext } from "../../src/agile/mod.ts";

/** Marks a legal move. */
export const OK = "ok";
/** The story under test. */
export const REF = "epic-1/story-2";

/** Every guard passes; a Blocked story was Approved before. */
export const GREEN: TransitionContext = {
  ref: REF,
  prd: "Approved",
  arch: "Approved",
  blockedFrom: "Approved",
  previous: { ref: "epic-1/story-1", status: "Done" },
  dependencies: [{ ref: "epic-2/story-1", status: "Done" }],
  untickedCriteria: 0,
  untickedTasks: 0,
};

const reasons = {
  same: (s: string) => `it is already ${s}`,
  approveFirst: "a story must be Approved first (Draft → Approved → InProgress)",
  review: "only an InProgress story goes to Review (Approved → InProgress → Review)",
  done: "a story goes to Review before Done (InProgress → Review → Done)",
  draft: "a story does not return to Draft (Draft → Approved → InProgress → Review → Done)",
  approved: "a started story does not return to Approved (Review → InProgress asks for changes)",
  final: "Done is final",
  unblock: "a Blocked story returns only to the status it had before (Approved)",
};

/** from → to → "ok" or the reason after "Cannot move … from … to …: ". */
export const TABLE: Record<StoryStatus, Record<StoryStatus, string>> = {
  Draft: {
    Draft: reasons.same("Draft"),
    Approved: OK,
    InProgress: reasons.approveFirst,
    Review: reasons.review,
    Done: reasons.done,
    Blocked: OK,
  },
  Approved: {
    Draft: reasons.draft,
    Approved: reasons.same("Approved"),
    InProgress: OK,
    Review: reasons.review,
    Done: reasons.done,
    Blocked: OK,
  },
  InProgress: {
    Draft: reasons.draft,
    Approved: reasons.approved,
    InProgress: reasons.same("InProgress"),
    Review: OK,
    Done: reasons.done,
    Blocked: OK,
  },
  Review: {
    Draft: reasons.draft,
    Approved: reasons.approved,
    InProgress: OK,
    Review: reasons.same("Review"),
    Done: OK,
    Blocked: OK,
  },
  Done: {
    Draft: reasons.final,
    Approved: reasons.final,
    InProgress: reasons.final,
    Review: reasons.final,
    Done: reasons.same("Done"),
    Blocked: reasons.final,
  },
  Blocked: {
    Draft: reasons.unblock,
    Approved: OK,
    InProgress: reasons.unblock,
    Review: reasons.unblock,
    Done: reasons.unblock,
    Blocked: reasons.same("Blocked"),
  },
};
