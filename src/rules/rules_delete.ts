/**
 * The `rules_delete`, `rules_trash` and `rules_restore` operations.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { z } from "zod";
import { ConflictError, defineOperation, type Operation, writeFileAtomic } from "../core/mod.ts";
import { findRule, loadRules } from "./_context.ts";
import { dropTrashEntry, listTrash, pickTrashEntry, trashCopy, trashedFile } from "./trash.ts";

const TrashEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  reason: z.enum(["deleted", "overwritten", "updated", "moved"]),
  at: z.string(),
});

const deleteInput = z.strictObject({
  name: z.string().min(1).describe("The rule to delete"),
  dryRun: z.boolean().default(false).describe("Say what would be deleted without deleting"),
});
const deleteOutput = z.object({
  name: z.string(),
  path: z.string(),
  deleted: z.boolean(),
  trashId: z.string().optional().describe("Restore with rules_restore and this id"),
});

/** Moves a rule to the trash. */
export const rulesDelete: Operation<typeof deleteInput, typeof deleteOutput> = defineOperation({
  name: "rules_delete",
  title: "Delete a rule",
  description:
    "Delete a rule by moving it to the trash (.cursor/.trash/, outside .cursor/rules so Cursor ignores it). It can be brought back with rules_restore. dryRun only reports.",
  group: "rules",
  input: deleteInput,
  output: deleteOutput,
  effects: ["read", "write"],
  requiresApproval: true,
  destructive: true,
  idempotent: false,
  cli: {
    command: "rules delete",
    positional: ["name"],
    examples: [{
      command: "rules delete core-rules/old --yes",
      description: "Delete without asking",
    }],
    render: (out) =>
      out.deleted
        ? `Moved ${out.path} to the trash (restore: codegen-lab rules restore ${out.trashId})`
        : `Would delete ${out.path}`,
  },
  async handler(input, ctx) {
    const rule = findRule(await loadRules(ctx), input.name);
    if (input.dryRun) return { name: rule.name, path: rule.path, deleted: false };
    const entry = await trashCopy(
      ctx.root,
      { name: rule.name, path: rule.path, reason: "deleted" },
      ctx.now(),
    );
    await Deno.remove(join(ctx.root, rule.path));
    return { name: rule.name, path: rule.path, deleted: true, trashId: entry.id };
  },
});

const trashInput = z.strictObject({});
const trashOutput = z.object({ entries: z.array(TrashEntrySchema) });

/** Lists the trash. */
export const rulesTrash: Operation<typeof trashInput, typeof trashOutput> = defineOperation({
  name: "rules_trash",
  title: "List trashed rules",
  description:
    "List rules in the trash (deleted, overwritten or previous versions), newest first, with the id to restore them.",
  group: "rules",
  input: trashInput,
  output: trashOutput,
  effects: ["read"],
  requiresApproval: false,
  cli: {
    command: "rules trash",
    render: (out) =>
      out.entries.length === 0
        ? "The trash is empty."
        : out.entries.map((entry) => `${entry.id}  ${entry.reason.padEnd(11)} ${entry.path}`).join(
          "\n",
        ),
  },
  async handler(_input, ctx) {
    return { entries: await listTrash(ctx.root) };
  },
});

const restoreInput = z.strictObject({
  key: z.string().min(1).describe("Trash id, or a rule name or path (its newest trash entry)"),
  force: z.boolean().default(false).describe(
    "Replace the current file if one exists (it goes to the trash)",
  ),
});
const restoreOutput = z.object({
  path: z.string(),
  restoredFrom: z.string(),
  replacedTrashId: z.string().optional(),
});

/** Brings a rule back from the trash. */
export const rulesRestore: Operation<typeof restoreInput, typeof restoreOutput> = defineOperation({
  name: "rules_restore",
  title: "Restore a rule",
  description:
    "Restore a rule from the trash by trash id, or the newest entry for a rule name. Refuses to replace an existing file unless force is set.",
  group: "rules",
  input: restoreInput,
  output: restoreOutput,
  effects: ["read", "write"],
  requiresApproval: true,
  idempotent: false,
  cli: {
    command: "rules restore",
    positional: ["key"],
    examples: [{
      command: "rules restore core-rules/old",
      description: "Bring back the last deleted version",
    }],
    render: (out) => `Restored ${out.path}`,
  },
  async handler(input, ctx) {
    const entry = pickTrashEntry(await listTrash(ctx.root), input.key);
    const target = join(ctx.root, entry.path);
    const exists = await Deno.stat(target).then(() => true, () => false);
    if (exists && !input.force) {
      throw new ConflictError(`Cannot restore ${entry.path}: a file is there now`, {
        hint: "Pass --force to replace it (the current file goes to the trash)",
      });
    }
    const replaced = exists
      ? await trashCopy(
        ctx.root,
        { name: entry.name, path: entry.path, reason: "overwritten" },
        ctx.now(),
      )
      : undefined;
    await Deno.mkdir(dirname(target), { recursive: true });
    await writeFileAtomic(target, await Deno.readFile(trashedFile(ctx.root, entry)));
    await dropTrashEntry(ctx.root, entry);
    return {
      path: entry.path,
      restoredFrom: entry.id,
      ...(replaced ? { replacedTrashId: replaced.id } : {}),
    };
  },
});
