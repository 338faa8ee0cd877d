/**
 * Sequential thinking: the `sequential_thinking` operation (the contract of
 * `@modelcontextprotocol/server-sequential-thinking`, with per-session,
 * bounded memory and optional Markdown records under `.ai/thinking/`),
 * `thinking_summary` and `thinking_reset`, and the pieces behind them.
 *
 * @example Think, then summarise
 * ```ts
 * import assert from "node:assert/strict";
 * import { invoke, testContext } from "../core/mod.ts";
 * import { sequentialThinking, thinkingSummary } from "./mod.ts";
 * const ctx = await testContext(".", { session: "doc-thinking-mod" });
 * const out = await invoke(sequentialThinking, {
 *   thought: "Answer: 42", thoughtNumber: 1, totalThoughts: 1, nextThoughtNeeded: false,
 * }, ctx);
 * assert.equal(out.thoughtHistoryLength, 1);
 * const summary = await invoke(thinkingSummary, {}, ctx);
 * assert.equal(summary.conclusion?.thought, "Answer: 42");
 * ```
 *
 * @module
 */
export { sequentialThinking } from "./sequential_thinking.ts";
export { sessionSlug, THINKING_DIR } from "./session_slug.ts";
export {
  type SummarizeOptions,
  summarizeThoughts,
  type SummaryThought,
  type ThinkingSummary,
  type ThoughtGroup,
} from "./summarize_thoughts.ts";
export {
  parseThinkingFile,
  type PersistedThought,
  type ThinkingFile,
  thinkingFileHeader,
  thoughtEntry,
  thoughtNotes,
} from "./thinking_markdown.ts";
export { thinkingReset } from "./thinking_reset.ts";
export {
  type RecordResult,
  type ThinkingSession,
  ThinkingStore,
  thinkingStore,
  type ThinkingStoreOptions,
  type ThoughtRecord,
} from "./thinking_store.ts";
export { thinkingSummary } from "./thinking_summary.ts";
