/**
 * Story references (`epic-1/story-2`) and the paths they name.
 *
 * @module
 */
import { UsageError } from "../core/mod.ts";

/** The folder that holds the workflow's documents. */
export const AI_DIR = ".ai";

/** A story's identity: its epic and its number within the epic. */
export interface StoryId {
  /** Epic number, 1 or more. */
  epic: number;
  /** Story number within the epic, 1 or more. */
  story: number;
}

const REF = /^(?:\.ai\/)?epic-0*([1-9]\d*)\/story-0*([1-9]\d*)(?:\.story\.md)?$/;

/**
 * Reads a story reference. Accepts `epic-1/story-2`, and the story's path
 * (`.ai/epic-1/story-2.story.md`) for convenience.
 *
 * @param text The reference.
 * @returns The epic and story numbers, or undefined when it is not a reference.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tryParseStoryRef } from "./story_ref.ts";
 * assert.deepEqual(tryParseStoryRef("epic-1/story-2"), { epic: 1, story: 2 });
 * assert.equal(tryParseStoryRef("story-2"), undefined);
 * ```
 */
export function tryParseStoryRef(text: string): StoryId | undefined {
  const match = REF.exec(text.trim());
  return match ? { epic: Number(match[1]), story: Number(match[2]) } : undefined;
}

/**
 * Reads a story reference, or throws.
 *
 * @param text The reference.
 * @returns The epic and story numbers.
 * @throws {UsageError} USAGE when it is not of the form `epic-N/story-M`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseStoryRef } from "./story_ref.ts";
 * assert.deepEqual(parseStoryRef(".ai/epic-3/story-1.story.md"), { epic: 3, story: 1 });
 * assert.throws(() => parseStoryRef("3.1"), { code: "USAGE" });
 * ```
 */
export function parseStoryRef(text: string): StoryId {
  const id = tryParseStoryRef(text);
  if (id) return id;
  throw new UsageError(`Cannot read "${text}" as a story reference`, {
    hint: "Write it as epic-N/story-M, such as epic-1/story-2 (see `codegen-lab ai status`)",
  });
}

/**
 * Formats a story reference.
 *
 * @param id Epic and story numbers.
 * @returns `epic-N/story-M`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatStoryRef } from "./story_ref.ts";
 * assert.equal(formatStoryRef({ epic: 1, story: 2 }), "epic-1/story-2");
 * ```
 */
export function formatStoryRef(id: StoryId): string {
  return `epic-${id.epic}/story-${id.story}`;
}

/**
 * The workspace-relative path of a story file.
 *
 * @param id Epic and story numbers.
 * @returns `.ai/epic-N/story-M.story.md`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { storyPath } from "./story_ref.ts";
 * assert.equal(storyPath({ epic: 2, story: 5 }), ".ai/epic-2/story-5.story.md");
 * ```
 */
export function storyPath(id: StoryId): string {
  return `${AI_DIR}/epic-${id.epic}/story-${id.story}.story.md`;
}
