/**
 * The `ai_next` operation.
 *
 * @module
 */
import { z } from "zod";
import { defineOperation, type Operation } from "../core/mod.ts";
import { NextStepSchema } from "./_schemas.ts";
import { loadProject } from "./load_project.ts";
import { nextStep } from "./next_step.ts";

const input = z.strictObject({});

const output = NextStepSchema;

/**
 * Says which story to work on next, and why.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { invoke, testContext } from "../core/mod.ts";
 * import { aiNext } from "./ai_next.ts";
 * const root = await Deno.makeTempDir({ prefix: "codegen_lab_" });
 * const ctx = await testContext(root);
 * const next = await invoke(aiNext, {}, ctx);
 * assert.equal(next.action, "init");
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export const aiNext: Operation<typeof input, typeof output> = defineOperation({
  name: "ai_next",
  title: "Next story to work on",
  description:
    "Which story to work on next and why: the first InProgress story, else the first in Review, else the first Approved story whose guards pass, else what prevents progress (a PRD or architecture to write or approve, the guard that stops the first Approved story, a Draft story to approve, a Blocked story), else drafting a new story.",
  group: "agile",
  input,
  output,
  effects: ["read"],
  requiresApproval: false,
  cli: {
    command: "ai next",
    examples: [{ command: "ai next", description: "What to do now" }],
    render: (out) =>
      `${out.story ? `${out.story.ref} (${out.action})` : out.action}: ${out.reason}`,
  },
  async handler(_input, ctx) {
    return nextStep(await loadProject(ctx.root));
  },
});
