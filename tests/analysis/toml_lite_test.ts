import assert from "node:assert/strict";
import fc from "fast-check";
import { parseTomlLite } from "../../src/analysis/_toml_lite.ts";

Deno.test("parseTomlLite() reads tables, dotted keys and quoted keys", () => {
  const doc = parseTomlLite(
    [
      "top = 1",
      "[package]",
      'name = "demo"',
      '"quoted.key" = "q"',
      "a.b.c = true",
      "[target.'cfg(unix)'.dependencies]",
      'nix = "0.27"',
      '[tool . "my tool"]',
      "x = 2",
    ].join("\n"),
  );
  assert.deepEqual(doc, {
    top: 1,
    package: { name: "demo", "quoted.key": "q", a: { b: { c: true } } },
    target: { "cfg(unix)": { dependencies: { nix: "0.27" } } },
    tool: { "my tool": { x: 2 } },
  });
});

Deno.test("parseTomlLite() reads multi-line arrays with comments and a trailing comma", () => {
  const doc = parseTomlLite(`deps = [
  "fastapi>=0.110",  # web
  # a comment line
  'pydantic',
  [1, 2], [],
]
after = "x"
`);
  assert.deepEqual(doc, { deps: ["fastapi>=0.110", "pydantic", [1, 2], []], after: "x" });
});

Deno.test("parseTomlLite() reads inline tables, nested and in arrays", () => {
  const doc = parseTomlLite(
    'tokio = { version = "1", features = ["full"], meta.deep = { ok = true } }\n' +
      'list = [{ name = "a" }, { name = "b", n = 2 }]\nempty = {}\n',
  );
  assert.deepEqual(doc, {
    tokio: { version: "1", features: ["full"], meta: { deep: { ok: true } } },
    list: [{ name: "a" }, { name: "b", n: 2 }],
    empty: {},
  });
});

Deno.test("parseTomlLite() reads arrays of tables and their sub-tables", () => {
  const doc = parseTomlLite(`[[package]]
name = "a"
[package.source]
registry = "pypi"
[[package]]
name = "b"
`);
  assert.deepEqual(doc, { package: [{ name: "a", source: { registry: "pypi" } }, { name: "b" }] });
});

Deno.test("parseTomlLite() decodes basic, literal and multi-line strings", () => {
  const doc = parseTomlLite(
    [
      String.raw`basic = "tab\there \"q\" \u00e9\U0001F600 back\\slash"`,
      String.raw`literal = 'C:\path\no escape'`,
      'multi = """',
      "first \\",
      '    second"""',
      "raw = '''",
      "keep \\n as is",
      "'''",
      'quotes = """a""""',
    ].join("\n"),
  );
  assert.deepEqual(doc, {
    basic: 'tab\there "q" é😀 back\\slash',
    literal: "C:\\path\\no escape",
    multi: "first second",
    raw: "keep \\n as is\n",
    quotes: 'a"',
  });
});

Deno.test("parseTomlLite() reads numbers, booleans and keeps dates as strings", () => {
  const doc = parseTomlLite(
    "int = 1_000\nneg = -7\nhex = 0xff\nflt = 3.5e2\nyes = true\nno = false\n" +
      "pinf = inf\nninf = -inf\nday = 1979-05-27\nstamp = 1979-05-27T07:32:00Z\n",
  );
  assert.deepEqual(doc, {
    int: 1000,
    neg: -7,
    hex: 255,
    flt: 350,
    yes: true,
    no: false,
    pinf: Infinity,
    ninf: -Infinity,
    day: "1979-05-27",
    stamp: "1979-05-27T07:32:00Z",
  });
  assert.ok(Number.isNaN(parseTomlLite("x = nan").x));
});

Deno.test("parseTomlLite() handles CRLF line endings", () => {
  assert.deepEqual(parseTomlLite('[a]\r\nb = "c"\r\nd = [\r\n  1,\r\n]\r\n'), {
    a: { b: "c", d: [1] },
  });
});

Deno.test("parseTomlLite() skips malformed statements and keeps reading", () => {
  const doc = parseTomlLite(`good = 1
this is not toml
bad = "unterminated
open = [1, 2
next = "kept"
bare = word
[broken
lost = "not put in the table before"
[fine]
ok = true
`);
  assert.deepEqual(doc, { good: 1, next: "kept", fine: { ok: true } });
});

Deno.test("parseTomlLite() lets a later duplicate key win", () => {
  assert.deepEqual(parseTomlLite('a = 1\na = "two"\n'), { a: "two" });
});

Deno.test("parseTomlLite() keeps __proto__ as plain data", () => {
  const doc = parseTomlLite("__proto__ = { polluted = true }\n[constructor]\nprototype = 1\n");
  assert.ok(Object.hasOwn(doc, "__proto__"));
  assert.deepEqual(Object.keys(doc), ["__proto__", "constructor"]);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

Deno.test("parseTomlLite() never throws, whatever the input", () => {
  const toml = fc.array(
    fc.constantFrom(
      "[",
      "]",
      "[[",
      "{",
      "}",
      "=",
      ",",
      '"',
      "'",
      '"""',
      "#",
      "\n",
      "a",
      "1",
      ".",
      " ",
    ),
    { maxLength: 40 },
  ).map((parts) => parts.join(""));
  fc.assert(
    fc.property(fc.oneof(fc.string(), toml), (text) => {
      const doc = parseTomlLite(text);
      assert.equal(typeof doc, "object");
    }),
    { numRuns: 2000 },
  );
});
