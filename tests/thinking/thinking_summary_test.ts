import assert from "node:assert/strict";
import { CodegenError, invoke, type OperationContext, testContext } from "../../src/core/mod.ts";
import { sequentialThinking, thinkingStore, thinkingSummary } from "../../src/thinking/mod.ts";
import { makeWorkspace, removeWorkspace } from "../_support.ts";

const START = Date.parse("2026-05-01T10:00:00.000Z");

async function context(root: string, session: string): Promise<OperationContext> {
  thinkingStore.reset(session);
  let tick = 0;
  return await testContext(root, { session, now: () => new Date(START + 1000 * tick++) });
}

const CHAIN = [
  { thought: "Outline the plan", thoughtNumber: 1, totalThoughts: 3, nextThoughtNeeded: true },
  {
    thought: "The plan misses tests",
    thoughtNumber: 2,
    totalThoughts: 3,
    nextThoughtNeeded: true,
    isRevision: true,
    revisesThought: 1,
  },
  {
    thought: "Try a spike",
    thoughtNumber: 2,
    totalThoughts: 3,
    nextThoughtNeeded: true,
    branchFromThought: 1,
    branchId: "spike",
  },
  {
    thought: "Ship it\n\nwith tests",
    thoughtNumber: 4,
    totalThoughts: 3,
    nextThoughtNeeded: false,
  },
];

const MARKDOWN = (label: string) =>
  [
    "# Thinking summary",
    "",
    `${label} · 4 thoughts · 1 revision · 1 branch · concluded`,
    "",
    "## Main line",
    "",
    "**#1 · Thought 1/3**",
    "> Outline the plan",
    "",
    "**#2 · Thought 2/3** (revises thought 1)",
    "> The plan misses tests",
    "",
    "**#4 · Thought 4/4** (final)",
    "> Ship it",
    ">",
    "> with tests",
    "",
    '## Branch "spike" from thought 1',
    "",
    "**#3 · Thought 2/3**",
    "> Try a spike",
    "",
    "## Conclusion",
    "",
    "**#4 · Thought 4/4** (final)",
    "> Ship it",
    ">",
    "> with tests",
    "",
  ].join("\n");

const THOUGHTS = [
  { position: 1, ...CHAIN[0]! },
  { position: 2, ...CHAIN[1]! },
  { position: 3, ...CHAIN[2]! },
  { position: 4, ...CHAIN[3]!, totalThoughts: 4 },
];

Deno.test("thinkingSummary() summarises the current session exactly", async () => {
  const ctx = await context(".", "summary");
  for (const call of CHAIN) await invoke(sequentialThinking, call, ctx);
  assert.deepEqual(await invoke(thinkingSummary, {}, ctx), {
    source: "memory",
    session: "summary",
    thoughts: THOUGHTS,
    groups: [{ positions: [1, 2, 4] }, { branch: "spike", fromThought: 1, positions: [3] }],
    revisions: [{ position: 2, thoughtNumber: 2, revisesThought: 1 }],
    conclusion: THOUGHTS[3],
    counts: { thoughts: 4, revisions: 1, branches: 1, dropped: 0 },
    markdown: MARKDOWN('Session "summary"'),
  });
});

Deno.test("thinkingSummary() reads another session by id", async () => {
  const other = await context(".", "summary-other");
  await invoke(sequentialThinking, CHAIN[0]!, other);
  const mine = await context(".", "summary-mine");
  const summary = await invoke(thinkingSummary, { session: "summary-other" }, mine);
  assert.equal(summary.session, "summary-other");
  assert.equal(summary.counts.thoughts, 1);
  assert.equal("conclusion" in summary, false);
});

Deno.test("thinkingSummary() reads a persisted file back to the same summary", async () => {
  const root = await makeWorkspace();
  try {
    const ctx = await context(root, "summary-file");
    for (const call of CHAIN) await invoke(sequentialThinking, { ...call, persist: true }, ctx);
    const path = ".ai/thinking/2026-05-01T100000Z-summary-file.md";
    const fresh = await context(root, "someone-else");
    const summary = await invoke(thinkingSummary, { path }, fresh);
    const at = (i: number) => ({ at: new Date(START + 1000 * i).toISOString() });
    assert.deepEqual(summary, {
      source: "file",
      session: "summary-file",
      path,
      thoughts: THOUGHTS.map((thought, i) => ({ ...thought, ...at(i) })),
      groups: [{ positions: [1, 2, 4] }, { branch: "spike", fromThought: 1, positions: [3] }],
      revisions: [{ position: 2, thoughtNumber: 2, revisesThought: 1 }],
      conclusion: { ...THOUGHTS[3]!, ...at(3) },
      counts: { thoughts: 4, revisions: 1, branches: 1, dropped: 0 },
      markdown: MARKDOWN(`File ${path}`),
    });
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("thinkingSummary() of an empty current session has no thoughts", async () => {
  const summary = await invoke(thinkingSummary, {}, await context(".", "summary-empty"));
  assert.deepEqual(summary.counts, { thoughts: 0, revisions: 0, branches: 0, dropped: 0 });
  assert.equal(
    summary.markdown,
    '# Thinking summary\n\nSession "summary-empty" · 0 thoughts · 0 revisions · 0 branches · not concluded\n',
  );
});

Deno.test("thinkingSummary() reports dropped thoughts and counts positions after them", async () => {
  const ctx = await context(".", "summary-dropped");
  for (let n = 1; n <= 1002; n++) {
    await invoke(sequentialThinking, {
      thought: `t${n}`,
      thoughtNumber: n,
      totalThoughts: 1002,
      nextThoughtNeeded: n < 1002,
    }, ctx);
  }
  const summary = await invoke(thinkingSummary, {}, ctx);
  assert.deepEqual(summary.counts, { thoughts: 1000, revisions: 0, branches: 0, dropped: 2 });
  assert.deepEqual(summary.thoughts[0]!.position, 3);
  assert.equal(summary.conclusion?.position, 1002);
  assert.match(summary.markdown, / · 2 older thoughts dropped · concluded\n/);
});

Deno.test("thinkingSummary() refuses bad sources with USAGE or NOT_FOUND", async () => {
  const root = await makeWorkspace({ "notes.md": "x", ".ai/thinking/other.txt": "x" });
  try {
    const ctx = await context(root, "summary-errors");
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ session: "never-seen" }, "NOT_FOUND"],
      [{ path: ".ai/thinking/missing.md" }, "NOT_FOUND"],
      [{ path: "notes.md" }, "USAGE"],
      [{ path: ".ai/thinking/other.txt" }, "USAGE"],
      [{ path: "../outside.md" }, "PERMISSION_DENIED"],
      [{ path: ".ai/thinking/../../notes.md" }, "USAGE"],
      [{ session: "a", path: ".ai/thinking/a.md" }, "USAGE"],
      [{ session: "" }, "INVALID_INPUT"],
    ];
    for (const [input, code] of cases) {
      await assert.rejects(
        invoke(thinkingSummary, input, ctx),
        (error: unknown) => error instanceof CodegenError && error.code === code,
        `${JSON.stringify(input)} should fail with ${code}`,
      );
    }
  } finally {
    await removeWorkspace(root);
  }
});
