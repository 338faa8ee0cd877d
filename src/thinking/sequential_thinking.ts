/**
 * The `sequential_thinking` operation: the contract of the reference server
 * `@modelcontextprotocol/server-sequential-thinking` (same input fields,
 * coercions and minimums, same output fields, `totalThoughts` raised to
 * `thoughtNumber`), with state kept per session and bounded, and an optional
 * Markdown record under `.ai/thinking/`.
 *
 * @module
 */
import { z } from "zod";
import { defineOperation, type Operation } from "../core/mod.ts";
import { appendThought } from "./_persist.ts";
import { booleanOrText, counter } from "./_schema.ts";
import { thinkingStore, type ThoughtRecord } from "./thinking_store.ts";

const input = z.strictObject({
  thought: z.string().describe(
    "This thinking step: an analysis, a question about an earlier step, a revision, a hypothesis or its check",
  ),
  nextThoughtNeeded: booleanOrText(true).describe(
    "true while more thinking is needed (even past the planned total); false once you have a satisfactory answer",
  ),
  thoughtNumber: counter().describe("Number of this thought, from 1; may exceed totalThoughts"),
  totalThoughts: counter().describe(
    "Current estimate of how many thoughts are needed; adjust it up or down as you go",
  ),
  isRevision: booleanOrText(false).optional().describe(
    "This thought revises earlier thinking",
  ),
  revisesThought: counter().optional().describe(
    "With isRevision: the number of the thought being reconsidered",
  ),
  branchFromThought: counter().optional().describe(
    "When branching: the number of the thought the new branch starts from",
  ),
  branchId: z.string().optional().describe("Name of the branch this thought belongs to"),
  needsMoreThoughts: booleanOrText(false).optional().describe(
    "You reached the planned end but need more thoughts",
  ),
  persist: z.boolean().default(false).describe(
    "Also append the thought to .ai/thinking/<session>.md in the workspace",
  ),
});

const output = z.object({
  thoughtNumber: z.number().describe("The thought's number"),
  totalThoughts: z.number().describe("The estimate, raised to thoughtNumber when it was lower"),
  nextThoughtNeeded: z.boolean().describe("As given"),
  branches: z.array(z.string()).describe("Ids of the branches opened so far"),
  thoughtHistoryLength: z.number().describe("Thoughts held for this session"),
  droppedThoughts: z.number().int().optional().describe(
    "Present once the session passed 1,000 thoughts: how many of the oldest were dropped",
  ),
  persistedTo: z.string().optional().describe("With persist: the file the thought was appended to"),
});

/**
 * Records one step of sequential thinking for the current session
 * (`ctx.session`). With `persist`, writes under `.ai/thinking/` in the
 * workspace (requires `--allow-read` and `--allow-write` there).
 *
 * @example Two thoughts, the second beyond the estimate
 * ```ts
 * import assert from "node:assert/strict";
 * import { invoke, testContext } from "../core/mod.ts";
 * import { sequentialThinking } from "./sequential_thinking.ts";
 * const ctx = await testContext(".", { session: "doc-sequential-thinking" });
 * await invoke(sequentialThinking, {
 *   thought: "List the options", thoughtNumber: 1, totalThoughts: 1, nextThoughtNeeded: true,
 * }, ctx);
 * const out = await invoke(sequentialThinking, {
 *   thought: "Pick one", thoughtNumber: 2, totalThoughts: 1, nextThoughtNeeded: "false",
 * }, ctx);
 * assert.deepEqual(out, {
 *   thoughtNumber: 2, totalThoughts: 2, nextThoughtNeeded: false, branches: [], thoughtHistoryLength: 2,
 * });
 * ```
 */
export const sequentialThinking: Operation<typeof input, typeof output> = defineOperation({
  name: "sequential_thinking",
  title: "Sequential thinking",
  description:
    "Work through a problem one thought per call, adapting as understanding grows. Use it to break a complex problem into steps, to plan with room for revision, for analysis that may change course, when the full scope is unclear at first, and when context must carry over many steps. Start with an estimate in totalThoughts and change it freely; a thoughtNumber above it simply raises it, and you may keep going after the planned end (needsMoreThoughts). A thought may question or revise an earlier one (isRevision with revisesThought) or start an alternative line (branchFromThought with branchId); thinking need not be linear. Leave out what is irrelevant to the step, say when you are unsure, form a hypothesis, check it against the earlier steps and repeat until satisfied. Set nextThoughtNeeded to false only when done with one answer you trust. Same fields and results as @modelcontextprotocol/server-sequential-thinking; the history is kept per session (newest 1,000 thoughts, 100 sessions), and persist: true also appends the thought to .ai/thinking/<session>.md. See the whole chain with thinking_summary.",
  group: "thinking",
  input,
  output,
  effects: ["read", "write"],
  requiresApproval: false,
  idempotent: false,
  cli: {
    command: "think",
    positional: ["thought"],
    examples: [
      {
        command:
          "think 'Split the migration into schema and data steps' --thought-number 1 --total-thoughts 3 --next-thought-needed true --persist",
        description: "Record a first thought and append it to .ai/thinking/",
      },
      {
        command:
          "think 'Data first is safer' --thought-number 2 --total-thoughts 3 --next-thought-needed true --is-revision --revises-thought 1",
        description: "Revise thought 1",
      },
    ],
    render: (out) =>
      [
        `Thought ${out.thoughtNumber}/${out.totalThoughts} recorded (${
          out.nextThoughtNeeded ? "more to come" : "final"
        }); ${out.thoughtHistoryLength} in this session`,
        ...(out.branches.length ? [`Branches: ${out.branches.join(", ")}`] : []),
        ...(out.droppedThoughts ? [`Dropped: ${out.droppedThoughts} oldest thoughts`] : []),
        ...(out.persistedTo ? [`Appended to ${out.persistedTo}`] : []),
      ].join("\n"),
  },
  async handler(input, ctx) {
    const { persist, ...fields } = input;
    const thought = toRecord(fields);
    const now = ctx.now();
    const persistedTo = persist
      ? await appendThought({
        root: ctx.root,
        session: ctx.session,
        startedAt: thinkingStore.startedAt(ctx.session, now),
        at: now,
      }, thought)
      : undefined;
    const { droppedThoughts, evictedSession, ...result } = thinkingStore.record(
      ctx.session,
      thought,
      now,
    );
    if (evictedSession !== undefined) {
      ctx.log.info("Evicted the least recently used thinking session", {
        session: evictedSession,
      });
    }
    return {
      ...result,
      ...(droppedThoughts > 0 ? { droppedThoughts } : {}),
      ...(persistedTo === undefined ? {} : { persistedTo }),
    };
  },
});

/** The record in a fixed field order, `totalThoughts` raised like the reference. */
function toRecord(fields: Omit<z.output<typeof input>, "persist">): ThoughtRecord {
  const optional = ["isRevision", "revisesThought", "branchFromThought", "branchId"] as const;
  const record: ThoughtRecord = {
    thought: fields.thought,
    thoughtNumber: fields.thoughtNumber,
    totalThoughts: Math.max(fields.totalThoughts, fields.thoughtNumber),
    nextThoughtNeeded: fields.nextThoughtNeeded,
  };
  for (const key of optional) {
    if (fields[key] !== undefined) Object.assign(record, { [key]: fields[key] });
  }
  if (fields.needsMoreThoughts !== undefined) record.needsMoreThoughts = fields.needsMoreThoughts;
  return record;
}
