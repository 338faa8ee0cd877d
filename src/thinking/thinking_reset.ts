/**
 * The `thinking_reset` operation: forgets the current session's thoughts.
 *
 * @module
 */
import { z } from "zod";
import { defineOperation, type Operation } from "../core/mod.ts";
import { thinkingStore } from "./thinking_store.ts";

const input = z.strictObject({});

const output = z.object({
  session: z.string().describe("The session that was cleared"),
  clearedThoughts: z.number().int().describe("How many thoughts it held (0 when it held none)"),
});

/**
 * Clears the current session's thought history (memory only; persisted files
 * under `.ai/thinking/` are left alone), so the next thought starts afresh.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { invoke, testContext } from "../core/mod.ts";
 * import { sequentialThinking } from "./sequential_thinking.ts";
 * import { thinkingReset } from "./thinking_reset.ts";
 * const ctx = await testContext(".", { session: "doc-thinking-reset" });
 * await invoke(sequentialThinking, {
 *   thought: "x", thoughtNumber: 1, totalThoughts: 1, nextThoughtNeeded: false,
 * }, ctx);
 * assert.deepEqual(await invoke(thinkingReset, {}, ctx), {
 *   session: "doc-thinking-reset", clearedThoughts: 1,
 * });
 * ```
 */
export const thinkingReset: Operation<typeof input, typeof output> = defineOperation({
  name: "thinking_reset",
  title: "Reset thinking",
  description:
    "Forget the current session's sequential_thinking history (thoughts and branches), so the next thought starts a fresh chain with thoughtHistoryLength 1. Files persisted under .ai/thinking/ are kept.",
  group: "thinking",
  input,
  output,
  effects: [],
  requiresApproval: false,
  idempotent: true,
  cli: {
    render: (out) => `Cleared ${out.clearedThoughts} thought(s) of session ${out.session}`,
  },
  handler(_input, ctx) {
    return Promise.resolve({
      session: ctx.session,
      clearedThoughts: thinkingStore.reset(ctx.session),
    });
  },
});
