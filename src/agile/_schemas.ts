/**
 * Private: zod schemas the agile operations share.
 *
 * @module
 */
import { z } from "zod";
import { DOC_STATUSES, STORY_STATUSES } from "./status.ts";

/** A story status. */
export const StoryStatusSchema = z.enum(STORY_STATUSES);

/** A PRD or architecture status. */
export const DocStatusSchema = z.enum(DOC_STATUSES);

/** `epic-N/story-M`. */
export const StoryRefSchema = z.string().regex(
  /^epic-[1-9]\d*\/story-[1-9]\d*$/,
  "must look like epic-1/story-2",
);

/** One line of checklist text. */
export const ItemTextSchema = z.string().trim().min(1).regex(/^[^\r\n]*$/, "must be one line");

const TallySchema = z.object({ done: z.int(), total: z.int() });

const BoardDocSchema = z.object({
  path: z.string(),
  status: DocStatusSchema.nullable(),
  title: z.string().nullable(),
}).nullable();

/** The board, as `ai_status` returns it. */
export const BoardSchema = {
  prd: BoardDocSchema.describe("The PRD, or null when .ai/prd.md is missing"),
  arch: BoardDocSchema.describe("The architecture, or null when .ai/arch.md is missing"),
  epics: z.array(z.object({
    epic: z.int(),
    path: z.string(),
    stories: z.array(z.object({
      ref: z.string(),
      path: z.string(),
      title: z.string().nullable(),
      status: StoryStatusSchema.nullable(),
      points: z.int().nullable(),
      tasks: TallySchema,
      criteria: TallySchema,
    })),
    points: TallySchema,
    progress: z.int().describe("Percent done, by points (by story count when no story has points)"),
  })),
  points: TallySchema.describe("Points of Done stories out of all points"),
  progress: z.int().describe("Percent done over all epics"),
};

/** The next step, as `ai_next` returns it. */
export const NextStepSchema = z.object({
  action: z.enum([
    "init",
    "approve-prd",
    "approve-arch",
    "continue",
    "review",
    "start",
    "blocked",
    "approve-story",
    "unblock",
    "create-story",
  ]).describe("What kind of step"),
  reason: z.string().describe("Why, naming what to do"),
  story: z.object({
    ref: z.string(),
    path: z.string(),
    title: z.string().optional(),
    status: StoryStatusSchema.optional(),
  }).optional().describe("The story concerned, if any"),
});
