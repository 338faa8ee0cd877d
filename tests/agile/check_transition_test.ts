import assert from "node:assert/strict";
import {
  checkDocTransition,
  checkTransition,
  STORY_STATUSES,
  type TransitionContext,
} from "../../src/agile/mod.ts";
import { GREEN, OK, REF, TABLE } from "./_machine_table.ts";

Deno.test("checkTransition() allows exactly the legal moves of all 36 pairs, naming the rule otherwise", () => {
  let legal = 0;
  for (const from of STORY_STATUSES) {
    for (const to of STORY_STATUSES) {
      const expected = TABLE[from][to];
      const verdict = checkTransition(from, to, GREEN);
      if (expected === OK) {
        legal++;
        assert.deepEqual(verdict, { ok: true }, `${from} → ${to}`);
      } else {
        assert.ok(!verdict.ok, `${from} → ${to} should be refused`);
        assert.equal(verdict.message, `Cannot move ${REF} from ${from} to ${to}: ${expected}`);
        assert.ok(verdict.rule.length > 0 && verdict.hint.length > 0);
      }
    }
  }
  assert.equal(legal, 10);
});

Deno.test("checkTransition() returns a Blocked story to the status it had before, or to Draft when unknown", () => {
  for (const before of ["Draft", "Approved", "InProgress", "Review"] as const) {
    const context = { ...GREEN, blockedFrom: before };
    for (const to of STORY_STATUSES) {
      if (to === "Blocked") continue;
      assert.equal(checkTransition("Blocked", to, context).ok, to === before, `${before}: → ${to}`);
    }
  }
  const unknown = { ...GREEN, blockedFrom: undefined };
  assert.deepEqual(checkTransition("Blocked", "Draft", unknown), { ok: true });
  const refused = checkTransition("Blocked", "Approved", unknown);
  assert.ok(!refused.ok);
  assert.equal(
    refused.message,
    `Cannot move ${REF} from Blocked to Approved: a Blocked story returns only to the status it had before (blockedFrom is missing, so Draft)`,
  );
  assert.equal(refused.rule, "unblock-to-previous");
});

Deno.test("checkTransition() guards InProgress: PRD, architecture, previous story, dependencies, in that order", () => {
  const cases: Array<[Partial<TransitionContext>, string, string]> = [
    [
      { prd: "Draft", arch: "Draft" },
      "prd-approved",
      "the PRD (.ai/prd.md) is Draft; approve it first",
    ],
    [
      { prd: "missing" },
      "prd-approved",
      "the PRD (.ai/prd.md) is missing; create it with `ai init` and approve it first",
    ],
    [
      { arch: "Draft" },
      "arch-approved",
      "the architecture (.ai/arch.md) is Draft; approve it first",
    ],
    [
      { previous: { ref: "epic-1/story-1", status: "InProgress" } },
      "previous-story-done",
      "epic-1/story-1 is InProgress; the previous story in the epic must be Done",
    ],
    [
      { previous: { ref: "epic-1/story-1", status: undefined } },
      "previous-story-done",
      "epic-1/story-1 has no valid status; the previous story in the epic must be Done",
    ],
    [
      { dependencies: [{ ref: "epic-2/story-1", status: "Approved" }] },
      "dependencies-done",
      "dependency epic-2/story-1 is Approved; every dependency must be Done",
    ],
    [
      { dependencies: [{ ref: "epic-9/story-1", missing: true }] },
      "dependencies-done",
      "dependency epic-9/story-1 does not exist; every dependency must be Done",
    ],
    [
      {
        dependencies: [
          { ref: "epic-2/story-1", status: "Done" },
          { ref: "epic-2/story-2", status: "Review" },
          { ref: "epic-9/story-1", missing: true },
        ],
      },
      "dependencies-done",
      "dependencies epic-2/story-2 (Review), epic-9/story-1 (missing) are not Done; every dependency must be Done",
    ],
  ];
  for (const [change, rule, reason] of cases) {
    for (const from of ["Approved", "Review"] as const) {
      const verdict = checkTransition(from, "InProgress", { ...GREEN, ...change });
      assert.ok(!verdict.ok);
      assert.equal(verdict.rule, rule);
      assert.equal(verdict.message, `Cannot move ${REF} from ${from} to InProgress: ${reason}`);
    }
    // Unblocking into InProgress is guarded too.
    const back = checkTransition("Blocked", "InProgress", {
      ...GREEN,
      ...change,
      blockedFrom: "InProgress",
    });
    assert.ok(!back.ok && back.rule === rule);
  }
  // The first story of an epic has no previous story.
  assert.ok(checkTransition("Approved", "InProgress", { ...GREEN, previous: undefined }).ok);
});

Deno.test("checkTransition() guards Done: every criterion and task ticked", () => {
  const cases: Array<[number, number, string]> = [
    [2, 0, "2 acceptance criteria are not ticked"],
    [1, 0, "1 acceptance criterion is not ticked"],
    [0, 1, "1 task is not ticked"],
    [0, 3, "3 tasks are not ticked"],
    [1, 1, "1 acceptance criterion and 1 task are not ticked"],
  ];
  for (const [criteria, tasks, reason] of cases) {
    const verdict = checkTransition("Review", "Done", {
      ...GREEN,
      untickedCriteria: criteria,
      untickedTasks: tasks,
    });
    assert.ok(!verdict.ok);
    assert.equal(verdict.rule, "items-ticked");
    assert.equal(verdict.message, `Cannot move ${REF} from Review to Done: ${reason}`);
  }
  // Guards of InProgress do not apply to Done, nor to Review.
  const draftDocs = { ...GREEN, prd: "Draft", arch: "Draft" } as const;
  assert.ok(checkTransition("Review", "Done", draftDocs).ok);
  assert.ok(checkTransition("InProgress", "Review", draftDocs).ok);
});

Deno.test("checkDocTransition() approves the PRD, then the architecture, and reopens only when no story is InProgress", () => {
  assert.deepEqual(checkDocTransition("Draft", "Approved", { doc: "prd" }), { ok: true });
  assert.deepEqual(checkDocTransition("Draft", "Approved", { doc: "arch", prd: "Approved" }), {
    ok: true,
  });
  const early = checkDocTransition("Draft", "Approved", { doc: "arch", prd: "Draft" });
  assert.ok(!early.ok);
  assert.equal(
    early.message,
    "Cannot move the architecture (.ai/arch.md) from Draft to Approved: the PRD (.ai/prd.md) is Draft; approve it before the architecture",
  );
  assert.deepEqual(checkDocTransition("Approved", "Draft", { doc: "prd", inProgress: [] }), {
    ok: true,
  });
  const busy = checkDocTransition("Approved", "Draft", {
    doc: "prd",
    inProgress: ["epic-1/story-2"],
  });
  assert.ok(!busy.ok);
  assert.equal(busy.rule, "no-reopen-while-in-progress");
  assert.equal(
    busy.message,
    "Cannot move the PRD (.ai/prd.md) from Approved to Draft: epic-1/story-2 is InProgress; block or finish it before reopening",
  );
  const same = checkDocTransition("Approved", "Approved", { doc: "arch" });
  assert.ok(!same.ok);
  assert.equal(
    same.message,
    "Cannot move the architecture (.ai/arch.md) from Approved to Approved: it is already Approved",
  );
});
