/**
 * The `ai_doc_update` operation.
 *
 * @module
 */
import { join } from "node:path";
import { z } from "zod";
import {
  ConflictError,
  defineOperation,
  NotFoundError,
  type Operation,
  unifiedDiff,
  ValidationError,
  writeFileAtomic,
} from "../core/mod.ts";
import { DocStatusSchema } from "./_schemas.ts";
import { checkDocTransition, docLabel } from "./check_doc_transition.ts";
import { setStatusText } from "./edit_agile_doc.ts";
import { docState, loadProject } from "./load_project.ts";
import { DOC_STATUSES, type DocStatus, parseDocStatus } from "./status.ts";

const input = z.strictObject({
  doc: z.enum(["prd", "arch"]).describe("Which document: prd (.ai/prd.md) or arch (.ai/arch.md)"),
  status: DocStatusSchema.describe(
    "New status: Approved (the architecture only after the PRD), or Draft to reopen it",
  ),
  dryRun: z.boolean().default(false).describe("Show the diff without writing"),
});

const output = z.object({
  doc: z.enum(["prd", "arch"]),
  path: z.string(),
  status: DocStatusSchema,
  previousStatus: DocStatusSchema,
  changed: z.boolean(),
  written: z.boolean(),
  diff: z.string().describe("Unified diff of the change"),
});

/**
 * Approves or reopens the PRD or the architecture. Writes under the workspace root.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { invoke, testContext } from "../core/mod.ts";
 * import { aiDocUpdate, aiInit } from "./mod.ts";
 * const root = await Deno.makeTempDir({ prefix: "codegen_lab_" });
 * const ctx = await testContext(root);
 * await invoke(aiInit, {}, ctx);
 * const out = await invoke(aiDocUpdate, { doc: "prd", status: "Approved" }, ctx);
 * assert.deepEqual([out.previousStatus, out.status], ["Draft", "Approved"]);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export const aiDocUpdate: Operation<typeof input, typeof output> = defineOperation({
  name: "ai_doc_update",
  title: "Approve or reopen the PRD or architecture",
  description:
    "Set the status of .ai/prd.md or .ai/arch.md: Draft → Approved (the architecture only once the PRD is Approved), or Approved → Draft to reopen it for changes (refused while a story is InProgress). Only the status value changes in the file. Approval is the user's decision: ask before approving.",
  group: "agile",
  input,
  output,
  effects: ["read", "write"],
  requiresApproval: true,
  cli: {
    command: "ai doc update",
    positional: ["doc", "status"],
    examples: [
      { command: "ai doc update prd Approved", description: "Approve the PRD" },
      { command: "ai doc update arch Draft", description: "Reopen the architecture" },
    ],
    render: (out) =>
      `${out.diff}${
        out.written ? "Updated" : "(dry run: nothing written)"
      } ${out.path} (${out.previousStatus} → ${out.status})`,
  },
  async handler(input, ctx) {
    const project = await loadProject(ctx.root);
    const record = project[input.doc];
    if (!record) {
      throw new NotFoundError(`Cannot update ${docLabel(input.doc)}: the file does not exist`, {
        hint: "Run `codegen-lab ai init` to create it from the template",
      });
    }
    let from: DocStatus = "Draft";
    if (record.doc.status) {
      const parsed = parseDocStatus(record.doc.status.value);
      if (parsed === undefined) {
        throw new ValidationError(
          `Cannot update ${
            docLabel(input.doc)
          }: its status "${record.doc.status.value}" is not one of ${DOC_STATUSES.join(", ")}`,
          { file: record.path, line: record.doc.status.line, column: record.doc.status.column },
          { hint: "Fix the status by hand, then try again" },
        );
      }
      from = parsed;
    }
    const verdict = checkDocTransition(from, input.status, {
      doc: input.doc,
      prd: docState(project, "prd"),
      inProgress: project.stories.filter((story) => story.status === "InProgress").map((s) =>
        s.ref
      ),
    });
    if (!verdict.ok) {
      throw new ConflictError(verdict.message, {
        hint: verdict.hint,
        data: { rule: verdict.rule, doc: input.doc, from, to: input.status },
      });
    }
    const before = record.doc.raw;
    const after = setStatusText(before, input.status, { file: record.path });
    const changed = after !== before;
    if (changed && !input.dryRun) await writeFileAtomic(join(ctx.root, record.path), after);
    return {
      doc: input.doc,
      path: record.path,
      status: input.status,
      previousStatus: from,
      changed,
      written: changed && !input.dryRun,
      diff: changed ? unifiedDiff(record.path, before, after) : "",
    };
  },
});
