import assert from "node:assert/strict";
import { summarizeThoughts } from "../../src/thinking/mod.ts";

Deno.test("summarizeThoughts() groups branch thoughts even without branchFromThought", () => {
  const summary = summarizeThoughts([
    { thought: "a", thoughtNumber: 1, totalThoughts: 2, nextThoughtNeeded: true, branchId: "x" },
    {
      thought: "b",
      thoughtNumber: 2,
      totalThoughts: 2,
      nextThoughtNeeded: true,
      branchId: "x",
      branchFromThought: 1,
    },
  ]);
  assert.deepEqual(summary.groups, [{ branch: "x", fromThought: 1, positions: [1, 2] }]);
  assert.equal(summary.counts.branches, 1);
  assert.equal(summary.conclusion, undefined);
});

Deno.test("summarizeThoughts() takes the last final thought as the conclusion", () => {
  const summary = summarizeThoughts([
    { thought: "first answer", thoughtNumber: 1, totalThoughts: 1, nextThoughtNeeded: false },
    { thought: "second answer", thoughtNumber: 2, totalThoughts: 2, nextThoughtNeeded: false },
    { thought: "afterthought", thoughtNumber: 3, totalThoughts: 3, nextThoughtNeeded: true },
  ], { dropped: 10 });
  assert.equal(summary.conclusion?.thought, "second answer");
  assert.equal(summary.conclusion?.position, 12);
});
