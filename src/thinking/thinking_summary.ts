/**
 * The `thinking_summary` operation: the thoughts of a session (the current
 * one, another by id, or a persisted `.ai/thinking/*.md` file) in order,
 * grouped by branch, with revisions, the conclusion, counts and Markdown.
 *
 * @module
 */
import { z } from "zod";
import {
  defineOperation,
  NotFoundError,
  type Operation,
  resolveInWorkspace,
  UsageError,
} from "../core/mod.ts";
import { THINKING_DIR } from "./session_slug.ts";
import { summarizeThoughts } from "./summarize_thoughts.ts";
import { parseThinkingFile } from "./thinking_markdown.ts";
import { thinkingStore } from "./thinking_store.ts";

const input = z.strictObject({
  session: z.string().min(1).optional().describe(
    "Another session's id (as shown in a persisted file's header); default: the current session",
  ),
  path: z.string().min(1).optional().describe(
    "A persisted session file under .ai/thinking/ to read instead of memory",
  ),
});

const thought = z.object({
  position: z.number().int().describe("1-based position in the session's history"),
  thought: z.string(),
  thoughtNumber: z.number().int(),
  totalThoughts: z.number().int(),
  nextThoughtNeeded: z.boolean(),
  isRevision: z.boolean().optional(),
  revisesThought: z.number().int().optional(),
  branchFromThought: z.number().int().optional(),
  branchId: z.string().optional(),
  needsMoreThoughts: z.boolean().optional(),
  at: z.string().optional().describe("When it was recorded (persisted files only)"),
});

const output = z.object({
  source: z.enum(["memory", "file"]).describe("Where the thoughts were read from"),
  session: z.string().optional().describe("The session id, when known"),
  path: z.string().optional().describe("The file read, for source file"),
  counts: z.object({
    thoughts: z.number().int(),
    revisions: z.number().int(),
    branches: z.number().int(),
    dropped: z.number().int().describe("Oldest thoughts no longer held (1,000 are kept)"),
  }),
  thoughts: z.array(thought).describe("Every thought, in order"),
  groups: z.array(z.object({
    branch: z.string().optional().describe("Branch id; absent for the main line"),
    fromThought: z.number().int().optional(),
    positions: z.array(z.number().int()),
  })).describe("The main line, then each branch, as positions"),
  revisions: z.array(z.object({
    position: z.number().int(),
    thoughtNumber: z.number().int(),
    revisesThought: z.number().int().optional(),
  })).describe("Revising thoughts and the thought each reconsiders"),
  conclusion: thought.optional().describe("The last thought with nextThoughtNeeded false"),
  markdown: z.string().describe("The summary as Markdown"),
});

/**
 * Summarises a thinking session from memory or from its persisted file.
 * Reading a file requires `--allow-read` on the workspace.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { invoke, testContext } from "../core/mod.ts";
 * import { sequentialThinking } from "./sequential_thinking.ts";
 * import { thinkingSummary } from "./thinking_summary.ts";
 * const ctx = await testContext(".", { session: "doc-thinking-summary" });
 * await invoke(sequentialThinking, {
 *   thought: "Done", thoughtNumber: 1, totalThoughts: 1, nextThoughtNeeded: false,
 * }, ctx);
 * const summary = await invoke(thinkingSummary, {}, ctx);
 * assert.equal(summary.conclusion?.thought, "Done");
 * ```
 */
export const thinkingSummary: Operation<typeof input, typeof output> = defineOperation({
  name: "thinking_summary",
  title: "Thinking summary",
  description:
    "Summarise a sequential_thinking session: every thought in order, grouped into the main line and its branches, revisions marked with the thought they revise, the conclusion (the last thought with nextThoughtNeeded false) and counts, plus a Markdown rendering. Reads the current session by default, another session by id, or a file persisted under .ai/thinking/.",
  group: "thinking",
  input,
  output,
  effects: ["read"],
  requiresApproval: false,
  cli: {
    examples: [
      {
        command: "thinking summary --path .ai/thinking/2026-05-01T103005Z-stdio.md",
        description: "Summarise a persisted session",
      },
    ],
    render: (out) => out.markdown.trimEnd(),
  },
  async handler(input, ctx) {
    if (input.session !== undefined && input.path !== undefined) {
      throw new UsageError("Cannot summarise both a session and a file", {
        hint: "Pass either session or path, not both",
      });
    }
    if (input.path !== undefined) {
      const file = await resolveInWorkspace(ctx.root, input.path);
      if (!file.relative.startsWith(`${THINKING_DIR}/`) || !file.relative.endsWith(".md")) {
        throw new UsageError(`Cannot summarise "${input.path}": it is not under ${THINKING_DIR}/`, {
          hint: `Pass a .md file that sequential_thinking wrote under ${THINKING_DIR}/`,
        });
      }
      let text: string;
      try {
        text = await Deno.readTextFile(file.absolute);
      } catch (error) {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
        throw new NotFoundError(`Cannot find thinking file "${file.relative}"`, {
          hint: `List the persisted sessions with \`files '${THINKING_DIR}/*.md'\``,
        });
      }
      const parsed = parseThinkingFile(text);
      return {
        source: "file" as const,
        ...(parsed.session === undefined ? {} : { session: parsed.session }),
        path: file.relative,
        ...summarizeThoughts(parsed.thoughts, { label: `File ${file.relative}` }),
      };
    }
    const session = input.session ?? ctx.session;
    const state = thinkingStore.get(session);
    if (!state && input.session !== undefined) {
      throw new NotFoundError(`Cannot find thinking session "${session}"`, {
        hint:
          "It may have been evicted (100 sessions are kept) or the server restarted; pass path to read a persisted file",
      });
    }
    return {
      source: "memory" as const,
      session,
      ...summarizeThoughts(state?.thoughts ?? [], {
        label: `Session ${JSON.stringify(session)}`,
        dropped: state?.dropped ?? 0,
      }),
    };
  },
});
