/**
 * Rule prompts: `generate-cursor-rule` and `review-cursor-rules`, each filled
 * with the project's real rules and problems, not canned text.
 *
 * @module
 */
import { z } from "zod";
import { definePrompt, type OperationContext, type Prompt } from "../core/mod.ts";
import {
  limitsOf,
  loadRules,
  loadRulesWithFiles,
  tokenCounterFor,
  workspaceFiles,
} from "./_context.ts";
import { existsSync } from "./_exists.ts";
import { renderProblems } from "./_render.ts";
import type { RuleSet } from "./load_rules.ts";
import { validateRuleSet } from "./validate_rules.ts";

const TYPES = ["always", "auto-attached", "agent-requested", "manual"];

const FORMAT = `Cursor rule format (.cursor/rules/<category>/<name>.mdc):
---
description: <one sentence: when the rule applies>
globs: <comma-separated globs, unquoted, no spaces: src/**/*.ts,src/**/*.tsx>
alwaysApply: <true|false>
---
# Title
## Context
- bullets
## Critical Rules
- bullets, each an instruction
## Examples
<example>
  a good example, indented two spaces
</example>
<example type="invalid">
  a bad example
</example>

Types: always (alwaysApply: true), auto-attached (globs set), agent-requested (description only), manual (neither; used with @name).
Never quote or bracket globs and never put spaces after the commas: some Cursor versions then match nothing.`;

async function rulesOverview(
  ctx: OperationContext,
  loaded?: RuleSet,
): Promise<{ set: RuleSet; text: string }> {
  const set = loaded ?? await loadRules(ctx);
  const text = set.rules.length === 0
    ? "The project has no rules yet."
    : set.rules.map((rule) =>
      `- ${rule.name} (${rule.type})${
        rule.parsed?.description ? `: ${rule.parsed.description}` : ""
      }${rule.parsed?.globs.length ? ` [globs: ${rule.parsed.globs.join(",")}]` : ""}`
    ).join("\n");
  return { set, text };
}

async function topLevel(ctx: OperationContext): Promise<string> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(ctx.root)) {
    if (entry.name === ".git") continue;
    names.push(entry.isDirectory ? `${entry.name}/` : entry.name);
  }
  return names.sort().join(", ");
}

/** `generate-cursor-rule`: write a new rule that fits the project. */
export const generateRulePrompt: Prompt<
  { topic: z.ZodString; ruleType: z.ZodOptional<z.ZodString>; globs: z.ZodOptional<z.ZodString> }
> = definePrompt({
  name: "generate-cursor-rule",
  title: "Generate a Cursor rule",
  description:
    "Write a new Cursor rule on a topic, in the right format and type, without duplicating existing rules",
  group: "rules",
  args: {
    topic: z.string().describe("What the rule is about, e.g. 'pytest fixtures'"),
    ruleType: z.string().optional().describe("always, auto-attached, agent-requested or manual"),
    globs: z.string().optional().describe("Comma-separated globs for an auto-attached rule"),
  },
  complete: {
    ruleType: (value) => Promise.resolve(TYPES.filter((type) => type.startsWith(value))),
    globs: async (value, ctx) => {
      const extensions = new Set<string>();
      for (const file of await workspaceFiles(ctx)) {
        const dot = file.lastIndexOf(".");
        if (dot > file.lastIndexOf("/") + 1) extensions.add(`**/*${file.slice(dot)}`);
      }
      return [...extensions].filter((glob) => glob.startsWith(value)).sort().slice(0, 50);
    },
  },
  async render(args, ctx) {
    const { text } = await rulesOverview(ctx);
    const type = args.ruleType && TYPES.includes(args.ruleType) ? args.ruleType : undefined;
    return {
      description: `Generate a Cursor rule about ${args.topic}`,
      messages: [{
        role: "user",
        text: [
          `Write one Cursor rule about: ${args.topic}.`,
          type ? `Make it ${type}.` : "Choose the rule type that fits best and say why.",
          args.globs ? `It attaches to: ${args.globs}` : "",
          "",
          `Project top level: ${await topLevel(ctx)}`,
          "",
          "Rules that already exist (do not duplicate them; extend one with extends: [name] if it overlaps):",
          text,
          "",
          FORMAT,
          "",
          "Then create it with the rules_create tool (name with its category, type, description, globs, body) and run rules_validate; fix any problem it reports with rules_update.",
        ].filter((line, i, all) => !(line === "" && all[i - 1] === "")).join("\n"),
      }],
    };
  },
});

/** `review-cursor-rules`: review the project's rules using real validation results. */
export const reviewRulesPrompt: Prompt<{ focus: z.ZodOptional<z.ZodString> }> = definePrompt({
  name: "review-cursor-rules",
  title: "Review Cursor rules",
  description:
    "Review the project's Cursor rules with their current validation problems, and propose fixes",
  group: "rules",
  args: {
    focus: z.string().optional().describe(
      "What to concentrate on, e.g. 'overlap' or 'testing rules'",
    ),
  },
  async render(args, ctx) {
    const { set, files } = await loadRulesWithFiles(ctx);
    const { text } = await rulesOverview(ctx, set);
    const problems = validateRuleSet(set, {
      limits: limitsOf(ctx),
      files,
      countTokens: await tokenCounterFor(set, limitsOf(ctx)),
      exists: (path) => files.has(path) || existsSync(ctx.root, path),
    });
    let budget = 40_000;
    const bodies: string[] = [];
    for (const rule of set.rules) {
      const raw = rule.parsed?.raw ?? "";
      if (raw.length > budget) {
        bodies.push(
          `(${
            set.rules.length - bodies.length
          } more rules not shown; read them with the cursor-rule-raw resource)`,
        );
        break;
      }
      budget -= raw.length;
      bodies.push(`### ${rule.name}\n${raw}`);
    }
    return {
      description: "Review the Cursor rules",
      messages: [{
        role: "user",
        text: [
          `Review this project's ${set.rules.length} Cursor rules${
            args.focus ? `, concentrating on ${args.focus}` : ""
          }.`,
          "For each rule: is the type right (always rules cost context on every request), is the description a clear trigger, do globs match the files meant, is the body concrete, does it overlap another rule?",
          "",
          "Rules:",
          text,
          "",
          "Problems found by rules_validate:",
          problems.length === 0 ? "none" : renderProblems(problems, set.rules.length),
          "",
          "Rule texts:",
          ...bodies,
          "",
          "Propose concrete changes, then apply the ones the user accepts with rules_update (or rules_move, rules_delete), and run rules_validate again.",
        ].join("\n"),
      }],
    };
  },
});
