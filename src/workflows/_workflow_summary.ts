/**
 * Private helper of `rule_workflow.ts`: Markdown views of a workflow state
 * (the phase-5 summary file and the briefing for the MCP prompt), the files a
 * workflow wrote, and what its next phase will do.
 *
 * @module
 */
import type { z } from "zod";
import {
  type PHASE_OUTPUTS,
  PHASES,
  statePath,
  WORKFLOWS_DIR,
  type WorkflowState,
} from "./_workflow_state.ts";

/** What the next phase will do, or why there is none. */
export interface NextStep {
  /** Phase number, 1 to 5. */
  phase: number;
  /** Phase key (analyse, recommend, generate, validate, deploy). */
  name: string;
  /** Phase title. */
  title: string;
  /** What it does. */
  does: string;
  /** What it writes. */
  writes: string[];
  /** `advance` for a fresh phase, `resume` to retry a failed or interrupted one. */
  via: "advance" | "resume";
  /** Why `resume`: the phase failed or was interrupted. */
  retry?: "failed" | "interrupted";
}

/**
 * The phase that runs next, or undefined when the workflow is over.
 *
 * @param state The workflow state.
 * @returns The next step.
 */
export function nextStep(state: WorkflowState): NextStep | undefined {
  if (state.status === "completed" || state.status === "aborted" || state.phase >= 5) {
    return undefined;
  }
  const number = state.phase + 1;
  const phase = PHASES[number - 1]!;
  const record = state.phases[phase.key];
  const retry = state.status === "failed"
    ? "failed"
    : record !== undefined && record.finishedAt === undefined
    ? "interrupted"
    : undefined;
  return {
    phase: number,
    name: phase.key,
    title: phase.title,
    does: phase.does,
    writes: phase.writes.map((path) => path.replace("<id>", state.id)),
    via: retry === undefined ? "advance" : "resume",
    ...(retry === undefined ? {} : { retry }),
  };
}

/**
 * Every file the workflow wrote (created or changed), in phase order.
 *
 * @param state The workflow state.
 * @returns Workspace-relative paths, without duplicates.
 */
export function filesWritten(state: WorkflowState): string[] {
  const { analyse, generate, validate, deploy } = state.phases;
  const files = [
    statePath(state.id),
    ...(analyse?.output ? [analyse.output.report, analyse.output.json] : []),
    ...(generate?.output?.drafts ?? []).filter((d) => d.action === "create").map((d) => d.path),
    ...(validate?.output?.migrated ?? validate?.plan ?? [])
      .filter((step) => step.action === "create" || step.action === "update")
      .map((step) => step.target),
    ...(deploy?.output?.changes ?? []).filter((c) => c.action === "create" || c.action === "update")
      .map((c) => c.path),
    ...(deploy?.output ? [deploy.output.summary] : []),
  ];
  return [...new Set(files)];
}

/**
 * The phase-5 summary file. It holds no clock reading of its own, so writing
 * it again for the same state gives the same bytes.
 *
 * @param state The state (phases 1–4 done).
 * @param deploy Phase 5's output.
 * @returns Markdown.
 */
export function renderSummary(
  state: WorkflowState,
  deploy: z.input<typeof PHASE_OUTPUTS.deploy>,
): string {
  const { analyse, recommend, generate, validate } = state.phases;
  const lines = [
    `# Rule workflow ${state.id}`,
    "",
    `Started ${state.createdAt}. State: \`${statePath(state.id)}\`.`,
    "",
    "## 1. Analysis",
    "",
    ...(analyse?.output
      ? [
        `- ${analyse.output.files} files, ${analyse.output.code} lines of code`,
        `- Languages: ${list(analyse.output.languages)}`,
        `- Stack: ${list(analyse.output.stack)}`,
        `- Report: \`${analyse.output.report}\``,
      ]
      : ["- (no output recorded)"]),
    "",
    "## 2. Recommended rules",
    "",
    ...(recommend?.output?.recommendations ?? []).map((rec) =>
      `- \`${rec.id}\` (${rec.confidence.toFixed(2)}): ${rec.reasons.join("; ")}`
    ),
    ...(recommend?.output?.skipped ?? []).map((skip) => `- skipped \`${skip.id}\`: ${skip.reason}`),
    "",
    "## 3. Drafts",
    "",
    ...(generate?.output?.drafts ?? []).map((draft) =>
      `- ${draft.action} \`${draft.path}\`${draft.reason ? ` (${draft.reason})` : ""}`
    ),
    "",
    "## 4. Rules",
    "",
    ...(validate?.output?.migrated ?? []).map((step) =>
      `- ${step.action} \`${step.target}\` from \`${step.draft}\``
    ),
    ...(validate?.output
      ? [
        `- Validation: ${validate.output.validation.rules} rules, ${validate.output.validation.errors} errors, ${validate.output.validation.warnings} warnings`,
      ]
      : []),
    "",
    "## 5. Workspace",
    "",
    ...deploy.changes.map((change) =>
      `- ${change.action} \`${change.path}\` (${change.kind})${
        change.reason ? `: ${change.reason}` : ""
      }`
    ),
    "",
  ];
  return lines.join("\n");
}

/**
 * A Markdown briefing on a workflow for the MCP prompt.
 *
 * @param state The state, or undefined when there is none.
 * @returns Markdown.
 */
export function renderBriefing(state: WorkflowState | undefined): string {
  if (state === undefined) {
    return [
      "# Rule workflow",
      "",
      `No workflow yet (nothing in \`${WORKFLOWS_DIR}/\`).`,
      "",
      "Start one with the `workflow_start` tool, then call `workflow_advance` once per phase:",
      ...PHASES.map((phase, i) => `${i + 1}. ${phase.title}: ${phase.does}`),
      "",
    ].join("\n");
  }
  const next = nextStep(state);
  const lines = [
    `# Rule workflow ${state.id}`,
    "",
    `Status: **${state.status}**, phase ${state.phase} of 5 done (updated ${state.updatedAt}).`,
    "",
    ...PHASES.map((phase, i) => {
      const record = state.phases[phase.key];
      const mark = record?.finishedAt
        ? "done"
        : record?.error
        ? "failed"
        : record
        ? "started, not finished"
        : "pending";
      return `${i + 1}. ${phase.title}: ${mark}`;
    }),
    "",
  ];
  const failed = next === undefined
    ? undefined
    : state.phases[next.name as keyof typeof state.phases];
  if (failed?.error && state.status === "failed") {
    lines.push(`Phase ${next!.phase} failed: ${failed.error.message}`, "");
    lines.push(...failed.error.details.map((detail) => `- ${detail}`));
    lines.push(`Hint: ${failed.error.hint}`, "");
  }
  if (next !== undefined) {
    lines.push(
      `Next: phase ${next.phase}, ${next.title}: ${next.does}. Call \`workflow_${next.via}\` with id \`${state.id}\`${
        next.writes.length > 0 ? `; it writes ${next.writes.join(", ")}` : ""
      }.`,
      "",
    );
  } else if (state.status === "completed") {
    lines.push(`Completed. Summary: \`${state.phases.deploy?.output?.summary ?? ""}\`.`, "");
  } else lines.push("Aborted. Start a new workflow with `workflow_start`.", "");
  return lines.join("\n");
}

function list(items: readonly string[]): string {
  return items.length === 0 ? "none" : items.join(", ");
}
