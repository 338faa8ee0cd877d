/**
 * The statuses of `.ai/` documents and stories, and how they are read and
 * written. Reading is tolerant: `In Progress`, `in-progress` and `Complete`
 * (the original Python tool's spellings) are aliases of `InProgress` and
 * `Done`. Writing keeps the style a file already uses.
 *
 * @module
 */

/** Every story status, in workflow order (Blocked last). */
export const STORY_STATUSES = [
  "Draft",
  "Approved",
  "InProgress",
  "Review",
  "Done",
  "Blocked",
] as const;

/** A story status. */
export type StoryStatus = typeof STORY_STATUSES[number];

/** Every PRD and architecture status. */
export const DOC_STATUSES = ["Draft", "Approved"] as const;

/** A PRD or architecture status. */
export type DocStatus = typeof DOC_STATUSES[number];

const STORY_ALIASES: Readonly<Record<string, StoryStatus>> = {
  draft: "Draft",
  approved: "Approved",
  inprogress: "InProgress",
  review: "Review",
  inreview: "Review",
  done: "Done",
  complete: "Done",
  completed: "Done",
  blocked: "Blocked",
};

/** Lowercase, without spaces, dashes, underscores or a trailing `(note)`. */
function normalise(text: string): string {
  return text.replace(/\s*\(.*\)\s*$/, "").toLowerCase().replace(/[\s_-]+/g, "");
}

/**
 * Reads a story status, accepting the aliases older files use.
 *
 * @param text The status as written (`InProgress`, `In Progress`, `Complete`…).
 * @returns The status, or undefined when it is not one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseStoryStatus } from "./status.ts";
 * assert.equal(parseStoryStatus("In Progress"), "InProgress");
 * assert.equal(parseStoryStatus("Complete"), "Done");
 * assert.equal(parseStoryStatus("Started"), undefined);
 * ```
 */
export function parseStoryStatus(text: string): StoryStatus | undefined {
  return STORY_ALIASES[normalise(text)];
}

/**
 * Reads a PRD or architecture status (`Draft` or `Approved`, any case).
 *
 * @param text The status as written.
 * @returns The status, or undefined when it is not one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseDocStatus } from "./status.ts";
 * assert.equal(parseDocStatus("approved"), "Approved");
 * assert.equal(parseDocStatus("Done"), undefined);
 * ```
 */
export function parseDocStatus(text: string): DocStatus | undefined {
  const status = STORY_ALIASES[normalise(text)];
  return status === "Draft" || status === "Approved" ? status : undefined;
}

/** Options of {@linkcode spellStatus}. */
export interface SpellStatusOptions {
  /** The value as currently written, if any. */
  previous?: string | undefined;
  /** The file is in the older format (status in a body line). @default {false} */
  legacy?: boolean;
}

/**
 * Spells a status for writing. When the value it replaces uses the legacy
 * style (`In Progress`, `Complete`), or the file is in the older format, the
 * new one uses that style too; otherwise the canonical name is used.
 *
 * @param status The new status.
 * @param options The current value and whether the file is in the older format.
 * @returns The text to write.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { spellStatus } from "./status.ts";
 * assert.equal(spellStatus("InProgress", { previous: "Draft" }), "InProgress");
 * assert.equal(spellStatus("Done", { previous: "In Progress" }), "Complete");
 * assert.equal(spellStatus("InProgress", { previous: "Approved", legacy: true }), "In Progress");
 * ```
 */
export function spellStatus(status: StoryStatus, options: SpellStatusOptions = {}): string {
  const { previous, legacy = false } = options;
  const legacyValue = previous !== undefined && /^(in\s+progress|complete|completed)$/i.test(
    previous.replace(/\s*\(.*\)\s*$/, "").trim(),
  );
  if (!legacy && !legacyValue) return status;
  if (status === "InProgress") return "In Progress";
  if (status === "Done") return "Complete";
  return status;
}
