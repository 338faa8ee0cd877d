/**
 * The safety allow-list, `.codegen-safety.json`: findings of the code safety
 * scan that a person has reviewed and accepted, each with a justification.
 * Accepted findings are marked `suppressed`, never dropped.
 *
 * ```json
 * { "version": 1, "suppress": [
 *   { "rule": "network/fetch", "path": "src/client.ts", "line": 12,
 *     "justification": "calls our own API" } ] }
 * ```
 *
 * @module
 */
import { compileGlob, type GlobMatcher, globSyntaxError, ValidationError } from "../core/mod.ts";
import type { SafetyFinding } from "./scan_code.ts";
import { type JsonEntry, type JsonNode, JsonSyntaxError, parseJson } from "./_scan_json.ts";
import { RULES, RULES_BY_ID } from "./_scan_rules.ts";

/** One accepted finding (or family of findings). */
export interface SafetySuppression {
  /** The rule id, e.g. `network/fetch`. */
  rule: string;
  /** A glob of workspace paths; every path when absent. */
  path?: string;
  /** A 1-based line; every line when absent. */
  line?: number;
  /** Why the finding is safe (at least 10 characters). */
  justification: string;
}

/** A parsed allow-list. */
export interface SafetyAllowList {
  /** The file it came from, for messages. */
  file: string;
  /** The accepted findings. */
  suppress: readonly SafetySuppression[];
}

const MIN_JUSTIFICATION = 10;
const TOP_KEYS = ["version", "suppress", "$schema"];
const ENTRY_KEYS = ["rule", "path", "line", "justification"];
const EXAMPLE =
  '{ "version": 1, "suppress": [{ "rule": "network/fetch", "justification": "calls our own API" }] }';

function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(
        row[j]! + 1,
        next[j - 1]! + 1,
        row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    row = next;
  }
  return row[b.length]!;
}

/** Up to three candidates close to `name`, closest first. */
function closest(name: string, candidates: readonly string[]): string[] {
  const tail = name.split("/").pop()!;
  return candidates
    .map((candidate) => ({ candidate, d: distance(name, candidate) }))
    .filter(({ candidate, d }) =>
      d <= Math.max(2, Math.floor(name.length / 4)) ||
      (tail.length >= 3 && candidate.split("/").pop() === tail)
    )
    .sort((a, b) => a.d - b.d || (a.candidate < b.candidate ? -1 : 1))
    .slice(0, 3)
    .map(({ candidate }) => candidate);
}

function quoteList(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(", ");
}

/**
 * Parses `.codegen-safety.json`. Each entry needs a known `rule` and a
 * `justification` of at least 10 characters; `path` (a glob) and `line` narrow
 * it. Unknown keys are errors, so a typo cannot silently widen or disable a
 * suppression.
 *
 * @param text The file's text.
 * @param file The file's workspace path, for messages.
 * @returns The allow-list.
 * @throws {ValidationError} For invalid JSON, an unknown key, a missing or short
 *   justification, an unknown rule id (with close matches) or an invalid glob;
 *   the message starts with `file:line:column`.
 *
 * @example Parse, and reject a short justification
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseSafetyAllowList } from "./safety_allowlist.ts";
 * const list = parseSafetyAllowList(
 *   '{ "version": 1, "suppress": [{ "rule": "network/fetch", "justification": "calls our own API" }] }',
 * );
 * assert.equal(list.suppress[0]!.rule, "network/fetch");
 * assert.throws(
 *   () => parseSafetyAllowList('{"version": 1, "suppress": [\n  {"rule": "network/fetch", "justification": "ok"}]}'),
 *   { message: '.codegen-safety.json:2:46: suppress[0].justification is too short (2 characters)' },
 * );
 * ```
 */
export function parseSafetyAllowList(
  text: string,
  file = ".codegen-safety.json",
): SafetyAllowList {
  const fail = (message: string, at: number, hint: string): never => {
    const before = text.slice(0, at);
    const line = before.split("\n").length;
    const column = at - before.lastIndexOf("\n");
    throw new ValidationError(message, { file, line, column }, { hint });
  };

  let root: JsonNode;
  try {
    root = parseJson(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return fail(
      `Cannot parse the allow-list: ${error.message}`,
      error.offset,
      "Fix the JSON there (comments and trailing commas are not allowed in JSON)",
    );
  }
  if (root.kind !== "object") {
    return fail("The allow-list must be a JSON object", root.at, `Write ${EXAMPLE}`);
  }
  const unknown = (entry: JsonEntry, where: string, keys: readonly string[]): never => {
    const near = closest(entry.key, keys);
    return fail(
      `${where} has an unknown key "${entry.key}"`,
      entry.keyAt,
      `${near.length > 0 ? `Did you mean ${quoteList(near)}? ` : ""}Use only ${quoteList(keys)}`,
    );
  };
  for (const entry of root.entries) {
    if (!TOP_KEYS.includes(entry.key)) unknown(entry, "The allow-list", TOP_KEYS.slice(0, 2));
  }
  const field = (node: JsonNode & { kind: "object" }, key: string): JsonNode | undefined =>
    node.entries.find((entry) => entry.key === key)?.value;

  const version = field(root, "version");
  if (version === undefined) {
    return fail('The allow-list has no "version"', root.at, 'Add "version": 1');
  }
  if (version.kind !== "number" || version.value !== 1) {
    return fail(
      `Unsupported allow-list version ${text.slice(version.at).match(/^\S+?(?=[,}\s]|$)/)?.[0]}`,
      version.at,
      'Set "version": 1, the only version this Codegen Lab reads',
    );
  }
  const list = field(root, "suppress");
  if (list === undefined) {
    return fail('The allow-list has no "suppress"', root.at, `Add a "suppress" array: ${EXAMPLE}`);
  }
  if (list.kind !== "array") {
    return fail('"suppress" must be an array', list.at, `Write ${EXAMPLE}`);
  }

  const suppress = list.items.map((item, index): SafetySuppression => {
    const where = `suppress[${index}]`;
    if (item.kind !== "object") {
      return fail(
        `${where} must be an object`,
        item.at,
        `Write { "rule": "…", "justification": "…" }`,
      );
    }
    for (const entry of item.entries) {
      if (!ENTRY_KEYS.includes(entry.key)) unknown(entry, where, ENTRY_KEYS);
    }

    const rule = field(item, "rule");
    if (rule === undefined) {
      return fail(
        `${where} has no "rule"`,
        item.at,
        'Add the rule id, e.g. "rule": "network/fetch"',
      );
    }
    if (rule.kind !== "string") {
      return fail(`${where}.rule must be a string`, rule.at, 'Write e.g. "rule": "network/fetch"');
    }
    if (!RULES_BY_ID.has(rule.value)) {
      const ids = RULES.map((r) => r.id);
      const near = closest(rule.value, ids);
      const category = rule.value.split("/")[0];
      const same = ids.filter((id) => id.startsWith(`${category}/`));
      return fail(
        `${where} names an unknown rule "${rule.value}"`,
        rule.at,
        near.length > 0
          ? `Did you mean ${quoteList(near)}?`
          : same.length > 0
          ? `The ${category} rules are ${quoteList(same)}`
          : `Rule ids start with one of ${
            quoteList([...new Set(ids.map((id) => id.split("/")[0]!))])
          }`,
      );
    }

    const out: SafetySuppression = { rule: rule.value, justification: "" };
    const path = field(item, "path");
    if (path !== undefined) {
      if (path.kind !== "string") {
        return fail(
          `${where}.path must be a string`,
          path.at,
          'Write a glob, e.g. "path": "src/**/*.ts"',
        );
      }
      const problem = globSyntaxError(path.value);
      if (problem !== undefined) {
        return fail(
          `${where}.path is not a valid glob: ${problem}`,
          path.at,
          'Write a glob, e.g. "path": "src/**/*.ts"',
        );
      }
      out.path = path.value;
    }
    const line = field(item, "line");
    if (line !== undefined) {
      if (line.kind !== "number" || !Number.isInteger(line.value) || line.value < 1) {
        return fail(
          `${where}.line must be a positive whole number`,
          line.at,
          'Give the 1-based line the finding reports, or leave "line" out to accept it on any line',
        );
      }
      out.line = line.value;
    }
    const justification = field(item, "justification");
    if (justification === undefined) {
      return fail(
        `${where} has no "justification"`,
        item.at,
        `Add "justification": "<why this is safe>" (at least ${MIN_JUSTIFICATION} characters)`,
      );
    }
    if (justification.kind !== "string") {
      return fail(
        `${where}.justification must be a string`,
        justification.at,
        "Write why the finding is safe, as a string",
      );
    }
    const reason = justification.value.trim();
    if (reason.length < MIN_JUSTIFICATION) {
      return fail(
        `${where}.justification is too short (${reason.length} characters)`,
        justification.at,
        `Explain in at least ${MIN_JUSTIFICATION} characters why the finding is safe`,
      );
    }
    out.justification = reason;
    return out;
  });
  return { file, suppress };
}

const matchers = new WeakMap<SafetySuppression, GlobMatcher>();

function normalise(path: string): string {
  return path.replace(/\\/g, "/").replace(/^(?:\.\/)+/, "");
}

function applies(
  entry: SafetySuppression,
  finding: SafetyFinding,
  path: string | undefined,
): boolean {
  if (entry.rule !== finding.ruleId) return false;
  if (entry.line !== undefined && entry.line !== finding.line) return false;
  if (entry.path === undefined) return true;
  if (path === undefined) return false;
  let matches = matchers.get(entry);
  if (matches === undefined) {
    matches = compileGlob(normalise(entry.path));
    matchers.set(entry, matches);
  }
  return matches(normalise(path));
}

/**
 * Marks the findings an allow-list accepts as `suppressed` (the first
 * matching entry's justification). Nothing is removed. `scanCode` does this
 * when given `allowList`.
 *
 * @param findings Findings of one file.
 * @param allowList The allow-list.
 * @param path The file's workspace path; entries with a `path` need it.
 * @returns New finding objects, in the same order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { applySafetyAllowList, parseSafetyAllowList } from "./safety_allowlist.ts";
 * import { scanCode } from "./scan_code.ts";
 * const list = parseSafetyAllowList(
 *   '{"version": 1, "suppress": [{"rule": "network/fetch", "path": "src/*.ts", "justification": "calls our own API"}]}',
 * );
 * const findings = applySafetyAllowList(scanCode('await fetch("/api")', "typescript"), list, "src/client.ts");
 * assert.deepEqual(findings[0]!.suppressed, { justification: "calls our own API" });
 * ```
 */
export function applySafetyAllowList(
  findings: readonly SafetyFinding[],
  allowList: SafetyAllowList,
  path?: string,
): SafetyFinding[] {
  return findings.map((finding) => {
    const entry = allowList.suppress.find((candidate) => applies(candidate, finding, path));
    return entry === undefined
      ? { ...finding }
      : { ...finding, suppressed: { justification: entry.justification } };
  });
}
