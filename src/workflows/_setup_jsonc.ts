/**
 * A small JSON/JSONC reader for MCP client configs. Besides the values it
 * keeps where every value starts and ends, so `prep_workspace` can splice one
 * server entry into a file and leave every other character as the user wrote
 * it. It reports errors with a 1-based line and column.
 *
 * @module
 */

/** A JSON value and where it sits in the text (`end` is exclusive). */
export type JsonNode =
  | { kind: "object"; start: number; end: number; members: JsonMember[] }
  | { kind: "array"; start: number; end: number; items: JsonNode[] }
  | { kind: "scalar"; start: number; end: number; value: string | number | boolean | null };

/** One `"key": value` pair of an object. */
export interface JsonMember {
  /** The decoded key. */
  key: string;
  /** Offset of the key's opening quote. */
  keyStart: number;
  /** The value. */
  value: JsonNode;
}

/** What {@linkcode parseJsonc} found: a tree, or the first syntax error. */
export type JsoncResult =
  | { ok: true; root: JsonNode; comments: boolean }
  | { ok: false; message: string; line: number; column: number };

/**
 * Parses JSON, or JSONC (comments and trailing commas) when `jsonc` is set.
 *
 * @param text The file's text.
 * @param jsonc Accept comments and trailing commas.
 * @returns The tree and whether it had comments, or the error and its position.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseJsonc } from "./_setup_jsonc.ts";
 * const ok = parseJsonc('{"a": 1, // one\n}', true);
 * assert.ok(ok.ok && ok.comments);
 * assert.deepEqual(parseJsonc('{\n  "a": 1,\n}', false), {
 *   ok: false, message: "trailing commas are not allowed in JSON", line: 2, column: 9,
 * });
 * ```
 */
export function parseJsonc(text: string, jsonc: boolean): JsoncResult {
  const reader = new Reader(text, jsonc);
  try {
    reader.skip();
    const root = reader.value();
    reader.skip();
    if (reader.pos < text.length) reader.fail("unexpected text after the JSON value");
    return { ok: true, root, comments: reader.comments };
  } catch (error) {
    if (!(error instanceof SyntaxFault)) throw error;
    return { ok: false, message: error.message, ...lineColumn(text, error.offset) };
  }
}

/**
 * The plain value of a node (later duplicate keys win, as in `JSON.parse`).
 *
 * @param node A node from {@linkcode parseJsonc}.
 * @returns The value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jsonValue, parseJsonc } from "./_setup_jsonc.ts";
 * const parsed = parseJsonc('{"a": [1, true, null]}', false);
 * assert.ok(parsed.ok);
 * assert.deepEqual(jsonValue(parsed.root), { a: [1, true, null] });
 * ```
 */
export function jsonValue(node: JsonNode): unknown {
  if (node.kind === "scalar") return node.value;
  if (node.kind === "array") return node.items.map(jsonValue);
  const object: Record<string, unknown> = {};
  for (const member of node.members) {
    Object.defineProperty(object, member.key, {
      value: jsonValue(member.value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
}

class SyntaxFault extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = { true: true, false: false, null: null } as const;

class Reader {
  pos = 0;
  comments = false;
  /** The last string read by `string()`. */
  decoded = "";
  constructor(readonly text: string, readonly jsonc: boolean) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  fail(message: string, at: number = this.pos): never {
    throw new SyntaxFault(message, at);
  }

  skip(): void {
    const { text } = this;
    while (this.pos < text.length) {
      const char = text[this.pos];
      if (char === " " || char === "\t" || char === "\n" || char === "\r") this.pos++;
      else if (char === "/" && (text[this.pos + 1] === "/" || text[this.pos + 1] === "*")) {
        if (!this.jsonc) this.fail("comments are not allowed in JSON");
        this.comments = true;
        const block = text[this.pos + 1] === "*";
        const close = block ? text.indexOf("*/", this.pos + 2) : text.indexOf("\n", this.pos);
        if (block && close === -1) this.fail("the comment is never closed with */");
        this.pos = close === -1 ? text.length : close + (block ? 2 : 0);
      } else break;
    }
  }

  value(): JsonNode {
    const { text, pos: start } = this;
    const char = text[start];
    if (char === undefined) this.fail("unexpected end of the file: a value is missing");
    if (char === "{") return this.object();
    if (char === "[") return this.array();
    if (char === '"') return { kind: "scalar", start, end: this.string(), value: this.decoded };
    NUMBER.lastIndex = start;
    const number = NUMBER.exec(text);
    if (number) {
      this.pos = start + number[0].length;
      return { kind: "scalar", start, end: this.pos, value: Number(number[0]) };
    }
    for (const [word, value] of Object.entries(LITERALS)) {
      if (text.startsWith(word, start)) {
        this.pos = start + word.length;
        return { kind: "scalar", start, end: this.pos, value };
      }
    }
    return this.fail(`unexpected character ${JSON.stringify(char)}: a value is expected here`);
  }

  /** Reads a string at `pos`, sets `decoded`, returns the offset past it. */
  string(): number {
    const { text } = this;
    const start = this.pos;
    let at = start + 1;
    while (at < text.length && text[at] !== '"') {
      if (text[at] === "\\") {
        if (!/^(["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(text.slice(at + 1, at + 6))) {
          this.fail("invalid escape sequence in a string", at);
        }
        at += text[at + 1] === "u" ? 6 : 2;
      } else if (text.charCodeAt(at) < 0x20) {
        this.fail("line break or control character in a string (is a closing quote missing?)", at);
      } else at++;
    }
    if (at >= text.length) this.fail("the string is never closed with a double quote", start);
    this.pos = at + 1;
    this.decoded = JSON.parse(text.slice(start, this.pos)) as string;
    return this.pos;
  }

  object(): JsonNode {
    const start = this.pos++;
    const members: JsonMember[] = [];
    this.skip();
    if (this.text[this.pos] === "}") {
      return { kind: "object", start, end: ++this.pos, members };
    }
    while (true) {
      if (this.text[this.pos] !== '"') {
        this.fail("expected a property name in double quotes");
      }
      const keyStart = this.pos;
      this.string();
      const key = this.decoded;
      this.skip();
      if (this.text[this.pos] !== ":") this.fail(`expected ":" after the property name`);
      this.pos++;
      this.skip();
      members.push({ key, keyStart, value: this.value() });
      this.skip();
      const next = this.text[this.pos];
      if (next === "}") return { kind: "object", start, end: ++this.pos, members };
      if (next !== ",") this.fail(`expected "," or "}" after a property value`);
      const comma = this.pos++;
      this.skip();
      if (this.text[this.pos] === "}") {
        if (!this.jsonc) this.fail("trailing commas are not allowed in JSON", comma);
        return { kind: "object", start, end: ++this.pos, members };
      }
    }
  }

  array(): JsonNode {
    const start = this.pos++;
    const items: JsonNode[] = [];
    this.skip();
    if (this.text[this.pos] === "]") return { kind: "array", start, end: ++this.pos, items };
    while (true) {
      items.push(this.value());
      this.skip();
      const next = this.text[this.pos];
      if (next === "]") return { kind: "array", start, end: ++this.pos, items };
      if (next !== ",") this.fail(`expected "," or "]" after an array item`);
      const comma = this.pos++;
      this.skip();
      if (this.text[this.pos] === "]") {
        if (!this.jsonc) this.fail("trailing commas are not allowed in JSON", comma);
        return { kind: "array", start, end: ++this.pos, items };
      }
    }
  }
}
