/**
 * Repository analysis: language detection, exact line counts (code, comment,
 * blank) for 70 languages, and binary detection by content.
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
