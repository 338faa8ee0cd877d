/**
 * The `rules_which` operation: which rules Cursor attaches for a file.
 *
 * @module
 */
import { posix } from "node:path";
import { z } from "zod";
import { defineOperation, type Operation, UsageError } from "../core/mod.ts";
import { loadRules } from "./_context.ts";
import { GlobIndex } from "./glob_index.ts";
import type { LoadedRule } from "./load_rules.ts";

const input = z.strictObject({
  paths: z.array(z.string().min(1)).min(1).max(10_000).describe(
    "Workspace-relative file paths (they need not exist yet)",
  ),
});

const Attached = z.object({
  path: z.string(),
  always: z.array(z.string()).describe("Always rules: attached to every request"),
  attached: z.array(z.object({ name: z.string(), glob: z.string() })).describe(
    "Auto-attached rules whose globs match the path, with the glob that matched",
  ),
  agentRequested: z.array(z.object({ name: z.string(), description: z.string() })).describe(
    "Candidates the agent may pull in by their description",
  ),
});

const output = z.object({ results: z.array(Attached) });

/** Tells which rules Cursor attaches when a file is in context. */
export const rulesWhich: Operation<typeof input, typeof output> = defineOperation({
  name: "rules_which",
  title: "Which rules apply",
  description:
    "Given file paths, tell which Cursor rules apply: always rules, auto-attached rules whose globs match (and which glob), and the agent-requested rules the agent may choose by description. Globs without a slash match the base name at any depth; rules in a nested .cursor/rules folder apply only under their directory.",
  group: "rules",
  input,
  output,
  effects: ["read"],
  requiresApproval: false,
  cli: {
    command: "rules which",
    positional: ["paths"],
    examples: [{
      command: "rules which src/app.tsx tests/app_test.ts",
      description: "Rules for two files",
    }],
    render: (out) =>
      out.results.map((result) =>
        [
          `${result.path}:`,
          `  always: ${result.always.join(", ") || "(none)"}`,
          `  attached: ${
            result.attached.map((hit) => `${hit.name} (${hit.glob})`).join(", ") || "(none)"
          }`,
          `  agent may request: ${
            result.agentRequested.map((rule) => rule.name).join(", ") || "(none)"
          }`,
        ].join("\n")
      ).join("\n"),
  },
  async handler(input, ctx) {
    const set = await loadRules(ctx);
    const always: LoadedRule[] = [];
    const requested: LoadedRule[] = [];
    const index = new GlobIndex<LoadedRule>();
    for (const rule of set.rules) {
      if (rule.type === "always") always.push(rule);
      else if (rule.type === "auto-attached") {
        for (const glob of rule.parsed!.globs) index.add(glob, rule, rule.scope);
      } else if (rule.type === "agent-requested") requested.push(rule);
    }
    const inScope = (rule: LoadedRule, path: string): boolean =>
      rule.scope === "" || path.startsWith(`${rule.scope}/`);
    const results = input.paths.map((given) => {
      const path = normalize(given);
      const seen = new Set<string>();
      const attached = index.match(path).filter((hit) => {
        if (seen.has(hit.value.path)) return false;
        seen.add(hit.value.path);
        return true;
      }).map((hit) => ({ name: hit.value.name, glob: hit.glob }));
      return {
        path,
        always: always.filter((rule) => inScope(rule, path)).map((rule) => rule.name),
        attached,
        agentRequested: requested.filter((rule) => inScope(rule, path)).map((rule) => ({
          name: rule.name,
          description: rule.parsed!.description ?? "",
        })),
      };
    });
    return { results };
  },
});

function normalize(path: string): string {
  const normal = posix.normalize(path.replaceAll("\\", "/")).replace(/^\.\//, "");
  if (normal.startsWith("../") || normal === ".." || posix.isAbsolute(normal)) {
    throw new UsageError(`Path "${path}" is not inside the workspace`, {
      hint: "Give a path relative to the workspace root, such as src/app.ts",
    });
  }
  return normal;
}
