/**
 * What rule operations share: loading the rule set with progress, the
 * workspace file list, the limits in force, a lazily loaded tokenizer, and
 * the summary schema every listing uses.
 *
 * @module
 */
import { z } from "zod";
import { NotFoundError, type OperationContext, walkWorkspace } from "../core/mod.ts";
import { maxTokens, type RuleLimits } from "./_checks_rule.ts";
import { type LoadedRule, loadRuleSet, type RuleSet } from "./load_rules.ts";

/** The rule types, as a zod enum. */
export const RuleTypeSchema = z.enum(["always", "auto-attached", "agent-requested", "manual"]);

/** A rule as listings show it. */
export const RuleSummarySchema = z.object({
  name: z.string().describe(
    "Path under .cursor/rules/ without .mdc (scope: prefix for nested folders)",
  ),
  path: z.string().describe("Workspace-relative file path"),
  category: z.string().describe("First folder under .cursor/rules/, empty at the top"),
  type: RuleTypeSchema.describe("How Cursor applies it"),
  description: z.string().optional(),
  globs: z.array(z.string()),
  alwaysApply: z.boolean(),
  extends: z.array(z.string()),
  scope: z.string().describe("Directory of a nested .cursor/rules folder, empty for the root"),
  bytes: z.int(),
  readable: z.boolean().describe("False when the file could not be decoded (see rules validate)"),
});

/** A rule summary. */
export type RuleSummary = z.infer<typeof RuleSummarySchema>;

/** Summarises a loaded rule. */
export function summarize(rule: LoadedRule): RuleSummary {
  return {
    name: rule.name,
    path: rule.path,
    category: rule.category,
    type: rule.type,
    ...(rule.parsed?.description ? { description: rule.parsed.description } : {}),
    globs: rule.parsed?.globs ?? [],
    alwaysApply: rule.parsed?.alwaysApply === true,
    extends: rule.parsed?.extends ?? [],
    scope: rule.scope,
    bytes: rule.bytes,
    readable: rule.parsed !== undefined,
  };
}

/** Loads the workspace's rules, reporting progress through the context. */
export function loadRules(ctx: OperationContext): Promise<RuleSet> {
  return loadRuleSet(ctx.root, {
    signal: ctx.signal,
    progress: (done, total) => ctx.progress(done, total, `${done}/${total} rules read`),
  });
}

/** The rules and every workspace file (honouring .gitignore), from one walk. */
export async function loadRulesWithFiles(
  ctx: OperationContext,
): Promise<{ set: RuleSet; files: Set<string> }> {
  const files = new Set<string>();
  const set = await loadRuleSet(ctx.root, {
    signal: ctx.signal,
    progress: (done, total) => ctx.progress(done, total, `${done}/${total} rules read`),
    collectFiles: files,
  });
  return { set, files };
}

/**
 * A token counter for validating `set`: the real o200k tokenizer when some
 * rule may be near the limits, else the upper-bound estimate (the tokenizer
 * module is large and slow to load).
 */
export async function tokenCounterFor(
  set: RuleSet,
  limits: RuleLimits,
): Promise<(text: string) => number> {
  const needed = set.rules.some((rule) =>
    rule.parsed && maxTokens(rule.parsed.raw) > limits.maxTokensWarning
  );
  return needed ? await tokenCounter() : maxTokens;
}

/** Every workspace file (honouring .gitignore), for glob and reference checks. */
export async function workspaceFiles(ctx: OperationContext): Promise<Set<string>> {
  const files = new Set<string>();
  for await (const entry of walkWorkspace(ctx.root, { signal: ctx.signal })) files.add(entry.path);
  return files;
}

/** The rule limits in force. */
export function limitsOf(ctx: OperationContext): RuleLimits {
  return { ...ctx.config.rules };
}

/** Counts tokens with o200k (loaded on first use; it is a large module). */
export async function tokenCounter(): Promise<(text: string) => number> {
  const { countTokens } = await import("gpt-tokenizer");
  return (text) => countTokens(text);
}

/**
 * Finds a rule by name (or by base name when unique), or throws with the
 * closest names as suggestions.
 */
export function findRule(set: RuleSet, name: string): LoadedRule {
  const cleaned = name.replace(/\.mdc$/, "").replace(/^\.cursor\/rules\//, "");
  const exact = set.rules.find((rule) => rule.name === cleaned || rule.path === name);
  if (exact) return exact;
  const byBase = set.rules.filter((rule) =>
    rule.name.endsWith(`/${cleaned}`) || rule.name.endsWith(`:${cleaned}`)
  );
  if (byBase.length === 1) return byBase[0]!;
  const suggestions = set.rules.map((rule) => rule.name).filter((candidate) =>
    candidate.includes(cleaned.split("/").pop()!)
  )
    .slice(0, 5);
  throw new NotFoundError(
    byBase.length > 1
      ? `Rule name "${name}" is ambiguous: ${byBase.map((rule) => rule.name).join(", ")}`
      : `Cannot find rule "${name}"`,
    {
      hint: byBase.length > 1
        ? "Use the full name with its category folder"
        : suggestions.length > 0
        ? `Did you mean ${suggestions.map((s) => `"${s}"`).join(", ")}?`
        : "Run `codegen-lab rules list` to see the rule names",
      data: { name, candidates: byBase.map((rule) => rule.name) },
    },
  );
}
