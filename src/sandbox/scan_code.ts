/**
 * A static safety scan of untrusted, generated TypeScript, JavaScript or
 * Python: it reports dynamic code, subprocesses, network access, file writes,
 * environment and credential access, native code, unsafe deserialisation,
 * shell injection, prototype pollution, obfuscation and hard-coded secrets,
 * without running anything.
 *
 * @module
 */
import { redactSecrets } from "../analysis/mod.ts";
import { UsageError } from "../core/mod.ts";
import { applySafetyAllowList, type SafetyAllowList } from "./safety_allowlist.ts";
import { ScanContext } from "./_scan_context.ts";
import { scanJs } from "./_scan_js.ts";
import { lexJs, lexPython } from "./_scan_lexer.ts";
import { scanPython } from "./_scan_python.ts";
import { RULES } from "./_scan_rules.ts";
import { LineIndex, snippetSource } from "./_scan_snippet.ts";
import { scanBlobs, scanSensitivePaths, scanShellDashC } from "./_scan_strings.ts";

/** The languages {@linkcode scanCode} reads (TSX and JSX scan as TypeScript and JavaScript). */
export type CodeLanguage = "typescript" | "javascript" | "python";

/** How serious a finding is. */
export type Severity = "error" | "warning" | "info";

/** One thing the scan found. Lines and columns are 1-based (columns in UTF-16 code units). */
export interface SafetyFinding {
  /** The rule's id, e.g. `dynamic-code/eval` (see {@linkcode SAFETY_RULES}). */
  ruleId: string;
  /** This finding's severity; it may be lower than the rule's (a constant `eval("1")`). */
  severity: Severity;
  /** What the code does, e.g. `eval() runs a string built at run time as code`. */
  message: string;
  /** Line of the first character. */
  line: number;
  /** Column of the first character. */
  column: number;
  /** Line of the last character. */
  endLine?: number;
  /** Column just past the last character. */
  endColumn?: number;
  /** What to do instead. */
  hint: string;
  /** The offending line, trimmed, at most 160 characters, with secrets masked. */
  snippet: string;
  /** Set when the allow-list accepts this finding; it stays in the output. */
  suppressed?: { justification: string };
}

/** A rule of the scan. */
export interface SafetyRule {
  /** Stable id: `<category>/<name>`. */
  id: string;
  /** Short title. */
  title: string;
  /** The severity of its findings (some are reported lower, as the description says). */
  severity: Severity;
  /** The languages it applies to. */
  languages: readonly CodeLanguage[];
  /** What it detects. */
  description: string;
  /** What to do instead. */
  hint: string;
}

/** Options of {@linkcode scanCode}. */
export interface ScanCodeOptions {
  /**
   * The file's workspace path: matched against allow-list paths, and its
   * name guides secret detection. Without it, allow-list entries that name
   * a path do not apply.
   */
  path?: string;
  /** Accepted findings, from {@linkcode parseSafetyAllowList}. */
  allowList?: SafetyAllowList;
}

/**
 * Every rule {@linkcode scanCode} applies, including one `secret/<kind>` rule
 * per kind of secret that `redactSecrets` finds.
 *
 * @example Look up a rule
 * ```ts
 * import assert from "node:assert/strict";
 * import { SAFETY_RULES } from "./scan_code.ts";
 * const rule = SAFETY_RULES.find((r) => r.id === "network/fetch")!;
 * assert.equal(rule.severity, "warning");
 * assert.ok(SAFETY_RULES.some((r) => r.id === "secret/github-token"));
 * ```
 */
export const SAFETY_RULES: readonly SafetyRule[] = RULES;

const LANGUAGES: readonly string[] = ["typescript", "javascript", "python"];
const SNIPPET_NAMES: Record<CodeLanguage, string> = {
  typescript: "snippet.ts",
  javascript: "snippet.js",
  python: "snippet.py",
};

/**
 * Scans code for unsafe behaviour without running it. Comments and string
 * contents are not code: `// eval(x)` and `"eval(x)"` are not calls (a
 * small lexer per language blanks them first), but rules that need a
 * string's value (a write's path, an `open` mode, `shell=True`'s command, a
 * credentials path, a base64 blob) read it. Hard-coded secrets are found by
 * `redactSecrets` and never echoed: every snippet comes from the redacted
 * text. Findings the allow-list accepts stay in the result, marked
 * `suppressed`. Untrusted input is safe to scan: nothing is evaluated, and
 * the scan never throws on malformed code.
 *
 * @param code The source text.
 * @param language Its language (`typescript` also covers TSX, `javascript` JSX).
 * @param options The file's path and an allow-list.
 * @returns The findings, sorted by line, column and rule id.
 * @throws {UsageError} When `language` is not one of the three.
 *
 * @example Find an eval, but not one in a comment or a string
 * ```ts
 * import assert from "node:assert/strict";
 * import { scanCode } from "./scan_code.ts";
 * const code = '// eval(a)\nconst s = "eval(b)";\neval(userInput);\n';
 * const findings = scanCode(code, "javascript");
 * assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.line, f.column]), [
 *   ["dynamic-code/eval", "error", 3, 1],
 * ]);
 * assert.equal(findings[0]!.snippet, "eval(userInput);");
 * ```
 *
 * @example Python writes: inside or outside the workspace
 * ```ts
 * import assert from "node:assert/strict";
 * import { scanCode } from "./scan_code.ts";
 * const code = 'open("out.txt", "w").write(x)\nopen("/etc/hosts", "a")\nopen("in.txt")\n';
 * assert.deepEqual(scanCode(code, "python").map((f) => `${f.line} ${f.severity} ${f.message}`), [
 *   '1 warning open(…, "w") writes files',
 *   '2 error open(…, "a") writes outside the workspace',
 * ]);
 * ```
 */
export function scanCode(
  code: string,
  language: CodeLanguage,
  options: ScanCodeOptions = {},
): SafetyFinding[] {
  if (!LANGUAGES.includes(language)) {
    throw new UsageError(`Cannot scan code in "${language}": the language is not supported`, {
      hint: "Use typescript, javascript or python (TSX and JSX scan as typescript and javascript)",
    });
  }
  const { path, allowList } = options;
  const lexed = language === "python" ? lexPython(code) : lexJs(code);
  const ctx = new ScanContext(code, lexed.mask, lexed.strings, language);
  if (language === "python") scanPython(ctx);
  else scanJs(ctx);
  scanShellDashC(ctx);
  scanSensitivePaths(ctx);
  scanBlobs(ctx);
  const secretPath = path ?? SNIPPET_NAMES[language];
  const redaction = redactSecrets(code, secretPath);
  if (ctx.findings.length === 0 && redaction.findings.length === 0) return [];

  const lines = new LineIndex(code);
  const snippet = snippetSource(code, redaction, secretPath);
  const findings: SafetyFinding[] = ctx.findings.map((raw) => {
    const start = lines.locate(raw.start);
    const end = lines.locate(raw.end);
    return {
      ruleId: raw.ruleId,
      severity: raw.severity,
      message: raw.message,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      hint: raw.hint,
      snippet: snippet(start.line),
    };
  });
  for (const secret of redaction.findings) {
    const length = Number(/redacted (\d+) chars/.exec(secret.preview)?.[1] ?? 0);
    findings.push({
      ruleId: `secret/${secret.kind}`,
      severity: "error",
      message: `Hard-coded secret (${secret.kind})`,
      line: secret.line,
      column: secret.column,
      ...(length > 0 && secret.kind !== "private-key"
        ? { endLine: secret.line, endColumn: secret.column + length }
        : {}),
      hint: "Remove it, rotate it, and read it at run time from the environment or a secret store",
      snippet: snippet(secret.line),
    });
  }
  findings.sort((a, b) =>
    a.line - b.line || a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
  return allowList === undefined ? findings : applySafetyAllowList(findings, allowList, path);
}

const EXTENSIONS: ReadonlyMap<string, CodeLanguage> = new Map([
  ["ts", "typescript"],
  ["tsx", "typescript"],
  ["mts", "typescript"],
  ["cts", "typescript"],
  ["js", "javascript"],
  ["jsx", "javascript"],
  ["mjs", "javascript"],
  ["cjs", "javascript"],
  ["py", "python"],
]);

/**
 * The scan language of a file, by extension (case-insensitive): `.ts`,
 * `.tsx`, `.mts`, `.cts` are TypeScript; `.js`, `.jsx`, `.mjs`, `.cjs`
 * JavaScript; `.py` Python.
 *
 * @param path A file path or name.
 * @returns The language, or undefined for any other extension.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { languageOfPath } from "./scan_code.ts";
 * assert.equal(languageOfPath("src/app.tsx"), "typescript");
 * assert.equal(languageOfPath("tool.py"), "python");
 * assert.equal(languageOfPath("README.md"), undefined);
 * ```
 */
export function languageOfPath(path: string): CodeLanguage | undefined {
  const name = path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
  const dot = name.lastIndexOf(".");
  return dot === -1 ? undefined : EXTENSIONS.get(name.slice(dot + 1).toLowerCase());
}
