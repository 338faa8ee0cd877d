import assert from "node:assert/strict";
import { aiInit, aiStoryCreate, aiValidate } from "../../src/agile/mod.ts";
import { invoke, testContext } from "../../src/core/mod.ts";
import { fromFileUrl } from "../_path.ts";
import { removeWorkspace } from "../_support.ts";
import { docText, storyText, withProject } from "./_project.ts";

interface Diagnostic {
  file: string;
  line: number;
  column?: number;
  code: string;
  severity: string;
  message: string;
  hint: string;
}

const BROKEN = fromFileUrl(new URL("../fixtures/agile/broken/dot-ai", import.meta.url));

/** Copies the stored `dot-ai` folder to `<temp>/.ai`. */
async function copyBroken(): Promise<string> {
  const root = await Deno.realPath(await Deno.makeTempDir({ prefix: "codegen_lab_agile_" }));
  async function copy(from: string, to: string): Promise<void> {
    await Deno.mkdir(to, { recursive: true });
    for await (const entry of Deno.readDir(from)) {
      if (entry.isDirectory) await copy(`${from}/${entry.name}`, `${to}/${entry.name}`);
      else await Deno.copyFile(`${from}/${entry.name}`, `${to}/${entry.name}`);
    }
  }
  await copy(BROKEN, `${root}/.ai`);
  return root;
}

function compact(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) =>
    `${d.file}:${d.line}${
      d.column === undefined ? "" : `:${d.column}`
    } ${d.severity} ${d.code}: ${d.message}`
  );
}

Deno.test("ai_validate() reports exactly the problems of the broken fixture", async () => {
  const root = await copyBroken();
  try {
    const out = await invoke(aiValidate, {}, await testContext(root));
    assert.deepEqual(compact(out.diagnostics), [
      ".ai/epic-1/notes-story.md:1 warning story-file-name: The file looks like a story but is not named story-N.story.md, so it is not read",
      ".ai/epic-1/story-02.story.md:1 error duplicate-story: Story number 2 of epic-1 is also used by .ai/epic-1/story-2.story.md",
      '.ai/epic-1/story-1.story.md:6 error bad-field: Field "points" must be a whole number, not "three"',
      ".ai/epic-1/story-1.story.md:8 warning blocked-from-stale: blockedFrom is set but the story is Done, not Blocked",
      ".ai/epic-1/story-1.story.md:20 error done-unticked: The story is Done but 1 task is not ticked",
      ".ai/epic-1/story-2.story.md:3:9 error in-progress-unapproved: The story is InProgress while the architecture (.ai/arch.md) is Draft",
      '.ai/epic-1/story-2.story.md:5 error number-mismatch: Field "story" says 5 but the path says 2',
      ".ai/epic-1/story-2.story.md:7 error broken-dependency: Dependency epic-4/story-1 does not exist",
      '.ai/epic-1/story-2.story.md:7 error bad-dependency: Dependency "story-9" is not a story reference',
      ".ai/epic-1/story-2.story.md:7 error self-dependency: The story depends on itself (epic-1/story-2)",
      ".ai/epic-1/story-2.story.md:11:63 warning broken-link: Link target ../spec.md does not exist (.ai/spec.md)",
      ".ai/epic-1/story-4.story.md:1 warning story-gap: Story numbers of epic-1 skip story-3",
      '.ai/epic-1/story-4.story.md:3:9 error bad-status: Status "Started" is not one of Draft, Approved, InProgress, Review, Done, Blocked',
      '.ai/epic-1/story-4.story.md:8 error missing-field: Required field "points" is missing',
      ".ai/epic-1/story-5.story.md:3 warning blocked-from-missing: The story is Blocked without a valid blockedFrom, so unblocking returns it to Draft",
      ".ai/epic-3:1 warning epic-gap: Epic numbers skip epic-2",
      ".ai/epic-3/story-1.story.md:1 error front-block-unclosed: The front block opened on line 1 is never closed, so no field is read",
      '.ai/prd.md:3 error missing-field: Required field "title" is missing',
      ".ai/prd.md:8:49 warning broken-link: Link target plans/old.md does not exist (.ai/plans/old.md)",
      ".ai/story-7.story.md:1 warning flat-story: Stories directly in .ai/ (the older layout) are not read",
    ]);
    assert.ok(out.diagnostics.every((d: Diagnostic) => d.hint.length > 0));
    assert.deepEqual([out.files, out.errors, out.warnings], [8, 12, 8]);
    assert.equal(aiValidate.cli!.exitCode!(out), 1);
    const text = aiValidate.cli!.render!(out);
    assert.ok(
      text.startsWith(
        ".ai/epic-1/notes-story.md:1: warning story-file-name: The file looks like a story but is not named story-N.story.md, so it is not read\n  hint: Rename it to story-N.story.md with the story's number\n",
      ),
    );
    assert.ok(text.endsWith("\n8 files checked: 12 errors, 8 warnings"));
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("ai_validate() passes what ai_init and ai_story_create write", async () => {
  await withProject({}, async (_root, run) => {
    await run(aiInit, { name: "Shop" });
    await run(aiStoryCreate, { epic: 1, title: "Login: first cut", points: 3, tasks: ["Form"] });
    await run(aiStoryCreate, {
      epic: 1,
      title: "Logout",
      points: 1,
      dependencies: ["epic-1/story-1"],
    });
    const out = await run(aiValidate, {});
    assert.deepEqual(out.diagnostics, []);
    assert.equal(aiValidate.cli!.exitCode!(out), 0);
    assert.equal(aiValidate.cli!.render!(out), "4 files checked: 0 errors, 0 warnings");
  });
});

Deno.test("ai_validate() reports a missing .ai/, missing documents, older files, unreadable files and duplicate epics", async () => {
  await withProject({}, async (_root, run) => {
    const out = await run(aiValidate, {});
    assert.deepEqual(compact(out.diagnostics), [
      ".ai:1 error no-ai-folder: There is no .ai/ folder",
    ]);
  });
  await withProject({
    ".ai/prd.md": "# Shop\n\n## Status: Approved\n",
    ".ai/epic-1/story-1.story.md": storyText({ status: "Draft" }),
    ".ai/epic-01/story-2.story.md": storyText({ story: 2, status: "Draft" }),
  }, async (root, run) => {
    await Deno.writeFile(
      `${root}/.ai/epic-1/story-3.story.md`,
      new Uint8Array([0x73, 0x74, 0xe9, 0x0a]),
    );
    const out = await run(aiValidate, {});
    assert.deepEqual(compact(out.diagnostics), [
      ".ai/arch.md:1 error missing-doc: The architecture (.ai/arch.md) is missing",
      ".ai/epic-01:1 error duplicate-epic: Epic number 1 is also used by .ai/epic-1",
      ".ai/epic-1/story-3.story.md:1 error unreadable: The file is not UTF-8 text",
      ".ai/prd.md:1 warning no-front-block: The file has no front block; its status is read from the body",
    ]);
  });
  await withProject({
    ".ai/prd.md": docText("P", "Approved"),
    ".ai/arch.md": docText("A", "Approved"),
  }, async (_root, run) => {
    assert.deepEqual((await run(aiValidate, {})).diagnostics, []);
  });
});
