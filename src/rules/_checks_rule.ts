/**
 * Checks of one rule on its own: frontmatter keys and values, globs, the
 * description, the body, size, file references and the name suffix.
 *
 * @module
 */
import { globSyntaxError } from "../core/mod.ts";
import type { LoadedRule } from "./load_rules.ts";
import type { FrontmatterField, ParsedRule } from "./parse_rule.ts";
import type { RuleProblem } from "./rule_problem.ts";

/** Size and length limits of the checks. */
export interface RuleLimits {
  /** A longer description is hard to read in Cursor's picker. */
  descriptionMaxChars: number;
  /** Tokens above which a rule is flagged as large (warning). */
  maxTokensWarning: number;
  /** Tokens above which a rule is an error. */
  maxTokensError: number;
  /** Lines above which a rule is flagged (Cursor advises under 500). */
  maxLines: number;
}

/** What the checks may ask about the world. */
export interface CheckEnv {
  /** Limits in force. */
  limits: RuleLimits;
  /** Whether a workspace-relative path exists. */
  exists(path: string): boolean;
  /** Token count of a text. */
  countTokens(text: string): number;
}

/** Keys we write ourselves (composition, migrated metadata): never "unknown". */
export const OWN_KEYS: ReadonlySet<string> = new Set(["extends", "tags", "priority", "version"]);
const CURSOR_KEYS = ["description", "globs", "alwaysApply"];
const SUFFIX_TYPES: Record<string, string> = {
  always: "always",
  auto: "auto-attached",
  agent: "agent-requested",
  manual: "manual",
};

/**
 * Runs the single-rule checks.
 *
 * @param rule The loaded rule (must be parsed).
 * @param env Limits, existence and token counting.
 * @returns The problems found.
 */
export function checkRule(rule: LoadedRule & { parsed: ParsedRule }, env: CheckEnv): RuleProblem[] {
  const { parsed } = rule;
  const problems: RuleProblem[] = parsed.diagnostics.map((diagnostic) => ({
    ...diagnostic,
    file: rule.path,
    rule: rule.name,
  }));
  const add = (problem: Omit<RuleProblem, "file" | "rule">): void => {
    problems.push({ ...problem, file: rule.path, rule: rule.name });
  };
  const field = (key: string): FrontmatterField | undefined =>
    parsed.fields.findLast((f) => f.key === key);

  if (
    !parsed.hasFrontmatter && !parsed.diagnostics.some((d) => d.code === "frontmatter-not-at-start")
  ) {
    add({
      code: "frontmatter-missing",
      severity: "warning",
      message: "Rule has no frontmatter, so Cursor treats it as a manual rule",
      hint:
        "Add ---, then description:, globs: and alwaysApply: lines, then --- at the top of the file",
      line: 1,
      column: 1,
    });
  }

  for (const key of parsed.unknownKeys) {
    if (OWN_KEYS.has(key)) continue;
    const at = field(key)!;
    const near = CURSOR_KEYS.find((known) => closeTo(key, known));
    add({
      code: "unknown-key",
      severity: "warning",
      message:
        `Unknown frontmatter key "${key}"; Cursor reads only description, globs and alwaysApply`,
      hint: near
        ? `Did you mean "${near}"? Rename the key`
        : `Remove "${key}", or keep it knowing Cursor ignores it`,
      line: at.line,
      column: 1,
      endLine: at.line,
      endColumn: key.length + 1,
    });
  }

  if (parsed.alwaysApplyInvalid !== undefined) {
    const at = field("alwaysApply")!;
    add({
      code: "always-apply-invalid",
      severity: "error",
      message: `alwaysApply must be true or false, not ${
        JSON.stringify(parsed.alwaysApplyInvalid)
      }`,
      hint: `Write alwaysApply: ${
        /^["']?(true|yes|on|1)["']?$/i.test(parsed.alwaysApplyInvalid) ? "true" : "false"
      } (lowercase, unquoted)`,
      line: at.line,
      column: at.valueColumn,
    });
  }

  const globsField = field("globs");
  if (parsed.alwaysApply === true && parsed.globs.length > 0 && globsField) {
    add({
      code: "always-apply-ignores-globs",
      severity: "warning",
      message: "globs are ignored because alwaysApply is true",
      hint:
        "Remove the globs line, or set alwaysApply: false to attach the rule only to matching files",
      line: globsField.line,
      column: 1,
    });
  }

  if (globsField) checkGlobs(parsed, globsField, add);

  const description = parsed.description ?? "";
  const descriptionField = field("description");
  if (description.length > env.limits.descriptionMaxChars && descriptionField) {
    add({
      code: "description-too-long",
      severity: "warning",
      message:
        `Description is ${description.length} characters; Cursor's rule picker shows about ${env.limits.descriptionMaxChars}`,
      hint: "Shorten it to one sentence saying when the rule applies; move details into the body",
      line: descriptionField.line,
      column: descriptionField.valueColumn,
    });
  }

  const suffix = /-(always|auto|agent|manual)$/.exec(rule.name)?.[1];
  if (suffix === "agent" && description.trim() === "") {
    add({
      code: "description-missing",
      severity: "error",
      message:
        "Agent-requested rule (name ends in -agent) has no description, so the agent can never choose it",
      hint: "Add description: <when to use this rule>, one sentence",
      line: descriptionField?.line ?? 1,
      column: descriptionField?.valueColumn ?? 1,
    });
  } else if (suffix && SUFFIX_TYPES[suffix] !== rule.type) {
    add({
      code: "type-suffix-mismatch",
      severity: "warning",
      message: `Name ends in -${suffix} but the frontmatter makes it ${rule.type}`,
      hint: `Rename the file to match its type, or change the frontmatter to make it ${
        SUFFIX_TYPES[suffix]
      }`,
      line: 1,
      column: 1,
    });
  } else if (
    !suffix && descriptionField && description.trim() === "" && parsed.globs.length === 0 &&
    parsed.alwaysApply !== true
  ) {
    add({
      code: "description-missing",
      severity: "warning",
      message:
        "description is empty and there are no globs, so this is a manual rule (applied only on @-mention)",
      hint:
        "Describe when to use it so the agent can request it, or add globs to attach it to files",
      line: descriptionField.line,
      column: descriptionField.valueColumn,
    });
  }

  if (parsed.frontmatterClosed || !parsed.hasFrontmatter) {
    if (parsed.body.trim() === "") {
      add({
        code: "body-empty",
        severity: "error",
        message: "Rule body is empty, so the rule tells the agent nothing",
        hint: "Write the instructions below the frontmatter, or delete the rule",
        line: parsed.bodyStartLine,
        column: 1,
      });
    }
  }

  let lines = 1;
  for (let at = parsed.body.indexOf("\n"); at !== -1; at = parsed.body.indexOf("\n", at + 1)) {
    lines++;
  }
  if (lines > env.limits.maxLines) {
    add({
      code: "rule-long",
      severity: "warning",
      message:
        `Rule body has ${lines} lines; Cursor advises keeping rules under ${env.limits.maxLines}`,
      hint:
        "Split it into focused rules, or move reference material into files it mentions with @path",
      line: parsed.bodyStartLine,
      column: 1,
    });
  }
  // Tokenising is the slow part: count exactly only when the upper bound says it may matter.
  if (maxTokens(parsed.raw) > env.limits.maxTokensWarning) {
    const tokens = env.countTokens(parsed.raw);
    const level = tokens > env.limits.maxTokensError
      ? "error"
      : tokens > env.limits.maxTokensWarning
      ? "warning"
      : undefined;
    if (level) {
      add({
        code: "rule-oversized",
        severity: level,
        message: `Rule is ${tokens} tokens, over the ${
          level === "error" ? env.limits.maxTokensError : env.limits.maxTokensWarning
        }-token ${level} limit; it crowds the context of every request it joins`,
        hint: "Split it, or scope it with globs so it joins fewer requests",
        line: 1,
        column: 1,
      });
    }
  }

  checkReferences(parsed, env, add);
  return problems;
}

function checkGlobs(
  parsed: ParsedRule,
  at: FrontmatterField,
  add: (problem: Omit<RuleProblem, "file" | "rule">) => void,
): void {
  for (const glob of parsed.globs) {
    const error = globSyntaxError(glob);
    if (error) {
      const offset = at.rawValue.indexOf(glob);
      add({
        code: "glob-invalid",
        severity: "error",
        message: `Invalid glob "${glob}": ${error}`,
        hint: "Fix the pattern; globs use *, ** and ? (for example src/**/*.ts)",
        line: at.line,
        column: at.valueColumn + Math.max(0, offset),
      });
    }
  }
  const style = parsed.globStyle;
  const expanded = parsed.globs.flatMap(expandBraces);
  const fixed = `globs: ${(style.braces ? expanded : parsed.globs).join(",")}`;
  const portability: Array<[boolean, string, string]> = [
    [
      style.quoted,
      "glob-quoted",
      "Quoted globs match nothing in some Cursor versions (the quotes are kept)",
    ],
    [
      style.bracketed,
      "glob-bracketed",
      "A bracketed glob list gives no globs in some Cursor versions",
    ],
    [style.yamlList, "glob-yaml-list", "A YAML list of globs is not read by every Cursor version"],
    [
      style.braces,
      "glob-braces",
      "Brace sets such as {ts,tsx} do not match in some Cursor versions",
    ],
    // In a bracketed list the space is ordinary YAML; glob-bracketed's fix removes it too.
    [
      style.spaceAfterComma && !style.bracketed,
      "glob-space-after-comma",
      "Spaces after commas between globs break matching in some Cursor versions",
    ],
  ];
  for (const [present, code, message] of portability) {
    if (!present) continue;
    add({
      code,
      severity: "warning",
      message,
      hint: `Write: ${fixed}`,
      line: at.line,
      column: at.valueColumn,
    });
  }
}

/**
 * An upper bound of a text's token count, cheap to compute: BPE tokenisers
 * give well under one token per two ASCII characters (even for hex or
 * base64), and about one per character for CJK and other non-ASCII text.
 */
export function maxTokens(text: string): number {
  if (!NON_ASCII.test(text)) return Math.ceil(text.length / 2);
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) nonAscii++;
  return Math.ceil((text.length - nonAscii) / 2 + nonAscii * 1.5);
}

// deno-lint-ignore no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/** Expands `{a,b}` sets: `*.{ts,tsx}` → `*.ts`, `*.tsx`. */
export function expandBraces(glob: string): string[] {
  const match = /\{([^{}]*)\}/.exec(glob);
  if (!match) return [glob];
  const [whole, inner] = match;
  return inner!.split(",").flatMap((option) =>
    expandBraces(glob.slice(0, match.index) + option + glob.slice(match.index + whole.length))
  );
}

const FENCE = /^(\s*)(```|~~~)/;
const EXAMPLE_OPEN = /^\s*<example[\s>]/;
const EXAMPLE_CLOSE = /<\/example>\s*$/;
const FILE_EXTENSIONS = new Set(
  ("ts tsx js jsx mjs cjs mts cts py pyi md mdc mdx json jsonc yaml yml toml go rs java kt kts rb php cs " +
    "cpp cc c h hpp swift sql sh bash zsh css scss less html vue svelte txt lock env xml gradle ini cfg " +
    "conf dockerfile proto graphql gql tf lua dart scala ex exs erl hs r pl zig nix bat ps1 csv")
    .split(" "),
);
// @path (a file, by its extension) not preceded by a word character (emails),
// and [text](mdc:path) links.
const AT_REFERENCE = /(?<![\w@/.])@((?:\.{0,2}\/)?[\w.\-]+(?:\/[\w.\-]+)*\.[A-Za-z0-9]{1,10})\b/g;
const MDC_LINK = /\]\(mdc:([^)\s]+)\)/g;

function checkReferences(
  parsed: ParsedRule,
  env: CheckEnv,
  add: (problem: Omit<RuleProblem, "file" | "rule">) => void,
): void {
  // Most rules reference nothing: skip the line-by-line scan.
  if (!parsed.body.includes("@") && !parsed.body.includes("mdc:")) return;
  const lines = parsed.body.split("\n");
  let inFence = false;
  let inExample = false;
  lines.forEach((rawLine, index) => {
    if (FENCE.test(rawLine)) {
      inFence = !inFence;
      return;
    }
    // <example> blocks hold sample code (decorators, imports), not references.
    if (EXAMPLE_OPEN.test(rawLine)) inExample = true;
    if (EXAMPLE_CLOSE.test(rawLine)) {
      inExample = false;
      return;
    }
    if (inFence || inExample) return;
    // Inline code is an example, not a reference.
    const line = rawLine.replace(/`[^`]*`/g, (code) => " ".repeat(code.length));
    for (const [pattern, kind] of [[AT_REFERENCE, "@"], [MDC_LINK, "mdc:"]] as const) {
      for (const match of line.matchAll(pattern)) {
        const target = match[1]!.replace(/^\.\//, "");
        if (env.exists(target)) continue;
        // Without a slash, @name.ext is a file only for a known file extension
        // (not @pytest.fixture or @app.route).
        if (
          kind === "@" && !target.includes("/") &&
          !FILE_EXTENSIONS.has(target.slice(target.lastIndexOf(".") + 1).toLowerCase())
        ) {
          continue;
        }
        add({
          code: "reference-broken",
          severity: "error",
          message: `${
            kind === "@" ? "@" : "mdc: link to "
          }${target} points to a file that does not exist`,
          hint: "Fix the path (relative to the workspace root) or remove the reference",
          line: parsed.bodyStartLine + index,
          column: match.index + 1,
          endLine: parsed.bodyStartLine + index,
          endColumn: match.index + match[0].length + 1,
        });
      }
    }
  });
}

function closeTo(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  // Levenshtein distance of at most 2.
  const rows = Array.from(
    { length: a.length + 1 },
    (_, i) => [i, ...new Array(b.length).fill(0)] as number[],
  );
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1;
      rows[i]![j] = Math.min(
        rows[i - 1]![j]! + 1,
        rows[i]![j - 1]! + 1,
        rows[i - 1]![j - 1]! + cost,
      );
    }
  }
  return rows[a.length]![b.length]! <= 2;
}
