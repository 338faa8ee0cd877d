import assert from "node:assert/strict";
import { aiNext } from "../../src/agile/mod.ts";
import { APPROVED_DOCS, docText, storyText, withProject } from "./_project.ts";

const s = (epic: number, story: number, status: string, extra: object = {}): [string, string] => [
  `.ai/epic-${epic}/story-${story}.story.md`,
  storyText({ epic, story, status, ...extra }),
];

async function next(files: Record<string, string>): Promise<Record<string, unknown>> {
  let result: Record<string, unknown> = {};
  await withProject(files, async (_root, run) => {
    result = await run(aiNext, {});
  });
  return result;
}

Deno.test("ai_next() asks for ai init without .ai/ and for the PRD, then the architecture, approval", async () => {
  assert.deepEqual(await next({}), {
    action: "init",
    reason: ".ai/prd.md does not exist: run `codegen-lab ai init` and write the PRD",
  });
  assert.deepEqual(
    await next({
      ".ai/prd.md": docText("P", "Draft"),
      ".ai/arch.md": docText("A", "Draft"),
      ...Object.fromEntries([s(1, 1, "Approved")]),
    }),
    {
      action: "approve-prd",
      reason:
        "the PRD (.ai/prd.md) is Draft: finish it and ask the user to approve it; no story starts before",
    },
  );
  assert.deepEqual(
    await next({ ".ai/prd.md": docText("P", "Approved"), ".ai/arch.md": docText("A", "Draft") }),
    {
      action: "approve-arch",
      reason:
        "the architecture (.ai/arch.md) is Draft: finish it and ask the user to approve it; no story starts before",
    },
  );
  assert.equal((await next({ ".ai/prd.md": docText("P", "Approved") })).action, "init");
});

Deno.test("ai_next() prefers the InProgress story, then Review, then an Approved story that can start", async () => {
  const inProgress = await next({
    ...APPROVED_DOCS,
    ...Object.fromEntries([
      s(1, 1, "Review"),
      s(2, 1, "Approved"),
      s(2, 2, "InProgress", { tasks: [["a", true], ["b", false]] }),
    ]),
  });
  assert.deepEqual(inProgress, {
    action: "continue",
    reason:
      "epic-2/story-2 is InProgress (1/2 tasks ticked): carry on with it, ticking tasks as they are finished",
    story: {
      ref: "epic-2/story-2",
      path: ".ai/epic-2/story-2.story.md",
      title: "Story 2.2",
      status: "InProgress",
    },
  });
  const review = await next({
    ...APPROVED_DOCS,
    ...Object.fromEntries([s(1, 1, "Done"), s(1, 2, "Review"), s(2, 1, "Approved")]),
  });
  assert.equal(review.action, "review");
  assert.equal(
    review.reason,
    "epic-1/story-2 is in Review: the user checks it, then sets it to Done, or back to InProgress for changes",
  );
  // epic-1/story-3 waits for story-2; epic-2/story-1 can start.
  const start = await next({
    ...APPROVED_DOCS,
    ...Object.fromEntries([
      s(1, 1, "Done"),
      s(1, 2, "Blocked", { blockedFrom: "Approved" }),
      s(1, 3, "Approved"),
      s(2, 1, "Approved"),
    ]),
  });
  assert.equal(start.action, "start");
  assert.equal((start.story as { ref: string }).ref, "epic-2/story-1");
  assert.equal(
    start.reason,
    "epic-2/story-1 is Approved and nothing stops it: set it to InProgress and start",
  );
});

Deno.test("ai_next() names the guard that stops the first Approved story", async () => {
  const blocked = await next({
    ...APPROVED_DOCS,
    ...Object.fromEntries([
      s(1, 1, "Done"),
      s(1, 2, "Approved", { dependencies: ["epic-2/story-1"] }),
      s(2, 1, "Draft"),
    ]),
  });
  assert.equal(blocked.action, "blocked");
  assert.equal(
    blocked.reason,
    "epic-1/story-2 is Approved but cannot start: dependency epic-2/story-1 is Draft; every dependency must be Done",
  );
});

Deno.test("ai_next() asks to approve a Draft story, unblock a Blocked one, or draft the next story", async () => {
  const draft = await next({
    ...APPROVED_DOCS,
    ...Object.fromEntries([s(1, 1, "Done"), s(1, 2, "Blocked"), s(1, 3, "Draft")]),
  });
  assert.equal(draft.action, "approve-story");
  assert.equal(
    draft.reason,
    "epic-1/story-3 is Draft: review it with the user and set it to Approved once they agree",
  );
  const unblock = await next({
    ...APPROVED_DOCS,
    ...Object.fromEntries([s(1, 1, "Done"), s(1, 2, "Blocked", { blockedFrom: "Review" })]),
  });
  assert.equal(unblock.action, "unblock");
  assert.equal(
    unblock.reason,
    "epic-1/story-2 is Blocked: resolve what blocks it, then move it back to Review",
  );
  assert.deepEqual(await next({ ...APPROVED_DOCS }), {
    action: "create-story",
    reason: "there are no stories yet: draft epic-1/story-1 with `codegen-lab ai story create`",
  });
  assert.deepEqual(
    await next({ ...APPROVED_DOCS, ...Object.fromEntries([s(1, 1, "Done"), s(1, 2, "Done")]) }),
    {
      action: "create-story",
      reason:
        "every story is Done: draft the next one (such as epic-1/story-3) with `codegen-lab ai story create`",
    },
  );
});
