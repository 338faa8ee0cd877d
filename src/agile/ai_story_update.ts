/**
 * The `ai_story_update` operation.
 *
 * @module
 */
import { join } from "node:path";
import { z } from "zod";
import {
  ConflictError,
  defineOperation,
  type Operation,
  unifiedDiff,
  UsageError,
  ValidationError,
  writeFileAtomic,
} from "../core/mod.ts";
import { ItemTextSchema, StoryStatusSchema } from "./_schemas.ts";
import { itemLabel, selectItem } from "./_select_items.ts";
import { checkTransition } from "./check_transition.ts";
import {
  addChecklistItems,
  removeFrontField,
  setChecked,
  setFrontFields,
  setStatusText,
} from "./edit_agile_doc.ts";
import { findStory, loadProject, type StoryRecord, transitionContextFor } from "./load_project.ts";
import { parseAgileDoc } from "./parse_agile_doc.ts";
import { parseStoryStatus, spellStatus, STORY_STATUSES, type StoryStatus } from "./status.ts";

const input = z.strictObject({
  story: z.string().min(1).describe("The story, as epic-N/story-M"),
  status: StoryStatusSchema.optional().describe(
    "New status; the move must be legal (Draft → Approved → InProgress → Review → Done, Review → InProgress, any open status ↔ Blocked)",
  ),
  tick: z.array(z.string().min(1)).default([]).describe(
    'Items to tick: their exact text, or "task:N" / "criterion:N" (1-based)',
  ),
  untick: z.array(z.string().min(1)).default([]).describe("Items to untick, named like tick"),
  addTasks: z.array(ItemTextSchema).default([]).describe("Tasks to append, unticked"),
  dryRun: z.boolean().default(false).describe("Show the diff without writing"),
});

const output = z.object({
  ref: z.string(),
  path: z.string(),
  status: StoryStatusSchema.describe("The status after the update"),
  previousStatus: StoryStatusSchema,
  ticked: z.array(z.string()).describe("Items newly ticked, as task:N / criterion:N"),
  unticked: z.array(z.string()).describe("Items newly unticked"),
  added: z.array(z.string()).describe("Tasks added, as task:N"),
  changed: z.boolean(),
  written: z.boolean(),
  diff: z.string().describe("Unified diff of the change"),
});

/**
 * Changes a story's status and checklists, enforcing the status machine;
 * only the changed lines are rewritten. Writes under the workspace root.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { invoke, testContext } from "../core/mod.ts";
 * import { aiStoryCreate, aiStoryUpdate } from "./mod.ts";
 * const root = await Deno.makeTempDir({ prefix: "codegen_lab_" });
 * const ctx = await testContext(root);
 * await invoke(aiStoryCreate, { epic: 1, title: "Login", points: 3, tasks: ["Form"] }, ctx);
 * const out = await invoke(aiStoryUpdate, { story: "epic-1/story-1", tick: ["Form"], status: "Approved" }, ctx);
 * assert.deepEqual([out.ticked, out.status], [["task:1"], "Approved"]);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export const aiStoryUpdate: Operation<typeof input, typeof output> = defineOperation({
  name: "ai_story_update",
  title: "Update a story",
  description:
    "Tick or untick a story's acceptance criteria and tasks, append tasks, and move its status. Status moves follow the machine Draft → Approved → InProgress → Review → Done (Review → InProgress for changes; Draft/Approved/InProgress/Review → Blocked → back). InProgress needs the PRD and architecture Approved, the previous story of the epic Done and every dependency Done; Done needs every item ticked. Ticks are applied before the status check, so the last tick and Done can go together. Only the changed lines are rewritten.",
  group: "agile",
  input,
  output,
  effects: ["read", "write"],
  requiresApproval: true,
  idempotent: false,
  cli: {
    command: "ai story update",
    positional: ["story"],
    examples: [
      {
        command: "ai story update epic-1/story-2 --status InProgress",
        description: "Start a story (its guards must pass)",
      },
      {
        command:
          "ai story update epic-1/story-2 --tick task:1 --tick 'Wrong password shows an error'",
        description: "Tick a task by position and a criterion by text",
      },
      {
        command: "ai story update epic-1/story-2 --status Blocked",
        description: "Pause it; moving it back restores the status it had",
      },
    ],
    render: (out) =>
      out.changed
        ? `${out.diff}${out.written ? `Updated ${out.path}` : "(dry run: nothing written)"}${
          out.status === out.previousStatus ? "" : ` (${out.previousStatus} → ${out.status})`
        }`
        : "No change",
  },
  async handler(input, ctx) {
    const project = await loadProject(ctx.root);
    const story = findStory(project, input.story);
    if (
      input.status === undefined && input.tick.length + input.untick.length +
            input.addTasks.length === 0
    ) {
      throw new UsageError("Nothing to change", {
        hint: "Pass at least one of --status, --tick, --untick, --add-tasks",
      });
    }
    const from = currentStatus(story);
    const before = story.doc.raw;
    let text = before;
    const ticked: string[] = [];
    const unticked: string[] = [];
    const seen = new Map<number, string>();
    for (
      const [selectors, checked, done] of [[input.tick, true, ticked], [
        input.untick,
        false,
        unticked,
      ]] as const
    ) {
      for (const selector of selectors) {
        const item = selectItem(story.doc, selector, story.ref);
        const other = seen.get(item.line);
        if (other !== undefined && other !== (checked ? "tick" : "untick")) {
          throw new UsageError(`Cannot both tick and untick ${itemLabel(item)} of ${story.ref}`, {
            hint: "Name each item in only one of --tick and --untick",
          });
        }
        seen.set(item.line, checked ? "tick" : "untick");
        if (item.checked === checked) continue;
        text = setChecked(text, { item, checked });
        if (!done.includes(itemLabel(item))) done.push(itemLabel(item));
      }
    }
    const firstNew = parseAgileDoc(text).tasks.length + 1;
    text = addChecklistItems(text, input.addTasks);
    const added = input.addTasks.map((_, i) => `task:${firstNew + i}`);
    let to: StoryStatus = from;
    if (input.status !== undefined) {
      to = input.status;
      const edited: StoryRecord = { ...story, doc: parseAgileDoc(text) };
      const verdict = checkTransition(from, to, transitionContextFor(project, edited));
      if (!verdict.ok) {
        throw new ConflictError(verdict.message, {
          hint: verdict.hint,
          data: { rule: verdict.rule, story: story.ref, from, to },
        });
      }
      const spelled = spellStatus(to, {
        previous: story.doc.status?.value,
        legacy: story.doc.status?.source === "body",
      });
      text = setStatusText(text, spelled, { file: story.path });
      if (to === "Blocked") {
        text = setFrontFields(text, { blockedFrom: from }, { file: story.path });
      }
      if (from === "Blocked") text = removeFrontField(text, "blockedFrom");
    }
    const changed = text !== before;
    if (changed && !input.dryRun) await writeFileAtomic(join(ctx.root, story.path), text);
    return {
      ref: story.ref,
      path: story.path,
      status: to,
      previousStatus: from,
      ticked,
      unticked,
      added,
      changed,
      written: changed && !input.dryRun,
      diff: changed ? unifiedDiff(story.path, before, text) : "",
    };
  },
});

/** The story's status; a story without one counts as Draft. */
function currentStatus(story: StoryRecord): StoryStatus {
  if (story.doc.status === undefined) return "Draft";
  const status = parseStoryStatus(story.doc.status.value);
  if (status !== undefined) return status;
  throw new ValidationError(
    `Cannot change ${story.ref}: its status "${story.doc.status.value}" is not one of ${
      STORY_STATUSES.join(", ")
    }`,
    { file: story.path, line: story.doc.status.line, column: story.doc.status.column },
    { hint: "Fix the status by hand (see `codegen-lab ai validate`), then try again" },
  );
}
