import assert from "node:assert/strict";
// Inline until deno.json maps "fast-check"; then import it as "fast-check".
import fc from "fast-check";
import { CodegenError } from "../../src/core/mod.ts";
import { editRule } from "../../src/rules/edit_rule.ts";
import { decodeRuleBytes, parseRule } from "../../src/rules/parse_rule.ts";

const FIXTURES = new URL("../fixtures/rules/parse/", import.meta.url);

/** Every fixture that decodes as text and has a usable (closed or absent) frontmatter. */
async function editableFixtures(): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for await (const entry of Deno.readDir(FIXTURES)) {
    if (!entry.name.endsWith(".mdc")) continue;
    const decoded = decodeRuleBytes(await Deno.readFile(new URL(entry.name, FIXTURES)));
    if (!("text" in decoded)) continue;
    const rule = parseRule(decoded.text);
    if (rule.hasFrontmatter && !rule.frontmatterClosed) continue;
    texts.set(entry.name, decoded.text);
  }
  return new Map([...texts].sort(([a], [b]) => a.localeCompare(b)));
}

async function fixture(name: string): Promise<string> {
  // ignoreBOM keeps the byte order mark in the text, as decodeRuleBytes does.
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(
    await Deno.readFile(new URL(name, FIXTURES)),
  );
}

/** Lines with their terminators, so line-ending changes count as changes. */
function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * Asserts that `after` differs from `before` only by replacing the lines
 * `removed` (1-based, inclusive range of `before`; empty range for a pure
 * insertion at `from`) with `added`.
 */
function assertOnlyLinesChanged(
  before: string,
  after: string,
  from: number,
  to: number,
  added: string[],
): void {
  const a = linesOf(before);
  const b = linesOf(after);
  assert.deepEqual(b.slice(0, from - 1), a.slice(0, from - 1), "lines before the edit");
  assert.deepEqual(b.slice(from - 1, from - 1 + added.length), added, "edited lines");
  assert.deepEqual(b.slice(from - 1 + added.length), a.slice(to), "lines after the edit");
}

Deno.test("editRule() replaces globs in place and keeps CRLF line endings", async () => {
  const text = await fixture("crlf.mdc");
  assert.equal(
    editRule(text, { globs: ["*.cs", "src/**/*.csx"] }),
    "---\r\ndescription: Windows line endings\r\nglobs: *.cs,src/**/*.csx\r\nalwaysApply: false\r\n---\r\nUse `var` when the type is obvious.\r\n",
  );
});

Deno.test("editRule() keeps the byte order mark and every other line", async () => {
  const text = await fixture("bom_crlf.mdc");
  assert.equal(
    editRule(text, { description: "Visual Basic", alwaysApply: false }),
    "\ufeff---\r\ndescription: Visual Basic\r\nglobs: *.vb\r\nalwaysApply: false\r\n---\r\n' Visual Basic rules\r\n",
  );
});

Deno.test("editRule() keeps comments, blank lines and unknown keys", async () => {
  assert.equal(
    editRule(await fixture("comments_and_blank_lines.mdc"), { alwaysApply: true }),
    "---\n# Owned by the web team\n\ndescription: Frontend rules\n  # an indented comment\nglobs: web/**/*.tsx\n\nalwaysApply: true\n# trailing comment\n---\nUse semantic HTML.\n",
  );
  assert.equal(
    editRule(await fixture("unknown_keys.mdc"), { description: null, fields: { priority: "low" } }),
    "---\nglobs: *.java\nalwaysApply: false\npriority: low\ntags: [backend, java]\nversion: 1.2\n---\nExtra keys are kept.\n",
  );
});

Deno.test("editRule() writes globs unquoted with no space after commas", async () => {
  assert.equal(
    editRule(await fixture("globs_flow_list.mdc"), { globs: [" **/*.ts ", "", "**/*.tsx"] }),
    "---\ndescription:\nglobs: **/*.ts,**/*.tsx\nalwaysApply: false\n---\nThe late-2025 docs used this form.\n",
  );
});

Deno.test("editRule() collapses a YAML block list into one line", async () => {
  const text = await fixture("globs_block_list_comments.mdc");
  const edited = editRule(text, { globs: ["src/**/*.rs"] });
  assert.equal(edited, "---\nglobs: src/**/*.rs\ndescription: Rust\n---\nPrefer iterators.\n");
});

Deno.test("editRule() never quotes a description, even one containing a colon", () => {
  assert.equal(
    editRule("---\ndescription: old\n---\n", { description: 'Use when: "editing" SQL # now' }),
    '---\ndescription: Use when: "editing" SQL # now\n---\n',
  );
});

Deno.test("editRule() joins the lines of a description with spaces", () => {
  assert.equal(
    editRule("---\ndescription: >\n  old\n  text\nglobs:\n---\n", {
      description: "one\r\n  two\n\nthree ",
    }),
    "---\ndescription: one two three\nglobs:\n---\n",
  );
});

Deno.test("editRule() quotes a description only when it would not read back", () => {
  const quoted = editRule("", { description: '"Hello" and "bye"' });
  assert.equal(quoted, '---\ndescription: "\\"Hello\\" and \\"bye\\""\n---\n');
  assert.equal(parseRule(quoted).description, '"Hello" and "bye"');
  assert.equal(parseRule(editRule("", { description: ">-" })).description, ">-");
});

Deno.test("editRule() writes alwaysApply as true or false", async () => {
  const edited = editRule(await fixture("always_apply_quoted_true.mdc"), { alwaysApply: true });
  assert.match(edited, /\nalwaysApply: true\n/);
  assert.equal(parseRule(edited).alwaysApply, true);
});

Deno.test("editRule() writes extends as a flow list", async () => {
  assert.equal(
    editRule(await fixture("extends_block_list.mdc"), { extends: ["base-style", "go"] }),
    "---\nextends: [base-style, go]\nalwaysApply: true\n---\nInherits two rules.\n",
  );
  assert.equal(
    editRule("---\nglobs: *.go\n---\n", { extends: [] }),
    "---\nglobs: *.go\nextends: []\n---\n",
  );
});

Deno.test("editRule() removes a key and all its lines when given null", async () => {
  assert.equal(
    editRule(await fixture("globs_yaml_block_list.mdc"), { globs: null, alwaysApply: null }),
    "---\ndescription: Python service rules\n---\nUse type hints everywhere.\n",
  );
  assert.equal(
    editRule(await fixture("description_block_folded.mdc"), { description: null }),
    "---\nglobs:\nalwaysApply: false\n---\nFolded block scalar.\n",
  );
});

Deno.test("editRule() leaves an absent key absent when removing it", () => {
  const text = "---\nglobs: *.ts\n---\n";
  assert.equal(editRule(text, { description: null, fields: { owner: null } }), text);
  assert.equal(editRule("Body only\n", { globs: null }), "Body only\n");
});

Deno.test("editRule() inserts new keys in canonical order", () => {
  assert.equal(
    editRule("---\nalwaysApply: false\n---\n", { globs: ["*.ts"], description: "TS" }),
    "---\ndescription: TS\nglobs: *.ts\nalwaysApply: false\n---\n",
  );
  assert.equal(
    editRule("---\ndescription: x\npriority: high\n---\n", { globs: ["*.ts"] }),
    "---\ndescription: x\nglobs: *.ts\npriority: high\n---\n",
  );
});

Deno.test("editRule() adds other new keys before the closing ---", () => {
  assert.equal(
    editRule("---\r\ndescription: x\n---\r\n", { fields: { owner: "web" }, extends: ["base"] }),
    "---\r\ndescription: x\nextends: [base]\nowner: web\n---\r\n",
  );
  assert.equal(editRule("---\n---\n", { fields: { owner: "" } }), "---\nowner:\n---\n");
});

Deno.test("editRule() creates a frontmatter after the BOM with the file's line ending", async () => {
  assert.equal(
    editRule("\ufeff# Title\r\nText\r\n", { alwaysApply: false, globs: ["*.md"], description: "" }),
    "\ufeff---\r\ndescription:\r\nglobs: *.md\r\nalwaysApply: false\r\n---\r\n# Title\r\nText\r\n",
  );
  assert.equal(
    editRule(await fixture("empty.mdc"), { description: "New rule" }),
    "---\ndescription: New rule\n---\n",
  );
  assert.equal(
    editRule(await fixture("frontmatter_not_first_line.mdc"), { alwaysApply: true }),
    "---\nalwaysApply: true\n---\n\n---\ndescription: Starts on line 2\nglobs: *.ts\n---\nBody\n",
  );
});

Deno.test("editRule() throws on an unclosed frontmatter instead of guessing", async () => {
  const text = await fixture("unclosed.mdc");
  assert.throws(() => editRule(text, { globs: ["*.ts"] }), (error: unknown) => {
    assert.ok(error instanceof CodegenError);
    assert.equal(error.code, "VALIDATION_FAILED");
    assert.match(error.message, /line 1 has no closing "---" line$/);
    assert.match(error.hint ?? "", /Add a line containing only "---"/);
    return true;
  });
  assert.equal(editRule(text, {}), text);
});

Deno.test("editRule() rewrites the last duplicate key and removes the earlier ones", async () => {
  assert.equal(
    editRule(await fixture("duplicate_keys.mdc"), { globs: ["*.js"] }),
    "---\ndescription: First description\ndescription: Second description\nglobs: *.js\n---\nThe last one wins.\n",
  );
  assert.equal(
    editRule(await fixture("duplicate_keys.mdc"), { description: null }),
    "---\nglobs: *.js\nglobs: *.mjs, *.cjs\n---\nThe last one wins.\n",
  );
});

Deno.test("editRule() keeps the key's indentation and the space before its value", () => {
  assert.equal(
    editRule("---\n  globs:\t *.js  \n  description:\n---\n", {
      globs: ["*.ts"],
      description: "d",
    }),
    "---\n  globs:\t *.ts\n  description: d\n---\n",
  );
});

Deno.test("editRule() writes an empty list or description as a bare key", () => {
  assert.equal(
    editRule("---\ndescription: x\nglobs: *.ts\n---\n", { description: "  ", globs: [] }),
    "---\ndescription:\nglobs:\n---\n",
  );
});

Deno.test("editRule() replaces the body and nothing else", async () => {
  assert.equal(
    editRule(await fixture("bom_crlf.mdc"), { body: "New body\n" }),
    "\ufeff---\r\nglobs: *.vb\r\n---\r\nNew body\n",
  );
  assert.equal(editRule(await fixture("unclosed.mdc"), { body: "B" }), "B");
  assert.equal(editRule("\ufeffold", { body: "new" }), "\ufeffnew");
});

Deno.test("editRule() refuses globs and extends that would not read back as given", () => {
  for (
    const globs of [["a,b"], ['"*.ts"'], ["[ab]"], ["a\nb"], ["src/*.{ts", "tsx}"], ["|"]]
  ) {
    assert.throws(() => editRule("", { globs }), TypeError, JSON.stringify(globs));
  }
  assert.throws(() => editRule("", { extends: ["a, b"] }), TypeError);
  assert.throws(() => editRule("", { extends: ['"quoted"'] }), TypeError);
  assert.doesNotThrow(() => editRule("", { globs: ["src/*.{ts,tsx}", "[ab]*.md"] }));
});

Deno.test("editRule() refuses malformed field keys and a key set twice", () => {
  for (const key of ["", " x", "a:b", "#x", "- x", "a\nb"]) {
    assert.throws(() => editRule("", { fields: { [key]: "v" } }), TypeError, key);
  }
  assert.throws(() => editRule("", { fields: { k: "a\nb" } }), TypeError);
  assert.throws(
    () => editRule("", { globs: ["a"], fields: { globs: "b" } }),
    /Cannot edit "globs" twice/,
  );
});

Deno.test("editRule() changes only the edited field's lines in every fixture", async () => {
  for (const [name, text] of await editableFixtures()) {
    const rule = parseRule(text);
    const matches = rule.fields.filter((field) => field.key === "globs");
    const edited = editRule(text, { globs: ["lib/**/*.ts", "*.md"] });
    const eol = (line: number): string => linesOf(text)[line - 1]!.endsWith("\r\n") ? "\r\n" : "\n";
    if (!rule.hasFrontmatter) {
      assert.equal(
        edited,
        `${
          rule.bom ? "\ufeff" : ""
        }---${rule.eol}globs: lib/**/*.ts,*.md${rule.eol}---${rule.eol}${rule.body}`,
        name,
      );
      continue;
    }
    assert.deepEqual(parseRule(edited).globs, ["lib/**/*.ts", "*.md"], name);
    if (matches.length === 0) {
      // Inserted before the first key that comes after globs (alwaysApply or another key).
      const before = rule.fields.find((field) => !["description", "globs"].includes(field.key));
      const at = before?.line ?? rule.frontmatterEndLine!;
      assertOnlyLinesChanged(
        text.replace(/^\ufeff/, ""),
        edited.replace(/^\ufeff/, ""),
        at,
        at - 1,
        [`globs: lib/**/*.ts,*.md${eol(at - 1)}`],
      );
      continue;
    }
    if (matches.length > 1) continue; // duplicates: see the duplicate-key test
    const field = matches[0]!;
    const last = field.line + field.lineCount - 1;
    const prefix = linesOf(text)[field.line - 1]!.slice(0, field.valueColumn - 1).replace(
      /:$/,
      ": ",
    );
    assertOnlyLinesChanged(
      text.replace(/^\ufeff/, ""),
      edited.replace(/^\ufeff/, ""),
      field.line,
      last,
      [`${prefix}lib/**/*.ts,*.md${eol(last)}`],
    );
    assert.equal(edited.startsWith("\ufeff"), rule.bom, name);
  }
});

Deno.test("editRule() inserts a missing key as one new line and keeps every other line", async () => {
  for (const [name, text] of await editableFixtures()) {
    const rule = parseRule(text);
    if (!rule.frontmatterClosed || rule.fields.some((field) => field.key === "owner")) continue;
    const edited = editRule(text, { fields: { owner: "web" } });
    const closing = rule.frontmatterEndLine!;
    const eol = linesOf(text.replace(/^\ufeff/, ""))[closing - 2]!.endsWith("\r\n") ? "\r\n" : "\n";
    assertOnlyLinesChanged(
      text.replace(/^\ufeff/, ""),
      edited.replace(/^\ufeff/, ""),
      closing,
      closing - 1,
      [`owner: web${eol}`],
    );
    assert.deepEqual(parseRule(edited).unknownKeys.at(-1), "owner", name);
  }
});

/** Globs without commas, quotes, line breaks or surrounding brackets. */
const globArb = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_.*?/!\- é日]{1,12}$/),
  fc.constantFrom("*.ts", "src/**/*.{ts,tsx}", "**/[a-z]*.md", "docs/**", "*"),
).filter((glob) => glob.trim() !== "" && !/^[|>]/.test(glob.trim()));

Deno.test("editRule() writes any globs so that they parse back the same", async () => {
  const texts = [...(await editableFixtures()).values()];
  fc.assert(
    fc.property(
      fc.constantFrom(...texts),
      fc.array(globArb, { minLength: 1, maxLength: 6 }),
      (text, globs) => {
        const edited = editRule(text, { globs });
        assert.deepEqual(parseRule(edited).globs, globs.map((glob) => glob.trim()));
        assert.equal(parseRule(edited).globStyle.spaceAfterComma, false);
      },
    ),
    { numRuns: 2000 },
  );
});

/** What a description reads back as: line breaks become single spaces, then trimmed. */
function normalizeDescription(description: string): string {
  return description.split(/\r\n|\r|\n/).map((part) => part.trim()).filter((part) => part !== "")
    .join(" ");
}

Deno.test("editRule() writes any description so that it parses back the same", async () => {
  const texts = [...(await editableFixtures()).values()];
  const description = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.array(fc.constantFrom('"', "'", ":", ": ", "\\", "#", "|", ">", "-", "\n", " ", "x"), {
      maxLength: 8,
    }).map((parts) => parts.join("")),
  ).filter((text) => normalizeDescription(text) !== "");
  fc.assert(
    fc.property(fc.constantFrom(...texts), description, (text, value) => {
      const edited = editRule(text, { description: value });
      assert.equal(parseRule(edited).description, normalizeDescription(value));
    }),
    { numRuns: 3000 },
  );
});
