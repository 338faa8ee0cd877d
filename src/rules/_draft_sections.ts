/**
 * Private helper of `convert_draft.ts`: the Context and Critical Rules
 * sections of a converted rule, and its category.
 *
 * Critical Rules get one bullet per non-empty line of each action message
 * (not per sentence: draft messages are already written a line per point,
 * and sentence splitting would cut file names and "e.g."); see `toBullets`.
 * A condition becomes a bullet naming its pattern ("Reject when `x`
 * matches: message"), with a multi-line message nested under it.
 *
 * @module
 */
import type { DraftAction, DraftBlock, DraftFilter } from "./_draft_block.ts";
import { codeSpan, kebabCase, titleCase, toBullets } from "./_draft_markdown.ts";

const FILTER_PHRASES: Readonly<Record<string, string>> = {
  content: "Applies when the file content matches",
  message: "Applies when the user's message matches",
  context: "Applies when the conversation context matches",
  file_modification: "Applies when a file change matches",
  file_change: "Applies when a file change matches",
  related_file: "Applies when a related file matches",
  file_size: "Applies when the file size matches",
  complexity: "Applies when the code complexity matches",
  file_extension: "Applies to file extensions matching",
  file_name: "Applies to file names matching",
  file_path: "Applies to file paths matching",
  path: "Applies to paths matching",
  directory: "Applies to directories matching",
};

/**
 * Says in words when a filter applies, for Context.
 *
 * @param filter The filter.
 * @returns One line.
 */
export function describeFilter(filter: DraftFilter): string {
  const code = codeSpan(filter.pattern);
  if (filter.type === "event") return `Applies on events matching ${code}`;
  if (filter.type === "") return `Applies when ${code} matches`;
  const phrase = Object.hasOwn(FILTER_PHRASES, filter.type)
    ? FILTER_PHRASES[filter.type]
    : undefined;
  return phrase === undefined ? `Applies when ${filter.type} matches ${code}` : `${phrase} ${code}`;
}

/**
 * The metadata line of a block: `Priority: high; version: 1.0; tags: a, b`.
 *
 * @param block The block.
 * @returns The line, or empty when the block has no metadata.
 */
export function metadataLine(block: DraftBlock): string {
  const parts = block.metadata.map(([key, value]) => `${key}: ${value}`);
  if (block.tags.length > 0) parts.push(`tags: ${block.tags.join(", ")}`);
  const line = parts.join("; ");
  return line.charAt(0).toUpperCase() + line.slice(1);
}

/**
 * The Critical Rules bullets of one block.
 *
 * @param actions The block's actions.
 * @param title The rule title (a message heading equal to it is dropped).
 * @returns Bullet lines.
 */
export function ruleBullets(actions: readonly DraftAction[], title: string): string[] {
  const out: string[] = [];
  for (const action of actions) {
    for (const condition of action.conditions) {
      if (condition.pattern === "" && condition.message.trim() === "") continue;
      const verb = action.type === "reject" ? "Reject when" : "When";
      const test = condition.pattern === ""
        ? "this applies"
        : `${codeSpan(condition.pattern)} ${condition.negated ? "does not match" : "matches"}`;
      const head = `- ${verb} ${test}`;
      const message = condition.message.trim();
      if (message === "") out.push(head);
      else if (!message.includes("\n")) out.push(`${head}: ${message}`);
      else out.push(`${head}:`, ...toBullets(message, 1));
    }
    out.push(...toBullets(action.message, 0, title));
  }
  return out;
}

/** Words that choose a category, checked in this order. */
const CATEGORY_WORDS: ReadonlyArray<[string, ReadonlySet<string>]> = [
  [
    "testing-rules",
    new Set(["testing", "test", "tests", "pytest", "jest", "vitest", "unittest", "tdd", "bats"]),
  ],
  [
    "tool-rules",
    new Set(["tool", "tools", "cli", "make", "makefile", "docker", "dockerfile", "git"]),
  ],
  ["global-rules", new Set(["global", "always"])],
];

/**
 * Chooses the category folder: from the tags first, then from the words of
 * the name; an always-applied rule that matches nothing goes to
 * `global-rules`, anything else to `core-rules`.
 *
 * @param tags All tags of the draft.
 * @param name The rule name (kebab-case).
 * @param always Whether the rule is always applied.
 * @returns The category.
 */
export function categoryOf(tags: readonly string[], name: string, always: boolean): string {
  const tagWords = tags.flatMap((tag) => [tag.toLowerCase(), ...kebabCase(tag).split("-")]);
  for (const words of [tagWords, name.split("-")]) {
    for (const [category, keys] of CATEGORY_WORDS) {
      if (words.some((word) => keys.has(word))) return category;
    }
  }
  return always ? "global-rules" : "core-rules";
}

/**
 * A heading for a block when several are merged.
 *
 * @param block The block.
 * @param index Its 0-based position.
 * @returns The heading text.
 */
export function blockTitle(block: DraftBlock, index: number): string {
  return titleCase(kebabCase(block.name)) || `Rule ${index + 1}`;
}
