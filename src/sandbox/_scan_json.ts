/**
 * Private: a small JSON parser that keeps the offset of every value and key,
 * so the allow-list's errors can name the line and column at fault.
 *
 * @module
 */

/** A parsed JSON value with its offset in the text. */
export type JsonNode =
  | { kind: "object"; at: number; entries: JsonEntry[] }
  | { kind: "array"; at: number; items: JsonNode[] }
  | { kind: "string"; at: number; value: string }
  | { kind: "number"; at: number; value: number }
  | { kind: "boolean"; at: number; value: boolean }
  | { kind: "null"; at: number };

/** One `"key": value` member of an object. */
export interface JsonEntry {
  key: string;
  keyAt: number;
  value: JsonNode;
}

/** Invalid JSON at an offset. */
export class JsonSyntaxError extends SyntaxError {
  /** Offset of the problem. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.name = "JsonSyntaxError";
    this.offset = offset;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// JSON strings may not hold raw control characters (U+0000 to U+001F).
// deno-lint-ignore no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const LITERALS: ReadonlyArray<[string, JsonNode["kind"], boolean | null]> = [
  ["true", "boolean", true],
  ["false", "boolean", false],
  ["null", "null", null],
];

/** Parses JSON text, keeping offsets. @throws {JsonSyntaxError} */
export function parseJson(text: string): JsonNode {
  let i = 0;

  const space = (): void => {
    while (i < text.length && " \t\r\n".includes(text[i]!)) i++;
  };
  const describe = (): string => i >= text.length ? "the end of the file" : JSON.stringify(text[i]);
  const expect = (char: string, what: string): void => {
    space();
    if (text[i] !== char) throw new JsonSyntaxError(`expected ${what} but found ${describe()}`, i);
    i++;
  };
  const string = (): string => {
    STRING.lastIndex = i;
    const m = STRING.exec(text);
    if (!m) throw new JsonSyntaxError("unterminated or invalid string", i);
    i += m[0].length;
    return JSON.parse(m[0]) as string;
  };

  const value = (): JsonNode => {
    space();
    const at = i;
    const c = text[i];
    if (c === "{") {
      i++;
      const entries: JsonEntry[] = [];
      space();
      if (text[i] === "}") {
        i++;
        return { kind: "object", at, entries };
      }
      for (;;) {
        space();
        if (text[i] !== '"') {
          throw new JsonSyntaxError(`expected a double-quoted key but found ${describe()}`, i);
        }
        const keyAt = i;
        const key = string();
        if (entries.some((entry) => entry.key === key)) {
          throw new JsonSyntaxError(`duplicate key "${key}"`, keyAt);
        }
        expect(":", '":" after the key');
        entries.push({ key, keyAt, value: value() });
        space();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return { kind: "object", at, entries };
        } else throw new JsonSyntaxError(`expected "," or "}" but found ${describe()}`, i);
      }
    }
    if (c === "[") {
      i++;
      const items: JsonNode[] = [];
      space();
      if (text[i] === "]") {
        i++;
        return { kind: "array", at, items };
      }
      for (;;) {
        items.push(value());
        space();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return { kind: "array", at, items };
        } else throw new JsonSyntaxError(`expected "," or "]" but found ${describe()}`, i);
      }
    }
    if (c === '"') return { kind: "string", at, value: string() };
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    if (number) {
      i += number[0].length;
      return { kind: "number", at, value: Number(number[0]) };
    }
    for (const [word, kind, literal] of LITERALS) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return kind === "null"
          ? { kind: "null", at }
          : { kind: "boolean", at, value: literal as boolean };
      }
    }
    throw new JsonSyntaxError(`expected a value but found ${describe()}`, i);
  };

  if (text.charCodeAt(0) === 0xfeff) i = 1;
  const root = value();
  space();
  if (i < text.length) {
    throw new JsonSyntaxError(`expected the end of the file but found ${describe()}`, i);
  }
  return root;
}
