/**
 * Private: finding the checklist items `tick`/`untick` name, by exact text or
 * by `task:N` / `criterion:N`.
 *
 * @module
 */
import { NotFoundError, UsageError } from "../core/mod.ts";
import type { AgileDoc, ChecklistItem } from "./parse_agile_doc.ts";

/** `task:2` or `criterion:1`, as a label for output. */
export function itemLabel(item: ChecklistItem): string {
  return `${item.kind}:${item.index}`;
}

/**
 * Finds the item a selector names.
 *
 * @throws {UsageError} USAGE when the text matches both a criterion and a task.
 * @throws {NotFoundError} NOT_FOUND when nothing matches.
 */
export function selectItem(doc: AgileDoc, selector: string, ref: string): ChecklistItem {
  const indexed = /^(task|criterion|criteria)[ \t]*:[ \t]*(\d+)$/i.exec(selector.trim());
  if (indexed) {
    const list = indexed[1]!.toLowerCase() === "task" ? doc.tasks : doc.criteria;
    const item = list[Number(indexed[2]) - 1];
    if (item) return item;
    throw new NotFoundError(
      `Cannot find ${selector.trim()} in ${ref}: it has ${list.length} ${
        list === doc.tasks ? "tasks" : "acceptance criteria"
      }`,
      { hint: available(doc) },
    );
  }
  const wanted = selector.trim();
  const matches = [...doc.criteria, ...doc.tasks].filter((item) => item.text === wanted);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new UsageError(`"${wanted}" matches ${matches.map(itemLabel).join(" and ")} in ${ref}`, {
      hint: `Name one of them by position instead: ${matches.map(itemLabel).join(" or ")}`,
    });
  }
  throw new NotFoundError(`Cannot find an item "${wanted}" in ${ref}`, { hint: available(doc) });
}

function available(doc: AgileDoc): string {
  const list = (items: readonly ChecklistItem[]): string =>
    items.length === 0
      ? "none"
      : items.map((item) => `${itemLabel(item)} "${item.text}"`).join(", ");
  return `Give the exact text or task:N / criterion:N; tasks: ${list(doc.tasks)}; criteria: ${
    list(doc.criteria)
  }`;
}
