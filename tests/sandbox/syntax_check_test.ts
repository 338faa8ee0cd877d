import assert from "node:assert/strict";
import { checkSyntax, type SyntaxDiagnostic } from "../../src/sandbox/syntax_check.ts";
import { parseCheckOutput, typeCheck } from "../../src/sandbox/type_check.ts";
import { CancelledError } from "../../src/core/mod.ts";

/** An error diagnostic, spelled out once per test. */
function error(
  line: number,
  column: number,
  end: [number, number],
  code: string,
  message: string,
): SyntaxDiagnostic {
  return { line, column, endLine: end[0], endColumn: end[1], message, code, severity: "error" };
}

Deno.test("checkSyntax() reports a missing closing parenthesis", async () => {
  assert.deepEqual(await checkSyntax("console.log(add(1, 2);\n", "typescript"), [
    error(1, 22, [1, 23], "TS1005", "')' expected."),
  ]);
});

Deno.test("checkSyntax() reports an unterminated string at the end of its line", async () => {
  assert.deepEqual(await checkSyntax('const greeting = "hello;\nconst next = 1;\n', "typescript"), [
    error(1, 25, [1, 25], "TS1002", "Unterminated string literal."),
  ]);
});

Deno.test("checkSyntax() reports an unterminated template at the end of the file", async () => {
  assert.deepEqual(
    await checkSyntax("const t = `total: ${1 + 2}\nconst next = 1;\n", "typescript"),
    [
      error(3, 1, [3, 1], "TS1160", "Unterminated template literal."),
    ],
  );
});

Deno.test("checkSyntax() reports an unclosed JSX element in tsx", async () => {
  assert.deepEqual(await checkSyntax("export const view = <div><span>hi</div>;\n", "tsx"), [
    error(1, 27, [1, 31], "TS17008", "JSX element 'span' has no corresponding closing tag."),
  ]);
});

Deno.test("checkSyntax() parses JSX as a regular expression in typescript mode", async () => {
  assert.deepEqual(await checkSyntax("const a = <b>x</b>;\n", "typescript"), [
    error(1, 16, [1, 19], "TS1161", "Unterminated regular expression literal."),
  ]);
});

// Not parse diagnostics: the parser accepts TS syntax in JS files, and the
// program's JS-only syntactic pass reports it.
Deno.test("checkSyntax() reports a type annotation in javascript and jsx as TS8010", async () => {
  const expected = [
    error(1, 10, [1, 16], "TS8010", "Type annotations can only be used in TypeScript files."),
  ];
  assert.deepEqual(await checkSyntax("const n: number = 1;\n", "javascript"), expected);
  assert.deepEqual(await checkSyntax("const n: number = 1;\n", "jsx"), expected);
  assert.deepEqual(await checkSyntax("const n: number = 1;\n", "typescript"), []);
});

Deno.test("checkSyntax() reports interface and as-casts in javascript in source order", async () => {
  assert.deepEqual(await checkSyntax("interface A {}\nconst a = b as A;\n", "javascript"), [
    error(
      1,
      11,
      [1, 12],
      "TS8006",
      "'interface' declarations can only be used in TypeScript files.",
    ),
    error(
      2,
      16,
      [2, 17],
      "TS8016",
      "Type assertion expressions can only be used in TypeScript files.",
    ),
  ]);
});

Deno.test("checkSyntax() returns [] for valid code in every language", async () => {
  assert.deepEqual(
    await checkSyntax(
      "export const add = (a: number, b: number): number => a + b;\n",
      "typescript",
    ),
    [],
  );
  assert.deepEqual(await checkSyntax("export const add = (a, b) => a + b;\n", "javascript"), []);
  assert.deepEqual(
    await checkSyntax("export const v = <div id={1}>{[1].map((n) => <b>{n}</b>)}</div>;\n", "tsx"),
    [],
  );
  assert.deepEqual(await checkSyntax("export const v = <>ok</>;\n", "jsx"), []);
  assert.deepEqual(await checkSyntax("", "typescript"), []);
});

Deno.test("checkSyntax() counts lines and columns the same with CRLF line endings", async () => {
  const lf = 'const a = 1;\nconst b = 2;\n\tconst c = (a +;\nconst s = "abc\n';
  const expected = [
    error(3, 16, [3, 17], "TS1109", "Expression expected."),
    error(4, 15, [4, 15], "TS1002", "Unterminated string literal."),
  ];
  assert.deepEqual(await checkSyntax(lf, "typescript"), expected);
  assert.deepEqual(await checkSyntax(lf.replaceAll("\n", "\r\n"), "typescript"), expected);
});

Deno.test("checkSyntax() parses a 10,000-line file", async () => {
  const lines = Array.from({ length: 10_000 }, (_, i) => `export const v${i}: number = ${i} * 2;`);
  assert.deepEqual(await checkSyntax(lines.join("\n"), "typescript"), []);
  lines[9_999] = "export const broken = (;";
  assert.deepEqual(await checkSyntax(lines.join("\n"), "typescript"), [
    error(10_000, 24, [10_000, 25], "TS1109", "Expression expected."),
  ]);
});

Deno.test("checkSyntax() rejects an unknown language with TypeError", async () => {
  await assert.rejects(checkSyntax("x", "python" as "typescript"), TypeError);
});

// typeCheck() runs the real `deno check` (2–4 s each).

Deno.test("typeCheck() reports TS2322 at 1:7", async () => {
  const result = await typeCheck('const x: number = "s";', {
    language: "typescript",
    timeoutMs: 60_000,
  });
  assert.deepEqual(result.diagnostics, [{
    line: 1,
    column: 7,
    message: "Type 'string' is not assignable to type 'number'.",
    code: "TS2322",
    severity: "error",
  }]);
  assert.equal(result.available, true);
  assert.equal(result.note, undefined);
  assert.ok(result.durationMs > 0);
});

Deno.test("typeCheck() returns [] for valid code", async () => {
  const result = await typeCheck("export const n: number = [1, 2].length;\n", {
    language: "typescript",
    timeoutMs: 60_000,
  });
  assert.deepEqual(result.diagnostics, []);
  assert.equal(result.available, true);
});

Deno.test("typeCheck() stages tsx snippets as main.tsx", async () => {
  const code = [
    "declare global { namespace JSX { interface IntrinsicElements { [name: string]: unknown } } }",
    "declare const React: { createElement(...args: unknown[]): unknown };",
    'export const el = <div className="x" />;',
    'const n: number = "s";',
  ].join("\n");
  const result = await typeCheck(code, { language: "tsx", timeoutMs: 60_000 });
  assert.deepEqual(result.diagnostics.map((d) => [d.line, d.column, d.code]), [[4, 7, "TS2322"]]);
});

Deno.test("typeCheck() never reads local files the snippet imports", async () => {
  const dir = await Deno.makeTempDir({ prefix: "codegen_lab_" });
  try {
    await Deno.writeTextFile(`${dir}/secret.ts`, 'export const token = "hunter2" as const;\n');
    const code = `import { token } from "${dir}/secret.ts";\nconst n: number = token;\n`;
    const result = await typeCheck(code, { language: "typescript", timeoutMs: 60_000 });
    assert.deepEqual(result.diagnostics.map((d) => [d.line, d.column, d.code]), [[
      1,
      23,
      "TS2307",
    ]]);
    assert.ok(!JSON.stringify(result).includes("hunter2"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("typeCheck() kills deno check on timeout and says so in the note", async () => {
  const result = await typeCheck("export const n = 1;\n", { language: "typescript", timeoutMs: 1 });
  assert.deepEqual(result.diagnostics, []);
  assert.equal(result.available, false);
  assert.equal(result.note, "Type check timed out after 1 ms; deno check was killed");
});

Deno.test("typeCheck() kills deno check on abort and throws CancelledError", async () => {
  const controller = new AbortController();
  const pending = typeCheck("export const n = 1;\n", {
    language: "typescript",
    timeoutMs: 60_000,
    signal: controller.signal,
  });
  controller.abort();
  await assert.rejects(
    pending,
    (e: unknown) => e instanceof CancelledError && e.code === "CANCELLED",
  );
});

Deno.test("typeCheck() rejects a non-positive timeout with RangeError", async () => {
  await assert.rejects(typeCheck("", { language: "typescript", timeoutMs: 0 }), RangeError);
});

Deno.test("parseCheckOutput() reads errors, chains and locations, and skips the rest", () => {
  const output = [
    "\x1b[0m\x1b[1mTS2322 \x1b[0m[\x1b[31mERROR\x1b[0m]: Type 'string' is not assignable to type 'number'.",
    'const v: A = { a: { b: "x" } };',
    "                    ^",
    "    at file:///tmp/x/main.ts:2:21",
    "",
    "    The expected type comes from property 'b' which is declared here on type '{ b: number; }'",
    "    interface A { a: { b: number } }",
    "                       ^",
    "        at file:///tmp/x/main.ts:1:20",
    "",
    "TS2345 [ERROR]: Argument of type '{ x: { y: string; }; }' is not assignable to parameter of type '{ x: { y: number; }; }'.",
    "  The types of 'x.y' are incompatible between these types.",
    "    Type 'string' is not assignable to type 'number'.",
    "f(o);",
    "  ^",
    "    at file:///tmp/x/main.ts:3:3",
    "",
    "TS2307 [ERROR]: Cannot find module 'file:///tmp/x/nope.ts'.",
    "    at file:///tmp/x/main.ts:6:19",
    "",
    "TS6385 [WARNING]: 'old' is deprecated.",
    "old();",
    "~~~",
    "    at file:///tmp/x/other.ts:9:1",
    "",
    "Found 3 errors.",
    "",
    "error: Type checking failed.",
  ].join("\r\n");
  const diagnostics: SyntaxDiagnostic[] = [
    {
      line: 2,
      column: 21,
      message: "Type 'string' is not assignable to type 'number'.",
      code: "TS2322",
      severity: "error",
    },
    {
      line: 3,
      column: 3,
      message: "Argument of type '{ x: { y: string; }; }' is not assignable to parameter of type " +
        "'{ x: { y: number; }; }'.\n  The types of 'x.y' are incompatible between these types.\n" +
        "    Type 'string' is not assignable to type 'number'.",
      code: "TS2345",
      severity: "error",
    },
    {
      line: 6,
      column: 19,
      message: "Cannot find module 'file:///tmp/x/nope.ts'.",
      code: "TS2307",
      severity: "error",
    },
  ];
  const warning: SyntaxDiagnostic = {
    line: 9,
    column: 1,
    message: "'old' is deprecated.",
    code: "TS6385",
    severity: "warning",
  };
  assert.deepEqual(parseCheckOutput(output), [...diagnostics, warning]);
  assert.deepEqual(parseCheckOutput(output, { file: "/tmp/x/main.ts" }), diagnostics);
  assert.deepEqual(parseCheckOutput(output, { file: "file:///tmp/x/main.ts" }), diagnostics);
});

Deno.test("parseCheckOutput() reads Deno's syntax and module-graph errors", () => {
  const output = [
    "error: SyntaxError: Expression expected",
    "  |",
    "1 | const x = (;",
    "  |            ~",
    "    at file:///tmp/x/main.ts:1:12",
    'error: Requires import access to "example.com:443", run again with the --allow-import flag',
    "    at file:///tmp/x/main.ts:7:8",
  ].join("\n");
  assert.deepEqual(parseCheckOutput(output), [
    { line: 1, column: 12, message: "SyntaxError: Expression expected", severity: "error" },
    {
      line: 7,
      column: 8,
      message:
        'Requires import access to "example.com:443", run again with the --allow-import flag',
      severity: "error",
    },
  ]);
});

Deno.test("parseCheckOutput() returns [] for empty output and bare summaries", () => {
  assert.deepEqual(parseCheckOutput(""), []);
  assert.deepEqual(parseCheckOutput("Found 1 error.\n\nerror: Type checking failed.\n"), []);
});
