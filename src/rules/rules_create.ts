/**
 * The `rules_create` operation.
 *
 * @module
 */
import { z } from "zod";
import {
  ConflictError,
  defineOperation,
  type Operation,
  UsageError,
  writeFileAtomic,
} from "../core/mod.ts";
import { RuleTypeSchema } from "./_context.ts";
import { ruleTarget } from "./_names.ts";
import { editRule } from "./edit_rule.ts";
import { type RuleType, ruleTypeOf } from "./rule_type.ts";
import { parseRule } from "./parse_rule.ts";
import { findTemplate, RULE_TEMPLATES, titleOf } from "./templates.ts";
import { trashCopy } from "./trash.ts";

const input = z.strictObject({
  name: z.string().min(1).describe("Rule name, optionally with its category: testing-rules/pytest"),
  category: z.string().optional().describe(
    "Category folder (core-rules, global-rules, testing-rules, tool-rules or any)",
  ),
  type: RuleTypeSchema.optional().describe("Rule type; derived from the other fields when omitted"),
  description: z.string().optional().describe(
    "When the rule applies (needed for agent-requested rules)",
  ),
  globs: z.array(z.string().min(1)).optional().describe(
    "File globs (needed for auto-attached rules)",
  ),
  body: z.string().optional().describe("The rule text; the template's body when omitted"),
  template: z.enum(RULE_TEMPLATES.map((t) => t.id) as [string, ...string[]]).optional().describe(
    "Template to start from; by default the one for the type, or for the category",
  ),
  force: z.boolean().default(false).describe(
    "Overwrite an existing rule (the old one goes to the trash)",
  ),
});

const output = z.object({
  name: z.string(),
  path: z.string(),
  type: RuleTypeSchema,
  overwritten: z.boolean(),
  trashId: z.string().optional().describe("Trash entry of the overwritten rule"),
  content: z.string(),
});

/** Creates a rule from a template. */
export const rulesCreate: Operation<typeof input, typeof output> = defineOperation({
  name: "rules_create",
  title: "Create a rule",
  description:
    "Create a Cursor rule file .cursor/rules/<category>/<name>.mdc from a shipped template (one per rule type and per category), with the given description, globs and body. Refuses to overwrite an existing rule unless force is set (the old file then goes to the trash).",
  group: "rules",
  input,
  output,
  effects: ["read", "write"],
  requiresApproval: true,
  idempotent: false,
  cli: {
    command: "rules create",
    positional: ["name"],
    examples: [
      {
        command:
          "rules create testing-rules/pytest --globs 'tests/**/*.py' --description 'Pytest conventions'",
        description: "An auto-attached rule for Python tests",
      },
      {
        command: "rules create deploy --type manual",
        description: "A manual rule, used with @deploy",
      },
    ],
    render: (out) => `${out.overwritten ? "Replaced" : "Created"} ${out.path} (${out.type})`,
  },
  async handler(input, ctx) {
    const template = input.template
      ? findTemplate(input.template)!
      : findTemplate(input.type ?? "") ??
        findTemplate(input.category ?? input.name.split("/")[0]!) ??
        findTemplate(input.globs?.length ? "auto-attached" : "agent-requested")!;
    const target = await ruleTarget(
      ctx.root,
      input.name,
      input.category ?? (input.name.includes("/") ? undefined : template.category),
    );
    const type: RuleType = input.type ??
      (input.globs?.length
        ? "auto-attached"
        : input.description
        ? "agent-requested"
        : template.type);
    const description = input.description ??
      (type === "agent-requested" ? template.description : "");
    const globs = input.globs ?? (type === "auto-attached" ? template.globs : []);
    if (type === "auto-attached" && globs.length === 0) {
      throw new UsageError("An auto-attached rule needs globs", {
        hint: "Pass --globs 'src/**/*.ts' (repeat for more)",
      });
    }
    if (type === "agent-requested" && description.trim() === "") {
      throw new UsageError("An agent-requested rule needs a description", {
        hint: "Pass --description 'Use when …' saying when the agent should read it",
      });
    }
    const body = input.body ??
      template.body.replaceAll("{{title}}", titleOf(target.name)).replaceAll(
        "{{name}}",
        target.name.slice(target.name.lastIndexOf("/") + 1),
      );
    const content = editRule("", {
      description,
      globs: type === "auto-attached" ? globs : [],
      alwaysApply: type === "always",
      body: body.endsWith("\n") ? body : `${body}\n`,
    });
    const exists = await Deno.stat(target.absolute).then(() => true, () => false);
    if (exists && !input.force) {
      throw new ConflictError(`Rule "${target.name}" already exists at ${target.path}`, {
        hint:
          "Pick another name, change it with `rules update`, or pass --force to replace it (the old file goes to the trash)",
      });
    }
    const trashed = exists
      ? await trashCopy(
        ctx.root,
        { name: target.name, path: target.path, reason: "overwritten" },
        ctx.now(),
      )
      : undefined;
    await writeFileAtomic(target.absolute, content);
    return {
      name: target.name,
      path: target.path,
      type: ruleTypeOf(parseRule(content)),
      overwritten: exists,
      ...(trashed ? { trashId: trashed.id } : {}),
      content,
    };
  },
});
