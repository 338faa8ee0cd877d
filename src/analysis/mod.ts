/**
 * Repository analysis: one fast scan (languages with exact code, comment and
 * blank counts for 70 languages; package managers, frameworks, tests, CI,
 * containers, linters, AI configuration, workspaces), rule recommendations
 * from a shipped catalogue, and context packing for LLMs with token counts
 * and secret redaction.
 *
 * @example Count the lines of a snippet
 * ```ts
 * import assert from "node:assert/strict";
 * import { countLines, detectLanguage } from "./mod.ts";
 * const language = detectLanguage("src/app.ts")!;
 * assert.deepEqual(countLines('const url = "http://x"; // real\n\n/* c *\/\n', language), {
 *   code: 1, comment: 1, blank: 1, lines: 3,
 * });
 * ```
 *
 * @module
 */
export { countLines, type CountLinesOptions, type LineCounts } from "./count_lines.ts";
export { detectLanguage } from "./detect_language.ts";
export { isBinary } from "./is_binary.ts";
export {
  type BlockComment,
  type Embedding,
  type LanguageDefinition,
  LANGUAGES,
  type StringSyntax,
} from "./languages.ts";
export {
  type Analysis,
  analysisSchema,
  analyzeRepository,
  DEFAULT_REPORT_PATH,
} from "./analyze_repository.ts";
export {
  type Detection,
  detectStack,
  type StackReport,
  stackReportSchema,
} from "./detect_stack.ts";
export { type FileTreeOptions, renderFileTree } from "./file_tree.ts";
export { changedFilesSince } from "./git_changes.ts";
export { PACK_DEFAULT_EXCLUDES, packContext } from "./pack_context.ts";
export {
  PACK_STYLES,
  type PackHeader,
  type PackStyle,
  renderPackFile,
  renderPackFooter,
  renderPackHeader,
} from "./pack_format.ts";
export { packPriority, PRIORITY_LABELS } from "./pack_priority.ts";
export {
  type Recommendation,
  type RecommendOptions,
  recommendRules,
  type StackFacts,
} from "./recommend.ts";
export { recommendRulesOperation, stackFactsOf } from "./recommend_rules.ts";
export { renderReportMarkdown } from "./report_markdown.ts";
export { repoReportResource } from "./resources.ts";
export { type CatalogRule, renderCatalogRule, RULE_CATALOG, type Trigger } from "./rule_catalog.ts";
export {
  ANALYSIS_IGNORE_FILES,
  type ReadOutcome,
  readTextFile,
  type ScannedFile,
  type ScanOptions,
  scanRepository,
  type ScanResult,
  type ScanSkips,
} from "./scan_repository.ts";
export { type RedactResult, redactSecrets, SECRET_KINDS, type SecretFinding } from "./secrets.ts";
export { stripComments } from "./strip_comments.ts";
export {
  loadTokenCounter,
  TOKEN_ENCODINGS,
  type TokenCounter,
  type TokenEncoding,
} from "./tokenizer.ts";
export { repoAnalysisPrompt } from "./prompts.ts";
