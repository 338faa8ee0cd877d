/**
 * The `ai_story_create` operation.
 *
 * @module
 */
import { z } from "zod";
import {
  ConflictError,
  defineOperation,
  NotFoundError,
  type Operation,
  resolveInWorkspace,
  writeFileAtomic,
} from "../core/mod.ts";
import { ItemTextSchema, StoryRefSchema } from "./_schemas.ts";
import { docLabel } from "./check_doc_transition.ts";
import { setFrontFields } from "./edit_agile_doc.ts";
import { docState, loadProject } from "./load_project.ts";
import { formatStoryRef, parseStoryRef, storyPath } from "./story_ref.ts";
import { fillTemplate, STORY_TEMPLATE } from "./templates.ts";

const input = z.strictObject({
  epic: z.int().min(1).describe("Epic number; its folder .ai/epic-N/ is created if missing"),
  title: ItemTextSchema.describe("Story title"),
  points: z.int().min(0).describe("Estimate in story points"),
  criteria: z.array(ItemTextSchema).default([]).describe("Acceptance criteria, one line each"),
  tasks: z.array(ItemTextSchema).default([]).describe("Tasks, one line each"),
  dependencies: z.array(StoryRefSchema).default([]).describe(
    "Stories that must be Done before this one starts, as epic-N/story-M",
  ),
  summary: ItemTextSchema.optional().describe(
    'The user story sentence ("As a …, I want …, so that …")',
  ),
  story: z.int().min(1).optional().describe(
    "Story number (default: one more than the highest in the epic); refused if taken",
  ),
});

const output = z.object({
  ref: z.string().describe("epic-N/story-M"),
  path: z.string().describe("Workspace-relative path of the new story"),
  epic: z.int(),
  story: z.int(),
  status: z.literal("Draft"),
  content: z.string().describe("The file's text"),
  warnings: z.array(z.string()).describe("Things that will stop the story from starting"),
});

/**
 * Drafts a new story in an epic (never overwriting). Writes under the workspace root.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { invoke, testContext } from "../core/mod.ts";
 * import { aiStoryCreate } from "./ai_story_create.ts";
 * const root = await Deno.makeTempDir({ prefix: "codegen_lab_" });
 * const ctx = await testContext(root);
 * const out = await invoke(aiStoryCreate, { epic: 1, title: "Login", points: 3 }, ctx);
 * assert.equal(out.path, ".ai/epic-1/story-1.story.md");
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export const aiStoryCreate: Operation<typeof input, typeof output> = defineOperation({
  name: "ai_story_create",
  title: "Create a story",
  description:
    "Draft a story .ai/epic-N/story-M.story.md from the story template with title, points, acceptance criteria, tasks and dependencies. M is the next free number in the epic (the epic folder is created if needed); status is Draft, so the user must approve it before work starts. Never overwrites.",
  group: "agile",
  input,
  output,
  effects: ["read", "write"],
  requiresApproval: true,
  idempotent: false,
  cli: {
    command: "ai story create",
    positional: ["epic", "title"],
    examples: [
      {
        command:
          "ai story create 1 'Login form' --points 3 --criteria 'Wrong password shows an error' --tasks 'Form component' --tasks 'API call'",
        description: "Draft the next story of epic 1",
      },
      {
        command: "ai story create 2 'Refunds' --points 5 --dependencies epic-1/story-3",
        description: "A story that waits for another",
      },
    ],
    render: (out) =>
      [`Created ${out.path} (${out.ref}, Draft)`, ...out.warnings.map((w) => `warning: ${w}`)]
        .join("\n"),
  },
  async handler(input, ctx) {
    const project = await loadProject(ctx.root);
    for (const dep of input.dependencies) {
      if (!project.stories.some((story) => story.ref === dep)) {
        throw new NotFoundError(
          `Cannot depend on ${dep}: ${storyPath(parseStoryRef(dep))} does not exist`,
          {
            hint: "Create that story first, or check the reference with `codegen-lab ai status`",
          },
        );
      }
    }
    const taken = project.stories.filter((story) => story.epic === input.epic);
    const number = input.story ?? Math.max(0, ...taken.map((story) => story.story)) + 1;
    const id = { epic: input.epic, story: number };
    const ref = formatStoryRef(id);
    const path = storyPath(id);
    const target = await resolveInWorkspace(ctx.root, path);
    const existing = taken.find((story) => story.story === number)?.path ??
      (await Deno.lstat(target.absolute).then(() => path, () => undefined));
    if (existing !== undefined) {
      throw new ConflictError(`Cannot create ${ref}: ${existing} already exists`, {
        hint:
          "Leave out --story to take the next free number, or change that story with `ai story update`",
      });
    }
    const list = (items: readonly string[], what: string): string =>
      items.length > 0
        ? items.map((item) => `- [ ] ${item}`).join("\n")
        : `<!-- Add ${what} as "- [ ] …" lines -->`;
    const filled = fillTemplate(STORY_TEMPLATE, {
      title: input.title,
      epic: String(input.epic),
      story: String(number),
      points: String(input.points),
      dependencies: `[${input.dependencies.join(", ")}]`,
      summary: input.summary ?? "As a …, I want …, so that ….",
      criteria: list(input.criteria, "acceptance criteria"),
      tasks: list(input.tasks, "tasks"),
    });
    const content = setFrontFields(filled, { title: input.title });
    await writeFileAtomic(target.absolute, content);
    const warnings: string[] = [];
    for (const kind of ["prd", "arch"] as const) {
      const state = docState(project, kind);
      if (state !== "Approved") {
        warnings.push(`${docLabel(kind)} is ${state}; the story cannot start until it is approved`);
      }
    }
    return {
      ref,
      path,
      epic: input.epic,
      story: number,
      status: "Draft" as const,
      content,
      warnings,
    };
  },
});
