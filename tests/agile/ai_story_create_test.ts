import assert from "node:assert/strict";
import { aiStoryCreate, loadProject } from "../../src/agile/mod.ts";
import { ConflictError, InputError, NotFoundError } from "../../src/core/mod.ts";
import { APPROVED_DOCS, docText, rejection, storyText, withProject } from "./_project.ts";

Deno.test("ai_story_create() writes the next free story of the epic from the template", async () => {
  await withProject(APPROVED_DOCS, async (root, run) => {
    const out = await run(aiStoryCreate, {
      epic: 2,
      title: "Login: first cut",
      points: 3,
      criteria: ["Wrong password shows an error"],
      tasks: ["Form", "API call"],
      summary: "As a shopper, I want to log in, so that I see my orders.",
    });
    assert.equal(out.ref, "epic-2/story-1");
    assert.equal(out.path, ".ai/epic-2/story-1.story.md");
    assert.deepEqual(out.warnings, []);
    const text = await Deno.readTextFile(`${root}/${out.path}`);
    assert.equal(text, out.content);
    assert.equal(
      text,
      [
        "---",
        'title: "Login: first cut"',
        "status: Draft",
        "epic: 2",
        "story: 1",
        "points: 3",
        "dependencies: []",
        "---",
        "# Epic-2 - Story-1: Login: first cut",
        "",
        "As a shopper, I want to log in, so that I see my orders.",
        "",
        "## Context",
        "",
        "Why this story, and what the PRD and architecture say about it.",
        "",
        "## Acceptance criteria",
        "",
        "- [ ] Wrong password shows an error",
        "",
        "## Tasks",
        "",
        "- [ ] Form",
        "- [ ] API call",
        "",
        "## Constraints",
        "",
        "## Dev notes",
        "",
        "## Chat command log",
        "",
      ].join("\n"),
    );
    const second = await run(aiStoryCreate, {
      epic: 2,
      title: "Logout",
      points: 1,
      dependencies: ["epic-2/story-1"],
    });
    assert.equal(second.ref, "epic-2/story-2");
    const project = await loadProject(root);
    const story = project.stories.find((s) => s.ref === "epic-2/story-2")!;
    assert.deepEqual(
      [story.title, story.status, story.points, story.dependencies],
      ["Logout", "Draft", 1, ["epic-2/story-1"]],
    );
    assert.deepEqual([story.doc.criteria, story.doc.tasks], [[], []]);
  });
});

Deno.test("ai_story_create() numbers after the highest story and refuses a taken number", async () => {
  const files = {
    ...APPROVED_DOCS,
    ".ai/epic-1/story-1.story.md": storyText(),
    ".ai/epic-1/story-3.story.md": storyText({ story: 3 }),
  };
  await withProject(files, async (root, run) => {
    const out = await run(aiStoryCreate, { epic: 1, title: "Next", points: 2 });
    assert.equal(out.ref, "epic-1/story-4");
    const before = await Deno.readTextFile(`${root}/.ai/epic-1/story-3.story.md`);
    const taken = await rejection(
      run(aiStoryCreate, { epic: 1, story: 3, title: "Clash", points: 1 }),
    );
    assert.ok(taken instanceof ConflictError);
    assert.equal(
      taken.message,
      "Cannot create epic-1/story-3: .ai/epic-1/story-3.story.md already exists",
    );
    assert.equal(await Deno.readTextFile(`${root}/.ai/epic-1/story-3.story.md`), before);
    const gap = await run(aiStoryCreate, { epic: 1, story: 2, title: "Fill", points: 1 });
    assert.equal(gap.path, ".ai/epic-1/story-2.story.md");
  });
});

Deno.test("ai_story_create() refuses unknown dependencies and bad input, and warns about Draft documents", async () => {
  const files = {
    ".ai/prd.md": docText("P", "Approved"),
    ".ai/arch.md": docText("A", "Draft"),
  };
  await withProject(files, async (_root, run) => {
    const unknown = await rejection(
      run(aiStoryCreate, { epic: 1, title: "A", points: 1, dependencies: ["epic-5/story-1"] }),
    );
    assert.ok(unknown instanceof NotFoundError);
    assert.equal(
      unknown.message,
      "Cannot depend on epic-5/story-1: .ai/epic-5/story-1.story.md does not exist",
    );
    const badRef = await rejection(
      run(aiStoryCreate, { epic: 1, title: "A", points: 1, dependencies: ["story-1"] }),
    );
    assert.ok(badRef instanceof InputError);
    const twoLines = await rejection(
      run(aiStoryCreate, { epic: 1, title: "A", points: 1, tasks: ["one\ntwo"] }),
    );
    assert.ok(twoLines instanceof InputError);
    const out = await run(aiStoryCreate, { epic: 1, title: "A", points: 1 });
    assert.deepEqual(out.warnings, [
      "the architecture (.ai/arch.md) is Draft; the story cannot start until it is approved",
    ]);
  });
});
