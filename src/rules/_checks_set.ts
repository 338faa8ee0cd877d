/**
 * Checks across rules: duplicate names and bodies, `extends` that name a
 * missing rule or form a cycle, globs that match no file, and stray files
 * (v1 drafts, plain `.md`) in rules folders.
 *
 * @module
 */
import { globSyntaxError } from "../core/mod.ts";
import type { RuleFile } from "./discover_rules.ts";
import { GlobIndex } from "./glob_index.ts";
import type { LoadedRule } from "./load_rules.ts";
import type { ParsedRule } from "./parse_rule.ts";
import type { RuleProblem } from "./rule_problem.ts";

type Parsed = LoadedRule & { parsed: ParsedRule };

/**
 * Reports two rules that share a base name (ambiguous `@name` mentions) or
 * differ only in letter case (they clash on case-insensitive filesystems),
 * and two rules with the same body.
 */
export function checkDuplicates(rules: readonly Parsed[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const byBase = new Map<string, Parsed[]>();
  const byFolded = new Map<string, Parsed[]>();
  const bySignature = new Map<number, Parsed[]>();
  for (const rule of rules) {
    const base = rule.name.slice(rule.name.lastIndexOf("/") + 1).replace(/^.*:/, "");
    group(byBase, base, rule);
    group(byFolded, rule.path.toLowerCase(), rule);
    const signature = bodySignature(rule.parsed.body);
    if (signature !== -1) group(bySignature, signature, rule);
  }
  // Normalising whitespace is costly: only bodies with the same cheap
  // signature are compared in full.
  const byBody = new Map<string, Parsed[]>();
  for (const candidates of bySignature.values()) {
    if (candidates.length < 2) continue;
    for (const rule of candidates) {
      group(byBody, rule.parsed.body.trim().replace(/\s+/g, " "), rule);
    }
  }
  for (const same of byFolded.values()) {
    if (same.length < 2) continue;
    for (const rule of same.slice(1)) {
      problems.push({
        code: "name-duplicate",
        severity: "error",
        message: `Rule "${rule.name}" differs from "${
          same[0]!.name
        }" only in letter case; they clash on macOS and Windows`,
        hint: "Rename or merge one of them",
        line: 1,
        column: 1,
        file: rule.path,
        rule: rule.name,
      });
    }
  }
  for (const [base, same] of byBase) {
    const distinct = same.filter((rule) =>
      !same.some((other) => other !== rule && other.path.toLowerCase() === rule.path.toLowerCase())
    );
    if (distinct.length < 2) continue;
    for (const rule of distinct) {
      problems.push({
        code: "name-duplicate",
        severity: "warning",
        message: `${distinct.length} rules are named "${base}" (${
          distinct.map((r) => r.name).join(", ")
        }); @${base} is ambiguous`,
        hint: "Give each rule a distinct file name",
        line: 1,
        column: 1,
        file: rule.path,
        rule: rule.name,
      });
    }
  }
  for (const same of byBody.values()) {
    if (same.length < 2) continue;
    for (const rule of same.slice(1)) {
      problems.push({
        code: "body-duplicate",
        severity: "warning",
        message: `Rule body is the same as in "${same[0]!.name}"`,
        hint: "Delete one of them, or use extends: [name] to share the common text",
        line: rule.parsed.bodyStartLine,
        column: 1,
        file: rule.path,
        rule: rule.name,
      });
    }
  }
  return problems;
}

/**
 * A hash of the body's non-whitespace characters (FNV-1a, 32-bit) and their
 * count: equal for bodies that are equal up to whitespace. Numeric, so Map
 * lookups never have to flatten a long string.
 */
function bodySignature(body: string): number {
  let hash = 0x811c9dc5;
  let count = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    if (code <= 32) continue;
    hash = Math.imul(hash ^ code, 0x01000193);
    count++;
  }
  return count === 0 ? -1 : (hash >>> 0) * 4096 + (count & 4095);
}

/**
 * Resolves a name in `extends:` to a rule: the full name, or the base name
 * when exactly one rule has it.
 */
export function resolveRuleName(
  name: string,
  rules: readonly LoadedRule[],
): LoadedRule | undefined {
  const exact = rules.find((rule) => rule.name === name);
  if (exact) return exact;
  const byBase = rules.filter((rule) =>
    rule.name.endsWith(`/${name}`) || rule.name.endsWith(`:${name}`)
  );
  return byBase.length === 1 ? byBase[0] : undefined;
}

/** Reports `extends` entries that name no rule, and cycles. */
export function checkExtends(rules: readonly Parsed[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const lineOf = (rule: Parsed): number =>
    rule.parsed.fields.findLast((f) => f.key === "extends")?.line ?? 1;
  for (const rule of rules) {
    for (const parent of rule.parsed.extends) {
      if (resolveRuleName(parent, rules)) continue;
      problems.push({
        code: "extends-missing",
        severity: "error",
        message: `extends names "${parent}", which is not a rule`,
        hint: "Use a rule name as `rules list` shows it, e.g. core-rules/base",
        line: lineOf(rule),
        column: 1,
        file: rule.path,
        rule: rule.name,
      });
    }
  }
  // Depth-first search for cycles; report each cycle once, on its first rule.
  const state = new Map<string, "visiting" | "done">();
  const reported = new Set<string>();
  const visit = (rule: Parsed, trail: Parsed[]): void => {
    state.set(rule.path, "visiting");
    for (const name of rule.parsed.extends) {
      const parent = resolveRuleName(name, rules) as Parsed | undefined;
      if (!parent?.parsed) continue;
      if (state.get(parent.path) === "visiting") {
        const cycle = [...trail.slice(trail.indexOf(parent)), rule];
        const key = cycle.map((r) => r.path).sort().join("|");
        if (reported.has(key)) continue;
        reported.add(key);
        problems.push({
          code: "extends-cycle",
          severity: "error",
          message: `extends forms a cycle: ${[...cycle, parent].map((r) => r.name).join(" -> ")}`,
          hint: "Remove one of the extends entries so the chain ends",
          line: lineOf(rule),
          column: 1,
          file: rule.path,
          rule: rule.name,
        });
      } else if (!state.has(parent.path)) visit(parent, [...trail, rule]);
    }
    state.set(rule.path, "done");
  };
  for (const rule of rules) if (!state.has(rule.path)) visit(rule, []);
  return problems;
}

/** Reports globs that match no file of the workspace. */
export function checkGlobsMatch(rules: readonly Parsed[], files: Iterable<string>): RuleProblem[] {
  const index = new GlobIndex<string>();
  const unmatched = new Set<string>();
  for (const rule of rules) {
    if (rule.parsed.alwaysApply === true) continue;
    for (const glob of rule.parsed.globs) {
      if (globSyntaxError(glob)) continue; // reported as glob-invalid already
      const key = `${rule.scope}\n${glob}`;
      if (unmatched.has(key)) continue;
      unmatched.add(key);
      index.add(glob, key, rule.scope);
    }
  }
  const forget = (key: string): void => void unmatched.delete(key);
  if (unmatched.size > 0) {
    for (const file of files) {
      index.forEachMatch(file, forget);
      if (unmatched.size === 0) break;
    }
  }
  const problems: RuleProblem[] = [];
  for (const rule of rules) {
    if (rule.parsed.alwaysApply === true) continue;
    const field = rule.parsed.fields.findLast((f) => f.key === "globs");
    for (const glob of rule.parsed.globs) {
      if (!unmatched.has(`${rule.scope}\n${glob}`)) continue;
      problems.push({
        code: "glob-no-match",
        severity: "warning",
        message: `Glob "${glob}" matches no file in the workspace${
          rule.scope ? ` under ${rule.scope}/` : ""
        }`,
        hint:
          "Check the pattern against real paths (relative to the workspace root), e.g. with `codegen-lab files '<glob>'`",
        line: field?.line ?? 1,
        column: field ? field.valueColumn + Math.max(0, field.rawValue.indexOf(glob)) : 1,
        file: rule.path,
        rule: rule.name,
      });
    }
  }
  return problems;
}

/** Reports v1 drafts and plain `.md` files found in rules folders. */
export function checkStrays(strays: readonly RuleFile[]): RuleProblem[] {
  return strays.map((file) =>
    file.kind === "legacy-draft"
      ? {
        code: "legacy-draft",
        severity: "warning" as const,
        message: "v1 draft (.mdc.md) inside the rules folder; Cursor does not read it as a rule",
        hint: "Move it to hack/drafts/cursor_rules/ and run `codegen-lab rules migrate --apply`",
        line: 1,
        column: 1,
        file: file.path,
      }
      : {
        code: "md-ignored",
        severity: "warning" as const,
        message: "Cursor ignores .md files in .cursor/rules (it reads only .mdc)",
        hint: `Rename it to ${file.path.replace(/\.md$/, ".mdc")}`,
        line: 1,
        column: 1,
        file: file.path,
      }
  );
}

function group<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
