import assert from "node:assert/strict";
import fc from "fast-check";
import { type LanguageDefinition, LANGUAGES } from "../../src/analysis/languages.ts";
import { stripComments } from "../../src/analysis/strip_comments.ts";

function language(name: string): LanguageDefinition {
  const found = LANGUAGES.find((candidate) => candidate.name === name);
  assert.ok(found, `no language ${name}`);
  return found;
}

/** Strips `lines.join("\n")` and compares with `expected.join("\n")`. */
function assertStrips(name: string, lines: string[], expected: string[]): void {
  assert.equal(stripComments(lines.join("\n"), language(name)), expected.join("\n"));
}

Deno.test("stripComments() keeps comment markers inside TypeScript strings, templates and regexes", () => {
  assertStrips("TypeScript", [
    "// header comment",
    "/**",
    " * JSDoc block",
    " */",
    'const url = "http://example.com"; // trailing',
    "const s = '/* not a comment */';",
    "const t = `// kept ${value /* dropped */} /* kept */`;",
    "const re = /\\/\\/ not a comment/g; // dropped",
    "const ratio = a / b; /* dropped */ const c = 1;",
    "a/* tight */b;",
    "",
  ], [
    'const url = "http://example.com";',
    "const s = '/* not a comment */';",
    "const t = `// kept ${value } /* kept */`;",
    "const re = /\\/\\/ not a comment/g;",
    "const ratio = a / b; const c = 1;",
    "a b;",
    "",
  ]);
});

Deno.test("stripComments() keeps the shebang and the line structure of code", () => {
  assertStrips("TypeScript", [
    "#!/usr/bin/env -S deno run",
    "",
    "let a = 1; /* a block",
    "   that ends */ let b = 2;",
    "",
    "export {};",
  ], [
    "#!/usr/bin/env -S deno run",
    "",
    "let a = 1;",
    "let b = 2;",
    "",
    "export {};",
  ]);
});

Deno.test("stripComments() never merges tokens: a comment between two slashes becomes a space", () => {
  const ts = language("TypeScript");
  assert.equal(stripComments("x = a //**/ b;\ny = a //* c */ / b;\n", ts), "x = a\ny = a\n");
  assert.equal(stripComments("y = a //**/\nz = 1 /**//**/ / 2;\n", ts), "y = a\nz = 1 / 2;\n");
  assert.equal(stripComments("f(a/**//b/);\n", ts), "f(a /b/);\n");
});

Deno.test("stripComments() removes Python comments but keeps docstrings and # in strings", () => {
  assertStrips("Python", [
    "#!/usr/bin/env python3",
    "# module comment",
    "def f(x):",
    '    """Docstring with # a hash."""',
    '    s = "# not a comment"  # a comment',
    "    return s  # done",
    "",
  ], [
    "#!/usr/bin/env python3",
    "def f(x):",
    '    """Docstring with # a hash."""',
    '    s = "# not a comment"',
    "    return s",
    "",
  ]);
});

Deno.test("stripComments() removes nested Rust block comments whole and keeps raw strings", () => {
  assertStrips("Rust", [
    "#![allow(dead_code)] // inner attribute, not a shebang",
    "/* outer /* inner */ still outer */",
    "fn main() { /* a /* b */ c */ }",
    'let s = r#"/* raw */ // raw"#;',
    "/// doc comment",
    "let c = '\"'; // char",
  ], [
    "#![allow(dead_code)]",
    "fn main() { }",
    'let s = r#"/* raw */ // raw"#;',
    "let c = '\"';",
  ]);
});

Deno.test("stripComments() removes HTML comments and the comments of <script>", () => {
  assertStrips("HTML", [
    "<!-- page comment -->",
    "<p>Hello <!-- inline --> world</p>",
    "<script>",
    "  // a JavaScript comment",
    '  const a = "<!-- kept -->"; /* b */',
    "</script>",
  ], [
    "<p>Hello world</p>",
    "<script>",
    '  const a = "<!-- kept -->";',
    "</script>",
  ]);
});

Deno.test("stripComments() keeps shell $# and ${#x}, and # inside words and quotes", () => {
  assertStrips("Shell", [
    "#!/bin/sh",
    "# a comment",
    'echo "$#" $# ${#x} a#b "# quoted" # a comment',
    "  # indented comment",
    "exit 0",
  ], [
    "#!/bin/sh",
    'echo "$#" $# ${#x} a#b "# quoted"',
    "exit 0",
  ]);
});

Deno.test("stripComments() removes SQL -- and /* */ comments but not inside quotes", () => {
  assertStrips("SQL", [
    "-- header",
    "SELECT '--not', 'it''s -- still a string' -- comment",
    "FROM t /* block */ WHERE a = 1;",
  ], [
    "SELECT '--not', 'it''s -- still a string'",
    "FROM t WHERE a = 1;",
  ]);
});

Deno.test("stripComments() keeps CRLF line endings", () => {
  assert.equal(
    stripComments("// c\r\nconst a = 1; // c\r\n\r\nconst b = 2;\r\n", language("TypeScript")),
    "const a = 1;\r\n\r\nconst b = 2;\r\n",
  );
});

Deno.test("stripComments() returns the same string when there is no comment", () => {
  const text = 'const a = "// x";\nlet b = `/* y */`;\r\n  \n';
  assert.equal(stripComments(text, language("TypeScript")), text);
  assert.equal(stripComments("", language("Python")), "");
});

Deno.test("stripComments() throws RangeError for a language that is not in LANGUAGES", () => {
  assert.throws(
    () => stripComments("x", { name: "Klingon", extensions: ["tlh"] }),
    RangeError,
  );
});

const PIECES = [
  "/",
  "*",
  "//",
  "/*",
  "*/",
  '"',
  "'",
  "`",
  "${",
  "}",
  "#",
  "--",
  "<!--",
  "-->",
  "\n",
  "\r\n",
  " ",
  "\t",
  "a",
  "x = 1",
  "\\",
  "$#",
  'r#"',
  '"#',
  '"""',
  "<script>",
  "</script>",
  "#!",
  "(*",
  "*)",
  "{-",
  "-}",
];
const STRIPPED = [
  "TypeScript",
  "Python",
  "Rust",
  "HTML",
  "Shell",
  "SQL",
  "Haskell",
  "Ruby",
  "Lua",
  "C++",
];

Deno.test("stripComments() is idempotent (property)", () => {
  const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) =>
    parts.join("")
  );
  fc.assert(
    fc.property(text, fc.constantFrom(...STRIPPED), (input, name) => {
      const once = stripComments(input, language(name));
      assert.equal(stripComments(once, language(name)), once);
    }),
    { numRuns: 3000 },
  );
});

Deno.test("stripComments() never changes a text without comment markers (property)", () => {
  const pieces = PIECES.filter((piece) => !/[\/#*-]/.test(piece));
  const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) =>
    parts.join("")
  );
  fc.assert(
    fc.property(text, fc.constantFrom("TypeScript", "Python", "Rust", "C++"), (input, name) => {
      assert.equal(stripComments(input, language(name)), input);
    }),
    { numRuns: 2000 },
  );
});
