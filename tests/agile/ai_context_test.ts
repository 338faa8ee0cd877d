import assert from "node:assert/strict";
import { aiContext } from "../../src/agile/mod.ts";
import { CONFIG, REPO_ROOT } from "../_support.ts";
import { APPROVED_DOCS, storyText, withProject } from "./_project.ts";

const LONG_PRD = [
  "---",
  "title: Shop PRD",
  "status: Approved",
  "---",
  "# Shop PRD",
  "",
  "## Introduction",
  "",
  `A shop for ${"very ".repeat(40)}small teams.`,
  "",
  "## Goals",
  "",
  "- Sell",
  "",
].join("\n");

async function git(root: string, ...args: string[]): Promise<string> {
  const out = await new Deno.Command("git", {
    args: ["-c", "user.name=Test", "-c", "user.email=test@example.com", ...args],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout);
}

const FILES = {
  ...APPROVED_DOCS,
  ".ai/prd.md": LONG_PRD,
  ".ai/epic-1/story-1.story.md": storyText({ title: "Catalogue", status: "Done" }),
  ".ai/epic-1/story-2.story.md": storyText({
    story: 2,
    title: "Cart",
    status: "InProgress",
    tasks: [["API", true], ["UI", false]],
  }),
  ".ai/epic-1/story-3.story.md": storyText({ story: 3, title: "Checkout", status: "Approved" }),
};

Deno.test("ai_context() gathers summaries, the current story, the next step, recent files and git log", async () => {
  await withProject(FILES, async (root, run) => {
    const paths = Object.keys(FILES).sort();
    // Give each file a distinct modification time: the later in sorted order, the newer.
    for (const [i, path] of paths.entries()) {
      await Deno.utime(`${root}/${path}`, 1_700_000_000 + i * 60, 1_700_000_000 + i * 60);
    }
    await git(root, "init", "-q");
    await git(root, "add", ".ai");
    await git(root, "commit", "-qm", "Plan the shop");
    const out = await run(aiContext, { summaryChars: 120 });
    assert.equal(out.prd.title, "Shop PRD");
    assert.equal(out.prd.truncated, true);
    assert.equal(
      out.prd.summary,
      `## Introduction\n\nA shop for ${"very ".repeat(18).trimEnd()}…`,
    );
    assert.deepEqual(out.arch, {
      path: ".ai/arch.md",
      title: "Shop architecture",
      status: "Approved",
      summary: "## Introduction\n\nWhat it is.",
      truncated: false,
    });
    assert.equal(out.current.ref, "epic-1/story-2");
    assert.equal(out.current.text, FILES[".ai/epic-1/story-2.story.md"]);
    assert.equal(out.next.action, "continue");
    assert.deepEqual(
      out.recentFiles.map((f: { path: string }) => f.path),
      [...paths].reverse(),
    );
    assert.equal(out.recentFiles.at(-1).modified, new Date(1_700_000_000_000).toISOString());
    assert.equal(out.git.ran, true);
    assert.equal(out.git.log.length, 1);
    assert.match(out.git.log[0], /^[0-9a-f]{7,} Plan the shop$/);
    const md: string = out.markdown;
    assert.equal(aiContext.cli!.render!(out), md.trimEnd());
    assert.ok(
      md.startsWith("# Resume the .ai/ workflow\n\n## Next step\n\n**continue** epic-1/story-2: "),
    );
    assert.ok(
      md.includes(
        "## PRD: Shop PRD (Approved)\n\nFrom .ai/prd.md:\n\n> ## Introduction\n>\n> A shop",
      ),
    );
    assert.ok(
      md.includes(
        `## Current story: epic-1/story-2 (InProgress)\n\n.ai/epic-1/story-2.story.md:\n\n\`\`\`markdown\n${
          FILES[".ai/epic-1/story-2.story.md"]
        }\`\`\`\n`,
      ),
    );
    assert.ok(md.includes(`- ${new Date(1_700_000_000_000).toISOString()} .ai/arch.md\n`));
    assert.match(md, /Commits touching \.ai\/:\n\n- [0-9a-f]+ Plan the shop\n$/);
  });
});

Deno.test("ai_context() degrades gracefully without git, and limits the recent files", async () => {
  await withProject(FILES, async (_root, run) => {
    const notRepo = await run(aiContext, { recent: 2 });
    assert.equal(notRepo.git.ran, false);
    assert.match(notRepo.git.note, /^git log failed: fatal: not a git repository/);
    assert.equal(notRepo.recentFiles.length, 2);
    assert.match(
      notRepo.markdown,
      /\nNo git history: git log failed: fatal: not a git repository.*\.\n$/,
    );
    const skipped = await run(aiContext, { git: false, recent: 0 });
    assert.deepEqual(skipped.git, { ran: false, log: [], note: "not asked for (git: false)" });
    assert.deepEqual(skipped.recentFiles, []);
  });
  await withProject({}, async (_root, run) => {
    const empty = await run(aiContext, { git: false });
    assert.deepEqual([empty.prd, empty.arch, empty.current], [null, null, null]);
    assert.equal(empty.next.action, "init");
    assert.ok(empty.markdown.includes("## PRD\n\n.ai/prd.md does not exist.\n"));
    assert.ok(
      empty.markdown.includes("## Current story\n\nNo story is InProgress or in Review.\n"),
    );
  });
});

Deno.test("ai_context() without permission to run git says so instead of failing", async () => {
  await withProject(FILES, async (root) => {
    const script = `${root}/probe.ts`;
    await Deno.writeTextFile(
      script,
      [
        `import { invoke, testContext } from "${REPO_ROOT}/src/core/mod.ts";`,
        `import { aiContext } from "${REPO_ROOT}/src/agile/mod.ts";`,
        `const out = await invoke(aiContext, {}, await testContext(${JSON.stringify(root)}));`,
        "Deno.stdout.writeSync(new TextEncoder().encode(JSON.stringify(out.git)));",
      ].join("\n"),
    );
    const child = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--quiet",
        "--frozen",
        `--config=${CONFIG}`,
        `--allow-read`,
        `--allow-env`,
        script,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(child.code, 0, new TextDecoder().decode(child.stderr));
    assert.deepEqual(JSON.parse(new TextDecoder().decode(child.stdout)), {
      ran: false,
      log: [],
      note: "running git is not allowed (start with --allow-run=git)",
    });
  });
});
