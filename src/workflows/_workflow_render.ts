/**
 * Private helper of `rule_workflow.ts`: the CLI's text for a phase run and
 * for a workflow state.
 *
 * @module
 */
import type { NextStep } from "./_workflow_summary.ts";
import { PHASES, type WorkflowState } from "./_workflow_state.ts";

/** A phase run as the operations return it. */
export interface RunView {
  /** Phase number. */
  phase: number;
  /** Phase key. */
  name: string;
  /** How it ended. */
  outcome: "completed" | "failed";
  /** Whether it repeated an attempt. */
  rerun: boolean;
  /** Its output. */
  output?: object | undefined;
  /** Its error. */
  error?: { message: string; hint: string; details: string[] } | undefined;
}

/**
 * Human text for one phase run: the outcome, then the output's highlights
 * or the error with its details and hint.
 *
 * @param ran The run.
 * @returns Text lines joined with newlines.
 */
export function renderRun(ran: RunView): string {
  const title = PHASES[ran.phase - 1]?.title ?? ran.name;
  const head = `Phase ${ran.phase} (${title})${ran.rerun ? ", rerun," : ""}: ${ran.outcome}`;
  if (ran.error) {
    return [
      head,
      `error: ${ran.error.message}`,
      ...ran.error.details.map((detail) => `  ${detail}`),
      `hint: ${ran.error.hint}`,
    ].join("\n");
  }
  return [head, ...outputLines(ran.name, ran.output ?? {}).map((line) => `  ${line}`)].join("\n");
}

function outputLines(name: string, output: object): string[] {
  const out = output as Record<string, unknown>;
  const rows = <T>(key: string): T[] => (Array.isArray(out[key]) ? out[key] as T[] : []);
  switch (name) {
    case "analyse":
      return [
        `${out.files} files, ${out.code} lines of code; report ${out.report}`,
        `languages: ${list(rows<string>("languages"))}; stack: ${list(rows<string>("stack"))}`,
      ];
    case "recommend":
      return [
        ...rows<{ id: string; confidence: number; reasons: string[] }>("recommendations").map((r) =>
          `${r.confidence.toFixed(2)}  ${r.id}: ${r.reasons.join("; ")}`
        ),
        ...rows<{ id: string; reason: string }>("skipped").map((s) => `skip  ${s.id}: ${s.reason}`),
      ];
    case "generate":
      return rows<{ action: string; path: string; reason?: string }>("drafts").map((d) =>
        `${d.action.padEnd(9)} ${d.path}${d.reason ? ` (${d.reason})` : ""}`
      );
    case "validate": {
      const v = out.validation as { rules: number; errors: number; warnings: number } | undefined;
      return [
        ...rows<{ action: string; draft: string; target: string }>("migrated").map((s) =>
          `${s.action.padEnd(9)} ${s.draft} -> ${s.target}`
        ),
        ...(v ? [`${v.rules} rules: ${v.errors} errors, ${v.warnings} warnings`] : []),
      ];
    }
    default:
      return [
        ...rows<{ action: string; path: string; kind: string }>("changes").map((c) =>
          `${c.action.padEnd(9)} ${c.path} (${c.kind})`
        ),
        `summary: ${out.summary}`,
      ];
  }
}

/**
 * Human text for a state: status, each phase, and the next step.
 *
 * @param state The state.
 * @param next Its next step, or null.
 * @returns Text.
 */
export function renderState(state: WorkflowState, next: NextStep | null): string {
  const lines = [`Workflow ${state.id}: ${state.status}, phase ${state.phase}/5 done`];
  PHASES.forEach((phase, i) => {
    const record = state.phases[phase.key];
    const mark = record?.finishedAt
      ? `done ${record.finishedAt}`
      : record?.error
      ? `failed: ${record.error.message}`
      : record
      ? `started ${record.lastStartedAt}, not finished`
      : "pending";
    lines.push(`  ${i + 1}. ${phase.title.padEnd(24)} ${mark}`);
  });
  if (next) {
    lines.push(
      `Next: phase ${next.phase} (${next.title}): ${next.does}; run \`codegen-lab workflow ${next.via} ${state.id}\``,
    );
  }
  return lines.join("\n");
}

function list(items: readonly string[]): string {
  return items.length === 0 ? "none" : items.join(", ");
}
