import assert from "node:assert/strict";
import {
  EXPORT_TARGET_PATHS,
  type ExportableRule,
  type ExportPlan,
  type ExportTarget,
  planExport,
} from "../../src/rules/export_formats.ts";

const GOLDEN = new URL("../fixtures/rules/export/", import.meta.url);
const TARGETS: readonly ExportTarget[] = ["agents-md", "claude-md", "copilot", "windsurf", "cline"];
const SINGLE_FILE: readonly ExportTarget[] = ["agents-md", "claude-md", "copilot"];

/** The small rule set of the golden files: one rule of each type, out of order. */
const RULES: readonly ExportableRule[] = [
  {
    name: "web/react",
    category: "web",
    type: "auto-attached",
    description: "React components",
    globs: ["src/**/*.tsx", "*.jsx"],
    body: "\n# React\n\n- Use function components.\n\n",
    path: ".cursor/rules/web/react.mdc",
  },
  {
    name: "tools/release",
    category: "tools",
    type: "manual",
    globs: [],
    body: "Tag the release.\n",
    path: ".cursor/rules/tools/release.mdc",
  },
  {
    name: "global/style",
    category: "global",
    type: "always",
    globs: [],
    body: "Write small functions.\r\n",
    path: ".cursor/rules/global/style.mdc",
  },
  {
    name: "docs/writing",
    category: "docs",
    type: "agent-requested",
    description: "When writing docs: keep it short",
    globs: [],
    body: "Use short sentences.",
    path: ".cursor/rules/docs/writing.mdc",
  },
];

function rule(name: string, fields: Partial<ExportableRule> = {}): ExportableRule {
  return {
    name,
    category: name.split("/")[0]!,
    type: "always",
    globs: [],
    body: `Body of ${name}.\n`,
    path: `.cursor/rules/${name}.mdc`,
    ...fields,
  };
}

/** A `read` over an in-memory workspace. */
function reader(files: Record<string, string>): (path: string) => string | undefined {
  return (path) => Object.hasOwn(files, path) ? files[path] : undefined;
}

/** The workspace after applying a plan to `files`. */
function apply(files: Record<string, string>, plan: ExportPlan): Record<string, string> {
  const next = { ...files };
  for (const file of plan.files) {
    if (file.action === "delete") delete next[file.path];
    else next[file.path] = file.after!;
  }
  return next;
}

/** Golden files under `dir`, keyed by workspace path (without `.golden`). */
async function goldens(dir: URL, prefix = ""): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isDirectory) {
      const inner = await goldens(new URL(`${entry.name}/`, dir), `${prefix}${entry.name}/`);
      for (const [path, text] of inner) found.set(path, text);
    } else if (entry.name.endsWith(".golden")) {
      const path = `${prefix}${entry.name.slice(0, -".golden".length)}`;
      found.set(path, await Deno.readTextFile(new URL(entry.name, dir)));
    }
  }
  return found;
}

for (const target of TARGETS) {
  Deno.test(`planExport() writes the golden files for ${target}`, async () => {
    const plan = planExport(RULES, target, () => undefined);
    const want = await goldens(new URL(`${target}/`, GOLDEN));
    assert.deepEqual(plan.files.map((file) => file.action), plan.files.map(() => "create"));
    assert.deepEqual(plan.files.map((file) => file.path), [...want.keys()].sort());
    for (const file of plan.files) assert.equal(file.after, want.get(file.path), file.path);
    assert.deepEqual(plan.conflicts, []);
  });
}

Deno.test("planExport() gives the same plan for any input order", () => {
  for (const target of TARGETS) {
    const forward = planExport(RULES, target, () => undefined);
    const backward = planExport([...RULES].reverse(), target, () => undefined);
    assert.deepEqual(backward, forward);
  }
});

Deno.test("planExport() plans every file unchanged when exporting the same rules again", () => {
  for (const target of TARGETS) {
    const workspace = apply(
      { "AGENTS.md": "# Hand-written\n" },
      planExport(RULES, target, () => undefined),
    );
    const again = planExport(RULES, target, reader(workspace));
    assert.ok(again.files.length > 0, target);
    for (const file of again.files) {
      assert.equal(file.action, "unchanged", `${target}: ${file.path}`);
      assert.equal(file.after, file.before);
    }
  }
});

Deno.test("planExport() keeps hand-written text around the block byte for byte", () => {
  const above = "# Project\r\n\r\nHand-written intro.  \r\n\r\n";
  const below = "\r\n\r\n## Hand-written footer\r\n\r\nKeep me\r\n";
  for (const target of SINGLE_FILE) {
    const path = EXPORT_TARGET_PATHS[target];
    const first = planExport(RULES, target, reader({ [path]: "x\r\n" }));
    const block = first.files[0]!.after!.slice("x\r\n\r\n".length, -"\r\n".length);
    const before = above + block + below;
    const plan = planExport([rule("global/new")], target, reader({ [path]: before }));
    const after = plan.files[0]!.after!;
    assert.equal(plan.files[0]!.action, "update");
    assert.ok(after.startsWith(`${above}<!-- codegen-lab:begin cursor-rules -->\r\n`), target);
    assert.ok(after.endsWith(`<!-- codegen-lab:end cursor-rules -->${below}`), target);
    assert.ok(after.includes("## global/new\r\n\r\nBody of global/new.\r\n"), target);
    assert.ok(!after.includes("global/style"), target);
  }
});

Deno.test("planExport() appends the block after one blank line, keeping the existing text", () => {
  const cases: [string, string][] = [
    ["", ""],
    ["# Notes", "# Notes\n\n"],
    ["# Notes\n", "# Notes\n\n"],
    ["# Notes\n\n", "# Notes\n\n"],
    ["# Notes\n\n\n", "# Notes\n\n\n"],
  ];
  const fresh = planExport([rule("global/a")], "agents-md", () => undefined).files[0]!.after!;
  for (const [existing, prefix] of cases) {
    const plan = planExport([rule("global/a")], "agents-md", reader({ "AGENTS.md": existing }));
    assert.deepEqual(plan.files, [{
      path: "AGENTS.md",
      action: "update",
      before: existing,
      after: prefix + fresh,
    }]);
  }
});

Deno.test("planExport() keeps CRLF line endings of a single-file target", () => {
  const plan = planExport(RULES, "claude-md", reader({ "CLAUDE.md": "# Claude\r\n" }));
  const after = plan.files[0]!.after!;
  assert.ok(after.startsWith("# Claude\r\n\r\n<!-- codegen-lab:begin cursor-rules -->\r\n"));
  assert.equal(after.replaceAll("\r\n", "").includes("\n"), false);
  const again = planExport(RULES, "claude-md", reader({ "CLAUDE.md": after }));
  assert.equal(again.files[0]!.action, "unchanged");
});

Deno.test("planExport() keeps CRLF line endings of a managed rule file", () => {
  const created = planExport(RULES, "windsurf", () => undefined);
  const workspace = Object.fromEntries(
    created.files.map((file) => [file.path, file.after!.replaceAll("\n", "\r\n")]),
  );
  const again = planExport(RULES, "windsurf", reader(workspace));
  assert.deepEqual(again.files.map((file) => file.action), created.files.map(() => "unchanged"));
});

Deno.test("planExport() uses \\n line endings in new files", () => {
  for (const target of TARGETS) {
    for (const file of planExport(RULES, target, () => undefined).files) {
      assert.equal(file.after!.includes("\r"), false, `${target}: ${file.path}`);
    }
  }
});

Deno.test("planExport() reports a conflict and plans nothing for broken block markers", () => {
  const begin = "<!-- codegen-lab:begin cursor-rules -->";
  const end = "<!-- codegen-lab:end cursor-rules -->";
  const broken: [string, RegExp][] = [
    [`# Notes\n\n${begin}\n## old\n`, /begin marker on line 3 has no end marker/],
    [`${begin}\na\n${end}\n${begin}\nb\n${end}\n`, /more than one codegen-lab block/],
    [`Text\n${end}\n`, /end marker on line 2 has no begin marker/],
    [`${end}\n${begin}\n`, /end marker on line 1 comes before the begin marker on line 2/],
  ];
  for (const [content, reason] of broken) {
    const plan = planExport(RULES, "agents-md", reader({ "AGENTS.md": content }));
    assert.deepEqual(plan.files, []);
    assert.equal(plan.conflicts.length, 1);
    assert.equal(plan.conflicts[0]!.path, "AGENTS.md");
    assert.match(plan.conflicts[0]!.reason, reason);
  }
});

Deno.test("planExport() never overwrites a rule file it did not write", () => {
  const handWritten = "---\ntrigger: always_on\n---\nMy own rule.\n";
  const plan = planExport(
    RULES,
    "windsurf",
    reader({ ".windsurf/rules/web-react.md": handWritten }),
  );
  assert.deepEqual(plan.conflicts.map((conflict) => conflict.path), [
    ".windsurf/rules/web-react.md",
  ]);
  assert.match(plan.conflicts[0]!.reason, /not written by codegen-lab/);
  assert.equal(plan.files.some((file) => file.path === ".windsurf/rules/web-react.md"), false);
  assert.equal(plan.files.length, 3);
});

Deno.test("planExport() updates a managed rule file whose rule changed", () => {
  const workspace = apply({}, planExport(RULES, "cline", () => undefined));
  const changed = RULES.map((r) => r.name === "global/style" ? { ...r, body: "New text.\n" } : r);
  const plan = planExport(changed, "cline", reader(workspace));
  const actions = Object.fromEntries(plan.files.map((file) => [file.path, file.action]));
  assert.deepEqual(actions, {
    ".clinerules/docs-writing.md": "unchanged",
    ".clinerules/global-style.md": "update",
    ".clinerules/web-react.md": "unchanged",
  });
});

Deno.test("planExport() deletes managed files whose rule is gone, given a listing", () => {
  const workspace = apply(
    { ".windsurf/rules/mine.md": "---\ntrigger: manual\n---\nMine.\n" },
    planExport(RULES, "windsurf", () => undefined),
  );
  const list = (dir: string) => Object.keys(workspace).filter((path) => path.startsWith(dir));
  const remaining = RULES.filter((r) => r.name !== "web/react");
  const plan = planExport(remaining, "windsurf", reader(workspace), { list });
  const deleted = plan.files.filter((file) => file.action === "delete");
  assert.deepEqual(deleted, [{
    path: ".windsurf/rules/web-react.md",
    action: "delete",
    before: workspace[".windsurf/rules/web-react.md"],
  }]);
  assert.deepEqual(plan.conflicts, []);
  const withoutList = planExport(remaining, "windsurf", reader(workspace));
  assert.equal(withoutList.files.some((file) => file.action === "delete"), false);
});

Deno.test("planExport() deletes the managed file of a rule that is no longer exported", () => {
  const workspace = apply(
    {},
    planExport(RULES, "cline", () => undefined, { includeManual: true }),
  );
  assert.ok(".clinerules/tools-release.md" in workspace);
  const list = (dir: string) => Object.keys(workspace).filter((path) => path.startsWith(dir));
  const plan = planExport(RULES, "cline", reader(workspace), { list });
  const changes = plan.files.filter((file) => file.action !== "unchanged");
  assert.deepEqual(changes.map((file) => [file.path, file.action]), [
    [".clinerules/tools-release.md", "delete"],
  ]);
});

Deno.test("planExport() reports two rules that map to the same file as a conflict", () => {
  const plan = planExport([rule("a/b"), rule("a-b"), rule("c/d")], "cline", () => undefined);
  assert.deepEqual(plan.files.map((file) => file.path), [".clinerules/c-d.md"]);
  assert.equal(plan.conflicts.length, 1);
  assert.equal(plan.conflicts[0]!.path, ".clinerules/a-b.md");
  assert.match(plan.conflicts[0]!.reason, /"a-b" and "a\/b"/);
});

Deno.test("planExport() plans nothing when there is nothing to export and no file", () => {
  const manualOnly = [rule("tools/x", { type: "manual" })];
  for (const target of ["agents-md", "cline"] as const) {
    const plan = planExport(manualOnly, target, () => undefined);
    assert.deepEqual(plan.files, []);
    assert.equal(plan.losses.length, 1);
  }
  const appendNothing = planExport([], "agents-md", reader({ "AGENTS.md": "# Mine\n" }));
  assert.deepEqual(appendNothing.files, []);
});

Deno.test("planExport() empties an existing block when no rule is left", () => {
  const mine = { "AGENTS.md": "# Mine\n" };
  const workspace = apply(mine, planExport(RULES, "agents-md", reader(mine)));
  const plan = planExport([], "agents-md", reader(workspace));
  assert.equal(plan.files[0]!.action, "update");
  assert.match(
    plan.files[0]!.after!,
    /^# Mine\n\n<!-- codegen-lab:begin cursor-rules -->\n<!-- Generated [^\n]*-->\n\n<!-- codegen-lab:end cursor-rules -->\n$/,
  );
});

Deno.test("planExport() reports each loss of a single-file target with the rule name", () => {
  for (const target of SINGLE_FILE) {
    const path = EXPORT_TARGET_PATHS[target];
    const losses = planExport(RULES, target, () => undefined).losses;
    assert.deepEqual(losses.map((loss) => [loss.rule, loss.target]), [
      ["web/react", target],
      ["docs/writing", target],
      ["tools/release", target],
    ]);
    assert.equal(
      losses[0]!.what,
      `globs src/**/*.tsx, *.jsx cannot be expressed in ${path}; exported as always-on text with an "Applies to files matching: …" note`,
    );
    assert.match(losses[1]!.what, new RegExp(`cannot be expressed in ${path}.*"Use when: …" note`));
    assert.match(losses[2]!.what, /^manual rules are only applied on @-mention; not exported/);
  }
});

Deno.test("planExport() exports manual rules as notes only with includeManual", () => {
  const plan = planExport(RULES, "agents-md", () => undefined, { includeManual: true });
  const after = plan.files[0]!.after!;
  assert.ok(after.includes(
    "## tools/release\n\nManual rule: apply it only when the user asks for it by name.\n\nTag the release.\n\n<!-- codegen-lab:end",
  ));
  const loss = plan.losses.find((entry) => entry.rule === "tools/release");
  assert.match(loss!.what, /exported as always-on text with a note/);
  const cline = planExport(RULES, "cline", () => undefined, { includeManual: true });
  const release = cline.files.find((file) => file.path === ".clinerules/tools-release.md");
  assert.equal(
    release?.after,
    "<!-- codegen-lab:managed from .cursor/rules/tools/release.mdc -->\n\nManual rule: apply it only when the user asks for it by name.\n\nTag the release.\n",
  );
});

Deno.test("planExport() reports what Cline cannot carry, per rule", () => {
  const losses = planExport(RULES, "cline", () => undefined).losses;
  assert.deepEqual(losses.map((loss) => loss.rule), ["web/react", "docs/writing", "tools/release"]);
  assert.match(losses[0]!.what, /Cline has no description field/);
  assert.match(losses[1]!.what, /no Cline equivalent; exported as an always-on rule/);
  assert.match(losses[2]!.what, /^manual rules are only applied on @-mention; not exported/);
});

Deno.test("planExport() reports nothing lost for Windsurf within its size limits", () => {
  assert.deepEqual(planExport(RULES, "windsurf", () => undefined).losses, []);
});

Deno.test("planExport() reports Windsurf files over 6,000 characters and totals over 12,000", () => {
  const big = "x".repeat(6_000);
  const rules = [rule("a/big", { body: big }), rule("b/mid", { body: "y".repeat(5_000) })];
  rules.push(rule("c/small", { body: "z".repeat(1_500) }));
  const losses = planExport(rules, "windsurf", () => undefined).losses;
  assert.deepEqual(losses.map((loss) => loss.rule), ["a/big", "c/small"]);
  assert.match(
    losses[0]!.what,
    /has 6,\d{3} characters, over Windsurf's limit of 6,000 per rule file/,
  );
  assert.match(losses[1]!.what, /total 12,\d{3} characters, over Windsurf's limit of 12,000/);
});

Deno.test("planExport() reports @-references Claude Code cannot import", () => {
  const body = "See @docs/api.md and @missing.md, not `@code.md`.\n\n```\n@fenced.md\n```\n";
  const plan = planExport(
    [rule("global/refs", { body })],
    "claude-md",
    reader({ "docs/api.md": "# API\n" }),
  );
  assert.deepEqual(plan.losses, [{
    rule: "global/refs",
    target: "claude-md",
    what:
      "the @-references @missing.md are read by Claude Code as imports relative to CLAUDE.md, and those files do not exist; left as written",
  }]);
  assert.ok(plan.files[0]!.after!.includes("See @docs/api.md and @missing.md"));
  const agents = planExport([rule("global/refs", { body })], "agents-md", () => undefined);
  assert.match(agents.losses[0]!.what, /@docs\/api\.md, @missing\.md pull files into context/);
});

Deno.test("planExport() leaves out a rule whose text holds a block marker", () => {
  const body = "Do not write\n<!-- codegen-lab:end cursor-rules -->\nby hand.\n";
  const plan = planExport([rule("meta/markers", { body }), rule("global/a")], "copilot", () => "");
  assert.equal(plan.losses[0]!.rule, "meta/markers");
  assert.match(plan.losses[0]!.what, /contains a codegen-lab block marker line/);
  assert.equal(plan.files[0]!.after!.includes("meta/markers"), false);
});

Deno.test("planExport() throws RangeError for an unknown target", () => {
  assert.throws(
    () => planExport(RULES, "cursor" as ExportTarget, () => undefined),
    (error: unknown) =>
      error instanceof RangeError && /'target' must be one of .*: current value is "cursor"/
        .test(error.message),
  );
});
