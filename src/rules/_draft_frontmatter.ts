/**
 * Private helper of `convert_draft.ts`: the frontmatter of a converted rule.
 * Globs come from the draft's frontmatter when it has some, else from its
 * path filters (their union: one glob list cannot say "and"); `alwaysApply`
 * from the draft, read leniently; everything is written with `editRule`, so
 * globs come out unquoted and comma-separated without spaces.
 *
 * @module
 */
import { editRule, type RuleChanges } from "./edit_rule.ts";
import type { DraftBlock, DraftFilter } from "./_draft_block.ts";
import { expandBraceSet, PATH_FILTER_TYPES, regexToGlobs } from "./_draft_globs.ts";
import { codeSpan } from "./_draft_markdown.ts";
import type { DraftFrontmatter } from "./_draft_read.ts";

/** The filters of a draft, split by where they go. */
export interface SortedFilters {
  /** Globs from the path filters, in order, without duplicates. */
  globs: string[];
  /** Filters to describe in Context (not path filters, or path regexes without a glob). */
  context: DraftFilter[];
}

const BRACE_SET = /\{[^{}]*,[^{}]*\}/;

/**
 * Converts the path filters to globs and keeps the others for Context,
 * with a warning for each filter that is not a glob.
 *
 * @param blocks The draft's blocks.
 * @param warnings Where to add warnings.
 * @returns The globs and the Context filters.
 */
export function sortFilters(blocks: readonly DraftBlock[], warnings: string[]): SortedFilters {
  const sorted: SortedFilters = { globs: [], context: [] };
  for (const block of blocks) {
    for (const filter of block.filters) {
      if (filter.pattern === "") {
        warnings.push(
          `ignored a filter without a pattern in the <rule> block on line ${block.line}`,
        );
        continue;
      }
      const pattern = filter.pattern.length > 200
        ? `${filter.pattern.slice(0, 200)}…`
        : filter.pattern;
      const shown = `${pattern} (${filter.type || "no type"})`;
      if (!PATH_FILTER_TYPES.has(filter.type)) {
        warnings.push(`filter pattern ${shown} cannot become a glob; kept in Context`);
        sorted.context.push(filter);
        continue;
      }
      const result = regexToGlobs(filter.pattern, filter.type);
      if (!result.ok) {
        warnings.push(
          `filter pattern ${shown} cannot become a glob (${result.reason}); kept in Context`,
        );
        sorted.context.push(filter);
        continue;
      }
      if (result.caseInsensitive) {
        warnings.push(
          `filter pattern ${shown} ignores case; the glob ${result.globs.join(",")} may not`,
        );
      }
      for (const glob of result.globs) if (!sorted.globs.includes(glob)) sorted.globs.push(glob);
    }
  }
  return sorted;
}

/**
 * The globs to write: the draft's own when it has some (brace sets expanded
 * on request), else those of its filters.
 *
 * @param fm The draft's frontmatter.
 * @param derived The globs of its path filters.
 * @param expand Whether to expand brace sets.
 * @param warnings Where to add warnings.
 * @returns The globs.
 */
export function chooseGlobs(
  fm: DraftFrontmatter | undefined,
  derived: readonly string[],
  expand: boolean,
  warnings: string[],
): string[] {
  if (!fm || fm.globs.length === 0) return [...derived];
  const style = fm.globStyle;
  const forms = [
    style.quoted && "quotes",
    style.bracketed && "brackets",
    style.yamlList && "a YAML list",
    style.spaceAfterComma && "spaces after commas",
  ].filter((form): form is string => typeof form === "string");
  if (forms.length > 0) {
    warnings.push(`rewrote the draft's globs without ${forms.join(", ")}, as Cursor expects`);
  }
  if (derived.length > 0 && derived.join(",") !== fm.globs.join(",")) {
    warnings.push(
      `kept the draft's globs ${fm.globs.join(",")}; its filters give ${derived.join(",")}`,
    );
  }
  const globs: string[] = [];
  for (const glob of fm.globs) {
    const expanded = BRACE_SET.test(glob) ? expandBraceSet(glob) : [glob];
    if (BRACE_SET.test(glob)) warnings.push(braceWarning(glob, expanded, expand));
    for (const item of expand ? expanded : [glob]) if (!globs.includes(item)) globs.push(item);
  }
  return globs;
}

function braceWarning(glob: string, expanded: readonly string[], expand: boolean): string {
  const list = expanded.join(",");
  if (expanded.length === 1 && expanded[0] === glob) {
    return `glob ${glob} has brace sets that expand to more than 64 globs, which some Cursor versions do not match; left as written`;
  }
  return expand
    ? `expanded the brace set in ${glob} into ${list}; some Cursor versions do not match brace sets`
    : `glob ${glob} has a brace set, which some Cursor versions do not match; convert with expandBraces to write ${list}`;
}

/**
 * The draft's `alwaysApply`: `true`/`false` as written; quoted or yes/no
 * values are read for what they mean, with a warning; absent means false.
 *
 * @param fm The draft's frontmatter.
 * @param warnings Where to add warnings.
 * @returns The value to write.
 */
export function chooseAlwaysApply(fm: DraftFrontmatter | undefined, warnings: string[]): boolean {
  if (fm?.alwaysApply !== undefined) return fm.alwaysApply;
  const raw = fm?.alwaysApplyInvalid;
  if (raw === undefined) return false;
  const bare = raw.replace(/^(["'])(.*)\1$/, "$2").trim().toLowerCase();
  if (["true", "yes", "on"].includes(bare)) {
    warnings.push(`read alwaysApply ${raw} as true; Cursor only accepts a bare true`);
    return true;
  }
  warnings.push(
    ["false", "no", "off"].includes(bare)
      ? `read alwaysApply ${raw} as false`
      : `ignored alwaysApply ${raw}: it is neither true nor false`,
  );
  return false;
}

/**
 * Adds the frontmatter to a body that has none. A glob, `extends` entry or
 * extra key that `editRule` cannot write so that it reads back the same is
 * left out with a warning.
 *
 * @param body The rule body (starts with `# Title`).
 * @param changes The frontmatter values.
 * @param warnings Where to add warnings.
 * @returns The complete rule text.
 */
export function writeFrontmatter(body: string, changes: RuleChanges, warnings: string[]): string {
  const written: RuleChanges = { description: changes.description ?? "" };
  written.globs = (changes.globs ?? []).filter((glob) => {
    if (fits({ globs: [glob] })) return true;
    warnings.push(`left out glob ${codeSpan(glob)}: it cannot be written as a Cursor glob`);
    return false;
  });
  if (changes.alwaysApply !== undefined) written.alwaysApply = changes.alwaysApply;
  const extendsList = (changes.extends ?? []).filter((item) => fits({ extends: [item] }));
  if (extendsList.length > 0) written.extends = extendsList;
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(changes.fields ?? {})) {
    if (value !== null && fits({ fields: { [key]: value } })) fields[key] = value;
    else {warnings.push(
        `left out frontmatter key ${JSON.stringify(key)}: it cannot be written back`,
      );}
  }
  if (Object.keys(fields).length > 0) written.fields = fields;
  return editRule(body, written);
}

function fits(change: RuleChanges): boolean {
  try {
    editRule("x\n", change);
    return true;
  } catch {
    return false;
  }
}
