/**
 * The Agile `.ai/` workflow (tool group `agile`, CLI `codegen-lab ai …`):
 * planning documents and stories in plain Markdown, with a status machine
 * that every status-changing operation enforces.
 *
 * ## Layout
 *
 * ```
 * .ai/prd.md                      product requirements   (title, status)
 * .ai/arch.md                     architecture           (title, status)
 * .ai/epic-N/                     one folder per epic, N ≥ 1
 * .ai/epic-N/story-M.story.md     stories, M ≥ 1 within the epic
 * .cursor/templates/{prd,arch,story}.md   templates written by `ai init`
 * ```
 *
 * Every document starts with a front block between `---` lines, read line by
 * line (titles such as `Login: v2` need no quotes). PRD and architecture:
 * `title`, `status` (Draft | Approved). Story: `title`, `status` (Draft |
 * Approved | InProgress | Review | Done | Blocked), `epic`, `story`, `points`,
 * `dependencies` (`[epic-1/story-2]`), and `blockedFrom` while Blocked. The
 * body has `## Acceptance criteria` and `## Tasks` checklists (`- [ ]` /
 * `- [x]`; a struck-through `~~item~~` counts as skipped). Older files are read
 * too: `## Status: Draft` lines, `In Progress` and `Complete` spellings (kept
 * when rewriting).
 *
 * ## Status machine
 *
 * Story: Draft → Approved → InProgress → Review → Done; Review → InProgress
 * (changes requested); Draft/Approved/InProgress/Review → Blocked → the
 * status it had before. Into InProgress only when the PRD and architecture are
 * Approved, the previous story of the epic is Done and every dependency is
 * Done; into Done only when every criterion and task is ticked. See
 * {@linkcode checkTransition}. PRD and architecture: Draft ⇄ Approved; the
 * architecture is approved after the PRD, and neither is reopened while a
 * story is InProgress ({@linkcode checkDocTransition}).
 *
 * @example Check a move
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkTransition } from "./mod.ts";
 * const verdict = checkTransition("Draft", "InProgress", { ref: "epic-1/story-2", prd: "Approved", arch: "Approved" });
 * assert.ok(!verdict.ok && verdict.message ===
 *   "Cannot move epic-1/story-2 from Draft to InProgress: a story must be Approved first (Draft → Approved → InProgress)");
 * ```
 *
 * @module
 */
export { aiContext } from "./ai_context.ts";
export { aiDocUpdate } from "./ai_doc_update.ts";
export { aiInit, TEMPLATES_DIR } from "./ai_init.ts";
export { aiNext } from "./ai_next.ts";
export { aiStatus } from "./ai_status.ts";
export { aiStoryCreate } from "./ai_story_create.ts";
export { aiStoryUpdate } from "./ai_story_update.ts";
export { aiValidate } from "./ai_validate.ts";
export {
  type Board,
  type BoardDoc,
  type BoardEpic,
  type BoardStory,
  buildBoard,
  renderBoard,
  type Tally,
} from "./board.ts";
export {
  checkDocTransition,
  type DocKind,
  docLabel,
  type DocTransitionContext,
} from "./check_doc_transition.ts";
export {
  checkTransition,
  type DocState,
  type RelatedStory,
  type TransitionContext,
  type TransitionResult,
} from "./check_transition.ts";
export {
  addChecklistItems,
  removeFrontField,
  setChecked,
  setFrontFields,
  type SetFrontFieldsOptions,
  setStatusText,
} from "./edit_agile_doc.ts";
export {
  type AiProject,
  type DocRecord,
  docState,
  type EpicRecord,
  findStory,
  loadProject,
  type StoryRecord,
  type StrayFile,
  transitionContextFor,
  unticked,
} from "./load_project.ts";
export { type NextAction, type NextStep, nextStep } from "./next_step.ts";
export {
  type AgileDoc,
  type ChecklistItem,
  type DocHeading,
  type DocLine,
  type DocLink,
  type FrontBlock,
  type FrontField,
  frontField,
  intOf,
  listOf,
  parseAgileDoc,
  scalarOf,
  type StatusLocation,
} from "./parse_agile_doc.ts";
export {
  DOC_STATUSES,
  type DocStatus,
  parseDocStatus,
  parseStoryStatus,
  spellStatus,
  type SpellStatusOptions,
  STORY_STATUSES,
  type StoryStatus,
} from "./status.ts";
export {
  AI_DIR,
  formatStoryRef,
  parseStoryRef,
  type StoryId,
  storyPath,
  tryParseStoryRef,
} from "./story_ref.ts";
export {
  ARCH_TEMPLATE,
  fillTemplate,
  PRD_TEMPLATE,
  STORY_TEMPLATE,
  templateFiles,
} from "./templates.ts";
export { type AgileDiagnostic, validateProject } from "./validate_project.ts";
export {
  nextStoryPrompt,
  tddCyclePrompt,
  writeArchitecturePrompt,
  writePrdPrompt,
} from "./prompts.ts";
