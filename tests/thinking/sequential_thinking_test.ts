import assert from "node:assert/strict";
import {
  CodegenError,
  createLogger,
  invoke,
  type LogRecord,
  type OperationContext,
  testContext,
} from "../../src/core/mod.ts";
import { sequentialThinking, thinkingStore } from "../../src/thinking/mod.ts";
import { makeWorkspace, removeWorkspace } from "../_support.ts";

const START = Date.parse("2026-05-01T10:00:00.000Z");

function clock(): () => Date {
  let tick = 0;
  return () => new Date(START + 1000 * tick++);
}

function step(n: number, total: number, next: boolean, extra: Record<string, unknown> = {}) {
  return {
    thought: `step ${n}`,
    thoughtNumber: n,
    totalThoughts: total,
    nextThoughtNeeded: next,
    ...extra,
  };
}

async function context(
  root: string,
  session: string,
  overrides: Partial<OperationContext> = {},
): Promise<OperationContext> {
  thinkingStore.reset(session);
  return await testContext(root, { session, now: clock(), ...overrides });
}

Deno.test("sequentialThinking() keeps each session's history apart", async () => {
  const a = await context(".", "iso-a");
  const b = await context(".", "iso-b");
  await invoke(sequentialThinking, step(1, 3, true, { branchFromThought: 1, branchId: "x" }), a);
  await invoke(sequentialThinking, step(2, 3, true), a);
  const fromB = await invoke(sequentialThinking, step(1, 2, true), b);
  assert.deepEqual(fromB, {
    thoughtNumber: 1,
    totalThoughts: 2,
    nextThoughtNeeded: true,
    branches: [],
    thoughtHistoryLength: 1,
  });
  const fromA = await invoke(sequentialThinking, step(3, 3, false), a);
  assert.deepEqual(fromA.branches, ["x"]);
  assert.equal(fromA.thoughtHistoryLength, 3);
});

Deno.test("sequentialThinking() keeps the newest 1,000 thoughts and reports the dropped ones", async () => {
  const ctx = await context(".", "cap");
  for (let n = 1; n <= 999; n++) await invoke(sequentialThinking, step(n, 1001, true), ctx);
  const atCap = await invoke(sequentialThinking, step(1000, 1001, true), ctx);
  assert.equal(atCap.thoughtHistoryLength, 1000);
  assert.equal("droppedThoughts" in atCap, false);
  const past = await invoke(sequentialThinking, step(1001, 1001, false), ctx);
  assert.deepEqual(past, {
    thoughtNumber: 1001,
    totalThoughts: 1001,
    nextThoughtNeeded: false,
    branches: [],
    thoughtHistoryLength: 1000,
    droppedThoughts: 1,
  });
  const kept = thinkingStore.get("cap")!;
  assert.equal(kept.thoughts[0]!.thoughtNumber, 2);
  assert.equal(kept.dropped, 1);
});

Deno.test("sequentialThinking() evicts the least recently used of 100 sessions", async () => {
  const records: LogRecord[] = [];
  const log = createLogger([(record) => void records.push(record)], "debug");
  const ctxFor = (i: number) => context(".", `lru-${i}`, { log });
  for (let i = 0; i < 100; i++) await invoke(sequentialThinking, step(1, 1, true), await ctxFor(i));
  assert.equal(thinkingStore.size, 100);
  // lru-0 is used again, so lru-1 is now the least recently used.
  await invoke(
    sequentialThinking,
    step(2, 2, true),
    await testContext(".", { session: "lru-0", log }),
  );
  records.length = 0;
  await invoke(sequentialThinking, step(1, 1, true), await ctxFor(100));
  assert.equal(thinkingStore.size, 100);
  assert.equal(thinkingStore.get("lru-1"), undefined);
  assert.equal(thinkingStore.get("lru-0")?.thoughts.length, 2);
  assert.equal(thinkingStore.get("lru-100")?.thoughts.length, 1);
  assert.deepEqual(records.map((record) => [record.message, record.data]), [
    ["Evicted the least recently used thinking session", { session: "lru-1" }],
  ]);
});

Deno.test("sequentialThinking() with persist writes the expected Markdown file", async () => {
  const root = await makeWorkspace();
  try {
    const ctx = await context(root, "persist-test");
    const calls = [
      { ...step(1, 3, true), thought: "Outline the plan" },
      {
        ...step(2, 3, true, { isRevision: true, revisesThought: 1, needsMoreThoughts: true }),
        thought: "The plan misses tests",
      },
      { ...step(2, 3, true, { branchFromThought: 1, branchId: "spike" }), thought: "Try a spike" },
      { ...step(4, 3, false), thought: "Ship it\n\nwith tests" },
    ];
    const outputs = [];
    for (const call of calls) {
      outputs.push(await invoke(sequentialThinking, { ...call, persist: true }, ctx));
    }
    const path = ".ai/thinking/2026-05-01T100000Z-persist-test.md";
    assert.deepEqual(outputs.map((output) => output.persistedTo), [path, path, path, path]);
    assert.equal(outputs[3]!.totalThoughts, 4);
    const marker = (fields: string) => `<!-- codegen-lab:thought {${fields}} -->`;
    assert.equal(
      await Deno.readTextFile(`${root}/${path}`),
      [
        "# Sequential thinking",
        "",
        '- Session: "persist-test"',
        "- Started: 2026-05-01T10:00:00.000Z",
        "",
        "### Thought 1/3",
        marker(
          '"thoughtNumber":1,"totalThoughts":3,"nextThoughtNeeded":true,"at":"2026-05-01T10:00:00.000Z"',
        ),
        "",
        "Outline the plan",
        "",
        "### Thought 2/3 (revises thought 1; needs more thoughts)",
        marker(
          '"thoughtNumber":2,"totalThoughts":3,"nextThoughtNeeded":true,"isRevision":true,"revisesThought":1,"needsMoreThoughts":true,"at":"2026-05-01T10:00:01.000Z"',
        ),
        "",
        "The plan misses tests",
        "",
        '### Thought 2/3 (branch "spike" from thought 1)',
        marker(
          '"thoughtNumber":2,"totalThoughts":3,"nextThoughtNeeded":true,"branchFromThought":1,"branchId":"spike","at":"2026-05-01T10:00:02.000Z"',
        ),
        "",
        "Try a spike",
        "",
        "### Thought 4/4 (final)",
        marker(
          '"thoughtNumber":4,"totalThoughts":4,"nextThoughtNeeded":false,"at":"2026-05-01T10:00:03.000Z"',
        ),
        "",
        "Ship it",
        "",
        "with tests",
        "",
      ].join("\n"),
    );
    const entries = [...Deno.readDirSync(`${root}/.ai/thinking`)].map((entry) => entry.name);
    assert.deepEqual(entries, ["2026-05-01T100000Z-persist-test.md"], "no temp files are left");
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("sequentialThinking() without persist writes nothing", async () => {
  const root = await makeWorkspace();
  try {
    const out = await invoke(
      sequentialThinking,
      step(1, 1, false),
      await context(root, "no-persist"),
    );
    assert.equal("persistedTo" in out, false);
    assert.equal(await Deno.stat(`${root}/.ai`).then(() => true, () => false), false);
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("sequentialThinking() refuses to persist through a symlink that leaves the workspace", async () => {
  const root = await makeWorkspace();
  const outside = await Deno.makeTempDir({ prefix: "codegen_lab_" });
  try {
    await Deno.symlink(outside, `${root}/.ai`);
    const ctx = await context(root, "escape");
    await assert.rejects(
      invoke(sequentialThinking, { ...step(1, 1, false), persist: true }, ctx),
      (error: unknown) => error instanceof CodegenError && error.code === "PERMISSION_DENIED",
    );
    assert.deepEqual([...Deno.readDirSync(outside)], []);
    assert.equal(thinkingStore.get("escape"), undefined, "a failed persist records nothing");
  } finally {
    await removeWorkspace(root);
    await Deno.remove(outside, { recursive: true });
  }
});

Deno.test("sequentialThinking() serialises concurrent persisted thoughts of one session", async () => {
  const root = await makeWorkspace();
  try {
    const ctx = await context(root, "concurrent", { now: () => new Date(START) });
    await Promise.all(
      Array.from(
        { length: 20 },
        (_, i) => invoke(sequentialThinking, { ...step(i + 1, 20, i < 19), persist: true }, ctx),
      ),
    );
    const text = await Deno.readTextFile(`${root}/.ai/thinking/2026-05-01T100000Z-concurrent.md`);
    assert.equal(text.match(/^### Thought /gm)?.length, 20);
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("sequentialThinking() rejects thoughtNumber 0 with INVALID_INPUT", async () => {
  await assert.rejects(
    invoke(sequentialThinking, step(0, 1, true), await context(".", "invalid")),
    (error: unknown) => error instanceof CodegenError && error.code === "INVALID_INPUT",
  );
});
