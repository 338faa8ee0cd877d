import assert from "node:assert/strict";
import { parseRule } from "../../src/rules/parse_rule.ts";
import { ruleTypeOf } from "../../src/rules/rule_type.ts";

Deno.test("ruleTypeOf() returns always when alwaysApply is true, whatever else is set", () => {
  assert.equal(ruleTypeOf({ alwaysApply: true, globs: [] }), "always");
  assert.equal(ruleTypeOf({ alwaysApply: true, globs: ["*.ts"], description: "d" }), "always");
});

Deno.test("ruleTypeOf() returns auto-attached for globs, with or without a description", () => {
  assert.equal(ruleTypeOf({ globs: ["*.ts"] }), "auto-attached");
  assert.equal(
    ruleTypeOf({ alwaysApply: false, globs: ["*.ts"], description: "d" }),
    "auto-attached",
  );
});

Deno.test("ruleTypeOf() returns agent-requested for a description without globs", () => {
  assert.equal(
    ruleTypeOf({ alwaysApply: false, globs: [], description: "Use for SQL" }),
    "agent-requested",
  );
});

Deno.test("ruleTypeOf() returns manual when nothing selects the rule", () => {
  assert.equal(ruleTypeOf({ globs: [] }), "manual");
  assert.equal(ruleTypeOf({ alwaysApply: false, globs: [], description: " \t " }), "manual");
  assert.equal(ruleTypeOf({ globs: ["", "  "] }), "manual");
});

Deno.test("ruleTypeOf() does not take an invalid alwaysApply as true", () => {
  assert.equal(ruleTypeOf(parseRule('---\nalwaysApply: "true"\n---\n')), "manual");
  assert.equal(
    ruleTypeOf(parseRule("---\nglobs: *.md\nalwaysApply: True\n---\n")),
    "auto-attached",
  );
});

Deno.test("ruleTypeOf() treats a rule with an unclosed frontmatter as manual", () => {
  assert.equal(ruleTypeOf(parseRule("---\nalwaysApply: true\n")), "manual");
});
