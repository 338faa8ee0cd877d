/**
 * Code safety: syntax checking (TypeScript's parser; Python through
 * Pyodide), a static safety scan with an allow-list and SARIF output, and
 * sandboxed execution of TypeScript, JavaScript and Python in a child Deno
 * with no permissions and hard time, memory and output limits.
 *
 * @example Scan a snippet
 * ```ts
 * import assert from "node:assert/strict";
 * import { scanCode } from "./mod.ts";
 * const findings = scanCode("eval(userInput);\n", "javascript");
 * assert.equal(findings[0]?.ruleId, "dynamic-code/eval");
 * ```
 *
 * @module
 */
export { checkCode, SAFETY_ALLOWLIST_FILE } from "./check_code.ts";
export { denoExecutable } from "./deno_exec.ts";
export {
  type LimitedProcess,
  type ProcessOutcome,
  runLimited,
  type RunLimitedOptions,
  type SandboxLimits,
  startLimitedProcess,
  type StartLimitedProcessOptions,
} from "./run_process.ts";
export {
  PythonPool,
  type PythonPoolOptions,
  type PythonRunJob,
  type PythonRunResult,
  runPython,
} from "./run_python.ts";
export { runSandboxed } from "./run_sandboxed.ts";
export {
  runTypeScript,
  type RunTypeScriptOptions,
  sandboxFlags,
  type SandboxRunResult,
} from "./run_typescript.ts";
export {
  applySafetyAllowList,
  parseSafetyAllowList,
  type SafetyAllowList,
  type SafetySuppression,
} from "./safety_allowlist.ts";
export {
  type CodeLanguage,
  languageOfPath,
  SAFETY_RULES,
  type SafetyFinding,
  type SafetyRule,
  scanCode,
  type ScanCodeOptions,
  type Severity,
} from "./scan_code.ts";
export { findingsToSarif, formatFindingLine, formatFindingsText } from "./scan_report.ts";
export { checkSyntax, type SnippetLanguage, type SyntaxDiagnostic } from "./syntax_check.ts";
export {
  parseCheckOutput,
  type ParseCheckOutputOptions,
  typeCheck,
  type TypeCheckOptions,
  type TypeCheckResult,
} from "./type_check.ts";
export { closePythonPoolOnStop, closeSharedPythonPool, sharedPythonPool } from "./_shared_pool.ts";
