/**
 * The PRD and architecture status machine: Draft → Approved, and Approved →
 * Draft to reopen a document for changes.
 *
 * Guards: the architecture is approved only after the PRD (the original
 * workflow's order); a document is not reopened while a story is InProgress,
 * because work would then go on against a plan under revision (block the
 * story first). Moving to the same status is refused.
 *
 * @module
 */
import type { DocState, TransitionResult } from "./check_transition.ts";
import type { DocStatus } from "./status.ts";

/** Which planning document. */
export type DocKind = "prd" | "arch";

/** What the document guards look at. */
export interface DocTransitionContext {
  /** Which document moves. */
  doc: DocKind;
  /** Status of the PRD (checked when approving the architecture). */
  prd?: DocState;
  /** References of the stories that are InProgress. @default {[]} */
  inProgress?: readonly string[];
}

/**
 * How a document is named in messages.
 *
 * @param doc Which document.
 * @returns `the PRD (.ai/prd.md)` or `the architecture (.ai/arch.md)`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { docLabel } from "./check_doc_transition.ts";
 * assert.equal(docLabel("arch"), "the architecture (.ai/arch.md)");
 * ```
 */
export function docLabel(doc: DocKind): string {
  return doc === "prd" ? "the PRD (.ai/prd.md)" : "the architecture (.ai/arch.md)";
}

/**
 * Tells whether the PRD or the architecture may move between statuses.
 *
 * @param from The current status.
 * @param to The requested status.
 * @param context Which document, and what the guards look at.
 * @returns `{ ok: true }`, or the rule that forbids the move.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkDocTransition } from "./check_doc_transition.ts";
 * const refused = checkDocTransition("Draft", "Approved", { doc: "arch", prd: "Draft" });
 * assert.ok(!refused.ok && refused.rule === "prd-before-arch");
 * assert.deepEqual(checkDocTransition("Draft", "Approved", { doc: "prd" }), { ok: true });
 * ```
 */
export function checkDocTransition(
  from: DocStatus,
  to: DocStatus,
  context: DocTransitionContext,
): TransitionResult {
  const { doc } = context;
  const label = docLabel(doc);
  const refuse = (rule: string, reason: string, hint: string): TransitionResult => ({
    ok: false,
    rule,
    message: `Cannot move ${label} from ${from} to ${to}: ${reason}`,
    hint,
  });
  if (from === to) {
    return refuse("unchanged", `it is already ${to}`, "Pick the other status");
  }
  if (to === "Approved") {
    if (doc === "arch" && context.prd !== undefined && context.prd !== "Approved") {
      return refuse(
        "prd-before-arch",
        `the PRD (.ai/prd.md) is ${context.prd}; approve it before the architecture`,
        "Ask the user to approve the PRD first: `codegen-lab ai doc update prd Approved`",
      );
    }
    return { ok: true };
  }
  const busy = context.inProgress ?? [];
  if (busy.length > 0) {
    return refuse(
      "no-reopen-while-in-progress",
      `${busy.join(", ")} ${busy.length === 1 ? "is" : "are"} InProgress; block or finish ${
        busy.length === 1 ? "it" : "them"
      } before reopening`,
      "Set those stories to Blocked (or take them through Review) first",
    );
  }
  return { ok: true };
}
