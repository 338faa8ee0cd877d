/**
 * Reports of the code safety scan: one line per finding for people, and
 * SARIF 2.1.0 for GitHub code scanning (accepted findings carry
 * `suppressions`).
 *
 * @module
 */
import { type SarifFinding, type SarifLog, toSarif } from "../core/mod.ts";
import type { SafetyFinding } from "./scan_code.ts";
import { RULES_BY_ID } from "./_scan_rules.ts";

/**
 * Formats one file's findings, one per line
 * (`src/app.ts:3:5 error dynamic-code/eval: … (hint: …)`, with
 * ` [suppressed: <justification>]` for accepted ones), then the summary line
 * `N errors, N warnings, N info (N suppressed)`; the counts leave suppressed
 * findings out.
 *
 * @param findings The findings of one file.
 * @param path The file's path, as it should be shown.
 * @returns The text, ending with a line break.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scanCode } from "./scan_code.ts";
 * import { formatFindingsText } from "./scan_report.ts";
 * const text = formatFindingsText(scanCode("eval(x)", "javascript"), "src/app.ts");
 * assert.equal(
 *   text,
 *   "src/app.ts:1:1 error dynamic-code/eval: eval() runs a string built at run time as code " +
 *     "(hint: Call the code directly, or parse data with JSON.parse / ast.literal_eval)\n" +
 *     "1 errors, 0 warnings, 0 info (0 suppressed)\n",
 * );
 * ```
 */
export function formatFindingsText(findings: readonly SafetyFinding[], path: string): string {
  const counts = { error: 0, warning: 0, info: 0 };
  let suppressed = 0;
  const lines = findings.map((finding) => {
    if (finding.suppressed) suppressed++;
    else counts[finding.severity]++;
    return formatFindingLine(finding, path);
  });
  lines.push(
    `${counts.error} errors, ${counts.warning} warnings, ${counts.info} info (${suppressed} suppressed)`,
  );
  return `${lines.join("\n")}\n`;
}

/**
 * One finding as a `file:line:col severity rule: message (hint: …)` line,
 * with its justification when the allow-list suppresses it.
 *
 * @param finding The finding.
 * @param path Its file's workspace path.
 * @returns The line, without a newline.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scanCode } from "./scan_code.ts";
 * import { formatFindingLine } from "./scan_report.ts";
 * const [finding] = scanCode("eval(x)", "javascript");
 * assert.ok(formatFindingLine(finding!, "a.js").startsWith("a.js:1:1 error dynamic-code/eval: "));
 * ```
 */
export function formatFindingLine(finding: SafetyFinding, path: string): string {
  const accepted = finding.suppressed ? ` [suppressed: ${finding.suppressed.justification}]` : "";
  return `${path}:${finding.line}:${finding.column} ${finding.severity} ${finding.ruleId}: ` +
    `${finding.message} (hint: ${finding.hint})${accepted}`;
}

/**
 * Converts findings of several files to a SARIF 2.1.0 log (one run, tool
 * `codegen-lab`). Each used rule is listed under `tool.driver.rules` with its
 * title; accepted findings get `suppressions: [{ kind: "external", status:
 * "accepted", justification }]`, which GitHub shows as dismissed.
 *
 * @param findingsByPath Each file's workspace path and findings.
 * @param version The Codegen Lab version to record.
 * @returns The SARIF log, ready for `JSON.stringify`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scanCode } from "./scan_code.ts";
 * import { findingsToSarif } from "./scan_report.ts";
 * const findings = scanCode("import os\nos.system(f'rm {path}')\n", "python");
 * const log = findingsToSarif([{ path: "tool.py", findings }], "1.0.0");
 * assert.equal(log.version, "2.1.0");
 * assert.deepEqual(log.runs[0]!.tool.driver.rules.map((rule) => rule.id), [
 *   "shell-injection/interpolated-command",
 *   "subprocess/os-exec",
 * ]);
 * assert.equal(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine, 2);
 * ```
 */
export function findingsToSarif(
  findingsByPath: ReadonlyArray<{ path: string; findings: readonly SafetyFinding[] }>,
  version: string,
): SarifLog {
  const sarif: SarifFinding[] = [];
  const ruleDescriptions: Record<string, string> = {};
  for (const { path, findings } of findingsByPath) {
    for (const finding of findings) {
      ruleDescriptions[finding.ruleId] = RULES_BY_ID.get(finding.ruleId)?.title ?? finding.ruleId;
      sarif.push({
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        hint: finding.hint,
        file: path,
        line: finding.line,
        column: finding.column,
        ...(finding.endLine === undefined ? {} : { endLine: finding.endLine }),
        ...(finding.endColumn === undefined ? {} : { endColumn: finding.endColumn }),
        ...(finding.suppressed === undefined ? {} : { suppression: finding.suppressed }),
      });
    }
  }
  return toSarif({ name: "codegen-lab", version, ruleDescriptions }, sarif);
}
