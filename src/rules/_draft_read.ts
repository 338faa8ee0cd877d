/**
 * Private helper of `convert_draft.ts`: splits a v1 draft into frontmatter,
 * title, intro, the `<rule>` blocks and the free Markdown around them.
 *
 * Frontmatter is read with `parseRule`, and found where real drafts put it:
 * on line 1; on line 1 but never closed (the key lines after it are used);
 * after the title (`# Title`, intro, then `---`); or twice in a row (the
 * second fills what the first leaves empty).
 *
 * @module
 */
import { type GlobStyle, type ParsedRule, parseRule } from "./parse_rule.ts";
import { firstParagraph, isFence } from "./_draft_markdown.ts";

/** The frontmatter values of a draft. */
export interface DraftFrontmatter {
  /** Non-empty description. */
  description: string | undefined;
  /** Globs as read (unquoted). */
  globs: string[];
  /** How the globs were written. */
  globStyle: GlobStyle;
  /** `true` or `false` exactly. */
  alwaysApply: boolean | undefined;
  /** Any other alwaysApply value. */
  alwaysApplyInvalid: string | undefined;
  /** `extends` entries (our own key). */
  extends: string[];
  /** Other keys with one-line values, in order. */
  extra: Array<[string, string]>;
}

/** A `<rule>` block's place and content. */
export interface DraftBlockText {
  /** 1-based line of `<rule>`. */
  line: number;
  /** The lines between `<rule>` and `</rule>`. */
  content: string;
}

/** A draft split into parts. */
export interface DraftText {
  /** The frontmatter, when one was found. */
  frontmatter: DraftFrontmatter | undefined;
  /** Text of the `# Title` line that opens the body. */
  title: string | undefined;
  /** The first paragraph after the title, on one line. */
  intro: string;
  /** Markdown after the intro and before the first block (or to the end). */
  preamble: string;
  /** The blocks, in order. */
  blocks: DraftBlockText[];
  /** Markdown between and after the blocks. */
  trailing: string;
}

interface NumberedLine {
  no: number;
  text: string;
}

const KEY_LINE = /^[A-Za-z_][\w-]*[ \t]*:/;
const CONTINUATION = /^(?:[ \t]+\S|[ \t]*- |[ \t]*#)/;
const DELIMITER = /^---[ \t]*$/;
/** A Markdown heading (not a `# key: value` comment) ends an unclosed frontmatter. */
const TITLE = /^#{1,6}[ \t]+[^:]*$/;
const FM_KEYS = /^(?:description|globs|alwaysApply)[ \t]*:/;

/**
 * Splits a draft.
 *
 * @param text The draft, with `\n` line endings and no byte order mark.
 * @param warnings Where to add what was unusual.
 * @returns The parts.
 */
export function readDraftText(text: string, warnings: string[]): DraftText {
  const all = text.split("\n").map((line, i): NumberedLine => ({ no: i + 1, text: line }));
  const { frontmatter, body } = splitFrontmatter(text, all, warnings);
  const blocks: DraftBlockText[] = [];
  const outside: NumberedLine[][] = [[]];
  let inFence = false;
  for (let i = 0; i < body.length; i++) {
    const line = body[i]!;
    if (!inFence && isRuleTag(line.text, "<rule>")) {
      const start = line.no;
      const content: string[] = [];
      while (++i < body.length && !isRuleTag(body[i]!.text, "</rule>")) content.push(body[i]!.text);
      if (i >= body.length) {
        warnings.push(
          `the <rule> block on line ${start} is never closed; read it to the end of the draft`,
        );
      }
      blocks.push({ line: start, content: content.join("\n") });
      outside.push([]);
      continue;
    }
    if (isFence(line.text)) inFence = !inFence;
    outside.at(-1)!.push(line);
  }
  const preambleLines = outside[0]!;
  const trailing = outside.slice(1).map(joinLines).filter((part) => part.trim() !== "")
    .join("\n\n");
  let rest = joinLines(preambleLines);
  let title: string | undefined;
  const firstLine = preambleLines.find((line) => line.text.trim() !== "");
  const heading = firstLine === undefined ? null : /^#[ \t]+(.*?)[ \t#]*$/.exec(firstLine.text);
  if (heading && heading[1] !== "") {
    title = heading[1]!;
    rest = joinLines(preambleLines.slice(preambleLines.indexOf(firstLine!) + 1));
  }
  const { paragraph, rest: afterIntro } = firstParagraph(rest);
  // A heading right before the first block only titled it ("## Rules").
  const preamble = blocks.length === 0
    ? afterIntro
    : afterIntro.replace(/(?:^|\n)#{1,6}[ \t][^\n]*\s*$/, "");
  return { frontmatter, title, intro: paragraph, preamble, blocks, trailing };
}

function joinLines(lines: readonly NumberedLine[]): string {
  return lines.map((line) => line.text).join("\n");
}

function isRuleTag(line: string, tag: string): boolean {
  const trimmed = line.trim();
  return trimmed === tag && line.length - line.trimStart().length <= 3;
}

/** Finds the frontmatter and returns the body lines without it. */
function splitFrontmatter(
  text: string,
  all: NumberedLine[],
  warnings: string[],
): { frontmatter: DraftFrontmatter | undefined; body: NumberedLine[] } {
  const parsed = parseRule(text);
  if (parsed.hasFrontmatter && parsed.frontmatterClosed) {
    const end = parsed.frontmatterEndLine!;
    let frontmatter = valuesOf(parsed, warnings);
    let body = all.slice(end);
    const second = findBlock(body, true);
    if (second) {
      warnings.push(
        `the draft has a second frontmatter on line ${second.start.no}; used its values where the first is empty`,
      );
      frontmatter = merge(frontmatter, valuesOf(parseRule(second.text), warnings));
      body = body.filter((line) => line.no < second.start.no || line.no > second.end.no);
    }
    return { frontmatter, body };
  }
  if (parsed.hasFrontmatter) {
    let end = 1;
    const inFrontmatter = (text: string): boolean =>
      (KEY_LINE.test(text) || CONTINUATION.test(text)) && !TITLE.test(text);
    while (end < all.length && inFrontmatter(all[end]!.text)) end++;
    warnings.push(
      end > 1
        ? `the frontmatter on line 1 is never closed; read lines 2-${end} as frontmatter`
        : "the frontmatter on line 1 is never closed and has no keys; ignored it",
    );
    const block = ["---", ...all.slice(1, end).map((line) => line.text), "---", ""].join("\n");
    return { frontmatter: valuesOf(parseRule(block), warnings), body: all.slice(end) };
  }
  const late = findBlock(all, false);
  if (!late) return { frontmatter: undefined, body: all };
  warnings.push(`the frontmatter is on line ${late.start.no} instead of line 1; read it there`);
  return {
    frontmatter: valuesOf(parseRule(late.text), warnings),
    body: all.filter((line) => line.no < late.start.no || line.no > late.end.no),
  };
}

/**
 * A `---` … `---` block of frontmatter lines with at least one Cursor key,
 * before the first `<rule>` and outside code fences. With `atStart`, only
 * blank lines may come before it.
 */
function findBlock(
  lines: readonly NumberedLine[],
  atStart: boolean,
): { start: NumberedLine; end: NumberedLine; text: string } | undefined {
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.text;
    if (isRuleTag(text, "<rule>")) return undefined;
    if (isFence(text)) inFence = !inFence;
    if (inFence) continue;
    if (DELIMITER.test(text)) {
      let j = i + 1;
      let known = false;
      while (
        j < lines.length && (KEY_LINE.test(lines[j]!.text) || CONTINUATION.test(lines[j]!.text))
      ) {
        known ||= FM_KEYS.test(lines[j]!.text);
        j++;
      }
      if (known && j < lines.length && DELIMITER.test(lines[j]!.text)) {
        const block = lines.slice(i, j + 1).map((line) => line.text);
        return { start: lines[i]!, end: lines[j]!, text: [...block, ""].join("\n") };
      }
    }
    if (atStart && text.trim() !== "") return undefined;
  }
  return undefined;
}

function valuesOf(rule: ParsedRule, warnings: string[]): DraftFrontmatter {
  const extra: Array<[string, string]> = [];
  for (const key of rule.unknownKeys) {
    const field = rule.fields.findLast((f) => f.key === key)!;
    if (field.rawValue.includes("\n")) {
      warnings.push(
        `left out frontmatter key ${JSON.stringify(key)}: its value spans several lines`,
      );
    } else extra.push([key, field.rawValue]);
  }
  return {
    description: rule.description,
    globs: rule.globs,
    globStyle: rule.globStyle,
    alwaysApply: rule.alwaysApply,
    alwaysApplyInvalid: rule.alwaysApplyInvalid,
    extends: rule.extends,
    extra,
  };
}

function merge(first: DraftFrontmatter, second: DraftFrontmatter): DraftFrontmatter {
  const useSecondGlobs = first.globs.length === 0;
  const alwaysFromFirst = first.alwaysApply !== undefined || first.alwaysApplyInvalid !== undefined;
  return {
    description: first.description ?? second.description,
    globs: useSecondGlobs ? second.globs : first.globs,
    globStyle: useSecondGlobs ? second.globStyle : first.globStyle,
    alwaysApply: alwaysFromFirst ? first.alwaysApply : second.alwaysApply,
    alwaysApplyInvalid: alwaysFromFirst ? first.alwaysApplyInvalid : second.alwaysApplyInvalid,
    extends: first.extends.length > 0 ? first.extends : second.extends,
    extra: [
      ...first.extra,
      ...second.extra.filter(([key]) => !first.extra.some(([k]) => k === key)),
    ],
  };
}
