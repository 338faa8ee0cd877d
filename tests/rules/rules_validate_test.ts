import assert from "node:assert/strict";
import { invoke, testContext } from "../../src/core/mod.ts";
import { rulesValidate } from "../../src/rules/mod.ts";
import { removeWorkspace } from "../_support.ts";
import { copyRulesWorkspace, fixturePath } from "./_workspace.ts";

const expected = JSON.parse(await Deno.readTextFile(fixturePath("workspace/expected.json"))) as {
  problems: Array<[string, string, number]>;
};

async function validate(root: string, format: "text" | "json" | "sarif" = "json") {
  return await invoke(rulesValidate, { format }, await testContext(root)) as {
    problems: Array<
      {
        file: string;
        code: string;
        line: number;
        column: number;
        severity: string;
        hint: string;
        message: string;
      }
    >;
    counts: { errors: number; warnings: number; infos: number };
    rules: number;
    report: string;
  };
}

Deno.test("rules_validate() reports exactly the expected diagnostics for the 51-rule fixture workspace", async () => {
  const root = await copyRulesWorkspace("workspace");
  try {
    const result = await validate(root);
    const actual = result.problems.map((p) => [p.file, p.code, p.line]).sort();
    assert.deepEqual(actual, [...expected.problems].sort());
    assert.equal(result.rules, 51); // 49 in .cursor/rules, 2 in pkg/.cursor/rules
    for (const problem of result.problems) {
      assert.ok(problem.hint.length > 10, `${problem.code} has a fix hint`);
      assert.ok(problem.column >= 1);
      assert.doesNotMatch(problem.message, /\.$/, "messages have no final period");
    }
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("rules_validate() gives exact messages, columns and hints for portability problems", async () => {
  const root = await copyRulesWorkspace("workspace");
  try {
    const { problems } = await validate(root);
    const spaced = problems.find((p) => p.code === "glob-space-after-comma")!;
    assert.deepEqual([spaced.line, spaced.column, spaced.severity, spaced.hint], [
      3,
      8,
      "warning",
      "Write: globs: *.ts,src/**/*.tsx",
    ]);
    const braces = problems.find((p) => p.code === "glob-braces")!;
    assert.equal(braces.hint, "Write: globs: src/**/*.ts,src/**/*.tsx");
    const yamlList = problems.find((p) => p.code === "glob-yaml-list")!;
    assert.equal(yamlList.hint, "Write: globs: *.ts,README.md");
    const invalid = problems.find((p) => p.file.endsWith("always-yes.mdc"))!;
    assert.equal(invalid.message, 'alwaysApply must be true or false, not "yes"');
    assert.equal(invalid.hint, "Write alwaysApply: true (lowercase, unquoted)");
    const typo = problems.find((p) => p.file.endsWith("misspelled-glob.mdc"))!;
    assert.equal(typo.hint, 'Did you mean "globs"? Rename the key');
    const cycle = problems.find((p) => p.code === "extends-cycle")!;
    assert.equal(
      cycle.message,
      "extends forms a cycle: core-rules/cycle-a -> core-rules/cycle-b -> core-rules/cycle-a",
    );
    const reference = problems.find((p) => p.code === "reference-broken" && p.line === 6)!;
    assert.deepEqual([reference.column, reference.message], [
      5,
      "@src/missing.ts points to a file that does not exist",
    ]);
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("rules_validate() formats text and SARIF reports", async () => {
  const root = await copyRulesWorkspace("workspace");
  try {
    const text = await validate(root, "text");
    assert.match(
      text.report,
      /^\.cursor\/rules\/case\.mdc:1:1: error name-duplicate: Rule "case" differs from "Case" only in letter case; they clash on macOS and Windows\n {2}hint: Rename or merge one of them\n/,
    );
    assert.match(text.report, /\n51 rules checked: \d+ errors, \d+ warnings, 0 notes$/);
    const sarif = JSON.parse((await validate(root, "sarif")).report);
    assert.equal(sarif.version, "2.1.0");
    assert.equal(sarif.runs[0].tool.driver.name, "codegen-lab");
    assert.equal(sarif.runs[0].results.length, expected.problems.length);
    const first = sarif.runs[0].results.find((r: { ruleId: string }) =>
      r.ruleId === "glob-space-after-comma"
    );
    assert.deepEqual(first.locations[0].physicalLocation, {
      artifactLocation: {
        uri: ".cursor/rules/core-rules/space-after-comma.mdc",
        uriBaseId: "%SRCROOT%",
      },
      region: { startLine: 3, startColumn: 8 },
    });
    assert.equal(first.level, "warning");
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("rules_validate() reports a rule over the size limit without reading it", async () => {
  const root = await copyRulesWorkspace("workspace");
  try {
    await Deno.writeTextFile(
      `${root}/.cursor/rules/huge.mdc`,
      "---\ndescription: x\n---\n" + "y".repeat(4 * 1024 * 1024),
    );
    const { problems } = await validate(root);
    const huge = problems.filter((p) => p.file === ".cursor/rules/huge.mdc");
    assert.deepEqual(huge.map((p) => p.code), ["rule-too-large"]);
    assert.match(
      huge[0]!.message,
      /^Rule file is 4194327 bytes, over the 4194304-byte limit; it was not read$/,
    );
  } finally {
    await removeWorkspace(root);
  }
});
