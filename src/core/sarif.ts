/**
 * SARIF 2.1.0 output, the format GitHub code scanning reads. Shared by the
 * rule validator and the code safety scanner.
 *
 * @module
 */

/** One finding to report. */
export interface SarifFinding {
  /** Stable rule id (diagnostic code). */
  ruleId: string;
  /** Severity. */
  severity: "error" | "warning" | "info";
  /** What is wrong. */
  message: string;
  /** How to fix it. */
  hint?: string;
  /** Workspace-relative file path. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** 1-based end line. */
  endLine?: number;
  /** 1-based column just past the end. */
  endColumn?: number;
  /** Set when the finding was reviewed and accepted (an allow-list entry); it is still reported. */
  suppression?: { justification: string };
}

/** The tool that produced the findings. */
export interface SarifTool {
  /** Tool name. */
  name: string;
  /** Tool version. */
  version: string;
  /** One-line description per rule id (the first hint seen is used otherwise). */
  ruleDescriptions?: Record<string, string>;
}

/**
 * Builds a SARIF 2.1.0 log with one run.
 *
 * @param tool The tool's name, version and rule descriptions.
 * @param findings The findings.
 * @returns The SARIF log as a JSON-serialisable object.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toSarif } from "./sarif.ts";
 * const log = toSarif({ name: "codegen-lab", version: "1.0.0" }, [
 *   { ruleId: "body-empty", severity: "error", message: "Empty", file: "a.mdc", line: 3, column: 1 },
 * ]);
 * assert.equal(log.version, "2.1.0");
 * assert.equal(log.runs[0]!.results[0]!.level, "error");
 * ```
 */
export function toSarif(tool: SarifTool, findings: readonly SarifFinding[]): SarifLog {
  const ruleIds = [...new Set(findings.map((finding) => finding.ruleId))].sort();
  const rules = ruleIds.map((id) => {
    const example = findings.find((finding) => finding.ruleId === id)!;
    const text = tool.ruleDescriptions?.[id] ?? example.message;
    return {
      id,
      shortDescription: { text },
      ...(example.hint ? { help: { text: example.hint } } : {}),
    };
  });
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{
      tool: { driver: { name: tool.name, version: tool.version, rules } },
      results: findings.map((finding) => ({
        ruleId: finding.ruleId,
        ruleIndex: ruleIds.indexOf(finding.ruleId),
        level: finding.severity === "info" ? "note" : finding.severity,
        message: { text: finding.hint ? `${finding.message}. ${finding.hint}` : finding.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: finding.file, uriBaseId: "%SRCROOT%" },
            region: {
              startLine: finding.line,
              startColumn: finding.column,
              ...(finding.endLine === undefined ? {} : { endLine: finding.endLine }),
              ...(finding.endColumn === undefined ? {} : { endColumn: finding.endColumn }),
            },
          },
        }],
        ...(finding.suppression === undefined ? {} : {
          suppressions: [{
            kind: "external" as const,
            status: "accepted" as const,
            justification: finding.suppression.justification,
          }],
        }),
      })),
    }],
  };
}

/** A SARIF 2.1.0 log (the subset we write). */
export interface SarifLog {
  /** Schema URI. */
  $schema: string;
  /** Always 2.1.0. */
  version: "2.1.0";
  /** One run. */
  runs: Array<{
    tool: {
      driver: {
        name: string;
        version: string;
        rules: Array<{ id: string; shortDescription: { text: string }; help?: { text: string } }>;
      };
    };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: "error" | "warning" | "note";
      message: { text: string };
      locations: Array<{
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId: string };
          region: { startLine: number; startColumn: number; endLine?: number; endColumn?: number };
        };
      }>;
      /** Present when the finding was accepted outside the source (an allow-list). */
      suppressions?: Array<{
        kind: "external" | "inSource";
        status?: "accepted" | "underReview" | "rejected";
        justification?: string;
      }>;
    }>;
  }>;
}
