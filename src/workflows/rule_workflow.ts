/**
 * The 5-phase rule workflow, with persisted and resumable state:
 * 1 analyse (`.ai/ai_report.md`) → 2 recommend (catalogue rules with reasons
 * and confidence) → 3 generate v1 drafts (`hack/drafts/cursor_rules/`) →
 * 4 migrate them into `.cursor/rules/` and validate → 5 deploy (Makefile
 * target, `.dockerignore`, MCP configuration) and write a summary.
 *
 * The state lives in `.ai/workflows/<id>.json` and is written atomically.
 * Each phase writes its files before the state records it as finished, and
 * writes the same files when run again, so a workflow killed at any point is
 * continued with `workflow_resume`.
 *
 * @module
 */
import type { z } from "zod";
import { defineOperation, type Operation, type OperationContext, UsageError } from "../core/mod.ts";
import { RULE_CATALOG } from "../analysis/mod.ts";
import { type PhaseRun, runNextPhase } from "./_workflow_runner.ts";
import {
  abortOutput,
  listInput,
  listOutput,
  startInput,
  startOutput,
  statusInput,
  statusOutput,
  stepInput,
  stepOutput,
} from "./_workflow_schemas.ts";
import {
  findState,
  listStates,
  newId,
  saveState,
  statePath,
  type WorkflowState,
} from "./_workflow_state.ts";
import { renderRun, renderState } from "./_workflow_render.ts";
import { filesWritten, type NextStep, nextStep, renderBriefing } from "./_workflow_summary.ts";

function view(state: WorkflowState): { next: NextStep | null } {
  return { next: nextStep(state) ?? null };
}

/**
 * Starts a rule workflow: saves its state with the given inputs and runs
 * nothing (or phase 1 with `run`). Writes `.ai/workflows/<id>.json`.
 *
 * @example Start a workflow
 * ```ts
 * import assert from "node:assert/strict";
 * import { invoke, testContext } from "../core/mod.ts";
 * import { workflowStart } from "./rule_workflow.ts";
 * const root = await Deno.makeTempDir({ prefix: "codegen_lab_" });
 * const out = await invoke(workflowStart, { minConfidence: 0.8 }, await testContext(root));
 * assert.match(out.id, /^wf-\d{8}-[0-9a-f]{4}$/);
 * assert.equal(out.state.phase, 0);
 * assert.equal(out.next?.name, "analyse");
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export const workflowStart: Operation<typeof startInput, typeof startOutput> = defineOperation({
  name: "workflow_start",
  title: "Start the rule workflow",
  description:
    "Start the 5-phase rule workflow (1 analyse, 2 recommend, 3 generate drafts, 4 migrate and validate, 5 deploy) and save its state in .ai/workflows/<id>.json. Runs nothing unless run is true (then phase 1, the analysis). Then call workflow_advance once per phase, showing the user each phase's output; workflow_resume continues after a crash or a failed phase.",
  group: "workflows",
  input: startInput,
  output: startOutput,
  effects: ["read", "write"],
  requiresApproval: false,
  idempotent: false,
  cli: {
    command: "workflow start",
    examples: [
      { command: "workflow start", description: "Create a workflow; nothing runs yet" },
      {
        command: "workflow start --run --min-confidence 0.8",
        description: "Create one and run the analysis",
      },
      {
        command: "workflow start --only testing-rules/pytest --clients cursor --clients vscode",
        description: "Draft one rule; configure two clients",
      },
    ],
    render: (out) =>
      [
        `Started workflow ${out.id} (${out.path})`,
        ...(out.ran ? ["", renderRun(out.ran)] : []),
        "",
        renderState(out.state, out.next),
      ].join("\n"),
  },
  async handler(input, ctx) {
    const unknown = input.only.filter((id) => !RULE_CATALOG.some((rule) => rule.id === id));
    if (unknown.length > 0) {
      throw new UsageError(`Unknown catalogue rule: ${unknown.join(", ")}`, {
        hint: "Use ids from `analyze recommend --json`, e.g. testing-rules/pytest",
      });
    }
    const { run, ...inputs } = input;
    const now = ctx.now();
    const id = await newId(ctx.root, now);
    let state: WorkflowState = await saveState(ctx.root, {
      version: 1,
      id,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      phase: 0,
      status: "running",
      inputs,
      phases: {},
    }, now);
    let ran: PhaseRun | undefined;
    if (run) ({ state, ran } = await runNextPhase(state, ctx, "advance"));
    return { id, path: statePath(id), state, ...view(state), ...(ran ? { ran } : {}) };
  },
});

/**
 * Shows a workflow's state (the latest when no id is given) and what its next
 * phase will do. Reads only.
 *
 * @example Status of the latest workflow
 * ```ts
 * import assert from "node:assert/strict";
 * import { invoke, testContext } from "../core/mod.ts";
 * import { workflowStart, workflowStatus } from "./rule_workflow.ts";
 * const root = await Deno.makeTempDir({ prefix: "codegen_lab_" });
 * const ctx = await testContext(root);
 * const { id } = await invoke(workflowStart, {}, ctx);
 * const status = await invoke(workflowStatus, {}, ctx);
 * assert.equal(status.id, id);
 * assert.equal(status.next?.via, "advance");
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export const workflowStatus: Operation<typeof statusInput, typeof statusOutput> = defineOperation({
  name: "workflow_status",
  title: "Rule workflow status",
  description:
    "Show a rule workflow's saved state (the latest one unless an id is given): the last completed phase, status (running, failed, completed, aborted), each phase's output or error with its hint, the files written, and what the next phase will do and which tool runs it (workflow_advance, or workflow_resume after a failure or crash).",
  group: "workflows",
  input: statusInput,
  output: statusOutput,
  effects: ["read"],
  requiresApproval: false,
  cli: {
    command: "workflow status",
    positional: ["id"],
    examples: [
      { command: "workflow status", description: "The latest workflow" },
      { command: "workflow status wf-20261201-ab12 --json", description: "One workflow, as JSON" },
    ],
    render: (out) => renderState(out.state, out.next),
  },
  async handler(input, ctx) {
    const state = await findState(ctx.root, input.id);
    return {
      id: state.id,
      path: statePath(state.id),
      state,
      ...view(state),
      files: filesWritten(state),
    };
  },
});

/**
 * Runs exactly the next phase of a workflow and returns its output, so the
 * user sees it before the next one. Phases 3–5 write drafts, rules and
 * workspace files. A failed phase is saved as failed, with its error and a
 * hint, and returned (not thrown).
 *
 * @example Run phase 1
 * ```ts
 * import assert from "node:assert/strict";
 * import { invoke, testContext } from "../core/mod.ts";
 * import { workflowAdvance, workflowStart } from "./rule_workflow.ts";
 * const root = await Deno.makeTempDir({ prefix: "codegen_lab_" });
 * await Deno.writeTextFile(`${root}/app.py`, "print('hi')\n");
 * const ctx = await testContext(root);
 * const { id } = await invoke(workflowStart, {}, ctx);
 * const out = await invoke(workflowAdvance, { id }, ctx);
 * assert.equal(out.ran.outcome, "completed");
 * assert.equal(out.state.phase, 1);
 * assert.ok((await Deno.stat(`${root}/.ai/ai_report.md`)).isFile);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export const workflowAdvance: Operation<typeof stepInput, typeof stepOutput> = defineOperation({
  name: "workflow_advance",
  title: "Advance the rule workflow",
  description:
    "Run exactly the next phase of a rule workflow (the latest unless an id is given) and return its output; show it to the user before advancing again. Phase 1 writes .ai/ai_report.md, 2 records recommendations, 3 writes drafts to hack/drafts/cursor_rules/, 4 migrates them into .cursor/rules/ and validates, 5 updates Makefile, .dockerignore and the MCP configuration and writes a summary. A failed phase is saved with its error and hint; fix the cause and call workflow_resume.",
  group: "workflows",
  input: stepInput,
  output: stepOutput,
  effects: ["read", "write"],
  requiresApproval: true,
  idempotent: false,
  cli: {
    command: "workflow advance",
    positional: ["id"],
    examples: [
      { command: "workflow advance", description: "Run the next phase of the latest workflow" },
      { command: "workflow advance wf-20261201-ab12", description: "Of a given workflow" },
    ],
    render: renderStep,
    exitCode: stepExitCode,
  },
  handler: (input, ctx) => step(input.id, ctx, "advance"),
});

type StepOutput = z.output<typeof stepOutput>;

/** What `workflow advance` and `workflow resume` print. */
function renderStep(out: StepOutput): string {
  return `${renderRun(out.ran)}\n\n${renderState(out.state, out.next)}`;
}

/** A failed phase fails the command. */
function stepExitCode(out: StepOutput): number {
  return out.ran.outcome === "failed" ? 1 : 0;
}

/** Runs one phase (advance) or reruns an unfinished one (resume). */
async function step(
  id: string | undefined,
  ctx: OperationContext,
  mode: "advance" | "resume",
): Promise<z.input<typeof stepOutput>> {
  const { state, ran } = await runNextPhase(await findState(ctx.root, id), ctx, mode);
  return { id: state.id, ran, state, ...view(state) };
}

/**
 * Continues a workflow: reruns a phase that failed or was interrupted (the
 * state says started, not finished), otherwise runs the next phase like
 * {@linkcode workflowAdvance}. Phases are idempotent, so a rerun writes the
 * same files.
 *
 * @example Resume a workflow whose phase 1 was interrupted
 * ```ts
 * import assert from "node:assert/strict";
 * import { invoke, testContext } from "../core/mod.ts";
 * import { workflowResume, workflowStart } from "./rule_workflow.ts";
 * const root = await Deno.makeTempDir({ prefix: "codegen_lab_" });
 * const ctx = await testContext(root);
 * const { id, path, state } = await invoke(workflowStart, {}, ctx);
 * const at = new Date().toISOString();
 * const crashed = { ...state, phases: { analyse: { startedAt: at, lastStartedAt: at, attempts: 1 } } };
 * await Deno.writeTextFile(`${root}/${path}`, JSON.stringify(crashed));
 * const out = await invoke(workflowResume, { id }, ctx);
 * assert.deepEqual([out.ran.phase, out.ran.rerun, out.state.phases.analyse?.attempts], [1, true, 2]);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export const workflowResume: Operation<typeof stepInput, typeof stepOutput> = defineOperation({
  name: "workflow_resume",
  title: "Resume the rule workflow",
  description:
    "Continue a rule workflow (the latest unless an id is given): rerun the phase that failed or was interrupted (started but never finished, e.g. the server was killed), else run the next phase as workflow_advance does. Phases are idempotent: a rerun writes the same files.",
  group: "workflows",
  input: stepInput,
  output: stepOutput,
  effects: ["read", "write"],
  requiresApproval: true,
  idempotent: false,
  cli: {
    command: "workflow resume",
    positional: ["id"],
    examples: [
      { command: "workflow resume", description: "Retry or continue the latest workflow" },
    ],
    render: renderStep,
    exitCode: stepExitCode,
  },
  handler: (input, ctx) => step(input.id, ctx, "resume"),
});

/**
 * Marks a workflow aborted. Files it wrote stay and are listed; aborting an
 * aborted workflow changes nothing.
 *
 * @example Abort the latest workflow
 * ```ts
 * import assert from "node:assert/strict";
 * import { invoke, testContext } from "../core/mod.ts";
 * import { workflowAbort, workflowStart } from "./rule_workflow.ts";
 * const root = await Deno.makeTempDir({ prefix: "codegen_lab_" });
 * const ctx = await testContext(root);
 * const { path } = await invoke(workflowStart, {}, ctx);
 * const out = await invoke(workflowAbort, {}, ctx);
 * assert.equal(out.state.status, "aborted");
 * assert.deepEqual(out.files, [path]);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export const workflowAbort: Operation<typeof stepInput, typeof abortOutput> = defineOperation({
  name: "workflow_abort",
  title: "Abort the rule workflow",
  description:
    "Mark a rule workflow (the latest unless an id is given) as aborted so it runs no further phase. Nothing is deleted: the files it already wrote (report, drafts, rules, workspace files) stay and are listed.",
  group: "workflows",
  input: stepInput,
  output: abortOutput,
  effects: ["read", "write"],
  requiresApproval: false,
  idempotent: true,
  cli: {
    command: "workflow abort",
    positional: ["id"],
    examples: [{ command: "workflow abort", description: "Abort the latest workflow" }],
    render: (out) =>
      [`Workflow ${out.id} is aborted. Files it wrote (kept):`, ...out.files.map((f) => `  ${f}`)]
        .join("\n"),
  },
  async handler(input, ctx) {
    let state = await findState(ctx.root, input.id);
    if (state.status === "completed") {
      throw new UsageError(`Cannot abort workflow ${state.id}: it is completed`, {
        hint: "Nothing is left to stop; start a new workflow with `workflow start`",
      });
    }
    if (state.status !== "aborted") {
      state = await saveState(ctx.root, { ...state, status: "aborted" }, ctx.now());
    }
    return { id: state.id, state, files: filesWritten(state) };
  },
});

/**
 * Lists every rule workflow of the workspace, newest first. Reads only.
 *
 * @example List workflows
 * ```ts
 * import assert from "node:assert/strict";
 * import { invoke, testContext } from "../core/mod.ts";
 * import { workflowList, workflowStart } from "./rule_workflow.ts";
 * const root = await Deno.makeTempDir({ prefix: "codegen_lab_" });
 * const ctx = await testContext(root);
 * const { id } = await invoke(workflowStart, {}, ctx);
 * const out = await invoke(workflowList, {}, ctx);
 * assert.deepEqual(out.workflows.map((w) => [w.id, w.status, w.phase]), [[id, "running", 0]]);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export const workflowList: Operation<typeof listInput, typeof listOutput> = defineOperation({
  name: "workflow_list",
  title: "List rule workflows",
  description:
    "List the rule workflows saved in .ai/workflows/, newest first, with status, last completed phase and what runs next.",
  group: "workflows",
  input: listInput,
  output: listOutput,
  effects: ["read"],
  requiresApproval: false,
  cli: {
    command: "workflow list",
    examples: [{ command: "workflow list", description: "All workflows" }],
    render: (out) =>
      [
        ...out.workflows.map((w) =>
          `${w.id}  ${w.status.padEnd(9)} phase ${w.phase}/5  ${w.createdAt}${
            w.next ? `  next: ${w.next}` : ""
          }`
        ),
        ...(out.workflows.length === 0 ? ["No workflows; start one with `workflow start`."] : []),
        ...out.unreadable.map((u) => `unreadable ${u.path}: ${u.reason}`),
      ].join("\n"),
  },
  async handler(_input, ctx) {
    const { states, unreadable } = await listStates(ctx.root);
    return {
      workflows: states.map((state) => {
        const next = nextStep(state);
        return {
          id: state.id,
          status: state.status,
          phase: state.phase,
          createdAt: state.createdAt,
          updatedAt: state.updatedAt,
          ...(next ? { next: `phase ${next.phase} (${next.name}) via workflow_${next.via}` } : {}),
        };
      }),
      unreadable,
    };
  },
});

/**
 * A Markdown briefing on the latest workflow (status, each phase, the error
 * and hint of a failed phase, what to call next), for the `rule-workflow`
 * MCP prompt. Reads `.ai/workflows/`.
 *
 * @param root Real absolute workspace root.
 * @returns Markdown; a how-to-start text when there is no workflow.
 *
 * @example No workflow yet
 * ```ts
 * import assert from "node:assert/strict";
 * import { workflowBriefing } from "./rule_workflow.ts";
 * const root = await Deno.makeTempDir({ prefix: "codegen_lab_" });
 * assert.match(await workflowBriefing(root), /No workflow yet/);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export async function workflowBriefing(root: string): Promise<string> {
  const { states } = await listStates(root);
  return renderBriefing(states[0]);
}
