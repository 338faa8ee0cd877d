/**
 * The `recommend_rules` operation: from an analysis of the workspace,
 * catalogue rules worth adding, each with its reasons and a confidence;
 * `apply` creates them through `rules_create`.
 *
 * @module
 */
import { z } from "zod";
import {
  compileGlob,
  defineOperation,
  invoke,
  type Operation,
  UsageError,
  walkWorkspace,
} from "../core/mod.ts";
import { ANALYSIS_IGNORE_FILES } from "./scan_repository.ts";
import { loadRuleSet, rulesCreate } from "../rules/mod.ts";
import { type Analysis, analyzeRepository } from "./analyze_repository.ts";
import { recommendRules, type StackFacts } from "./recommend.ts";
import { RULE_CATALOG } from "./rule_catalog.ts";

const input = z.strictObject({
  minConfidence: z.number().min(0).max(1).default(0.5).describe(
    "Leave out recommendations below this confidence (0 to 1)",
  ),
  includeExisting: z.boolean().default(false).describe(
    "Also list rules the workspace already has, marked exists",
  ),
  apply: z.boolean().default(false).describe(
    "Create the recommended rules (or only those named in `only`) under .cursor/rules/",
  ),
  only: z.array(z.string()).default([]).describe(
    "With apply: the catalogue ids to create, e.g. testing-rules/pytest",
  ),
});

const output = z.object({
  recommendations: z.array(z.object({
    id: z.string().describe("Catalogue id: the rule name it creates"),
    title: z.string(),
    category: z.string(),
    confidence: z.number().describe("0 to 1"),
    reasons: z.array(z.string()).describe("Why, one line per finding"),
    exists: z.boolean().describe("The workspace already has it (or one with the same base name)"),
    existingName: z.string().optional(),
  })),
  created: z.array(z.string()).describe("Rules created (with apply)"),
  catalogSize: z.int().describe("Rules in the shipped catalogue"),
});

/**
 * The catalogue's globs that match a file here, so a new rule validates
 * without "matches no file" warnings; all of them when none match yet.
 */
function globsInUse(globs: readonly string[], files: readonly string[]): string[] {
  const used = globs.filter((glob) => {
    const matches = compileGlob(glob);
    return files.some((file) => matches(file));
  });
  return used.length > 0 ? used : [...globs];
}

/** Turns an analysis into the facts the recommender reads. */
export function stackFactsOf(analysis: Analysis): StackFacts {
  const evidence: Record<string, string[]> = {};
  const ids = (kind: string, items: ReadonlyArray<{ id: string; evidence: string[] }>) =>
    items.map((item) => {
      evidence[`${kind}:${item.id}`] = item.evidence;
      return item.id;
    });
  const { stack } = analysis;
  return {
    languages: analysis.languages.map(({ name, files, code }) => ({ name, files, code })),
    frameworks: ids("framework", stack.frameworks),
    testing: ids("testing", stack.testing),
    linters: ids("linter", stack.linters),
    ci: ids("ci", stack.ci),
    containers: ids("container", stack.containers),
    packageManagers: ids("packageManager", stack.packageManagers),
    aiConfig: ids("aiConfig", stack.aiConfig),
    evidence,
  };
}

/** Recommends catalogue rules for the workspace and optionally creates them. */
export const recommendRulesOperation: Operation<typeof input, typeof output> = defineOperation({
  name: "recommend_rules",
  title: "Recommend rules",
  description:
    `Analyse the workspace and recommend Cursor rules from the shipped catalogue (${RULE_CATALOG.length} rules: languages, frameworks, testing, tooling, security, agile workflow), each with reasons such as "pytest found in pyproject.toml" and a confidence; rules the workspace already has are left out. With apply, creates them under .cursor/rules/ (never overwriting).`,
  group: "analysis",
  input,
  output,
  effects: ["read", "write"],
  requiresApproval: true,
  idempotent: true,
  cli: {
    command: "analyze recommend",
    examples: [
      { command: "analyze recommend", description: "What to add, with reasons" },
      {
        command: "analyze recommend --apply --only testing-rules/pytest --yes",
        description: "Create one recommended rule",
      },
      { command: "analyze recommend --min-confidence 0.8 --json", description: "Only sure ones" },
    ],
    render: (out) =>
      [
        ...out.recommendations.map((rec) =>
          `${rec.confidence.toFixed(2)}  ${rec.id}${
            rec.exists ? ` (exists as ${rec.existingName})` : ""
          }\n      ${rec.reasons.join("\n      ")}`
        ),
        ...(out.recommendations.length === 0 ? ["Nothing to recommend at this confidence."] : []),
        ...(out.created.length > 0 ? ["", `Created: ${out.created.join(", ")}`] : []),
      ].join("\n"),
  },
  async handler(input, ctx) {
    const unknown = input.only.filter((id) => !RULE_CATALOG.some((rule) => rule.id === id));
    if (unknown.length > 0) {
      throw new UsageError(`Unknown catalogue rule: ${unknown.join(", ")}`, {
        hint: "Use ids from `analyze recommend --json` (e.g. testing-rules/pytest)",
      });
    }
    if (input.only.length > 0 && !input.apply) {
      throw new UsageError("`only` picks the rules to create, so it needs `apply`", {
        hint: "Add --apply (and --yes), or leave out --only to just list recommendations",
      });
    }
    const analysis = await invoke(analyzeRepository, { write: false }, ctx);
    const existing = (await loadRuleSet(ctx.root, { signal: ctx.signal })).rules.map((rule) =>
      rule.name
    );
    const recommendations = recommendRules(stackFactsOf(analysis), existing, {
      minConfidence: input.minConfidence,
      includeExisting: input.includeExisting,
    });
    const created: string[] = [];
    if (input.apply) {
      const wanted = input.only.length > 0
        ? input.only
        : recommendations.filter((rec) => !rec.exists).map((rec) => rec.id);
      const files: string[] = [];
      for await (const entry of walkWorkspace(ctx.root, { ignoreFiles: ANALYSIS_IGNORE_FILES })) {
        files.push(entry.path);
      }
      for (const id of wanted) {
        const rule = RULE_CATALOG.find((entry) => entry.id === id)!;
        if (recommendations.some((rec) => rec.id === id && rec.exists)) continue;
        if (existing.includes(id)) continue;
        const result = await invoke(rulesCreate, {
          name: rule.id,
          type: rule.alwaysApply
            ? "always"
            : rule.globs.length > 0
            ? "auto-attached"
            : "agent-requested",
          description: rule.description,
          globs: globsInUse(rule.globs, files),
          body: rule.body,
        }, ctx);
        created.push(result.name);
      }
    }
    return { recommendations, created, catalogSize: RULE_CATALOG.length };
  },
});
