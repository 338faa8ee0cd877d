import assert from "node:assert/strict";
import { invoke, testContext } from "../../src/core/mod.ts";
import { sequentialThinking, thinkingReset, thinkingStore } from "../../src/thinking/mod.ts";

Deno.test("thinkingReset() clears only the current session", async () => {
  const mine = await testContext(".", { session: "reset-mine" });
  const other = await testContext(".", { session: "reset-other" });
  const thought = { thought: "x", thoughtNumber: 1, totalThoughts: 2, nextThoughtNeeded: true };
  await invoke(sequentialThinking, { ...thought, branchFromThought: 1, branchId: "b" }, mine);
  await invoke(sequentialThinking, thought, mine);
  await invoke(sequentialThinking, thought, other);
  assert.deepEqual(await invoke(thinkingReset, {}, mine), {
    session: "reset-mine",
    clearedThoughts: 2,
  });
  assert.equal(thinkingStore.get("reset-mine"), undefined);
  assert.equal(thinkingStore.get("reset-other")?.thoughts.length, 1);
  const next = await invoke(sequentialThinking, thought, mine);
  assert.equal(next.thoughtHistoryLength, 1);
  assert.deepEqual(next.branches, []);
});

Deno.test("thinkingReset() of an empty session clears nothing", async () => {
  const ctx = await testContext(".", { session: "reset-empty" });
  assert.deepEqual(await invoke(thinkingReset, {}, ctx), {
    session: "reset-empty",
    clearedThoughts: 0,
  });
});
