/**
 * Private text helpers of the rule export and import planners: line endings,
 * body normalisation, rule order, the notes written for rule types a target
 * cannot express, the managed-file marker and `@file` references.
 *
 * @module
 */
import type { RuleType } from "./rule_type.ts";

/** Export order of the rule types: always, auto-attached, agent-requested, manual. */
const TYPE_RANK: Readonly<Record<RuleType, number>> = {
  "always": 0,
  "auto-attached": 1,
  "agent-requested": 2,
  "manual": 3,
};

/** The note written for a manual rule exported as text (with `includeManual`). */
export const MANUAL_NOTE = "Manual rule: apply it only when the user asks for it by name.";

/** Loss text of a manual rule that is left out. */
export const MANUAL_LEFT_OUT =
  "manual rules are only applied on @-mention; not exported (set includeManual to export them as always-on text)";

/** Prefix of the note that carries a description into formats without one. */
export const USE_WHEN = "Use when: ";

/** Prefix of the note that carries globs into formats without them. */
export const APPLIES_TO = "Applies to files matching: ";

const MANAGED = /^<!-- codegen-lab:managed from (.+?) -->$/;

/** Compares strings by UTF-16 code units, so the order never depends on a locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders rules by type (always first, manual last), then by name. */
export function compareRules(
  a: { type: RuleType; name: string },
  b: { type: RuleType; name: string },
): number {
  return TYPE_RANK[a.type] - TYPE_RANK[b.type] || compareText(a.name, b.name);
}

/** The line ending of the first line that has one; `\n` when none has. */
export function eolOf(text: string): "\n" | "\r\n" {
  const nl = text.indexOf("\n");
  return nl > 0 && text.charCodeAt(nl - 1) === 0x0d ? "\r\n" : "\n";
}

/** Turns `\n` line endings of a `\n`-only text into `eol`. */
export function withEol(text: string, eol: "\n" | "\r\n"): string {
  return eol === "\n" ? text : text.replaceAll("\n", "\r\n");
}

/**
 * A body as the exporters write it: byte order mark dropped, `\n` line
 * endings, no leading or trailing blank lines, and one final newline (or the
 * empty string when nothing is left).
 */
export function normalizeBody(body: string): string {
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  const lines = text.replaceAll("\r\n", "\n").split("\n");
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === "") start++;
  while (end > start && lines[end - 1]!.trim() === "") end--;
  return start === end ? "" : `${lines.slice(start, end).join("\n")}\n`;
}

/** A description on one line: line breaks and the blanks around them become one space. */
export function oneLine(text: string): string {
  return text.replace(/[ \t]*[\r\n]+[ \t]*/g, " ").trim();
}

/**
 * The notes that say, in text, what a format cannot express: the globs of an
 * auto-attached rule (when `globs` is set), the description of any non-always
 * rule and the manual marker of a manual rule.
 */
export function ruleNotes(
  rule: { type: RuleType; globs: readonly string[]; description?: string | undefined },
  options: { globs: boolean },
): string[] {
  const notes: string[] = [];
  if (rule.type === "always") return notes;
  if (options.globs && rule.type === "auto-attached" && rule.globs.length > 0) {
    notes.push(`${APPLIES_TO}${rule.globs.map((glob) => `\`${glob}\``).join(", ")}`);
  }
  const description = oneLine(rule.description ?? "");
  if (description !== "") notes.push(`${USE_WHEN}${description}`);
  if (rule.type === "manual") notes.push(MANUAL_NOTE);
  return notes;
}

/** The first body line of every file an export writes to a directory target. */
export function managedMarker(source: string): string {
  return `<!-- codegen-lab:managed from ${source} -->`;
}

/** The source path named by a managed marker on the first line of `body`, if there is one. */
export function managedSource(body: string): string | undefined {
  const nl = body.indexOf("\n");
  const first = (nl === -1 ? body : body.slice(0, nl)).trim();
  return MANAGED.exec(first)?.[1];
}

/**
 * `@path` references outside fenced code blocks and code spans, each once, in
 * order. Trailing punctuation is not part of a reference.
 */
export function fileReferences(body: string): string[] {
  const found = new Set<string>();
  let fence: string | undefined;
  for (const line of body.replaceAll("\r\n", "\n").split("\n")) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) {
        fence = undefined;
      }
      continue;
    }
    if (marker !== undefined) {
      fence = marker;
      continue;
    }
    const prose = line.replace(/(`+)[^`]*?\1/g, " ");
    for (const match of prose.matchAll(/(?:^|[\s(])@([\w./~-]+)/g)) {
      const ref = match[1]!.replace(/[.,;:!?]+$/, "");
      if (ref !== "") found.add(ref);
    }
  }
  return [...found];
}
