/**
 * A small, tolerant TOML reader: enough of TOML 1.0 to read `pyproject.toml`,
 * `Cargo.toml` and `Pipfile` manifests. It never throws; a statement it
 * cannot read is skipped, and reading resumes on the next line.
 *
 * @module
 */

/** A TOML value as read here: dates and times stay strings. */
export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;

/** A TOML table: keys in document order. */
export interface TomlTable {
  [key: string]: TomlValue;
}

/** Thrown inside the reader to abandon one statement; never escapes. */
class Skip extends Error {}

interface Cursor {
  text: string;
  at: number;
}

/**
 * Reads TOML text into plain objects. Covers tables (`[a.b]`), arrays of
 * tables (`[[bin]]`), bare, quoted and dotted keys, basic and literal strings
 * (also multi-line), numbers, booleans, arrays spanning lines (with comments
 * and a trailing comma), inline tables and comments. Dates and times are kept
 * as strings; a later duplicate key wins. Malformed statements are skipped.
 *
 * @param text The TOML document.
 * @returns The root table; empty when nothing could be read.
 *
 * @example Read a pyproject fragment
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseTomlLite } from "./_toml_lite.ts";
 * const doc = parseTomlLite(`
 * [project]
 * name = "app"  # comment
 * dependencies = [
 *   "fastapi>=0.110",
 *   'pydantic',
 * ]
 * [tool.ruff]
 * line-length = 100
 * this line is broken
 * `);
 * assert.deepEqual(doc, {
 *   project: { name: "app", dependencies: ["fastapi>=0.110", "pydantic"] },
 *   tool: { ruff: { "line-length": 100 } },
 * });
 * ```
 */
export function parseTomlLite(text: string): TomlTable {
  const root: TomlTable = {};
  let current = root;
  const cursor: Cursor = { text, at: 0 };
  for (;;) {
    skipBlank(cursor, true);
    if (cursor.at >= text.length) break;
    const start = cursor.at;
    try {
      if (text[cursor.at] === "[") {
        // Until the header is read, keys go to a table no one sees.
        current = {};
        current = readHeader(cursor, root);
      } else {
        const path = readKey(cursor);
        skipBlank(cursor, false);
        if (text[cursor.at] !== "=") throw new Skip();
        cursor.at++;
        setPath(current, path, readValue(cursor));
      }
      skipBlank(cursor, false);
      if (cursor.at < text.length && text[cursor.at] !== "\n" && text[cursor.at] !== "\r") {
        throw new Skip();
      }
    } catch (error) {
      if (!(error instanceof Skip)) throw error;
      // Resume on the line after the one the statement began on.
      const end = text.indexOf("\n", start);
      cursor.at = end === -1 ? text.length : end + 1;
    }
  }
  return root;
}

/** Skips spaces, tabs and comments, and line breaks too when `lines`. */
function skipBlank(cursor: Cursor, lines: boolean): void {
  const { text } = cursor;
  while (cursor.at < text.length) {
    const c = text[cursor.at];
    if (c === " " || c === "\t" || (lines && (c === "\n" || c === "\r"))) cursor.at++;
    else if (c === "#") {
      const end = text.indexOf("\n", cursor.at);
      cursor.at = end === -1 ? text.length : end;
    } else break;
  }
}

function readHeader(cursor: Cursor, root: TomlTable): TomlTable {
  const { text } = cursor;
  const many = text.startsWith("[[", cursor.at);
  cursor.at += many ? 2 : 1;
  skipBlank(cursor, false);
  const path = readKey(cursor);
  skipBlank(cursor, false);
  if (!text.startsWith(many ? "]]" : "]", cursor.at)) throw new Skip();
  cursor.at += many ? 2 : 1;
  const parent = tableAt(root, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (!many) return tableAt(parent, [last]);
  const existing = Object.hasOwn(parent, last) ? parent[last] : undefined;
  const list = Array.isArray(existing) ? existing : [];
  if (list !== existing) setOwn(parent, last, list);
  const table: TomlTable = {};
  list.push(table);
  return table;
}

/** Reads a dotted key of bare and quoted parts. */
function readKey(cursor: Cursor): string[] {
  const { text } = cursor;
  const parts: string[] = [];
  for (;;) {
    skipBlank(cursor, false);
    const c = text[cursor.at];
    if (c === '"' || c === "'") parts.push(readString(cursor));
    else {
      const match = /^[A-Za-z0-9_-]+/.exec(text.slice(cursor.at, cursor.at + 256));
      if (!match) throw new Skip();
      parts.push(match[0]);
      cursor.at += match[0].length;
    }
    skipBlank(cursor, false);
    if (text[cursor.at] !== ".") return parts;
    cursor.at++;
  }
}

function readValue(cursor: Cursor): TomlValue {
  skipBlank(cursor, false);
  const { text } = cursor;
  const c = text[cursor.at];
  if (c === '"' || c === "'") return readString(cursor);
  if (c === "[") return readArray(cursor);
  if (c === "{") return readInlineTable(cursor);
  const match = /^[A-Za-z0-9_:+.-]+/.exec(text.slice(cursor.at, cursor.at + 256));
  if (!match) throw new Skip();
  cursor.at += match[0].length;
  const word = match[0];
  if (word === "true" || word === "false") return word === "true";
  if (/^[+-]?nan$/.test(word)) return NaN;
  if (/^[+-]?inf$/.test(word)) return word.startsWith("-") ? -Infinity : Infinity;
  const number = Number(word.replaceAll("_", ""));
  if (/^[+-]?\d/.test(word) && !Number.isNaN(number)) return number;
  // Dates and times (and anything else bare) stay as written.
  if (/^\d/.test(word)) return word;
  throw new Skip();
}

function readArray(cursor: Cursor): TomlValue[] {
  const { text } = cursor;
  cursor.at++;
  const items: TomlValue[] = [];
  for (;;) {
    skipBlank(cursor, true);
    if (cursor.at >= text.length) throw new Skip();
    if (text[cursor.at] === "]") break;
    items.push(readValue(cursor));
    skipBlank(cursor, true);
    if (text[cursor.at] === ",") cursor.at++;
    else if (text[cursor.at] !== "]") throw new Skip();
  }
  cursor.at++;
  return items;
}

function readInlineTable(cursor: Cursor): TomlTable {
  const { text } = cursor;
  cursor.at++;
  const table: TomlTable = {};
  for (;;) {
    skipBlank(cursor, true);
    if (cursor.at >= text.length) throw new Skip();
    if (text[cursor.at] === "}") break;
    const path = readKey(cursor);
    skipBlank(cursor, false);
    if (text[cursor.at] !== "=") throw new Skip();
    cursor.at++;
    setPath(table, path, readValue(cursor));
    skipBlank(cursor, true);
    if (text[cursor.at] === ",") cursor.at++;
    else if (text[cursor.at] !== "}") throw new Skip();
  }
  cursor.at++;
  return table;
}

const ESCAPES: Record<string, string> = {
  b: "\b",
  t: "\t",
  n: "\n",
  f: "\f",
  r: "\r",
  e: "\x1b",
  '"': '"',
  "\\": "\\",
};

/** Reads a basic or literal string, single- or multi-line. */
function readString(cursor: Cursor): string {
  const { text } = cursor;
  const quote = text[cursor.at]!;
  const multi = text.startsWith(quote.repeat(3), cursor.at);
  const close = multi ? quote.repeat(3) : quote;
  cursor.at += close.length;
  if (multi && text[cursor.at] === "\r") cursor.at++;
  if (multi && text[cursor.at] === "\n") cursor.at++;
  let out = "";
  for (;;) {
    if (cursor.at >= text.length) throw new Skip();
    if (text.startsWith(close, cursor.at)) {
      // A multi-line string may end with one or two extra quotes: """a"""" is `a"`.
      let run = 0;
      while (multi && text[cursor.at + run] === quote) run++;
      const extra = multi ? Math.min(run - 3, 2) : 0;
      cursor.at += close.length + extra;
      return out + quote.repeat(extra);
    }
    const c = text[cursor.at]!;
    if (!multi && c === "\n") throw new Skip();
    if (c === "\\" && quote === '"') {
      const next = text[cursor.at + 1] ?? "";
      if (next === "u" || next === "U") {
        const size = next === "u" ? 4 : 8;
        const hex = text.slice(cursor.at + 2, cursor.at + 2 + size);
        const code = /^[0-9A-Fa-f]+$/.test(hex) ? parseInt(hex, 16) : NaN;
        if (hex.length !== size || !(code <= 0x10ffff)) throw new Skip();
        out += String.fromCodePoint(code);
        cursor.at += 2 + size;
      } else if (multi && /[ \t\r\n]/.test(next)) {
        // Line-ending backslash: drop the break and the whitespace after it.
        cursor.at++;
        while (/[ \t\r\n]/.test(text[cursor.at] ?? "x")) cursor.at++;
      } else {
        const escaped = ESCAPES[next];
        if (escaped === undefined) throw new Skip();
        out += escaped;
        cursor.at += 2;
      }
      continue;
    }
    out += c;
    cursor.at++;
  }
}

/** The table at `path` under `table`, created when missing (the last entry of an array of tables). */
function tableAt(table: TomlTable, path: readonly string[]): TomlTable {
  let here = table;
  for (const key of path) {
    let next = Object.hasOwn(here, key) ? here[key] : undefined;
    if (Array.isArray(next)) next = next[next.length - 1];
    if (next === undefined || typeof next !== "object" || Array.isArray(next)) {
      if (next !== undefined) throw new Skip();
      next = {};
      setOwn(here, key, next);
    }
    here = next;
  }
  return here;
}

function setPath(table: TomlTable, path: readonly string[], value: TomlValue): void {
  setOwn(tableAt(table, path.slice(0, -1)), path[path.length - 1]!, value);
}

/** Sets an own property, so a key such as `__proto__` stays plain data. */
function setOwn(table: TomlTable, key: string, value: TomlValue): void {
  Object.defineProperty(table, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
