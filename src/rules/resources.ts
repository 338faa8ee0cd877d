/**
 * Rules as MCP resources: an index, each rule parsed, and each rule's raw text.
 *
 * @module
 */
import { defineResource, NotFoundError, type Resource } from "../core/mod.ts";
import { findRule, loadRules, summarize } from "./_context.ts";

/** `cursor-rules://list`: the JSON index of all rules. */
export const rulesIndexResource: Resource = defineResource({
  name: "cursor-rules",
  title: "Cursor rules",
  description: "Index of every Cursor rule: name, path, type, category, description, globs (JSON)",
  group: "rules",
  mimeType: "application/json",
  uri: "cursor-rules://list",
  async read(uri, _vars, ctx) {
    const set = await loadRules(ctx);
    return {
      uri,
      mimeType: "application/json",
      text: JSON.stringify({ rules: set.rules.map(summarize) }, null, 2),
    };
  },
});

const listRules = async (scheme: string, ctx: Parameters<Resource["read"]>[2]) =>
  (await loadRules(ctx)).rules.map((rule) => ({
    uri: `${scheme}://${rule.name}`,
    name: rule.name,
    ...(rule.parsed?.description ? { description: rule.parsed.description } : {}),
  }));

const completeName = async (
  value: string,
  ctx: Parameters<Resource["read"]>[2],
): Promise<string[]> =>
  (await loadRules(ctx)).rules.map((rule) => rule.name).filter((name) =>
    name.startsWith(value) || name.includes(`/${value}`)
  )
    .slice(0, 100);

async function readRule(name: string | undefined, ctx: Parameters<Resource["read"]>[2]) {
  if (!name) {
    throw new NotFoundError("The URI names no rule", {
      hint: "Use cursor-rule://<category>/<name>",
    });
  }
  return findRule(await loadRules(ctx), decodeURIComponent(name));
}

/** `cursor-rule://{+name}`: one rule, parsed (JSON). */
export const ruleResource: Resource = defineResource({
  name: "cursor-rule",
  title: "Cursor rule (parsed)",
  description: "One rule as JSON: its summary, frontmatter fields, body and parse problems",
  group: "rules",
  mimeType: "application/json",
  uri: "cursor-rule://{+name}",
  list: (ctx) => listRules("cursor-rule", ctx),
  complete: { name: completeName },
  async read(uri, vars, ctx) {
    const rule = await readRule(vars.name, ctx);
    const text = JSON.stringify(
      {
        ...summarize(rule),
        fields: (rule.parsed?.fields ?? []).map((f) => ({
          key: f.key,
          value: f.rawValue,
          line: f.line,
        })),
        body: rule.parsed?.body ?? "",
        problems: [...(rule.parsed?.diagnostics ?? []), ...(rule.problem ? [rule.problem] : [])],
      },
      null,
      2,
    );
    return { uri, mimeType: "application/json", text };
  },
});

/** `cursor-rule-raw://{+name}`: one rule's exact text. */
export const ruleRawResource: Resource = defineResource({
  name: "cursor-rule-raw",
  title: "Cursor rule (raw)",
  description: "One rule's exact file text (.mdc)",
  group: "rules",
  mimeType: "text/markdown",
  uri: "cursor-rule-raw://{+name}",
  list: (ctx) => listRules("cursor-rule-raw", ctx),
  complete: { name: completeName },
  async read(uri, vars, ctx) {
    const rule = await readRule(vars.name, ctx);
    return { uri, mimeType: "text/markdown", text: rule.parsed?.raw ?? "" };
  },
});

/** The URIs to announce as updated when a rule changes. */
export function ruleUris(name: string): string[] {
  return [`cursor-rule://${name}`, `cursor-rule-raw://${name}`, "cursor-rules://list"];
}
