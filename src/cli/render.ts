/**
 * Human rendering of operation output: tables for lists of records, indented
 * key/value text for the rest.
 *
 * @module
 */

/**
 * Renders rows as an aligned text table.
 *
 * @param rows Records; columns are the union of their keys in first-seen order.
 * @param columns Column order (default: derived).
 * @returns The table, without a final newline.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderTable } from "./render.ts";
 * assert.ok(renderTable([{ a: 1, b: "x" }]) === "a  b\n1  x");
 * ```
 */
export function renderTable(
  rows: readonly Record<string, unknown>[],
  columns?: readonly string[],
): string {
  const keys = columns ?? [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cells = rows.map((row) => keys.map((key) => cellText(row[key])));
  const widths = keys.map((key, i) =>
    Math.max(key.length, ...cells.map((cell) => cell[i]!.length))
  );
  const line = (values: readonly string[]): string =>
    values.map((value, i) => (i === values.length - 1 ? value : value.padEnd(widths[i]!))).join(
      "  ",
    ).trimEnd();
  return [line(keys), ...cells.map(line)].join("\n");
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value).replaceAll("\n", " ");
}

/**
 * Renders any JSON value readably: scalars as `key: value`, lists of flat
 * records as tables, nesting by indentation.
 *
 * @param value The output.
 * @returns Text without a final newline.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderValue } from "./render.ts";
 * assert.ok(renderValue({ root: "/w", git: { isRepo: true } }) === "root: /w\ngit:\n  isRepo: true");
 * ```
 */
export function renderValue(value: unknown): string {
  return renderNode(value, "").join("\n");
}

function isFlatRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    Object.values(value).every((v) =>
      v === null || typeof v !== "object" || (Array.isArray(v) && v.length === 0)
    );
}

function renderNode(value: unknown, indent: string): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}(none)`];
    if (value.every(isFlatRecord)) {
      return renderTable(value).split("\n").map((line) => indent + line);
    }
    return value.flatMap((item) => {
      const lines = renderNode(item, `${indent}  `);
      return [`${indent}- ${lines[0]!.trimStart()}`, ...lines.slice(1)];
    });
  }
  if (typeof value === "object" && value !== null) {
    const lines: string[] = [];
    for (const [key, child] of Object.entries(value)) {
      if (child === undefined) continue;
      if (typeof child === "object" && child !== null && !isEmpty(child)) {
        lines.push(`${indent}${key}:`, ...renderNode(child, `${indent}  `));
      } else {
        lines.push(
          `${indent}${key}: ${
            typeof child === "object" && child !== null ? "(none)" : String(child)
          }`,
        );
      }
    }
    return lines;
  }
  return [`${indent}${String(value)}`];
}

function isEmpty(value: object): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}
