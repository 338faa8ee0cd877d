/**
 * Workflows: workspace preparation (`init` / `prep_workspace`) and the
 * 5-phase rule workflow (analyse → recommend → generate → save → deploy) with
 * its state persisted in `.ai/workflows/`, so every step can be resumed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { prepWorkspace } from "./mod.ts";
 * assert.equal(prepWorkspace.name, "prep_workspace");
 * ```
 *
 * @module
 */
export { DEFAULT_SERVER, prepWorkspace } from "./prep_workspace.ts";
export {
  workflowAbort,
  workflowAdvance,
  workflowBriefing,
  workflowList,
  workflowResume,
  workflowStart,
  workflowStatus,
} from "./rule_workflow.ts";
export { ruleWorkflowPrompt } from "./prompts.ts";
