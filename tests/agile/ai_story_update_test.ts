import assert from "node:assert/strict";
import { aiDocUpdate, aiStoryUpdate, parseAgileDoc, STORY_STATUSES } from "../../src/agile/mod.ts";
import { ConflictError, NotFoundError, UsageError } from "../../src/core/mod.ts";
import { OK, REF, TABLE } from "./_machine_table.ts";
import {
  APPROVED_DOCS,
  docText,
  rejection,
  type StoryOptions,
  storyText,
  withProject,
} from "./_project.ts";

const SUBJECT = ".ai/epic-1/story-2.story.md";

/** A project where every guard of epic-1/story-2 passes. */
function greenProject(subject: StoryOptions = {}): Record<string, string> {
  return {
    ...APPROVED_DOCS,
    ".ai/epic-1/story-1.story.md": storyText({ epic: 1, story: 1, status: "Done" }),
    ".ai/epic-2/story-1.story.md": storyText({ epic: 2, story: 1, status: "Done" }),
    [SUBJECT]: storyText({ epic: 1, story: 2, dependencies: ["epic-2/story-1"], ...subject }),
  };
}

async function statusOf(root: string, path = SUBJECT): Promise<[string, string | undefined]> {
  const doc = parseAgileDoc(await Deno.readTextFile(`${root}/${path}`));
  const blocked = doc.front?.fields.find((field) => field.key === "blockedFrom")?.inline;
  return [doc.status!.value, blocked];
}

Deno.test("ai_story_update() walks a story through every legal transition", async () => {
  await withProject(greenProject(), async (root, run) => {
    const walk: Array<[string, string | undefined]> = [
      ["Blocked", "Draft"],
      ["Draft", undefined],
      ["Approved", undefined],
      ["Blocked", "Approved"],
      ["Approved", undefined],
      ["InProgress", undefined],
      ["Blocked", "InProgress"],
      ["InProgress", undefined],
      ["Review", undefined],
      ["InProgress", undefined],
      ["Review", undefined],
      ["Blocked", "Review"],
      ["Review", undefined],
      ["Done", undefined],
    ];
    let previous = "Draft";
    for (const [status, blockedFrom] of walk) {
      const out = await run(aiStoryUpdate, { story: REF, status });
      assert.equal(out.previousStatus, previous);
      assert.equal(out.status, status);
      assert.equal(out.written, true);
      assert.deepEqual(await statusOf(root), [status, blockedFrom]);
      previous = status;
    }
  });
});

Deno.test("ai_story_update() refuses every illegal pair of the 6×6 table with the exact message", async () => {
  await withProject(greenProject(), async (root, run) => {
    for (const from of STORY_STATUSES) {
      for (const to of STORY_STATUSES) {
        const text = storyText({
          epic: 1,
          story: 2,
          dependencies: ["epic-2/story-1"],
          status: from,
          ...(from === "Blocked" ? { blockedFrom: "Approved" } : {}),
        });
        await Deno.writeTextFile(`${root}/${SUBJECT}`, text);
        const expected = TABLE[from][to];
        if (expected === OK) {
          const out = await run(aiStoryUpdate, { story: REF, status: to });
          assert.equal(out.status, to, `${from} → ${to}`);
          assert.deepEqual(await statusOf(root), [to, to === "Blocked" ? from : undefined]);
          continue;
        }
        const error = await rejection(run(aiStoryUpdate, { story: REF, status: to }));
        assert.ok(error instanceof ConflictError, `${from} → ${to}`);
        assert.equal(error.message, `Cannot move ${REF} from ${from} to ${to}: ${expected}`);
        assert.equal(await Deno.readTextFile(`${root}/${SUBJECT}`), text, "left untouched");
      }
    }
  });
});

Deno.test("ai_story_update() enforces the InProgress guards from the files", async () => {
  const cases: Array<[Record<string, string>, string]> = [
    [
      { ".ai/prd.md": docText("PRD", "Draft") },
      "the PRD (.ai/prd.md) is Draft; approve it first",
    ],
    [
      { ".ai/arch.md": docText("Arch", "Draft") },
      "the architecture (.ai/arch.md) is Draft; approve it first",
    ],
    [
      { ".ai/epic-1/story-1.story.md": storyText({ status: "InProgress" }) },
      "epic-1/story-1 is InProgress; the previous story in the epic must be Done",
    ],
    [
      { ".ai/epic-2/story-1.story.md": storyText({ epic: 2, status: "Review" }) },
      "dependency epic-2/story-1 is Review; every dependency must be Done",
    ],
  ];
  for (const [override, reason] of cases) {
    const files = { ...greenProject({ status: "Approved" }), ...override };
    await withProject(files, async (_root, run) => {
      const error = await rejection(run(aiStoryUpdate, { story: REF, status: "InProgress" }));
      assert.ok(error instanceof ConflictError);
      assert.equal(error.message, `Cannot move ${REF} from Approved to InProgress: ${reason}`);
    });
  }
  // A missing PRD, and a story whose predecessor is missing (the nearest lower one counts).
  const files = greenProject({ status: "Approved" });
  delete files[".ai/prd.md"];
  await withProject(files, async (_root, run) => {
    const error = await rejection(run(aiStoryUpdate, { story: REF, status: "InProgress" }));
    assert.equal(
      error.message,
      `Cannot move ${REF} from Approved to InProgress: the PRD (.ai/prd.md) is missing; create it with \`ai init\` and approve it first`,
    );
  });
});

Deno.test("ai_story_update() refuses Done while items are unticked, and accepts the last tick with Done", async () => {
  const subject = {
    status: "Review",
    criteria: [["Shows an error", false], ["Logs it", false]] as Array<[string, boolean]>,
    tasks: [["Form", true], ["API", false]] as Array<[string, boolean]>,
  };
  await withProject(greenProject(subject), async (root, run) => {
    const error = await rejection(run(aiStoryUpdate, { story: REF, status: "Done" }));
    assert.equal(
      error.message,
      `Cannot move ${REF} from Review to Done: 2 acceptance criteria and 1 task are not ticked`,
    );
    assert.equal((error.data as { rule: string }).rule, "items-ticked");
    const partly = await rejection(
      run(aiStoryUpdate, { story: REF, tick: ["criterion:1", "task:2"], status: "Done" }),
    );
    assert.equal(
      partly.message,
      `Cannot move ${REF} from Review to Done: 1 acceptance criterion is not ticked`,
    );
    assert.equal(await statusOf(root).then((s) => s[0]), "Review", "nothing written");
    const out = await run(aiStoryUpdate, {
      story: REF,
      tick: ["criterion:1", "Logs it", "API"],
      status: "Done",
    });
    assert.deepEqual(out.ticked, ["criterion:1", "criterion:2", "task:2"]);
    assert.equal(out.status, "Done");
  });
});

Deno.test("ai_story_update() ticks one item by changing exactly one byte", async () => {
  const subject = {
    status: "InProgress",
    tasks: [["Form", false], ["API", false], ["Docs", true]] as Array<[string, boolean]>,
  };
  await withProject(greenProject(subject), async (root, run) => {
    const path = `${root}/${SUBJECT}`;
    // CRLF, a BOM, a comment and odd spacing must all survive.
    const original = `\ufeff${
      (await Deno.readTextFile(path)).replace("points: 2", "points:   2 # guess")
    }`.replaceAll("\n", "\r\n");
    await Deno.writeTextFile(path, original);
    const before = await Deno.readFile(path);
    const out = await run(aiStoryUpdate, { story: REF, tick: ["task:2"] });
    assert.deepEqual(out.ticked, ["task:2"]);
    const after = await Deno.readFile(path);
    assert.equal(after.length, before.length);
    const differing = [...after.keys()].filter((i) => after[i] !== before[i]);
    assert.equal(differing.length, 1);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(after);
    assert.equal(text, original.replace("- [ ] API", "- [x] API"));
    // Ticking again changes nothing; unticking restores the original bytes.
    const again = await run(aiStoryUpdate, { story: REF, tick: ["API"] });
    assert.equal(again.changed, false);
    await run(aiStoryUpdate, { story: REF, untick: ["task:2"] });
    assert.deepEqual(await Deno.readFile(path), before);
  });
});

Deno.test("ai_story_update() appends tasks after the last one and keeps the legacy status spelling", async () => {
  const text = [
    "# Epic-1 - Story-1: Legacy",
    "",
    "Status: In Progress",
    "",
    "## Tasks",
    "",
    "- [x] Old task",
    "  - [x] Nested detail",
    "",
    "## Dev notes",
    "",
  ].join("\n");
  const files = { ...APPROVED_DOCS, ".ai/epic-1/story-1.story.md": text };
  await withProject(files, async (root, run) => {
    const out = await run(aiStoryUpdate, {
      story: "epic-1/story-1",
      addTasks: ["New task"],
      status: "Review",
    });
    assert.deepEqual(out.added, ["task:3"]);
    assert.equal(out.previousStatus, "InProgress");
    const done = await run(aiStoryUpdate, {
      story: "epic-1/story-1",
      tick: ["New task"],
      status: "Done",
    });
    assert.equal(done.status, "Done");
    assert.equal(
      await Deno.readTextFile(`${root}/.ai/epic-1/story-1.story.md`),
      text.replace("Status: In Progress", "Status: Complete").replace(
        "  - [x] Nested detail\n",
        "  - [x] Nested detail\n- [x] New task\n",
      ),
    );
  });
});

Deno.test("ai_story_update() explains unknown stories and items, and empty or contradictory requests", async () => {
  await withProject(greenProject({ status: "InProgress" }), async (_root, run) => {
    const missing = await rejection(run(aiStoryUpdate, { story: "epic-3/story-1", tick: ["x"] }));
    assert.ok(missing instanceof NotFoundError);
    assert.equal(
      missing.message,
      "Cannot find story epic-3/story-1: .ai/epic-3/story-1.story.md does not exist",
    );
    const bad = await rejection(run(aiStoryUpdate, { story: "3.1", tick: ["x"] }));
    assert.ok(bad instanceof UsageError);
    const item = await rejection(run(aiStoryUpdate, { story: REF, tick: ["task:9"] }));
    assert.ok(item instanceof NotFoundError);
    assert.equal(item.message, `Cannot find task:9 in ${REF}: it has 1 tasks`);
    assert.equal(
      item.hint,
      'Give the exact text or task:N / criterion:N; tasks: task:1 "Build it"; criteria: criterion:1 "It works"',
    );
    const nothing = await rejection(run(aiStoryUpdate, { story: REF }));
    assert.equal(nothing.message, "Nothing to change");
    const both = await rejection(
      run(aiStoryUpdate, { story: REF, tick: ["task:1"], untick: ["Build it"] }),
    );
    assert.equal(both.message, `Cannot both tick and untick task:1 of ${REF}`);
  });
});

Deno.test("ai_story_update() with dryRun shows the diff and writes nothing", async () => {
  await withProject(greenProject(), async (root, run) => {
    const before = await Deno.readTextFile(`${root}/${SUBJECT}`);
    const out = await run(aiStoryUpdate, { story: REF, status: "Approved", dryRun: true });
    assert.equal(out.written, false);
    assert.match(out.diff, /-status: Draft\n\+status: Approved/);
    assert.equal(await Deno.readTextFile(`${root}/${SUBJECT}`), before);
  });
});

Deno.test("ai_doc_update() approves in order, reopens when no story is InProgress, and edits only the status", async () => {
  const files = {
    ".ai/prd.md": "# Shop\n\n## Status: Draft\n\nText.\n",
    ".ai/arch.md": docText("Arch", "Draft"),
    ".ai/epic-1/story-1.story.md": storyText({ status: "Approved" }),
  };
  await withProject(files, async (root, run) => {
    const early = await rejection(run(aiDocUpdate, { doc: "arch", status: "Approved" }));
    assert.ok(early instanceof ConflictError);
    assert.equal(
      early.message,
      "Cannot move the architecture (.ai/arch.md) from Draft to Approved: the PRD (.ai/prd.md) is Draft; approve it before the architecture",
    );
    await run(aiDocUpdate, { doc: "prd", status: "Approved" });
    assert.equal(
      await Deno.readTextFile(`${root}/.ai/prd.md`),
      "# Shop\n\n## Status: Approved\n\nText.\n",
    );
    const out = await run(aiDocUpdate, { doc: "arch", status: "Approved" });
    assert.deepEqual([out.previousStatus, out.status], ["Draft", "Approved"]);
    await run(aiStoryUpdate, { story: "epic-1/story-1", status: "InProgress" });
    const busy = await rejection(run(aiDocUpdate, { doc: "arch", status: "Draft" }));
    assert.equal(
      busy.message,
      "Cannot move the architecture (.ai/arch.md) from Approved to Draft: epic-1/story-1 is InProgress; block or finish it before reopening",
    );
    await run(aiStoryUpdate, { story: "epic-1/story-1", status: "Blocked" });
    await run(aiDocUpdate, { doc: "arch", status: "Draft" });
    assert.equal(
      await Deno.readTextFile(`${root}/.ai/arch.md`),
      docText("Arch", "Draft"),
    );
  });
  await withProject({}, async (_root, run) => {
    const missing = await rejection(run(aiDocUpdate, { doc: "prd", status: "Approved" }));
    assert.ok(missing instanceof NotFoundError);
    assert.equal(missing.hint, "Run `codegen-lab ai init` to create it from the template");
  });
});
