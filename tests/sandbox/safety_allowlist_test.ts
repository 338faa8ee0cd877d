import assert from "node:assert/strict";
import { ValidationError } from "../../src/core/mod.ts";
import { applySafetyAllowList, parseSafetyAllowList } from "../../src/sandbox/safety_allowlist.ts";
import type { SafetyFinding } from "../../src/sandbox/scan_code.ts";

/** Asserts that parsing throws a ValidationError with this message, line, column and hint. */
function assertRejects(
  text: string,
  message: string,
  hint: string | RegExp,
  file = ".codegen-safety.json",
): void {
  assert.throws(() => parseSafetyAllowList(text, file), (error: unknown) => {
    assert.ok(error instanceof ValidationError, String(error));
    assert.equal(error.message, message);
    const [, line, column] = /^[^:]+:(\d+):(\d+): /.exec(message)!;
    assert.deepEqual([error.file, error.line, error.column], [file, Number(line), Number(column)]);
    if (typeof hint === "string") assert.equal(error.hint, hint);
    else assert.match(error.hint ?? "", hint);
    return true;
  });
}

const VALID = `{
  "$schema": "https://example.com/codegen-safety.schema.json",
  "version": 1,
  "suppress": [
    { "rule": "network/fetch", "path": "src/client.ts", "line": 12, "justification": "calls our own API" },
    { "rule": "env/read", "justification": "  reads PORT and nothing else  " }
  ]
}`;

Deno.test("parseSafetyAllowList() reads entries, trimming justifications", () => {
  assert.deepEqual(parseSafetyAllowList(VALID, "config/.codegen-safety.json"), {
    file: "config/.codegen-safety.json",
    suppress: [
      {
        rule: "network/fetch",
        path: "src/client.ts",
        line: 12,
        justification: "calls our own API",
      },
      { rule: "env/read", justification: "reads PORT and nothing else" },
    ],
  });
  assert.deepEqual(parseSafetyAllowList('{"version": 1, "suppress": []}').suppress, []);
  assert.equal(
    parseSafetyAllowList(
      '{"version":1,"suppress":[{"rule":"secret/jwt","justification":"a public test token"}]}',
    )
      .suppress[0]!.rule,
    "secret/jwt",
  );
});

Deno.test("parseSafetyAllowList() rejects invalid JSON at its line and column", () => {
  assertRejects(
    '{\n  "version": 1,\n  "suppress": [],\n}',
    '.codegen-safety.json:4:1: Cannot parse the allow-list: expected a double-quoted key but found "}"',
    "Fix the JSON there (comments and trailing commas are not allowed in JSON)",
  );
  assertRejects(
    '{\n  "version": 1\n  "suppress": []\n}',
    '.codegen-safety.json:3:3: Cannot parse the allow-list: expected "," or "}" but found "\\""',
    /Fix the JSON there/,
  );
  assertRejects(
    "",
    ".codegen-safety.json:1:1: Cannot parse the allow-list: expected a value but found the end of the file",
    /Fix the JSON there/,
  );
  assertRejects(
    '{"version": 1, "version": 1, "suppress": []}',
    '.codegen-safety.json:1:16: Cannot parse the allow-list: duplicate key "version"',
    /Fix the JSON there/,
  );
});

Deno.test("parseSafetyAllowList() rejects a wrong shape, version or unknown top-level key", () => {
  assertRejects(
    "[]",
    ".codegen-safety.json:1:1: The allow-list must be a JSON object",
    /^Write \{ "version": 1, "suppress"/,
  );
  assertRejects(
    '{"version": 2, "suppress": []}',
    ".codegen-safety.json:1:13: Unsupported allow-list version 2",
    'Set "version": 1, the only version this Codegen Lab reads',
  );
  assertRejects(
    '{"suppress": []}',
    '.codegen-safety.json:1:1: The allow-list has no "version"',
    'Add "version": 1',
  );
  assertRejects(
    '{"version": 1}',
    '.codegen-safety.json:1:1: The allow-list has no "suppress"',
    /^Add a "suppress" array: /,
  );
  assertRejects(
    '{"version": 1,\n "supress": []}',
    '.codegen-safety.json:2:2: The allow-list has an unknown key "supress"',
    'Did you mean "suppress"? Use only "version", "suppress"',
  );
  assertRejects(
    '{"version": 1, "suppress": {}}',
    '.codegen-safety.json:1:28: "suppress" must be an array',
    /^Write /,
  );
  assertRejects(
    '{"version": 1, "suppress": ["network/fetch"]}',
    ".codegen-safety.json:1:29: suppress[0] must be an object",
    'Write { "rule": "…", "justification": "…" }',
  );
});

Deno.test("parseSafetyAllowList() rejects unknown entry keys with a suggestion", () => {
  assertRejects(
    '{"version": 1, "suppress": [\n  {"rule": "network/fetch", "reason": "calls our own API"}\n]}',
    '.codegen-safety.json:2:29: suppress[0] has an unknown key "reason"',
    'Use only "rule", "path", "line", "justification"',
  );
  assertRejects(
    '{"version": 1, "suppress": [\n  {"rule": "network/fetch", "justfication": "calls our own API"}\n]}',
    '.codegen-safety.json:2:29: suppress[0] has an unknown key "justfication"',
    'Did you mean "justification"? Use only "rule", "path", "line", "justification"',
  );
});

Deno.test("parseSafetyAllowList() requires a justification of at least 10 characters", () => {
  const entries = (entry: string): string =>
    `{"version": 1, "suppress": [\n  {"rule": "env/read"},\n  ${entry}\n]}`
      .replace(
        '{"rule": "env/read"},',
        '{"rule": "env/read", "justification": "reads PORT only"},',
      );
  assertRejects(
    entries('{"rule": "network/fetch"}'),
    '.codegen-safety.json:3:3: suppress[1] has no "justification"',
    'Add "justification": "<why this is safe>" (at least 10 characters)',
  );
  assertRejects(
    entries('{"rule": "network/fetch", "justification": "  ok     "}'),
    ".codegen-safety.json:3:46: suppress[1].justification is too short (2 characters)",
    "Explain in at least 10 characters why the finding is safe",
  );
  assertRejects(
    entries('{"rule": "network/fetch", "justification": 42}'),
    ".codegen-safety.json:3:46: suppress[1].justification must be a string",
    "Write why the finding is safe, as a string",
  );
});

Deno.test("parseSafetyAllowList() rejects unknown rule ids, listing close matches", () => {
  const entry = (rule: string): string =>
    `{"version": 1, "suppress": [\n  {"rule": "${rule}", "justification": "reviewed by the team"}\n]}`;
  assertRejects(
    entry("network/fecth"),
    '.codegen-safety.json:2:12: suppress[0] names an unknown rule "network/fecth"',
    'Did you mean "network/fetch"?',
  );
  assertRejects(
    entry("eval"),
    '.codegen-safety.json:2:12: suppress[0] names an unknown rule "eval"',
    'Did you mean "dynamic-code/eval"?',
  );
  assertRejects(
    entry("network/everything"),
    '.codegen-safety.json:2:12: suppress[0] names an unknown rule "network/everything"',
    /^The network rules are "network\/fetch", "network\/deno-net", /,
  );
  assertRejects(
    entry("nonsense/zzz"),
    '.codegen-safety.json:2:12: suppress[0] names an unknown rule "nonsense/zzz"',
    /^Rule ids start with one of "dynamic-code", "subprocess", "network", /,
  );
  assertRejects(
    '{"version": 1, "suppress": [{"justification": "reviewed by the team"}]}',
    '.codegen-safety.json:1:29: suppress[0] has no "rule"',
    'Add the rule id, e.g. "rule": "network/fetch"',
  );
});

Deno.test("parseSafetyAllowList() checks path globs and lines", () => {
  const entry = (extra: string): string =>
    `{"version": 1, "suppress": [{"rule": "env/read", "justification": "reads PORT only", ${extra}}]}`;
  assertRejects(
    entry('"path": "src/[a-z.ts"'),
    '.codegen-safety.json:1:94: suppress[0].path is not a valid glob: unclosed "[" in "src/[a-z.ts"',
    'Write a glob, e.g. "path": "src/**/*.ts"',
  );
  assertRejects(
    entry('"line": 0'),
    ".codegen-safety.json:1:94: suppress[0].line must be a positive whole number",
    'Give the 1-based line the finding reports, or leave "line" out to accept it on any line',
  );
  assertRejects(
    entry('"line": 1.5'),
    ".codegen-safety.json:1:94: suppress[0].line must be a positive whole number",
    /1-based/,
  );
  assertRejects(
    entry('"path": 3'),
    ".codegen-safety.json:1:94: suppress[0].path must be a string",
    /glob/,
  );
});

Deno.test("parseSafetyAllowList() names the file it was given", () => {
  assertRejects(
    "[]",
    "tools/safety.json:1:1: The allow-list must be a JSON object",
    /Write/,
    "tools/safety.json",
  );
});

function finding(ruleId: string, line: number): SafetyFinding {
  return { ruleId, severity: "warning", message: "m", line, column: 1, hint: "h", snippet: "s" };
}

Deno.test("applySafetyAllowList() matches rule, path glob and line, and keeps every finding", () => {
  const list = parseSafetyAllowList(JSON.stringify({
    version: 1,
    suppress: [
      { rule: "network/fetch", path: "src/**/*.ts", justification: "calls our own API" },
      { rule: "env/read", line: 3, justification: "reads PORT only, checked" },
      { rule: "env/read", path: "scripts/*", justification: "scripts may read anything" },
    ],
  }));
  const findings = [finding("network/fetch", 1), finding("env/read", 3), finding("env/read", 4)];
  const justifications = (path?: string): Array<string | undefined> =>
    applySafetyAllowList(findings, list, path).map((f) => f.suppressed?.justification);
  assert.deepEqual(justifications("./src/api/client.ts"), [
    "calls our own API",
    "reads PORT only, checked",
    undefined,
  ]);
  assert.deepEqual(justifications("scripts/dev.ts"), [
    undefined,
    "reads PORT only, checked",
    "scripts may read anything",
  ]);
  assert.deepEqual(justifications("scripts\\dev.ts"), [
    undefined,
    "reads PORT only, checked",
    "scripts may read anything",
  ]);
  assert.deepEqual(justifications(), [undefined, "reads PORT only, checked", undefined]);
  assert.equal(findings[0]!.suppressed, undefined, "the input is not changed");
});
