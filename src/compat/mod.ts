/**
 * Compatibility with the Python Prompt Library: its tool names as aliases of
 * ours, in the `compat` tool group (off by default; `--tools all` or
 * `--tools compat,...` turns it on). docs/migrating-from-python.md maps each
 * old name to the new one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { COMPAT_OPERATIONS } from "./mod.ts";
 * assert.ok(COMPAT_OPERATIONS.some((op) => op.name === "instruct_repo_analysis"));
 * ```
 *
 * @module
 */
export {
  COMPAT_OPERATIONS,
  type CompatMapping,
  createCursorRuleFiles,
  ensureAiReport,
  ensureMakefileTask,
  getStaticCursorRule,
  getStaticCursorRules,
  instructRepoAnalysis,
  recommendCursorRules,
  runUpdateCursorRules,
  saveCursorRule,
  updateDockerignore,
} from "./compat_tools.ts";
