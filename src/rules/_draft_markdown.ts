/**
 * Private text helpers of `convert_draft.ts`: names, titles, code spans and
 * the Markdown → bullet list transformation used for Critical Rules.
 *
 * @module
 */

const FENCE = /^(\s*)(`{3,}|~{3,})/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?:\s+|$)/;
const TABLE_ROW = /^\s*\|/;

/**
 * Turns any name into kebab-case: `python_rules`, `PythonRules` and
 * `python rules` all become `python-rules`. Non-ASCII letters and digits are
 * kept; everything else separates words.
 *
 * @param name The name to convert.
 * @returns The kebab-case name; empty when nothing usable is left.
 */
export function kebabCase(name: string): string {
  return name
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1-$2")
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, "$1-$2")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}

/**
 * Makes a title from a kebab-case name: `python-testing` → `Python Testing`.
 *
 * @param name A kebab-case name.
 * @returns The title.
 */
export function titleCase(name: string): string {
  return name.split("-").filter((word) => word !== "")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(" ");
}

/**
 * Wraps text in a Markdown code span that survives backticks inside it.
 *
 * @param text The text (one line).
 * @returns The code span.
 */
export function codeSpan(text: string): string {
  const single = text.replace(/\s*\n\s*/g, " ");
  const runs = single.match(/`+/g) ?? [];
  const longest = runs.reduce((max, run) => Math.max(max, run.length), 0);
  const ticks = "`".repeat(longest + 1);
  const pad = single.startsWith("`") || single.endsWith("`") ? " " : "";
  return `${ticks}${pad}${single}${pad}${ticks}`;
}

/**
 * Removes the common leading whitespace of the non-blank lines, trailing
 * whitespace of every line and leading and trailing blank lines.
 *
 * @param text Lines separated by `\n`.
 * @returns The dedented lines.
 */
export function dedentLines(text: string): string[] {
  const lines = text.split("\n").map((line) => line.replace(/\s+$/, ""));
  while (lines.length > 0 && lines[0] === "") lines.shift();
  while (lines.length > 0 && lines.at(-1) === "") lines.pop();
  const indents = lines.filter((line) => line !== "").map(indentWidth);
  const common = indents.length === 0 ? 0 : indents.reduce((min, n) => Math.min(min, n));
  return lines.map((line) => stripIndent(line, common));
}

/** Joins the lines of a paragraph into one line. */
export function oneLine(text: string): string {
  return text.split("\n").map((line) => line.trim()).filter((line) => line !== "").join(" ");
}

/** Width of the leading whitespace, a tab counting as one column. */
function indentWidth(line: string): number {
  return line.length - line.trimStart().length;
}

function stripIndent(line: string, width: number): string {
  return line.slice(Math.min(width, indentWidth(line)));
}

/**
 * Turns Markdown (an action message, a plain draft body) into bullets, one
 * bullet per non-empty line. List markers are dropped and nesting follows the
 * indentation; headings become bold bullets (a heading equal to `skipTitle` is
 * dropped); fenced code blocks and tables stay intact, indented under the
 * bullet before them (a lone one gets an `Example:` bullet).
 *
 * @param text The Markdown.
 * @param level Nesting level of the top bullets (0 = `- `).
 * @param skipTitle A heading with this text (case-insensitive) is dropped.
 * @returns The bullet lines.
 */
export function toBullets(text: string, level = 0, skipTitle?: string): string[] {
  const lines = dedentLines(text);
  const out: string[] = [];
  const stack: number[] = [];
  let last = -1;
  const bullet = (depth: number, content: string): void => {
    out.push(`${"  ".repeat(level + depth)}- ${content}`);
    last = depth;
  };
  const attach = (block: string[]): void => {
    if (last < 0) bullet(0, "Example:");
    const pad = "  ".repeat(level + last + 1);
    const common = block.filter((line) => line !== "").map(indentWidth)
      .reduce((min, n) => Math.min(min, n), Infinity);
    for (const line of block) out.push(line === "" ? "" : pad + stripIndent(line, common));
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    const fence = FENCE.exec(line);
    if (fence) {
      const block = [line];
      const marker = fence[2]!;
      while (++i < lines.length) {
        const inner = lines[i]!;
        block.push(inner);
        const close = inner.trim();
        if (close.startsWith(marker) && close.replace(/[`~]/g, "") === "") break;
      }
      while (block.length > 1 && block.at(-1) === "") block.pop();
      attach(block);
      continue;
    }
    if (TABLE_ROW.test(line)) {
      const block = [line];
      while (i + 1 < lines.length && TABLE_ROW.test(lines[i + 1]!)) block.push(lines[++i]!);
      attach(block);
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const title = heading[2]!.trim();
      stack.length = 0;
      if (title === "") continue;
      if (skipTitle !== undefined && sameText(title, skipTitle) && out.length === 0) continue;
      bullet(0, title.includes("**") ? title : `**${title}**`);
      continue;
    }
    const indent = indentWidth(line);
    while (stack.length > 0 && indent < stack.at(-1)!) stack.pop();
    if (stack.length === 0 || indent > stack.at(-1)!) stack.push(indent);
    const content = line.trim().replace(/^>\s?/, "").replace(LIST_MARKER, "").trim();
    if (content === "") continue;
    bullet(Math.min(stack.length - 1, last + 1), content);
  }
  return out;
}

function sameText(a: string, b: string): boolean {
  const norm = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  return norm(a) === norm(b);
}

/**
 * Splits Markdown into its first paragraph and the rest, skipping leading blank
 * lines. A heading, a fence, a list or a table is not a paragraph.
 *
 * @param text The Markdown.
 * @returns The paragraph (one line, may be empty) and the remaining text.
 */
export function firstParagraph(text: string): { paragraph: string; rest: string } {
  const lines = text.split("\n");
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === "") i++;
  const start = i;
  while (i < lines.length && lines[i]!.trim() !== "") {
    const line = lines[i]!;
    if (HEADING.test(line) || FENCE.test(line) || TABLE_ROW.test(line)) break;
    if (LIST_MARKER.test(line.trim())) break;
    i++;
  }
  return { paragraph: oneLine(lines.slice(start, i).join("\n")), rest: lines.slice(i).join("\n") };
}

/** Whether a line opens or closes a fenced code block. */
export function isFence(line: string): boolean {
  return FENCE.test(line);
}
