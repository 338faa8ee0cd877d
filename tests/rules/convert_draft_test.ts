import assert from "node:assert/strict";
import fc from "fast-check";
import { convertDraft, type ConvertedDraft } from "../../src/rules/convert_draft.ts";
import { parseRule } from "../../src/rules/parse_rule.ts";
import { type RuleType, ruleTypeOf } from "../../src/rules/rule_type.ts";

const DRAFTS = new URL("../fixtures/rules/drafts/", import.meta.url);

/** Reads a fixture exactly (no BOM stripping, CRLF kept). */
async function fixture(name: string): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(
    await Deno.readFile(new URL(name, DRAFTS)),
  );
}

/** Asserts what every conversion must give: a rule that parses cleanly and agrees with itself. */
function assertWellFormed(result: ConvertedDraft): void {
  const parsed = parseRule(result.text);
  const errors = parsed.diagnostics.filter((d) => d.severity === "error");
  assert.deepEqual(errors, [], "no error diagnostics");
  assert.ok(parsed.hasFrontmatter && parsed.frontmatterClosed, "a closed frontmatter");
  assert.equal(result.type, ruleTypeOf(parsed));
  assert.equal(result.path, `${result.category}/${result.name}.mdc`);
  assert.match(result.name, /^[\p{Ll}\p{Lo}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{N}]+)*$/u);
  assert.ok(result.text.endsWith("\n"));
  assert.match(result.text, /\n# .*\r?\n\r?\n## Context\r?\n/);
}

/** The globs of the rule converted from a one-filter draft. */
function globsOf(type: string, pattern: string): { globs: string[]; warnings: string[] } {
  const draft = `<rule>\nname: x\nfilters:\n  - type: ${type}\n    pattern: ${
    JSON.stringify(pattern)
  }\n</rule>\n`;
  const result = convertDraft(draft, "x.mdc.md");
  return { globs: parseRule(result.text).globs, warnings: result.warnings };
}

interface GoldenCase {
  file: string;
  name: string;
  category: string;
  type: RuleType;
  warnings: string[];
}

/**
 * npm:yaml reads the LOG_TOKENS and LOG_STREAM environment variables while
 * parsing; without permission to read them the converter skips it and only
 * the "not valid YAML" warning is missing (the text is the same).
 */
const YAML_RUNS = ["LOG_TOKENS", "LOG_STREAM"].every((variable) =>
  Deno.permissions.querySync({ name: "env", variable }).state === "granted"
);
const ifYaml = (warning: string): string[] => (YAML_RUNS ? [warning] : []);

const NO_EXAMPLES = "the draft has no examples; add a valid and an invalid <example> by hand";
const NO_VALID = "the draft has no valid example; add one by hand";
const NO_INVALID = "the draft has no invalid example; add one by hand";
const inContext = (pattern: string, type: string): string =>
  `filter pattern ${pattern} (${type}) cannot become a glob; kept in Context`;

const GOLDEN: GoldenCase[] = [
  {
    file: "chezmoi_templates.mdc.md",
    name: "chezmoi-templates",
    category: "core-rules",
    type: "auto-attached",
    warnings: [
      "the frontmatter is on line 5 instead of line 1; read it there",
      inContext(String.raw`(?i)\{\{.*chezmoi\..*\}\}`, "content"),
      NO_INVALID,
    ],
  },
  {
    file: "commit_messages.mdc.md",
    name: "conventional-commit-messages",
    category: "tool-rules",
    type: "agent-requested",
    warnings: [
      inContext("(pre_commit|commit_msg)", "event"),
      inContext("(?i)(commit|git log|changelog)", "message"),
      inContext("(?s).*", "file_modification"),
      inContext("(?i)staged changes", "context"),
    ],
  },
  {
    file: "crlf_draft.mdc.md",
    name: "csharp-naming",
    category: "core-rules",
    type: "auto-attached",
    warnings: [],
  },
  {
    file: "emoji_communication.mdc.md",
    name: "emoji-communication",
    category: "global-rules",
    type: "always",
    warnings: [
      inContext(".*", "message"),
      'read alwaysApply "true" as true; Cursor only accepts a bare true',
      "alwaysApply is true, so Cursor ignores the description and globs",
    ],
  },
  {
    file: "empty.mdc.md",
    name: "empty",
    category: "core-rules",
    type: "manual",
    warnings: [
      "the draft is empty; wrote a rule with only its name",
      "found nothing for Context; describe when the rule applies",
      NO_EXAMPLES,
    ],
  },
  {
    file: "frontmatter_globs.mdc.md",
    name: "frontend-typescript",
    category: "core-rules",
    type: "auto-attached",
    warnings: [
      "rewrote the draft's globs without spaces after commas, as Cursor expects",
      "kept the draft's globs *.ts,src/**/*.{ts,tsx}; its filters give **/*.tsx,**/*.ts,src/**",
      "glob src/**/*.{ts,tsx} has a brace set, which some Cursor versions do not match; convert with expandBraces to write src/**/*.ts,src/**/*.tsx",
    ],
  },
  {
    file: "github_workflows.mdc.md",
    name: "github-actions-uv",
    category: "core-rules",
    type: "auto-attached",
    warnings: [
      "the <rule> block on line 10 is never closed; read it to the end of the draft",
      inContext("< 100KB", "file_size"),
      NO_VALID,
    ],
  },
  {
    file: "invalid_yaml.mdc.md",
    name: "markdown-docs",
    category: "core-rules",
    type: "auto-attached",
    warnings: [
      ...ifYaml(
        "the <rule> block on line 10 is not valid YAML (error on line 12); read it line by line",
      ),
      "could not read draft line 18 in the <rule> block on line 10; left it out",
      NO_VALID,
    ],
  },
  {
    file: "makefile_targets.mdc.md",
    name: "makefile-targets",
    category: "tool-rules",
    type: "auto-attached",
    warnings: [inContext(String.raw`(?i)\b(make|target|makefile)\b`, "message"), NO_INVALID],
  },
  {
    file: "no_committed_secrets.mdc.md",
    name: "no-committed-secrets",
    category: "core-rules",
    type: "auto-attached",
    warnings: [
      inContext(String.raw`(?i)(api[_-]?key|secret|password)\s*[:=]`, "content"),
      inContext("file_create|file_save", "event"),
    ],
  },
  {
    file: "pytest_fixtures.mdc.md",
    name: "pytest-fixture-standards",
    category: "testing-rules",
    type: "auto-attached",
    warnings: [inContext(String.raw`(?i)(@pytest\.fixture|conftest|yield)`, "content")],
  },
  {
    file: "python_standards.mdc.md",
    name: "python-standards",
    category: "core-rules",
    type: "auto-attached",
    warnings: [
      "merged 2 <rule> blocks (python-type-hints, python-import-order) into one rule named after the file",
      inContext("def ", "content"),
      inContext("^(import|from) ", "content"),
      "kept 4 lines of free Markdown from the draft after Examples",
    ],
  },
  {
    file: "react_components.mdc.md",
    name: "react-component-conventions",
    category: "core-rules",
    type: "auto-attached",
    warnings: [
      "filter pattern (?i)^src/(components|features)/ (file_path) ignores case; the glob src/components/**,src/features/** may not",
      String
        .raw`filter pattern ^[A-Z][A-Za-z0-9]+\.tsx$ (file_name) cannot become a glob ([A-Za-z0-9]+ repeats a character); kept in Context`,
      inContext(String.raw`(?i)export\s+(default\s+)?function`, "content"),
    ],
  },
  {
    file: "ruff_guide.mdc.md",
    name: "ruff-guide",
    category: "core-rules",
    type: "auto-attached",
    warnings: [
      "the draft has no <rule> block; its Markdown became Critical Rules",
      "rewrote the draft's globs without quotes, as Cursor expects",
      NO_EXAMPLES,
    ],
  },
];

for (const golden of GOLDEN) {
  Deno.test(`convertDraft() converts ${golden.file} to its golden file`, async () => {
    const draft = await fixture(golden.file);
    const result = convertDraft(draft, golden.file);
    const expected = await fixture(`expected/${golden.file.replace(/\.mdc\.md$/, ".mdc")}`);
    assert.equal(result.text, expected);
    assert.deepEqual(
      { name: result.name, category: result.category, type: result.type },
      { name: golden.name, category: golden.category, type: golden.type },
    );
    assert.equal(result.path, `${golden.category}/${golden.name}.mdc`);
    assert.deepEqual(result.warnings, golden.warnings);
    assertWellFormed(result);
    assert.equal(convertDraft(draft, golden.file).text, result.text, "converting twice");
  });
}

Deno.test("convertDraft() has a golden case for every draft fixture", async () => {
  const files: string[] = [];
  for await (const entry of Deno.readDir(DRAFTS)) {
    if (entry.isFile && entry.name.endsWith(".mdc.md")) files.push(entry.name);
  }
  assert.deepEqual(files.sort(), GOLDEN.map((golden) => golden.file).sort());
  assert.ok(files.length >= 12);
});

Deno.test("convertDraft() gives at least one valid and one invalid example when the draft has both", async () => {
  for (
    const file of ["pytest_fixtures", "no_committed_secrets", "python_standards", "crlf_draft"]
  ) {
    const { text } = convertDraft(await fixture(`${file}.mdc.md`), `${file}.mdc.md`);
    assert.match(text, /\n<example>\r?\n {2}\S/, file);
    assert.match(text, /\n<example type="invalid">\r?\n {2}\S/, file);
  }
});

Deno.test("convertDraft() keeps CRLF line endings of the draft", async () => {
  const { text } = convertDraft(await fixture("crlf_draft.mdc.md"), "crlf_draft.mdc.md");
  assert.equal(text.replaceAll("\r\n", "").includes("\n"), false);
  assert.ok(text.startsWith("---\r\ndescription: C# naming conventions\r\nglobs: **/*.cs\r\n"));
});

Deno.test("convertDraft() turns path regexes into Cursor globs", () => {
  const cases: Array<[string, string, string[]]> = [
    ["file_extension", String.raw`\.py$`, ["**/*.py"]],
    ["file_extension", String.raw`\.(ts|tsx)$`, ["**/*.ts", "**/*.tsx"]],
    ["file_extension", String.raw`\.tsx?$`, ["**/*.tsx", "**/*.ts"]],
    ["file_extension", String.raw`\.(?:ya?ml|json)$`, ["**/*.yaml", "**/*.yml", "**/*.json"]],
    ["file_path", "^src/", ["src/**"]],
    ["file_path", "tests?/", ["**/tests/**", "**/test/**"]],
    ["file_path", String.raw`src/.*/__init__\.py`, ["**/src/**/__init__.py"]],
    ["file_path", ".*/mcp/.*", ["**/mcp/**"]],
    ["file_path", String.raw`^\.github/workflows/[^/]+\.ya?ml$`, [
      ".github/workflows/*.yaml",
      ".github/workflows/*.yml",
    ]],
    ["file_path", ".*", ["**/*"]],
    ["file_path", String.raw`uv\.lock`, ["**/uv.lock"]],
    ["file_name", String.raw`(Makefile|.*\.mk)$`, ["**/Makefile", "**/*.mk"]],
    ["file_name", String.raw`(README\.md$|.*\.md$)`, ["**/README.md", "**/*.md"]],
    ["file_name", String.raw`\_test\.py$`, ["**/*_test.py"]],
    ["file_name", String.raw`^\.env`, ["**/.env*"]],
    ["file_name", "^[Dd]ockerfile$", ["**/[Dd]ockerfile"]],
    ["path", String.raw`\.chezmoi.*`, ["**/.chezmoi*"]],
    ["directory", "^docs", ["docs/**"]],
    ["directory", "fixtures/", ["**/fixtures/**"]],
    ["file_extension", "*.md", ["*.md"]],
  ];
  for (const [type, pattern, globs] of cases) {
    assert.deepEqual(globsOf(type, pattern).globs, globs, `${type} ${pattern}`);
  }
});

Deno.test("convertDraft() keeps regexes that cannot become globs in Context, with the reason", () => {
  const cases: Array<[string, string, string]> = [
    ["file_path", String.raw`^\d+_migration\.py$`, String.raw`\d has no glob equivalent`],
    ["file_path", String.raw`^(?!vendor/)`, "lookarounds and named groups have no glob equivalent"],
    ["file_name", "^a{2}$", "counted repeats ({n}) have no glob equivalent"],
    ["file_name", "^x+$", "x+ repeats a character"],
    ["file_path", "(?x)src", "flag (?x) has no glob equivalent"],
    ["file_path", String.raw`a^b`, "an anchor (^ or $) stands inside the pattern"],
    ["file_path", String.raw`a\,b`, '"," is special in globs'],
    ["file_path", "(src", 'it has an unclosed "("'],
  ];
  for (const [type, pattern, reason] of cases) {
    const result = globsOf(type, pattern);
    assert.deepEqual(result.globs, [], pattern);
    assert.deepEqual(result.warnings, [
      `filter pattern ${pattern} (${type}) cannot become a glob (${reason}); kept in Context`,
      "the <rule> block on line 1 has no action messages",
      NO_EXAMPLES,
    ]);
  }
});

Deno.test("convertDraft() expands brace sets when asked, and warns either way", async () => {
  const draft = await fixture("frontmatter_globs.mdc.md");
  const result = convertDraft(draft, "frontmatter_globs.mdc.md", { expandBraces: true });
  assert.deepEqual(parseRule(result.text).globs, ["*.ts", "src/**/*.ts", "src/**/*.tsx"]);
  assert.ok(result.text.includes("\nglobs: *.ts,src/**/*.ts,src/**/*.tsx\n"));
  assert.ok(
    result.warnings.includes(
      "expanded the brace set in src/**/*.{ts,tsx} into src/**/*.ts,src/**/*.tsx; some Cursor versions do not match brace sets",
    ),
  );
  assertWellFormed(result);
});

Deno.test("convertDraft() appends the type suffix when asked", async () => {
  const cases: Array<[string, string]> = [
    ["makefile_targets", "tool-rules/makefile-targets-auto.mdc"],
    ["commit_messages", "tool-rules/conventional-commit-messages-agent.mdc"],
    ["emoji_communication", "global-rules/emoji-communication-always.mdc"],
    ["empty", "core-rules/empty-manual.mdc"],
  ];
  for (const [file, path] of cases) {
    const result = convertDraft(await fixture(`${file}.mdc.md`), `${file}.mdc.md`, {
      typeSuffix: true,
    });
    assert.equal(result.path, path);
  }
});

Deno.test("convertDraft() replaces a type suffix that disagrees with the rule", () => {
  const draft =
    "<rule>\nname: lint-manual\nfilters:\n  - type: file_extension\n    pattern: py$\n</rule>\n";
  const agreeing = convertDraft(draft.replace("lint-manual", "lint-auto"), "x.mdc.md", {
    typeSuffix: true,
  });
  assert.equal(agreeing.name, "lint-auto");
  const result = convertDraft(draft, "x.mdc.md", { typeSuffix: true });
  assert.equal(result.name, "lint-auto");
  assert.ok(
    result.warnings.includes(
      "renamed lint-manual: its suffix says manual but the rule is auto-attached",
    ),
  );
});

Deno.test("convertDraft() names the rule after the block, else the file", () => {
  const named = convertDraft("<rule>\nname: PythonTesting_rules\n</rule>\n", "a/b/other.mdc.md");
  assert.equal(named.name, "python-testing-rules");
  assert.equal(named.category, "testing-rules");
  const unnamed = convertDraft(
    "<rule>\ndescription: Something\n</rule>\n",
    "hack/drafts/My_Rule.mdc.md",
  );
  assert.equal(unnamed.name, "my-rule");
  assert.ok(
    unnamed.warnings.includes("the <rule> block has no name; named the rule after the file"),
  );
  const nothing = convertDraft("", "???.mdc.md");
  assert.equal(nothing.name, "converted-rule");
  assert.ok(nothing.warnings.includes("found no usable name; named the rule converted-rule"));
});

Deno.test("convertDraft() chooses the category from tags, then the name, then the type", () => {
  const category = (name: string, tags: string[], always = false): string => {
    const front = always ? "---\nalwaysApply: true\n---\n" : "";
    const tagLines = tags.map((tag) => `    - ${tag}`).join("\n");
    return convertDraft(
      `${front}<rule>\nname: ${name}\nmetadata:\n  tags:\n${tagLines}\n</rule>\n`,
      "x.mdc.md",
    ).category;
  };
  assert.equal(category("api-style", ["jest"]), "testing-rules");
  assert.equal(category("api-style", ["test-fixes"]), "testing-rules");
  assert.equal(category("api-style", ["docker", "testing"]), "testing-rules");
  assert.equal(category("docker-compose", ["python"]), "tool-rules");
  assert.equal(category("pytest-tools", ["cli"]), "tool-rules");
  assert.equal(category("api-style", ["global"]), "global-rules");
  assert.equal(category("api-style", ["python"], true), "global-rules");
  assert.equal(category("api-style", ["python"]), "core-rules");
});

Deno.test("convertDraft() reads drafts whose frontmatter is unclosed or doubled", () => {
  const unclosed = convertDraft("---\ndescription: Lint SQL\nglobs: *.sql\n# SQL\n", "sql.mdc.md");
  assert.equal(unclosed.type, "auto-attached");
  assert.match(
    unclosed.text,
    /^---\ndescription: Lint SQL\nglobs: \*\.sql\nalwaysApply: false\n---\n# SQL\n/,
  );
  assert.equal(
    unclosed.warnings[0],
    "the frontmatter on line 1 is never closed; read lines 2-3 as frontmatter",
  );
  const doubled = convertDraft(
    "---\ndescription: Rules location\nglobs:\n---\n---\ndescription: Other\nglobs: *.mdc\n---\n# Location\n",
    "loc.mdc.md",
  );
  assert.deepEqual(parseRule(doubled.text).globs, ["*.mdc"]);
  assert.equal(parseRule(doubled.text).description, "Rules location");
  assert.equal(
    doubled.warnings[0],
    "the draft has a second frontmatter on line 5; used its values where the first is empty",
  );
});

Deno.test("convertDraft() reports what it leaves out of a block", () => {
  const draft = [
    "<rule>",
    "name: x",
    "owner: web-team",
    "actions:",
    "  - type: analyze_repo",
    "    script: |",
    "      find . -name '*.py'",
    "    message: Look around first",
    "metadata:",
    "  links:",
    "    docs: https://example.com",
    "</rule>",
  ].join("\n");
  const result = convertDraft(draft, "x.mdc.md");
  assert.deepEqual(result.warnings, [
    'ignored "script" of action 1 of the <rule> block on line 1',
    "ignored metadata.links of the <rule> block on line 1: it is not a value",
    'ignored key "owner" of the <rule> block on line 1',
    "found nothing for Context; describe when the rule applies",
    NO_EXAMPLES,
  ]);
  assert.ok(result.text.includes("\n- Look around first\n"));
});

Deno.test("convertDraft() keeps unknown frontmatter keys and reads alwaysApply leniently", () => {
  const result = convertDraft("---\nowner: web\nalwaysApply: yes\n---\n# X\n", "x.mdc.md");
  assert.ok(
    result.text.startsWith("---\ndescription:\nglobs:\nalwaysApply: true\nowner: web\n---\n"),
  );
  assert.ok(
    result.warnings.includes("read alwaysApply yes as true; Cursor only accepts a bare true"),
  );
  assert.ok(result.warnings.includes("kept frontmatter owner, which Cursor ignores"));
  const invalid = convertDraft("---\nalwaysApply: maybe\n---\n# X\n", "x.mdc.md");
  assert.equal(invalid.type, "manual");
  assert.ok(invalid.warnings.includes("ignored alwaysApply maybe: it is neither true nor false"));
});

Deno.test("convertDraft() drops a byte order mark", () => {
  const result = convertDraft("\ufeff# Title\n\nSome rule text.\n", "bom.mdc.md");
  assert.ok(result.text.startsWith("---\ndescription:\n"));
  assertWellFormed(result);
});

Deno.test("convertDraft() never throws, even when called with values that are not strings", () => {
  const values = [undefined, null, 42, {}, ["<rule>"]] as unknown as string[];
  for (const value of values) {
    assertWellFormed(convertDraft(value, value));
    assertWellFormed(convertDraft("<rule>\nname: x\n</rule>", "x.mdc.md", value as never));
  }
});

/** Draft-like text built from the pieces real drafts are made of. */
const draftPieces = fc.array(
  fc.oneof(
    fc.constantFrom(
      "---",
      "<rule>",
      "</rule>",
      "```",
      "# Title",
      "## Section",
      "description: A: b",
      'globs: *.{ts,tsx}, "src/**"',
      'alwaysApply: "true"',
      "name: some_rule",
      "filters:",
      "  - type: file_extension",
      '    pattern: "\\\\.py$"',
      '    pattern: "\\.(ts|tsx)$"',
      "    pattern: (?i)^src/",
      "  - type: content",
      "actions:",
      "  - type: reject",
      "    conditions:",
      "      - pattern: x",
      "        negated: true",
      "    message: |",
      "      - a bullet",
      "examples:",
      "  - input: |",
      '    output: "Rejected: no"',
      "metadata:",
      "  tags: [testing, tools]",
      "  - testing",
      "\t- tabbed",
      "- ",
      "",
    ),
    fc.string({ maxLength: 30 }),
  ),
  { maxLength: 40 },
).map((lines) => lines.join("\n"));

Deno.test("convertDraft() never throws and always yields a parseable rule (property)", () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ maxLength: 400 }),
        fc.string({ unit: "binary", maxLength: 200 }),
        draftPieces,
      ),
      fc.string({ maxLength: 30 }),
      fc.record({ typeSuffix: fc.boolean(), expandBraces: fc.boolean() }),
      (text, fileName, options) => {
        const result = convertDraft(text, fileName, options);
        assertWellFormed(result);
        assert.equal(convertDraft(text, fileName, options).text, result.text);
      },
    ),
    { numRuns: 400 },
  );
});
