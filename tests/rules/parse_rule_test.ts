import assert from "node:assert/strict";
// Inline until deno.json maps "fast-check"; then import it as "fast-check".
import fc from "fast-check";
import {
  decodeRuleBytes,
  type GlobStyle,
  type ParsedRule,
  parseRule,
  serializeRule,
} from "../../src/rules/parse_rule.ts";
import { ruleTypeOf } from "../../src/rules/rule_type.ts";

const FIXTURES = new URL("../fixtures/rules/parse/", import.meta.url);

/** How a fixture's text parses. */
interface ExpectedParse {
  type: string;
  description: string | null;
  globs: string[];
  alwaysApply: boolean | null;
  alwaysApplyInvalid: string | null;
  globStyle: GlobStyle;
  diagnostics: string[];
  diagnosticLines?: number[];
  extends?: string[];
  unknownKeys?: string[];
  eol?: string;
  bom?: boolean;
  body?: string;
  bodyStartLine?: number;
  hasFrontmatter?: boolean;
  frontmatterClosed?: boolean;
  frontmatterEndLine?: number;
}

/** One entry of expected.json: how the text parses, or why its bytes are refused. */
type Expected = ExpectedParse | { decode: string };

const expected: Record<string, Expected> = JSON.parse(
  await Deno.readTextFile(new URL("expected.json", FIXTURES)),
);

async function fixtureNames(): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(FIXTURES)) {
    if (entry.isFile && entry.name.endsWith(".mdc")) names.push(entry.name);
  }
  return names.sort();
}

async function readFixture(name: string): Promise<string> {
  const decoded = decodeRuleBytes(await Deno.readFile(new URL(name, FIXTURES)));
  if (!("text" in decoded)) throw new Error(`Fixture ${name} is not text`);
  return decoded.text;
}

/** The view of a parse that expected.json describes. */
function summary(rule: ParsedRule, want: ExpectedParse): Record<string, unknown> {
  const got: Record<string, unknown> = {
    type: ruleTypeOf(rule),
    description: rule.description ?? null,
    globs: rule.globs,
    alwaysApply: rule.alwaysApply ?? null,
    alwaysApplyInvalid: rule.alwaysApplyInvalid ?? null,
    globStyle: rule.globStyle,
    diagnostics: rule.diagnostics.map((d) => d.code),
  };
  if (want.diagnosticLines) got.diagnosticLines = rule.diagnostics.map((d) => d.line);
  const optional = [
    "extends",
    "unknownKeys",
    "eol",
    "bom",
    "body",
    "bodyStartLine",
    "hasFrontmatter",
    "frontmatterClosed",
    "frontmatterEndLine",
  ] as const;
  for (const key of optional) if (key in want) got[key] = rule[key];
  return got;
}

Deno.test("expected.json lists every fixture and nothing else", async () => {
  const names = await fixtureNames();
  assert.ok(names.length >= 40, `only ${names.length} fixtures`);
  assert.deepEqual(Object.keys(expected).sort(), names);
});

Deno.test("parseRule() reads every fixture as expected.json says", async (t) => {
  for (const name of await fixtureNames()) {
    await t.step(name, async () => {
      const want = expected[name]!;
      const decoded = decodeRuleBytes(await Deno.readFile(new URL(name, FIXTURES)));
      if ("decode" in want) {
        assert.ok("diagnostic" in decoded, `${name} should be refused`);
        assert.equal(decoded.diagnostic.code, want.decode);
        return;
      }
      assert.ok("text" in decoded, `${name} should decode`);
      assert.deepEqual(summary(parseRule(decoded.text), want), want);
    });
  }
});

Deno.test("serializeRule() reproduces every fixture byte for byte", async () => {
  for (const name of await fixtureNames()) {
    if ("decode" in expected[name]!) continue;
    const text = await readFixture(name);
    assert.equal(serializeRule(parseRule(text)), text, name);
  }
});

Deno.test("parseRule() keeps unquoted globs that start with *", () => {
  const rule = parseRule("---\nglobs: *.ts, **/*.tsx\n---\n");
  assert.deepEqual(rule.globs, ["*.ts", "**/*.tsx"]);
  assert.deepEqual(rule.diagnostics, []);
});

Deno.test("parseRule() keeps a brace set such as *.{ts,tsx} as one glob", () => {
  const rule = parseRule("---\nglobs: src/*.{ts,tsx},lib/[a,b]*.js\n---\n");
  assert.deepEqual(rule.globs, ["src/*.{ts,tsx}", "lib/[a,b]*.js"]);
  assert.equal(rule.globStyle.braces, true);
  assert.equal(rule.globStyle.spaceAfterComma, false);
});

Deno.test("parseRule() reads a description containing a colon whole", () => {
  const rule = parseRule("---\ndescription: When: editing SQL: migrations\n---\n");
  assert.equal(rule.description, "When: editing SQL: migrations");
});

Deno.test("parseRule() treats alwaysApply values other than true and false as invalid", () => {
  for (const value of ['"true"', "'false'", "True", "TRUE", "yes", "on", "1", "true # c"]) {
    const rule = parseRule(`---\nalwaysApply: ${value}\n---\n`);
    assert.equal(rule.alwaysApply, undefined, value);
    assert.equal(rule.alwaysApplyInvalid, value);
  }
  assert.equal(parseRule("---\nalwaysApply:  true \n---\n").alwaysApply, true);
  assert.equal(parseRule("---\nalwaysApply: false\n---\n").alwaysApply, false);
});

Deno.test("parseRule() reports an unclosed frontmatter and reads the whole file as body", () => {
  const text = "---\nglobs: *.ts\nBody\n";
  const rule = parseRule(text);
  assert.equal(rule.hasFrontmatter, true);
  assert.equal(rule.frontmatterClosed, false);
  assert.deepEqual(rule.fields, []);
  assert.deepEqual(rule.globs, []);
  assert.equal(rule.body, text);
  assert.equal(rule.bodyStartLine, 1);
  const [diagnostic] = rule.diagnostics;
  assert.equal(diagnostic?.code, "frontmatter-unclosed");
  assert.equal(diagnostic?.severity, "error");
  assert.equal(diagnostic?.line, 1);
  assert.match(diagnostic?.hint ?? "", /---/);
  assert.doesNotMatch(diagnostic?.message ?? "", /\.$/);
});

Deno.test("parseRule() lets the last duplicate key win and warns at its line", () => {
  const rule = parseRule("---\nglobs: *.js\n  globs: *.mjs\nglobs: *.cjs\n---\n");
  assert.deepEqual(rule.globs, ["*.cjs"]);
  // The indented line continues the first globs (a plain multi-line value).
  assert.equal(rule.fields.length, 2);
  assert.deepEqual(rule.diagnostics.map((d) => [d.code, d.severity, d.line, d.column]), [
    ["frontmatter-duplicate-key", "warning", 4, 1],
  ]);
  assert.equal(
    rule.diagnostics[0]?.message,
    'Duplicate frontmatter key "globs": line 4 overrides line 2',
  );
});

Deno.test("parseRule() reports a line without colon with its line and column", () => {
  const rule = parseRule("---\ndescription: x\n# ok\nnot a field\n---\n");
  assert.deepEqual(rule.diagnostics.map((d) => ({ ...d, message: "", hint: "" })), [{
    code: "frontmatter-line-invalid",
    severity: "error",
    message: "",
    hint: "",
    line: 4,
    column: 1,
    endLine: 4,
    endColumn: 12,
  }]);
  assert.equal(rule.description, "x");
});

Deno.test("parseRule() records lines, value columns and continuation spans of fields", () => {
  const text = "---\ndescription:  Hi\nglobs:\n  - a\n\n  # skip\n  - b\n\nalwaysApply:\n---\n";
  assert.deepEqual(parseRule(text).fields, [
    { key: "description", rawValue: "Hi", line: 2, valueColumn: 15, lineCount: 1 },
    { key: "globs", rawValue: "\n  - a\n\n  # skip\n  - b", line: 3, valueColumn: 7, lineCount: 5 },
    { key: "alwaysApply", rawValue: "", line: 9, valueColumn: 13, lineCount: 1 },
  ]);
});

Deno.test("parseRule() ends a block scalar at a line that is not indented", () => {
  const rule = parseRule("---\ndescription: |\n  one\n\n    two\n# comment\nglobs: *.md\n---\n");
  assert.equal(rule.description, "one\n\n  two");
  assert.deepEqual(rule.globs, ["*.md"]);
  assert.equal(rule.fields[0]?.lineCount, 4);
});

Deno.test("parseRule() keeps the byte order mark out of the body and the columns", () => {
  const rule = parseRule("\ufeff---\r\nfoo bar\r\n---\r\nBody");
  assert.equal(rule.bom, true);
  assert.equal(rule.eol, "\r\n");
  assert.equal(rule.body, "Body");
  assert.equal(rule.diagnostics[0]?.column, 1);
  assert.equal(parseRule("\ufeffBody").body, "Body");
});

Deno.test("parseRule() takes eol from the first line ending", () => {
  assert.equal(parseRule("a\nb\r\n").eol, "\n");
  assert.equal(parseRule("a\r\nb\n").eol, "\r\n");
  assert.equal(parseRule("one line").eol, "\n");
  assert.equal(parseRule("\r\n").eol, "\r\n");
});

Deno.test("parseRule() does not take ---- or an indented --- as a delimiter", () => {
  assert.equal(parseRule("----\nglobs: a\n----\n").hasFrontmatter, false);
  const indented = parseRule("  ---\nglobs: a\n---\n");
  assert.equal(indented.hasFrontmatter, false);
  assert.deepEqual(indented.diagnostics.map((d) => [d.code, d.line, d.column]), [
    ["frontmatter-not-at-start", 1, 3],
  ]);
});

Deno.test("parseRule() does not warn about a --- that is not the first non-blank line", () => {
  assert.deepEqual(parseRule("# Title\n---\nglobs: a\n---\n").diagnostics, []);
});

Deno.test("parseRule() finds the closing --- quickly in a file with a 2 MB body", () => {
  const body = "Some rule text with --- dashes and globs: *.ts\n---\n".repeat(42_000);
  assert.ok(body.length > 2_000_000);
  const text = `---\r\ndescription: Big\r\nglobs: *.ts\r\n---\r\n${body}`;
  const start = performance.now();
  const rule = parseRule(text);
  const unclosed = parseRule(`---\nglobs: *.ts\n${"no delimiter here\n".repeat(120_000)}`);
  const elapsed = performance.now() - start;
  assert.equal(rule.body, body);
  assert.deepEqual(rule.globs, ["*.ts"]);
  assert.equal(serializeRule(rule), text);
  assert.equal(unclosed.diagnostics[0]?.code, "frontmatter-unclosed");
  assert.ok(elapsed < 500, `took ${elapsed.toFixed(0)} ms`);
});

Deno.test("parseRule() parses 10,000 typical 2 KB rules in well under a second", () => {
  const body = "- Prefer small, pure functions; name them after what they return.\n".repeat(28);
  const texts = Array.from(
    { length: 10_000 },
    (_, i) =>
      `---\ndescription: Rule number ${i}: use it when editing module ${i}\nglobs: src/m${i}/**/*.ts, tests/m${i}/*.{ts,tsx}\nalwaysApply: false\n---\n# Rule ${i}\n\n${body}`,
  );
  assert.ok(texts[0]!.length > 1900 && texts[0]!.length < 2200);
  for (const text of texts.slice(0, 500)) parseRule(text); // warm up the JIT
  const start = performance.now();
  let globs = 0;
  for (const text of texts) globs += parseRule(text).globs.length;
  const elapsed = performance.now() - start;
  assert.equal(globs, 20_000);
  assert.ok(elapsed < 1000, `took ${elapsed.toFixed(0)} ms`);
});

Deno.test("parseRule() stays fast and never throws on pathological frontmatter", () => {
  const n = 200_000;
  const texts = [
    `---\nglobs: ${'"'.repeat(n)}\n---\n`,
    `---\nglobs: ${"\"'".repeat(n)}\n---\n`,
    `---\nglobs: ${"{".repeat(n)}${",".repeat(n)}\n---\n`,
    `---\nglobs: |\n  a${" ".repeat(n)}b\n---\n`,
    `---\ndescription: "${"\\".repeat(n)}"\n---\n`,
    `---\nglobs:\n${"\n".repeat(n)}  - a\n---\n`,
    `---\n${"globs: a\n".repeat(n / 10)}---\n`,
    `---${" ".repeat(n)}`,
  ];
  const start = performance.now();
  for (const text of texts) assert.equal(serializeRule(parseRule(text)), text);
  const elapsed = performance.now() - start;
  assert.ok(elapsed < 2000, `took ${elapsed.toFixed(0)} ms`);
});

/** Strings made of the pieces frontmatter is made of, plus arbitrary text. */
const frontmatterish = fc.array(
  fc.oneof(
    fc.constantFrom(
      "---",
      "---\n",
      "\n",
      "\r\n",
      "\r",
      ":",
      ": ",
      " ",
      "\t",
      "  ",
      "description",
      "globs",
      "alwaysApply",
      "extends",
      "true",
      "*",
      "**/*.ts",
      ",",
      ", ",
      '"',
      "'",
      "\\",
      "[",
      "]",
      "{",
      "}",
      "- ",
      "#",
      "|",
      ">",
      "\ufeff",
      "\0",
    ),
    fc.string({ maxLength: 8 }),
  ),
  { maxLength: 80 },
).map((parts) => parts.join(""));

Deno.test("parseRule() never throws and serializeRule() round-trips any string", () => {
  fc.assert(
    fc.property(fc.oneof(frontmatterish, fc.string({ unit: "binary", maxLength: 200 })), (text) => {
      const rule = parseRule(text);
      assert.equal(serializeRule(rule), text);
      for (const d of rule.diagnostics) assert.ok(d.line >= 1 && d.column >= 1);
    }),
    { numRuns: 3000 },
  );
});

Deno.test("parseRule() never throws on text that starts with a frontmatter", () => {
  fc.assert(
    fc.property(frontmatterish, frontmatterish, (head, tail) => {
      const text = `---\n${head}\n---\n${tail}`;
      assert.equal(serializeRule(parseRule(text)), text);
    }),
    { numRuns: 3000 },
  );
});

Deno.test("serializeRule() writes back changed values, body and byte order mark", () => {
  const rule = parseRule("---\r\n# keep\r\nglobs: *.js\r\n---\r\nOld\r\n");
  rule.globs = ["*.ts", "*.tsx"];
  rule.description = "New: one";
  rule.body = "New\r\n";
  rule.bom = true;
  assert.equal(
    serializeRule(rule),
    "\ufeff---\r\n# keep\r\ndescription: New: one\r\nglobs: *.ts,*.tsx\r\n---\r\nNew\r\n",
  );
  const withBom = parseRule("\ufeffx");
  withBom.bom = false;
  assert.equal(serializeRule(withBom), "x");
});

Deno.test("serializeRule() removes a key whose value was set to undefined", () => {
  const rule = parseRule("---\ndescription: x\nalwaysApply: true\n---\n");
  delete rule.alwaysApply;
  assert.equal(serializeRule(rule), "---\ndescription: x\n---\n");
});

Deno.test("decodeRuleBytes() returns the text with its byte order mark", () => {
  const bytes = new TextEncoder().encode("\ufeff---\nglobs: *.ts\n---\n");
  assert.deepEqual(decodeRuleBytes(bytes), { text: "\ufeff---\nglobs: *.ts\n---\n" });
});

Deno.test("decodeRuleBytes() refuses NUL bytes as binary content with their position", () => {
  const result = decodeRuleBytes(new Uint8Array([0x61, 0x0a, 0x62, 0x63, 0x00]));
  assert.ok("diagnostic" in result);
  assert.equal(result.diagnostic.code, "binary-content");
  assert.equal(result.diagnostic.severity, "error");
  assert.deepEqual([result.diagnostic.line, result.diagnostic.column], [2, 3]);
});

Deno.test("decodeRuleBytes() refuses Windows-1252 text and points at the first bad byte", () => {
  const result = decodeRuleBytes(new Uint8Array([0x61, 0x0a, 0xe2, 0x82, 0xac, 0x20, 0x93, 0x0a]));
  assert.ok("diagnostic" in result);
  assert.equal(result.diagnostic.code, "invalid-utf8");
  assert.deepEqual([result.diagnostic.line, result.diagnostic.column], [2, 5]);
  assert.match(result.diagnostic.message, /0x93/);
  assert.match(result.diagnostic.hint, /UTF-8/);
});

Deno.test("decodeRuleBytes() refuses UTF-16 and says so", () => {
  const result = decodeRuleBytes(new Uint8Array([0xff, 0xfe, 0x2d, 0x00]));
  assert.ok("diagnostic" in result);
  assert.equal(result.diagnostic.code, "invalid-utf8");
  assert.match(result.diagnostic.message, /UTF-16/);
});

Deno.test("decodeRuleBytes() refuses overlong and surrogate encodings", () => {
  for (const bytes of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]]) {
    const result = decodeRuleBytes(new Uint8Array(bytes));
    assert.ok("diagnostic" in result, bytes.join(","));
    assert.equal(result.diagnostic.code, "invalid-utf8");
    assert.equal(result.diagnostic.column, 1);
  }
});
