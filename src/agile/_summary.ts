/**
 * Private: a short summary of a planning document for `ai_context`.
 *
 * @module
 */
import type { AgileDoc } from "./parse_agile_doc.ts";

/**
 * The first `## ` section of the body (heading included), or the text before
 * the first heading when there is none, cut at a word boundary to at most
 * `maxChars` characters plus an ellipsis.
 */
export function summarize(doc: AgileDoc, maxChars: number): { text: string; truncated: boolean } {
  const body = doc.lines.slice(doc.bodyStartLine - 1).map((line) => line.text);
  const second = doc.headings.filter((h) => h.level === 2);
  let section: string[];
  if (second.length > 0) {
    const start = second[0]!.line;
    const end = doc.headings.find((h) => h.line > start && h.level <= 2)?.line ??
      doc.lines.length + 1;
    section = doc.lines.slice(start - 1, end - 1).map((line) => line.text);
  } else {
    section = body.filter((line) => !/^#\s/.test(line));
  }
  const text = section.join("\n").trim();
  if (text.length <= maxChars) return { text, truncated: false };
  const cut = text.slice(0, maxChars);
  const space = cut.search(/\s\S*$/);
  return {
    text: `${(space > maxChars / 2 ? cut.slice(0, space) : cut).trimEnd()}…`,
    truncated: true,
  };
}
