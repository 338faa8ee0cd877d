import assert from "node:assert/strict";
import fc from "fast-check";
import { type ExportableRule, planExport } from "../../src/rules/export_formats.ts";
import {
  type ImportedRule,
  type ImportSource,
  planImport,
} from "../../src/rules/import_formats.ts";
import { type RuleType, ruleTypeOf } from "../../src/rules/rule_type.ts";

const SOURCES: readonly ImportSource[] = [
  "agents-md",
  "claude-md",
  "copilot",
  "windsurf",
  "cline",
  "cursorrules",
];

const RULES: readonly ExportableRule[] = [
  {
    name: "global/style",
    category: "global",
    type: "always",
    globs: [],
    body: "Write small functions.\n",
    path: ".cursor/rules/global/style.mdc",
  },
  {
    name: "web/react",
    category: "web",
    type: "auto-attached",
    description: "React components",
    globs: ["src/**/*.tsx", "*.jsx", "lib/{a,b}/*.ts"],
    body: "# React\n\nUse when: this line is body text, not a note.\n",
    path: ".cursor/rules/web/react.mdc",
  },
  {
    name: "web/css",
    category: "web",
    type: "auto-attached",
    globs: ["*.css"],
    body: "Use variables.\n",
    path: ".cursor/rules/web/css.mdc",
  },
  {
    name: "docs/writing",
    category: "docs",
    type: "agent-requested",
    description: 'When writing docs: keep it "short" # really',
    globs: [],
    body: "Use short sentences.\n\n```md\n# Example\n```\n",
    path: ".cursor/rules/docs/writing.mdc",
  },
  {
    name: "tools/release",
    category: "tools",
    type: "manual",
    globs: [],
    body: "Tag the release.\n",
    path: ".cursor/rules/tools/release.mdc",
  },
];

/** What a round trip must keep of a rule. */
interface Essentials {
  name: string;
  category: string;
  type: RuleType;
  description: string | undefined;
  globs: string[];
  body: string;
}

function fromExport(rule: ExportableRule): Essentials {
  return {
    name: rule.name,
    category: rule.category,
    type: rule.type,
    description: rule.description,
    globs: rule.type === "auto-attached" ? rule.globs : [],
    body: rule.body,
  };
}

function fromImport(rule: ImportedRule): Essentials {
  return {
    name: rule.name,
    category: rule.category,
    type: ruleTypeOf(rule),
    description: rule.description,
    globs: rule.globs,
    body: rule.body,
  };
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Exports `rules`, imports the planned files back and returns both sides, sorted by name. */
function roundTrip(
  rules: readonly ExportableRule[],
  target: "windsurf" | "cline",
  includeManual = false,
): { got: Essentials[]; want: Essentials[]; warnings: string[] } {
  const plan = planExport(rules, target, () => undefined, { includeManual });
  const files = plan.files.map((file) => ({ path: file.path, content: file.after! }));
  const imported = planImport(target, files);
  const exported = rules.filter((rule) =>
    target === "windsurf" || includeManual || rule.type !== "manual"
  );
  return {
    got: imported.rules.map(fromImport).sort(byName),
    want: exported.map(fromExport).sort(byName),
    warnings: imported.warnings,
  };
}

Deno.test("planImport() gives back the exported rules for windsurf", () => {
  const { got, want, warnings } = roundTrip(RULES, "windsurf");
  assert.deepEqual(got, want);
  assert.equal(got.length, 5);
  assert.ok(warnings.every((warning) => warning.includes("codegen-lab exported from")));
});

Deno.test("planImport() gives back the exported rules for cline, manual ones left out", () => {
  const { got, want } = roundTrip(RULES, "cline");
  assert.deepEqual(got, want);
  assert.deepEqual(got.map((rule) => rule.type), [
    "agent-requested",
    "always",
    "auto-attached",
    "auto-attached",
  ]);
});

Deno.test("planImport() gives back manual rules exported to cline with includeManual", () => {
  const { got, want } = roundTrip(RULES, "cline", true);
  assert.deepEqual(got, want);
  assert.equal(got.find((rule) => rule.name === "tools/release")?.type, "manual");
});

Deno.test("planImport() round trips random rule sets through windsurf and cline", () => {
  const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
  const text = fc.stringMatching(/^[^\s]([^\r\n]{0,30}[^\s])?$/);
  const glob = fc.stringMatching(/^[a-z*][a-z0-9*./_-]{0,12}$/);
  // Bodies as the exporters write them: no blank first or last line.
  const body = fc.array(fc.stringMatching(/^[^\r\n]{0,20}$/), { maxLength: 5 }).map((lines) =>
    ["Start.", ...lines, "End."].join("\n") + "\n"
  );
  const type = fc.constantFrom<RuleType>("always", "auto-attached", "agent-requested", "manual");
  const rule = fc.record({
    category: word,
    stem: word,
    type,
    description: text,
    globs: fc.array(glob, { minLength: 1, maxLength: 3 }),
    body,
  })
    .map(({ category, stem, type, description, globs, body }): ExportableRule => ({
      name: `${category}/${stem}`,
      category,
      type,
      ...(type === "manual"
        ? {}
        : type === "always" && stem.length % 2 === 0
        ? {}
        : { description }),
      globs: type === "auto-attached" ? globs : [],
      body,
      path: `.cursor/rules/${category}/${stem}.mdc`,
    }));
  const rules = fc.uniqueArray(rule, {
    maxLength: 6,
    selector: (r) => r.name.replace("/", "-"),
  });
  fc.assert(
    fc.property(rules, fc.constantFrom("windsurf" as const, "cline" as const), (set, target) => {
      const { got, want } = roundTrip(set, target, true);
      // Cline has no place for the description of an always rule.
      const expected = target === "cline"
        ? want.map((r) => r.type === "always" ? { ...r, description: undefined } : r)
        : want;
      assert.deepEqual(got, expected);
    }),
  );
});

Deno.test("planImport() skips the block it exported and keeps hand-written text", () => {
  const handWritten = "# Project\n\nIntro.\n";
  const exported = planExport(RULES, "agents-md", () => handWritten).files[0]!.after!;
  const content = `${exported}\n## Footer\n\nOutro.\n`;
  const { rules, warnings } = planImport("agents-md", [{ path: "AGENTS.md", content }]);
  assert.deepEqual(rules, [{
    name: "global-rules/agents-md",
    category: "global-rules",
    globs: [],
    alwaysApply: true,
    body: "# Project\n\nIntro.\n\n## Footer\n\nOutro.\n",
    source: "AGENTS.md",
  }]);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /^AGENTS\.md: Skipped lines 5-\d+, the block exported by codegen-lab/);
});

Deno.test("planImport() imports nothing from a file that holds only its own block", () => {
  for (const target of ["agents-md", "claude-md", "copilot"] as const) {
    const file = planExport(RULES, target, () => undefined).files[0]!;
    const { rules, warnings } = planImport(target, [{ path: file.path, content: file.after! }]);
    assert.deepEqual(rules, [], target);
    assert.equal(warnings.length, 1, target);
  }
});

Deno.test("planImport() keeps ## sections of a file in one rule", () => {
  const content =
    "# Guide\r\n\r\n## Testing\r\n\r\nRun tests.\r\n\r\n## Style\r\n\r\nUse tabs.\r\n";
  const { rules } = planImport("claude-md", [{ path: "CLAUDE.md", content }]);
  assert.equal(rules.length, 1);
  assert.equal(rules[0]!.name, "global-rules/claude-md");
  assert.equal(rules[0]!.body, "# Guide\n\n## Testing\n\nRun tests.\n\n## Style\n\nUse tabs.\n");
});

Deno.test("planImport() turns .cursorrules into the always rule global-rules/cursorrules", () => {
  const { rules, warnings } = planImport("cursorrules", [
    { path: ".cursorrules", content: "\ufeffAlways answer in English.\n\n" },
  ]);
  assert.deepEqual(rules, [{
    name: "global-rules/cursorrules",
    category: "global-rules",
    globs: [],
    alwaysApply: true,
    body: "Always answer in English.\n",
    source: ".cursorrules",
  }]);
  assert.deepEqual(warnings, []);
});

Deno.test("planImport() names whole files after their path", () => {
  const files = [
    { path: ".github/copilot-instructions.md", content: "Copilot.\n" },
    { path: "./pkg/web/AGENTS.md", content: "Web package.\n" },
  ];
  const copilot = planImport("copilot", files.slice(0, 1)).rules[0]!;
  assert.equal(copilot.name, "global-rules/copilot-instructions-md");
  const nested = planImport("agents-md", files.slice(1)).rules[0]!;
  assert.equal(nested.name, "global-rules/pkg-web-agents-md");
  assert.equal(nested.source, "pkg/web/AGENTS.md");
  assert.deepEqual(nested.globs, ["pkg/web/**"]);
  assert.equal(nested.alwaysApply, false);
});

Deno.test("planImport() maps each Windsurf trigger to a Cursor rule type", () => {
  const cases: [string, RuleType, Partial<ImportedRule>][] = [
    ["trigger: always_on", "always", {}],
    ["trigger: glob\nglobs: **/*.sql, db/*.ts", "auto-attached", {
      globs: ["**/*.sql", "db/*.ts"],
    }],
    ["trigger: model_decision\ndescription: SQL work", "agent-requested", {
      description: "SQL work",
    }],
    ["trigger: manual", "manual", {}],
    ["trigger: 'glob'\nglobs: \"*.sql\"", "auto-attached", { globs: ["*.sql"] }],
  ];
  for (const [frontmatter, type, fields] of cases) {
    const content = `---\n${frontmatter}\n---\nUse CTEs.\n`;
    const plan = planImport("windsurf", [{ path: ".windsurf/rules/db/sql.md", content }]);
    const rule = plan.rules[0]!;
    assert.equal(ruleTypeOf(rule), type, frontmatter);
    assert.equal(rule.name, "windsurf-rules/db-sql");
    assert.equal(rule.category, "windsurf-rules");
    assert.equal(rule.body, "Use CTEs.\n");
    for (const [key, value] of Object.entries(fields)) {
      assert.deepEqual(rule[key as keyof ImportedRule], value, frontmatter);
    }
    assert.deepEqual(plan.warnings, [], frontmatter);
  }
});

Deno.test("planImport() warns about Windsurf triggers it has to guess or trim", () => {
  const cases: [string, RuleType, RegExp][] = [
    ["globs: *.sql", "auto-attached", /has no trigger; imported as glob/],
    ["trigger: sometimes\ndescription: SQL", "agent-requested", /Unknown trigger "sometimes"/],
    ["trigger: manual\ndescription: SQL", "manual", /Ignored the description/],
    ["trigger: model_decision", "manual", /has no description; imported as a manual rule/],
    ["trigger: always_on\nglobs: *.sql", "always", /Ignored the globs/],
    ["trigger: glob", "manual", /has no globs/],
  ];
  for (const [frontmatter, type, warning] of cases) {
    const content = `---\n${frontmatter}\n---\nBody\n`;
    const plan = planImport("windsurf", [{ path: ".windsurf/rules/x.md", content }]);
    assert.equal(ruleTypeOf(plan.rules[0]!), type, frontmatter);
    assert.equal(plan.warnings.length, 1, frontmatter);
    assert.match(plan.warnings[0]!, warning);
    assert.ok(plan.warnings[0]!.startsWith(".windsurf/rules/x.md: "));
  }
});

Deno.test("planImport() reads a Cline paths list as globs", () => {
  const forms = [
    'paths:\n  - "src/**/*.ts"\n  - docs/*.md',
    'paths: ["src/**/*.ts", "docs/*.md"]',
    "paths: src/**/*.ts, docs/*.md",
  ];
  for (const form of forms) {
    const content = `---\n${form}\n---\nBe careful.\n`;
    const { rules } = planImport("cline", [{ path: ".clinerules/01-care.md", content }]);
    assert.deepEqual(rules[0]!.globs, ["src/**/*.ts", "docs/*.md"], form);
    assert.equal(rules[0]!.alwaysApply, false);
    assert.equal(rules[0]!.name, "cline-rules/01-care");
  }
  const always = planImport("cline", [{ path: ".clinerules/a.md", content: "Use when: x\n\nA\n" }]);
  assert.equal(always.rules[0]!.alwaysApply, true);
  assert.equal(always.rules[0]!.body, "Use when: x\n\nA\n");
  const single = planImport("cline", [{ path: ".clinerules", content: "Single file.\n" }]);
  assert.equal(single.rules[0]!.name, "global-rules/clinerules");
});

Deno.test("planImport() reads Claude Code's .claude/rules with paths", () => {
  const { rules } = planImport("claude-md", [
    {
      path: ".claude/rules/api/handlers.md",
      content: '---\npaths:\n  - "src/api/**"\n---\nValidate.\n',
    },
    { path: ".claude/rules/general.md", content: "Be kind.\n" },
    { path: "CLAUDE.md", content: "Project notes.\n" },
  ]);
  assert.deepEqual(rules.map((rule) => [rule.name, rule.alwaysApply, rule.globs]), [
    ["claude-rules/api-handlers", false, ["src/api/**"]],
    ["claude-rules/general", true, []],
    ["global-rules/claude-md", true, []],
  ]);
});

Deno.test("planImport() reads Copilot's applyTo as globs", () => {
  const { rules, warnings } = planImport("copilot", [
    {
      path: ".github/instructions/ts.instructions.md",
      content: '---\napplyTo: "**/*.ts,**/*.tsx"\n---\nTS.\n',
    },
    {
      path: ".github/instructions/all.instructions.md",
      content: '---\napplyTo: "**"\n---\nAll.\n',
    },
    {
      path: ".github/instructions/hand.instructions.md",
      content: "---\ndescription: Reviews\n---\nR.\n",
    },
  ]);
  assert.deepEqual(rules.map((rule) => [rule.name, ruleTypeOf(rule), rule.globs]), [
    ["copilot-rules/all", "always", []],
    ["copilot-rules/hand", "agent-requested", []],
    ["copilot-rules/ts", "auto-attached", ["**/*.ts", "**/*.tsx"]],
  ]);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /hand\.instructions\.md: It has no applyTo/);
});

Deno.test("planImport() renames rules whose names collide", () => {
  const { rules, warnings } = planImport("claude-md", [
    { path: "CLAUDE.md", content: "Root.\n" },
    { path: ".claude/CLAUDE.md", content: "Hidden.\n" },
  ]);
  assert.deepEqual(rules.map((rule) => [rule.name, rule.source]), [
    ["global-rules/claude-md", ".claude/CLAUDE.md"],
    ["global-rules/claude-md-2", "CLAUDE.md"],
  ]);
  assert.deepEqual(warnings, [
    'CLAUDE.md: Renamed the rule to "global-rules/claude-md-2" as "global-rules/claude-md" is taken',
  ]);
});

Deno.test("planImport() skips a file with broken block markers, with a warning", () => {
  const content = "Intro\n<!-- codegen-lab:begin cursor-rules -->\n## old\n";
  const { rules, warnings } = planImport("agents-md", [{ path: "AGENTS.md", content }]);
  assert.deepEqual(rules, []);
  assert.match(warnings[0]!, /^AGENTS\.md: Cannot import the file: the codegen-lab begin marker/);
});

Deno.test("planImport() warns about empty files and broken frontmatter", () => {
  const empty = planImport("agents-md", [{ path: "AGENTS.md", content: "\n  \n" }]);
  assert.deepEqual(empty.rules, []);
  assert.deepEqual(empty.warnings, ["AGENTS.md: Cannot import the file: it has no text"]);
  const unclosed = planImport("windsurf", [
    { path: ".windsurf/rules/a.md", content: "---\ntrigger: glob\nglobs: *.ts\n" },
  ]);
  assert.equal(unclosed.rules.length, 1);
  assert.ok(unclosed.warnings.some((warning) => warning.startsWith(".windsurf/rules/a.md:1: ")));
});

Deno.test("planImport() never throws on garbage", () => {
  const content = fc.oneof(
    fc.string({ unit: "binary", maxLength: 200 }),
    fc.array(
      fc.constantFrom(
        "---",
        "trigger: glob",
        "paths:",
        "  - ",
        '  - "a',
        "globs: [",
        "description: |",
        "<!-- codegen-lab:begin cursor-rules -->",
        "<!-- codegen-lab:end cursor-rules -->",
        "<!-- codegen-lab:managed from .cursor/rules/x.mdc -->",
        "Use when: ",
        "\u0000",
        "",
        "text",
      ),
      { maxLength: 12 },
    ).map((lines) => lines.join("\n")),
  );
  const path = fc.constantFrom(
    "AGENTS.md",
    ".windsurf/rules/a.md",
    ".clinerules/b.md",
    ".claude/rules/c.md",
    "x/CLAUDE.md",
    ".github/instructions/d.instructions.md",
    ".cursorrules",
  );
  fc.assert(
    fc.property(
      fc.constantFrom(...SOURCES),
      fc.array(fc.record({ path, content })),
      (source, files) => {
        const plan = planImport(source, files);
        assert.ok(Array.isArray(plan.rules) && Array.isArray(plan.warnings));
        assert.equal(new Set(plan.rules.map((rule) => rule.name)).size, plan.rules.length);
      },
    ),
  );
});

Deno.test("planImport() throws RangeError for an unknown source", () => {
  assert.throws(
    () => planImport("cursor" as ImportSource, []),
    (error: unknown) =>
      error instanceof RangeError && /'source' must be one of/.test(error.message),
  );
});
