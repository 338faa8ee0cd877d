/**
 * Cursor rules: parse (tolerant and lossless), validate, list, match, create,
 * change, migrate, compose and export `.cursor/rules/**\/*.mdc`.
 *
 * @example Parse a rule and derive its type
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseRule, ruleTypeOf } from "./mod.ts";
 * const rule = parseRule("---\nglobs: *.ts, src/**\/*.tsx\n---\nUse strict mode.\n");
 * assert.equal(ruleTypeOf(rule), "auto-attached");
 * ```
 *
 * @module
 */
export {
  discoverRuleFiles,
  type RuleFile,
  type RuleFileKind,
  RULES_DIR,
  STANDARD_CATEGORIES,
} from "./discover_rules.ts";
export { editRule, type RuleChanges } from "./edit_rule.ts";
export { type GlobHit, GlobIndex } from "./glob_index.ts";
export { type LoadedRule, loadRule, loadRuleSet, type RuleSet } from "./load_rules.ts";
export {
  decodeRuleBytes,
  type FrontmatterField,
  type GlobStyle,
  type ParsedRule,
  parseRule,
  type RuleDiagnostic,
  serializeRule,
} from "./parse_rule.ts";
export {
  countProblems,
  type ProblemCounts,
  type RuleProblem,
  sortProblems,
} from "./rule_problem.ts";
export { type RuleType, ruleTypeOf } from "./rule_type.ts";
export { findTemplate, RULE_TEMPLATES, type RuleTemplate, titleOf } from "./templates.ts";
export { listTrash, TRASH_DIR, type TrashEntry } from "./trash.ts";
export { generateRulePrompt, reviewRulesPrompt } from "./prompts.ts";
export { ruleRawResource, ruleResource, rulesIndexResource, ruleUris } from "./resources.ts";
export { rulesCreate } from "./rules_create.ts";
export { rulesDelete, rulesRestore, rulesTrash } from "./rules_delete.ts";
export { rulesGet } from "./rules_get.ts";
export { rulesList } from "./rules_list.ts";
export { rulesMove } from "./rules_move.ts";
export { rulesRender } from "./rules_render.ts";
export { rulesUpdate } from "./rules_update.ts";
export { rulesValidate } from "./rules_validate.ts";
export { rulesWhich } from "./rules_which.ts";
export {
  DEFAULT_RULE_LIMITS,
  type RuleLimits,
  validateRuleSet,
  type ValidationInput,
} from "./validate_rules.ts";
export { type RuleChangeBatch, watchRules, type WatchRulesOptions } from "./watch_rules.ts";
export { publishRuleChanges, type WatcherEnv } from "./watcher.ts";
export { type RulesWatchOptions, runRulesWatch } from "./watch_command.ts";
export { rulesExport, rulesImport } from "./rules_export.ts";
export { EXPORT_TARGET_PATHS, type ExportTarget, planExport } from "./export_formats.ts";
export { type ImportSource, planImport } from "./import_formats.ts";
export { convertDraft, type ConvertDraftOptions, type ConvertedDraft } from "./convert_draft.ts";
export { DRAFTS_DIR, rulesMigrate } from "./rules_migrate.ts";
