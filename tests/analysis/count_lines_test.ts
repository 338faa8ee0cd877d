import assert from "node:assert/strict";
import { countLines, type LineCounts } from "../../src/analysis/count_lines.ts";
import { detectLanguage } from "../../src/analysis/detect_language.ts";
import { LANGUAGES } from "../../src/analysis/languages.ts";

const FIXTURES = new URL("../fixtures/analysis/lines/", import.meta.url);

/**
 * One fixture and its expected counts, worked out by hand. `kinds` has one
 * letter per line (c code, k comment, b blank); the counts must tally with it.
 * `cloc` notes where cloc 1.96 (Debian) disagrees and why; tokei is not
 * packaged for Debian, so its rules were checked against tokei's own accuracy
 * fixtures instead (see bench/line_count.ts and the report).
 */
interface Case {
  file: string;
  language: string;
  kinds: string;
  expected: Omit<LineCounts, "lines">;
  cloc?: string;
}

const CASES: Case[] = [
  {
    file: "typescript.ts",
    language: "TypeScript",
    // 12: a `/* */` inside `${}` is a comment, but the line is in a template.
    // 15: a regex holding `"` and `/*`. 19: nested templates.
    kinds: "kcbcckkkkccccbcckcc",
    expected: { code: 11, comment: 6, blank: 2 },
    cloc: "10/7/2: cloc counts line 11 (`// inside a template`, in a template literal) as comment",
  },
  {
    file: "tsx.tsx",
    language: "TSX",
    // 1: `@ts-nocheck` keeps `deno check tests/` quiet; no import to resolve.
    // 8: `{/* … */}` keeps its braces, so code. 9: JSX text with `'` and `//`.
    // 14: a whitespace-only line inside a block comment is comment.
    kinds: "kcbkcccccccckkk",
    expected: { code: 9, comment: 5, blank: 1 },
    cloc: "9/4/2: cloc counts the empty line inside the comment as blank",
  },
  {
    file: "javascript.js",
    language: "JavaScript",
    // CRLF endings and no final newline. 1: a shebang is code. 10: regex `/'/`.
    // 11-12: a string continued by `\` at the end of the line.
    kinds: "ccbkkcccccccbk",
    expected: { code: 9, comment: 3, blank: 2 },
    cloc: "8/4/2: cloc counts line 12 (`// still the string`) as a comment",
  },
  {
    file: "python.py",
    language: "Python",
    // 2, 7-10, 23: docstrings (23 has an `r` prefix). 12-15: a string assigned
    // to a name is code, its blank line too. 19: a string inside brackets is code.
    kinds: "kkbcbckkkkcccccckcccbckc",
    expected: { code: 13, comment: 8, blank: 3 },
    cloc: '11/9/4: cloc counts the shebang (1) and `r"""` (23) as code, every' +
      " triple-quoted string (13, 15, 19) as comment, and the blank line 14 as blank",
  },
  {
    file: "go.go",
    language: "Go",
    // 7: C-style comments do not nest. 9-11: a raw string with comment markers.
    kinds: "kcbcbkkkcccbcccckc",
    expected: { code: 10, comment: 5, blank: 3 },
    cloc: "9/6/3: cloc counts line 10 (`// not a comment` in the raw string) as comment",
  },
  {
    file: "rust.rs",
    language: "Rust",
    // 3-7: nested block comments; 6 is still inside the outer one. 10: raw
    // string. 11-12: strings span lines. 17: lifetimes are not char literals.
    kinds: "kbkkkkkccccccccbccck",
    expected: { code: 11, comment: 7, blank: 2 },
    cloc: "13/5/2: cloc does not nest Rust comments, so lines 3, 6 and 7 are code to" +
      " it, and it counts line 12 (inside a string) as comment",
  },
  {
    file: "java.java",
    language: "Java",
    // 4: `/*` inside a comment opens nothing. 9-11: a text block.
    kinds: "cbkkkccccccckbc",
    expected: { code: 9, comment: 4, blank: 2 },
  },
  {
    file: "kotlin.kt",
    language: "Kotlin",
    // 1 and 4-7: nested block comments. 9: `${"…"}` inside a string.
    kinds: "kcbkkkkccccccc",
    expected: { code: 8, comment: 5, blank: 1 },
    cloc: "10/3/1: cloc does not nest Kotlin comments, so lines 1 and 7 are code to it",
  },
  {
    file: "c.c",
    language: "C",
    // 11: code then a block comment opener; 12 is its end, so comment.
    kinds: "cbkcccckkkckck",
    expected: { code: 7, comment: 6, blank: 1 },
  },
  {
    file: "cpp.cpp",
    language: "C++",
    // 4: `R"json(…)json"` holds `")"`. 5-7: a raw string across lines.
    kinds: "cbkccccckk",
    expected: { code: 6, comment: 3, blank: 1 },
    cloc: "5/4/1: cloc counts line 6 (`// inside a raw string`) as comment",
  },
  {
    file: "csharp.cs",
    language: "C#",
    // 6: `@"C:\temp\"` ends at its last quote. 7-9: verbatim string with `""`.
    kinds: "cbkccccccccckc",
    expected: { code: 11, comment: 2, blank: 1 },
    cloc: "9/4/1: cloc counts the comment-like lines 8 and 11 inside strings as comments",
  },
  {
    file: "swift.swift",
    language: "Swift",
    // 1 and 8-10: nested comments. 4: `#"…"#` raw string.
    kinds: "kcbcccckkkc",
    expected: { code: 6, comment: 4, blank: 1 },
    cloc: "7/3/1: cloc does not nest Swift comments (lines 1 and 10 become code) and" +
      " counts line 6, inside a multi-line string, as comment",
  },
  {
    file: "ruby.rb",
    language: "Ruby",
    // 3-6: `=begin`/`=end` at column 0 only; the indented `=end` on 5 ends nothing.
    kinds: "kbkkkkcccccccc",
    expected: { code: 8, comment: 5, blank: 1 },
    cloc: "7/6/1: cloc counts line 12 (`# inside a string`) as comment",
  },
  {
    file: "php.php",
    language: "PHP",
    // 4: `#[Attribute]` is code. 7-8: a string across lines.
    kinds: "ckkcccccbkkkc",
    expected: { code: 7, comment: 5, blank: 1 },
    cloc: "6/6/1: cloc counts line 4 (`#[Attribute]`) as a comment",
  },
  {
    file: "shell.sh",
    language: "Shell",
    // 5: `$#` and 6: `${1#…}` are not comments. 8: no escapes in '…'.
    // 10-11: a string across lines. 13: a tab-only line.
    kinds: "kkcbccccccckb",
    expected: { code: 8, comment: 3, blank: 2 },
  },
  {
    file: "powershell.ps1",
    language: "PowerShell",
    // 1-4: `<# … #>`. 7-9: a here-string. 10: backtick escapes. 12: `''`.
    kinds: "kkkkcbcccckc",
    expected: { code: 6, comment: 5, blank: 1 },
    cloc: "5/6/1: cloc counts line 8 (`# inside a here-string`) as comment",
  },
  {
    file: "sql.sql",
    language: "SQL",
    // 4: `''` inside a string. 9-10: a string across lines holding `/* */`.
    kinds: "kccccbkkccc",
    expected: { code: 7, comment: 3, blank: 1 },
    cloc: "6/4/1: cloc counts line 10 (`a comment */');`) as comment",
  },
  {
    file: "html.html",
    language: "HTML",
    // 5-8: CSS inside <style>; 9-12: JavaScript inside <script>. 15-17: a
    // comment with an empty line, which is comment.
    kinds: "ckccckccckcccbkkkcc",
    expected: { code: 12, comment: 6, blank: 1 },
    cloc: "14/3/2: cloc knows only `<!-- -->` in HTML and counts the empty line in the" +
      " comment as blank",
  },
  {
    file: "css.css",
    language: "CSS",
    // 3-4: `/*` inside strings. 8: `//` is no comment in CSS.
    kinds: "kccccbkkkc",
    expected: { code: 5, comment: 4, blank: 1 },
    cloc: "4/5/1: cloc opens a comment at the `/*` inside the string on line 3, which" +
      " swallows the line break to line 4",
  },
  {
    file: "scss.scss",
    language: "SCSS",
    kinds: "kbcckcc",
    expected: { code: 4, comment: 2, blank: 1 },
  },
  {
    file: "vue.vue",
    language: "Vue",
    // 3: `//` in the template is text. 6-11: TypeScript. 13-16: SCSS.
    kinds: "ckccbckckkcbckcc",
    expected: { code: 9, comment: 5, blank: 2 },
    cloc: "8/6/2: cloc strips `// text</p>` on line 3 with its line break, losing line 4",
  },
  {
    file: "markdown.md",
    language: "Markdown",
    // 3: inline code holds `<!--`. 6-9: a fence; its `<!--` is code, its
    // empty line 8 is blank.
    kinds: "cbckbccbckkkc",
    expected: { code: 6, comment: 4, blank: 3 },
    cloc: "5/5/3: cloc counts line 7 (an HTML comment inside a fence) as comment",
  },
  {
    file: "data.json",
    language: "JSON",
    // JSON has no comments: `/*` and `//` are only text.
    kinds: "cccbcc",
    expected: { code: 5, comment: 0, blank: 1 },
  },
  {
    file: "tsconfig.json",
    language: "JSONC",
    // Detected by file name. 5: `"@/*"` is a string.
    kinds: "ckcccckkc",
    expected: { code: 6, comment: 3, blank: 0 },
    cloc: "9/0/0: cloc reads tsconfig.json as JSON, which has no comments",
  },
  {
    file: "config.yml",
    language: "YAML",
    // 3: `#` inside a URL is not a comment. 4: `Don't` opens no string.
    kinds: "kcccbcckcc",
    expected: { code: 7, comment: 2, blank: 1 },
  },
  {
    file: "config.toml",
    language: "TOML",
    // 4-6: a multi-line string. 7: a literal string, no escapes.
    kinds: "kccccccbk",
    expected: { code: 6, comment: 2, blank: 1 },
    cloc: "5/3/1: cloc counts line 5 (`# inside a multi-line string`) as comment",
  },
  {
    file: "Dockerfile",
    language: "Dockerfile",
    // A `#` is a comment only at the start of a line (5 keeps it as an argument).
    kinds: "kcbkccck",
    expected: { code: 4, comment: 3, blank: 1 },
  },
  {
    file: "Makefile",
    language: "Makefile",
    // 3: `\#` is an escaped hash.
    kinds: "kccbcck",
    expected: { code: 4, comment: 2, blank: 1 },
  },
  {
    file: "lua.lua",
    language: "Lua",
    // 4-6: a level-2 long comment survives `]]`. 8-10: a long string.
    kinds: "kkkkkkcccccb",
    expected: { code: 5, comment: 6, blank: 1 },
    cloc: "4/7/1: cloc counts line 9 (`-- inside a long string`) as comment",
  },
  {
    file: "haskell.hs",
    language: "Haskell",
    // 4-7: nested `{- -}`. 11: primes in names are not quotes.
    kinds: "kcbkkkkccbc",
    expected: { code: 4, comment: 5, blank: 2 },
    cloc: "5/4/2: cloc does not nest `{- -}`, so line 4 ends as code (` like this -}`)",
  },
  {
    file: "scala.scala",
    language: "Scala",
    kinds: "kccckkkc",
    expected: { code: 4, comment: 4, blank: 0 },
    cloc: "5/3/0: cloc does not nest Scala comments, so ` comments */` on line 1 is code",
  },
  {
    file: "dart.dart",
    language: "Dart",
    // 3-5: a multi-line string. 6: Dart comments nest.
    kinds: "kcccckcc",
    expected: { code: 6, comment: 2, blank: 0 },
  },
  {
    file: "elixir.ex",
    language: "Elixir",
    // 3-5: heredoc docs are strings. 6: `?#` is a character literal.
    kinds: "kcccccc",
    expected: { code: 6, comment: 1, blank: 0 },
    cloc: "3/4/0: cloc counts the @moduledoc heredoc as comment",
  },
  {
    file: "perl.pl",
    language: "Perl",
    // 4: `$#a` is code. 6-8: POD.
    kinds: "kcccbkkkc",
    expected: { code: 4, comment: 4, blank: 1 },
    cloc: "8/0/1: cloc 1.96 counted no comment in this file, not even POD or the first line",
  },
  {
    file: "zig.zig",
    language: "Zig",
    // 4-5: `\\` string lines hold `//`.
    kinds: "kccccc",
    expected: { code: 5, comment: 1, blank: 0 },
  },
  {
    file: "default.nix",
    language: "Nix",
    // 4-7: an indented string with `''$` and `'''` escapes.
    kinds: "kckcccc",
    expected: { code: 5, comment: 2, blank: 0 },
    cloc: "4/3/0: cloc counts line 5 (`# inside an indented string`) as comment",
  },
  {
    file: "main.tf",
    language: "HCL",
    kinds: "kkcckkc",
    expected: { code: 3, comment: 4, blank: 0 },
  },
  {
    file: "batch.bat",
    language: "Batch",
    // CRLF. `REM`/`rem`/`::` only start a line; `REMOTE` and `echo rem` are code.
    kinds: "ckkkccb",
    expected: { code: 3, comment: 3, blank: 1 },
  },
  {
    file: "schema.graphql",
    language: "GraphQL",
    // 2-4: descriptions are strings.
    kinds: "kcccccc",
    expected: { code: 6, comment: 1, blank: 0 },
    cloc: '3/4/0: cloc counts the `"""` description (lines 2-4) as comment',
  },
  {
    file: "demo.proto",
    language: "Protocol Buffers",
    kinds: "kckc",
    expected: { code: 2, comment: 2, blank: 0 },
  },
  {
    file: "settings.ini",
    language: "INI",
    // 3: an inline `;` is part of the value.
    kinds: "kcckb",
    expected: { code: 2, comment: 2, blank: 1 },
    cloc: "3/1/1: cloc does not take `#` as an INI comment",
  },
  {
    file: "analysis.R",
    language: "R",
    // 3-4: strings span lines in R.
    kinds: "kccc",
    expected: { code: 3, comment: 1, blank: 0 },
    cloc: "2/2/0: cloc counts line 4 (`# line'`) as comment",
  },
];

function tally(kinds: string): Omit<LineCounts, "lines"> {
  const count = (kind: string) => [...kinds].filter((letter) => letter === kind).length;
  return { code: count("c"), comment: count("k"), blank: count("b") };
}

function readFixture(file: string): Promise<string> {
  return Deno.readTextFile(new URL(file, FIXTURES));
}

for (const { file, language, kinds, expected } of CASES) {
  Deno.test(`countLines() counts ${file} (${language}) exactly`, async () => {
    assert.deepEqual(tally(kinds), expected, "the hand-written line map and counts disagree");
    const text = await readFixture(file);
    assert.equal(detectLanguage(file, text.split("\n", 1)[0]), language);
    assert.deepEqual(countLines(text, language), { ...expected, lines: kinds.length });
  });
}

Deno.test("countLines() covers at least 25 languages with fixtures", () => {
  assert.ok(new Set(CASES.map((entry) => entry.language)).size >= 25);
});

Deno.test("countLines() gives the same counts with LF and CRLF line endings", async () => {
  for (const { file, language } of CASES) {
    const lf = (await readFixture(file)).replaceAll("\r\n", "\n");
    const crlf = lf.replaceAll("\n", "\r\n");
    assert.deepEqual(countLines(crlf, language), countLines(lf, language), file);
  }
});

Deno.test("countLines() ignores comment markers inside strings", () => {
  const text = 'const url = "http://x"; // real comment\nconst s = "/* not a comment */";\n';
  assert.deepEqual(countLines(text, "TypeScript"), { code: 2, comment: 0, blank: 0, lines: 2 });
});

Deno.test("countLines() opens no block comment inside a string", () => {
  const text = 'x = "/*";\ny = 1;\n/* real */\n';
  assert.deepEqual(countLines(text, "C"), { code: 2, comment: 1, blank: 0, lines: 3 });
});

Deno.test("countLines() counts a line with code and a comment as code", () => {
  const text = "int x; // note\n/* a */ int y; /* b */\n/* only */\n";
  assert.deepEqual(countLines(text, "C"), { code: 2, comment: 1, blank: 0, lines: 3 });
});

Deno.test("countLines() nests block comments only where the language does", () => {
  const text = "/* a /* b */ c */\nx\n";
  // Rust nests, so all of line 1 is comment; C ends the comment at the first `*/`.
  assert.deepEqual(countLines(text, "Rust"), { code: 1, comment: 1, blank: 0, lines: 2 });
  assert.deepEqual(countLines(text, "C"), { code: 2, comment: 0, blank: 0, lines: 2 });
});

Deno.test("countLines() counts blank lines inside block comments as comment", () => {
  const text = "/*\n\n   \n*/\n\n";
  assert.deepEqual(countLines(text, "Java"), { code: 0, comment: 4, blank: 1, lines: 5 });
});

Deno.test("countLines() counts multi-line strings as code, blank lines included", () => {
  const text = "const s = `a\n\n// b\n`;\n";
  assert.deepEqual(countLines(text, "JavaScript"), { code: 4, comment: 0, blank: 0, lines: 4 });
});

Deno.test("countLines() counts Python docstrings as comments unless told otherwise", () => {
  const text = 'def f():\n    """Doc\n    more."""\n    return 1\n';
  assert.deepEqual(countLines(text, "Python"), { code: 2, comment: 2, blank: 0, lines: 4 });
  assert.deepEqual(
    countLines(text, "Python", { docStringsAsComments: false }),
    { code: 4, comment: 0, blank: 0, lines: 4 },
  );
});

Deno.test("countLines() counts an assigned or bracketed triple-quoted string as code", () => {
  const text = 'x = """\na\n"""\nf(\n"""b"""\n)\ny = \\\n"""c"""\n';
  assert.deepEqual(countLines(text, "Python"), { code: 8, comment: 0, blank: 0, lines: 8 });
});

Deno.test("countLines() scans template literal substitutions as code", () => {
  const text = "const a = `x ${b /* c */} // d`;\n// e\nconst f = `${`${'}'}`}`; /* g\n*/\n";
  assert.deepEqual(countLines(text, "TypeScript"), { code: 2, comment: 2, blank: 0, lines: 4 });
});

Deno.test("countLines() ends an unclosed one-line string at its line", () => {
  // `'` in `Don't` opens no string that would hide the comment on line 2.
  const text = "<p>Don't</p>\n// comment\n";
  assert.deepEqual(countLines(text, "JSX"), { code: 1, comment: 1, blank: 0, lines: 2 });
});

Deno.test("countLines() reads raw strings whose delimiters hold quotes", () => {
  assert.deepEqual(
    countLines('let s = r##"a "# // b"##;\n// c\n', "Rust"),
    { code: 1, comment: 1, blank: 0, lines: 2 },
  );
  assert.deepEqual(
    countLines('auto s = R"x()" // y)x";\n// c\n', "C++"),
    { code: 1, comment: 1, blank: 0, lines: 2 },
  );
});

Deno.test("countLines() counts text after the last newline as a line when not empty", () => {
  assert.deepEqual(countLines("a\nb", "Python"), { code: 2, comment: 0, blank: 0, lines: 2 });
  assert.deepEqual(countLines("a\n", "Python"), { code: 1, comment: 0, blank: 0, lines: 1 });
  assert.deepEqual(countLines("a\n  ", "Python"), { code: 1, comment: 0, blank: 1, lines: 2 });
  assert.deepEqual(countLines("", "Python"), { code: 0, comment: 0, blank: 0, lines: 0 });
});

Deno.test("countLines() counts only code and blank lines in JSON", () => {
  const text = '{\n  "a": "// b",\n\n  "c": "/* d"\n}\n';
  assert.deepEqual(countLines(text, "JSON"), { code: 4, comment: 0, blank: 1, lines: 5 });
});

Deno.test("countLines() treats a byte-order mark as whitespace", () => {
  assert.deepEqual(countLines("\uFEFF\n# a\n", "Python"), {
    code: 0,
    comment: 1,
    blank: 1,
    lines: 2,
  });
});

Deno.test("countLines() throws RangeError for an unknown language", () => {
  assert.throws(() => countLines("x", "Klingon"), RangeError);
});

Deno.test("countLines() classifies every line of every language exactly once", () => {
  // Unbalanced delimiters of every kind must still give one class per line.
  const text = [
    'a "b',
    "/* c",
    "'''",
    "--[[ d",
    "{- e",
    "<!-- f",
    "=begin",
    "`g ${h",
    'r#"i',
    "",
    "  ",
    "j */ k -} l --> ]] ''' \" `",
    "last",
  ].join("\n");
  for (const language of LANGUAGES) {
    const counts = countLines(text, language.name);
    assert.equal(counts.lines, 13, language.name);
    assert.equal(counts.code + counts.comment + counts.blank, counts.lines, language.name);
  }
});

Deno.test("countLines() gives one class per line for random mixes of all tokens", () => {
  // A seeded generator (mulberry32), so a failure can be replayed.
  let seed = 7;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pieces = [
    "\n",
    "\r\n",
    " ",
    "\t",
    "x",
    "1",
    "'",
    '"',
    "`",
    "${",
    "}",
    "{",
    "(",
    ")",
    "[",
    "]",
    "/",
    "//",
    "/*",
    "*/",
    "#",
    "--",
    "--[[",
    "]]",
    "[==[",
    "]==]",
    "{-",
    "-}",
    "<!--",
    "-->",
    '"""',
    "'''",
    'r#"',
    '"#',
    'R"x(',
    ')x"',
    '@"',
    "\\",
    "=begin",
    "=end",
    "=pod",
    "=cut",
    "<#",
    "#>",
    "''",
    "<script>",
    "</script>",
    '<style lang="scss">',
    "</style>",
    "rem ",
    "::",
    "$#",
    "\\\\",
    "é",
    "🦕",
  ];
  for (let round = 0; round < 40; round++) {
    let text = "";
    const length = Math.floor(random() * 300);
    for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)];
    const expected = text === "" ? 0 : text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
    for (const language of LANGUAGES) {
      const counts = countLines(text, language.name);
      assert.equal(counts.lines, expected, `${language.name}: ${JSON.stringify(text)}`);
      assert.equal(counts.code + counts.comment + counts.blank, counts.lines);
    }
  }
});
