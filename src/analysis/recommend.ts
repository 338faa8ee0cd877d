/**
 * Recommends catalogue rules for a repository from the facts its analysis
 * found (languages, frameworks, test runners, tools), skipping rules the
 * repository already has.
 *
 * @module
 */
import { type CatalogRule, RULE_CATALOG, type Trigger } from "./rule_catalog.ts";

/** What the analysis found, flattened to ids. */
export interface StackFacts {
  /** Languages with their file count and lines of code (names as in `LANGUAGES`). */
  languages: Array<{ name: string; files: number; code: number }>;
  /** Framework ids (`react`, `fastapi`, …). */
  frameworks: string[];
  /** Test runner ids (`pytest`, `vitest`, …). */
  testing: string[];
  /** Linter and formatter ids (`ruff`, `eslint`, …). */
  linters: string[];
  /** CI ids (`github-actions`, …). */
  ci: string[];
  /** Container tooling ids (`docker`, `compose`, …). */
  containers: string[];
  /** Package manager ids (`uv`, `pnpm`, …). */
  packageManagers: string[];
  /** AI configuration ids (`cursor-rules`, `ai-dir`, …). */
  aiConfig: string[];
  /**
   * Files that show a fact, keyed `kind:id` (`testing:pytest` →
   * `["pyproject.toml"]`); used in reasons and confidence. A key with any
   * kind prefix (`framework:pytest`) or none (`pytest`) is accepted too.
   */
  evidence?: Record<string, string[]>;
}

/** One recommended rule. */
export interface Recommendation {
  /** Catalogue id, the rule name it creates. */
  id: string;
  /** Catalogue title. */
  title: string;
  /** Category folder. */
  category: string;
  /** How sure the recommendation is, 0 to 1 with two decimals. */
  confidence: number;
  /** Why, one line per matching trigger. */
  reasons: string[];
  /** Whether the repository already has this rule (or one with the same base name). */
  exists: boolean;
  /** The existing rule's name, when `exists`. */
  existingName?: string;
}

/** Options of {@linkcode recommendRules}. */
export interface RecommendOptions {
  /**
   * Leave out recommendations below this confidence.
   *
   * @default {0}
   */
  minConfidence?: number;
  /**
   * Return rules the repository already has, marked `exists: true`.
   *
   * @default {false}
   */
  includeExisting?: boolean;
}

const FACT_FIELDS: Record<string, Exclude<keyof StackFacts, "languages" | "evidence">> = {
  framework: "frameworks",
  testing: "testing",
  linter: "linters",
  ci: "ci",
  container: "containers",
  packageManager: "packageManagers",
  aiConfig: "aiConfig",
};

/**
 * Recommends catalogue rules for a stack. Each matching trigger gives a
 * confidence: a detected tool 0.9 with evidence files, 0.8 without; a
 * language by its share of all code (≥ 20% 0.85, ≥ 5% 0.6, else 0.35, and
 * 0.3 under 3 files); a baseline rule 0.4. A rule takes its best trigger plus
 * 0.05 for each further one, at most 0.99. An existing rule is the same when
 * its name equals the id or its base name (after the last `/`, without a
 * `-always`/`-auto`/`-agent`/`-manual` suffix) equals the id's, letter case
 * ignored. The result is sorted by confidence, highest first, then by id.
 *
 * @param facts What the analysis found.
 * @param existingRuleNames Names of the repository's rules (`core-rules/pytest`).
 * @param options Confidence floor and whether to keep existing rules.
 * @returns The recommendations.
 * @throws {RangeError} When `minConfidence` is not between 0 and 1.
 *
 * @example Recommend rules for a small Python service
 * ```ts
 * import assert from "node:assert/strict";
 * import { recommendRules } from "./recommend.ts";
 * const facts = {
 *   languages: [{ name: "Python", files: 12, code: 900 }],
 *   frameworks: ["fastapi"], testing: ["pytest"], linters: [], ci: [], containers: [],
 *   packageManagers: [], aiConfig: [], evidence: { "testing:pytest": ["pyproject.toml"] },
 * };
 * const [first] = recommendRules(facts, ["core-rules/fastapi"], { minConfidence: 0.5 });
 * assert.equal(first?.id, "testing-rules/pytest");
 * assert.equal(first?.confidence, 0.9);
 * assert.deepEqual(first?.reasons, ["pytest found in pyproject.toml → testing-rules/pytest"]);
 * ```
 */
export function recommendRules(
  facts: StackFacts,
  existingRuleNames: readonly string[],
  options: RecommendOptions = {},
): Recommendation[] {
  const { minConfidence = 0, includeExisting = false } = options;
  if (!(minConfidence >= 0 && minConfidence <= 1)) {
    throw new RangeError(
      `Cannot recommend rules as 'minConfidence' must be between 0 and 1: current value is ${minConfidence}`,
    );
  }
  const totalCode = facts.languages.reduce((sum, language) => sum + Math.max(0, language.code), 0);
  const recommendations: Recommendation[] = [];
  for (const rule of RULE_CATALOG) {
    const matches = rule.triggers.flatMap((trigger) =>
      matchTrigger(trigger, rule, facts, totalCode)
    );
    if (matches.length === 0) continue;
    const scores = matches.map((match) => match.score).sort((a, b) => b - a);
    const confidence = round(Math.min(0.99, scores[0]! + 0.05 * (scores.length - 1)));
    if (confidence < minConfidence) continue;
    const existing = findExisting(rule.id, existingRuleNames);
    if (existing !== undefined && !includeExisting) continue;
    recommendations.push({
      id: rule.id,
      title: rule.title,
      category: rule.category,
      confidence,
      reasons: matches.map((match) => match.reason),
      exists: existing !== undefined,
      ...(existing === undefined ? {} : { existingName: existing }),
    });
  }
  return recommendations.sort((a, b) =>
    b.confidence - a.confidence || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

interface Match {
  score: number;
  reason: string;
}

function matchTrigger(
  trigger: Trigger,
  rule: CatalogRule,
  facts: StackFacts,
  totalCode: number,
): Match[] {
  if ("always" in trigger) return [{ score: 0.4, reason: "baseline rule for every repository" }];
  if ("language" in trigger) {
    const wanted = trigger.language.toLowerCase();
    const language = facts.languages.find((item) => item.name.toLowerCase() === wanted);
    if (!language) return [];
    const share = totalCode > 0 ? language.code / totalCode : 0;
    const score = language.files < 3 ? 0.3 : share >= 0.2 ? 0.85 : share >= 0.05 ? 0.6 : 0.35;
    return [{
      score,
      reason: `${language.name}: ${plural(language.files, "file")}, ${
        plural(language.code, "line")
      } of code`,
    }];
  }
  const [kind, value] = Object.entries(trigger)[0] as [string, string];
  const field = FACT_FIELDS[kind];
  const wanted = value.toLowerCase();
  const found = field && facts[field].find((item) => item.toLowerCase() === wanted);
  if (!found) return [];
  const files = evidenceFor(facts.evidence, kind, field, found);
  if (files.length === 0) return [{ score: 0.8, reason: `${found} detected` }];
  const shown = files.length > 3
    ? `${files.slice(0, 3).join(", ")} and ${files.length - 3} more`
    : files.join(", ");
  return [{ score: 0.9, reason: `${found} found in ${shown} → ${rule.id}` }];
}

/** Evidence files for a fact: `kind:id`, then `field:id`, then any `prefix:id`, then `id`. */
function evidenceFor(
  evidence: Record<string, string[]> | undefined,
  kind: string,
  field: string,
  id: string,
): string[] {
  if (!evidence) return [];
  const direct = evidence[`${kind}:${id}`] ?? evidence[`${field}:${id}`];
  if (direct && direct.length > 0) return direct;
  const key = Object.keys(evidence).sort().find((key) =>
    key.slice(key.lastIndexOf(":") + 1) === id && (evidence[key]?.length ?? 0) > 0
  );
  return key === undefined ? [] : evidence[key]!;
}

function findExisting(id: string, existing: readonly string[]): string | undefined {
  const normalizedId = normalize(id);
  const exact = existing.find((name) => normalize(name) === normalizedId);
  if (exact !== undefined) return exact;
  const base = baseName(normalizedId);
  return existing.find((name) => baseName(normalize(name)) === base);
}

function normalize(name: string): string {
  return name.trim().replace(/^\.cursor\/rules\//, "").replace(/\.mdc$/, "").toLowerCase();
}

function baseName(name: string): string {
  const last = name.slice(name.lastIndexOf("/") + 1);
  return last.slice(last.lastIndexOf(":") + 1).replace(/-(always|auto|agent|manual)$/, "");
}

function plural(count: number, noun: string): string {
  const digits = String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${digits} ${noun}${count === 1 ? "" : "s"}`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
