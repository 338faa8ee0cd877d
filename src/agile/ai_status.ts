/**
 * The `ai_status` operation.
 *
 * @module
 */
import { z } from "zod";
import { defineOperation, type Operation } from "../core/mod.ts";
import { BoardSchema } from "./_schemas.ts";
import { buildBoard, renderBoard } from "./board.ts";
import { loadProject } from "./load_project.ts";

const input = z.strictObject({});

const output = z.object(BoardSchema);

/**
 * Shows the board: documents, epics, stories and progress.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { invoke, testContext } from "../core/mod.ts";
 * import { aiStatus } from "./ai_status.ts";
 * const root = await Deno.makeTempDir({ prefix: "codegen_lab_" });
 * const ctx = await testContext(root);
 * const board = await invoke(aiStatus, {}, ctx);
 * assert.equal(board.prd, null);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export const aiStatus: Operation<typeof input, typeof output> = defineOperation({
  name: "ai_status",
  title: "Show the .ai/ board",
  description:
    "The Agile board of .ai/: PRD and architecture status, then per epic its stories with status, points, ticked/total tasks and acceptance criteria, and progress in percent (by points) per epic and overall.",
  group: "agile",
  input,
  output,
  effects: ["read"],
  requiresApproval: false,
  cli: {
    command: "ai status",
    examples: [{ command: "ai status", description: "The board" }],
    render: (out) => renderBoard(out).trimEnd(),
  },
  async handler(_input, ctx) {
    return buildBoard(await loadProject(ctx.root));
  },
});
