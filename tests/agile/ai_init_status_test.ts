import assert from "node:assert/strict";
import {
  aiInit,
  aiStatus,
  ARCH_TEMPLATE,
  PRD_TEMPLATE,
  templateFiles,
} from "../../src/agile/mod.ts";
import { APPROVED_DOCS, storyText, withProject } from "./_project.ts";

Deno.test("ai_init() creates .ai/ with Draft documents and the templates, and keeps existing files", async () => {
  await withProject({ ".cursor/templates/story.md": "my own template\n" }, async (root, run) => {
    const out = await run(aiInit, { name: "Shop" });
    assert.deepEqual(out.files, [
      { path: ".cursor/templates/prd.md", action: "created" },
      { path: ".cursor/templates/arch.md", action: "created" },
      { path: ".cursor/templates/story.md", action: "kept" },
      { path: ".ai/prd.md", action: "created" },
      { path: ".ai/arch.md", action: "created" },
    ]);
    assert.equal(out.created, 4);
    assert.equal(await Deno.readTextFile(`${root}/.cursor/templates/prd.md`), PRD_TEMPLATE);
    assert.equal(await Deno.readTextFile(`${root}/.cursor/templates/arch.md`), ARCH_TEMPLATE);
    assert.equal(
      await Deno.readTextFile(`${root}/.cursor/templates/story.md`),
      "my own template\n",
    );
    const prd = await Deno.readTextFile(`${root}/.ai/prd.md`);
    assert.ok(prd.startsWith("---\ntitle: Shop product requirements\nstatus: Draft\n---\n"));
    assert.ok(
      (await Deno.readTextFile(`${root}/.ai/arch.md`)).startsWith(
        "---\ntitle: Shop architecture\nstatus: Draft\n---\n# Shop architecture\n",
      ),
    );
    // Idempotent: a second run changes nothing, even after edits.
    await Deno.writeTextFile(`${root}/.ai/prd.md`, "edited\n");
    const again = await run(aiInit, {});
    assert.equal(again.created, 0);
    assert.ok(again.files.every((file: { action: string }) => file.action === "kept"));
    assert.equal(await Deno.readTextFile(`${root}/.ai/prd.md`), "edited\n");
    assert.equal(
      aiInit.cli!.render!(again).split("\n").at(-1),
      "Nothing to do: everything was there",
    );
  });
});

Deno.test("ai_init() takes the workspace folder's name by default and writes the story template", async () => {
  await withProject({}, async (root, run) => {
    await run(aiInit, {});
    const name = root.slice(root.lastIndexOf("/") + 1);
    assert.ok(
      (await Deno.readTextFile(`${root}/.ai/prd.md`)).startsWith(
        `---\ntitle: ${name} product requirements\n`,
      ),
    );
    assert.equal(
      await Deno.readTextFile(`${root}/.cursor/templates/story.md`),
      templateFiles()["story.md"],
    );
    assert.equal(aiInit.requiresApproval, true);
    assert.equal(aiInit.idempotent, true);
  });
});

Deno.test("ai_status() shows documents, stories with points and checklists, and progress by points", async () => {
  const files = {
    ...APPROVED_DOCS,
    ".ai/arch.md": "---\ntitle: Arch\nstatus: Draft\n---\n",
    ".ai/epic-1/story-1.story.md": storyText({ title: "Catalogue", status: "Done", points: 3 }),
    ".ai/epic-1/story-2.story.md": storyText({
      story: 2,
      title: "Cart",
      status: "InProgress",
      points: 1,
      criteria: [["Adds", false], ["Removes", true]],
      tasks: [["API", true], ["UI", false], ["~~Legacy~~", false]],
    }),
    ".ai/epic-2/story-1.story.md": storyText({ epic: 2, status: "Draft", points: 5 }),
  };
  await withProject(files, async (_root, run) => {
    const board = await run(aiStatus, {});
    assert.deepEqual(board.prd, { path: ".ai/prd.md", status: "Approved", title: "Shop PRD" });
    assert.deepEqual(board.epics[0].stories[1], {
      ref: "epic-1/story-2",
      path: ".ai/epic-1/story-2.story.md",
      title: "Cart",
      status: "InProgress",
      points: 1,
      tasks: { done: 2, total: 3 },
      criteria: { done: 1, total: 2 },
    });
    assert.deepEqual(
      board.epics.map((e: { progress: number; points: object }) => [e.progress, e.points]),
      [[75, { done: 3, total: 4 }], [0, { done: 0, total: 5 }]],
    );
    assert.deepEqual([board.progress, board.points], [33, { done: 3, total: 9 }]);
    assert.equal(
      aiStatus.cli!.render!(board),
      [
        "PRD   Approved .ai/prd.md  Shop PRD",
        "Arch  Draft    .ai/arch.md  Arch",
        "",
        "epic-1  75% (3/4 pts)",
        "  story-1   Done       3 pts   tasks 1/1  criteria 1/1  Catalogue",
        "  story-2   InProgress 1 pts   tasks 2/3  criteria 1/2  Cart",
        "epic-2  0% (0/5 pts)",
        "  story-1   Draft      5 pts   tasks 1/1  criteria 1/1  Story 2.1",
        "",
        "Overall 33% (3/9 pts)",
      ].join("\n"),
    );
  });
});

Deno.test("ai_status() on a workspace without .ai/ says what is missing", async () => {
  await withProject({}, async (_root, run) => {
    const board = await run(aiStatus, {});
    assert.equal(
      aiStatus.cli!.render!(board),
      "PRD   missing  .ai/prd.md\nArch  missing  .ai/arch.md\n\nNo stories yet",
    );
  });
});
