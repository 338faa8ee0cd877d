import assert from "node:assert/strict";
import { ThinkingStore, type ThoughtRecord } from "../../src/thinking/mod.ts";

const AT = new Date(0);

function thought(n: number, extra: Partial<ThoughtRecord> = {}): ThoughtRecord {
  return {
    thought: `t${n}`,
    thoughtNumber: n,
    totalThoughts: 3,
    nextThoughtNeeded: true,
    ...extra,
  };
}

Deno.test("ThinkingStore rejects bounds that are not positive integers", () => {
  assert.throws(() => new ThinkingStore({ maxSessions: 0 }), RangeError);
  assert.throws(() => new ThinkingStore({ maxThoughts: 1.5 }), RangeError);
});

Deno.test("ThinkingStore.record() raises totalThoughts without changing the caller's object", () => {
  const store = new ThinkingStore();
  const input = thought(5);
  assert.equal(store.record("s", input, AT).totalThoughts, 5);
  assert.equal(input.totalThoughts, 3);
  assert.equal(store.get("s")?.thoughts[0]?.totalThoughts, 5);
});

Deno.test("ThinkingStore.record() drops the oldest thoughts beyond maxThoughts", () => {
  const store = new ThinkingStore({ maxThoughts: 3 });
  let last;
  for (let n = 1; n <= 5; n++) last = store.record("s", thought(n), AT);
  assert.equal(last?.thoughtHistoryLength, 3);
  assert.equal(last?.droppedThoughts, 2);
  assert.deepEqual(store.get("s")?.thoughts.map((t) => t.thoughtNumber), [3, 4, 5]);
});

Deno.test("ThinkingStore.record() forgets branches whose thoughts were all dropped", () => {
  const store = new ThinkingStore({ maxThoughts: 2 });
  store.record("s", thought(1, { branchFromThought: 1, branchId: "old" }), AT);
  store.record("s", thought(2, { branchFromThought: 1, branchId: "new" }), AT);
  assert.deepEqual(store.record("s", thought(3), AT).branches, ["new"]);
});

Deno.test("ThinkingStore.record() orders branches like the reference's Object.keys", () => {
  const store = new ThinkingStore();
  const ids = ["b", "10", "2", "01", "4294967295", "4294967294", "a", "0"];
  let branches: string[] = [];
  for (const id of ids) {
    branches = store.record("s", thought(1, { branchFromThought: 1, branchId: id }), AT).branches;
  }
  const reference: Record<string, true> = {};
  for (const id of ids) reference[id] = true;
  assert.deepEqual(branches, Object.keys(reference));
});

Deno.test("ThinkingStore.record() evicts the least recently used session", () => {
  const store = new ThinkingStore({ maxSessions: 2 });
  store.record("a", thought(1), AT);
  store.record("b", thought(1), AT);
  store.record("a", thought(2), AT);
  assert.equal(store.record("c", thought(1), AT).evictedSession, "b");
  assert.equal(store.get("b"), undefined);
  assert.equal(store.size, 2);
});

Deno.test("ThinkingStore.get() does not refresh a session", () => {
  const store = new ThinkingStore({ maxSessions: 2 });
  store.record("a", thought(1), AT);
  store.record("b", thought(1), AT);
  store.get("a");
  assert.equal(store.record("c", thought(1), AT).evictedSession, "a");
});

Deno.test("ThinkingStore.startedAt() keeps a session's first time", () => {
  const store = new ThinkingStore();
  const later = new Date(5000);
  assert.equal(store.startedAt("s", later), later);
  store.record("s", thought(1), AT);
  assert.equal(store.startedAt("s", later), AT);
});
