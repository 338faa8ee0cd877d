/**
 * Private helper of `rule_workflow.ts`: runs one phase with crash-safe
 * bookkeeping. The state is saved as "started" first, the phase then writes
 * its files, and only then is the state saved as "finished"; a kill at any
 * point leaves either a finished phase or one marked started, which
 * `workflow_resume` runs again (phases are idempotent).
 *
 * While a phase runs, the clock it sees is pinned to the phase's first start,
 * so a retried phase writes byte-identical files (the report's timestamp).
 *
 * @module
 */
import { ConflictError, type OperationContext, toCodegenError, UsageError } from "../core/mod.ts";
import type { DraftAuthor } from "./_workflow_drafts.ts";
import { DEFAULT_AUTHOR, PHASE_RUNNERS, type PhaseOutput } from "./_workflow_phases.ts";
import { nextStep } from "./_workflow_summary.ts";
import {
  type PhaseKey,
  type PhaseRecord,
  PHASES,
  saveState,
  type WorkflowState,
} from "./_workflow_state.ts";

/** How one phase run ended. */
export interface PhaseRun {
  /** Phase number, 1 to 5. */
  phase: number;
  /** Phase key. */
  name: string;
  /** Whether it succeeded. */
  outcome: "completed" | "failed";
  /** Whether this run repeated a failed or interrupted attempt. */
  rerun: boolean;
  /** The phase's output (on success). */
  output?: PhaseOutput<PhaseKey>;
  /** Why it failed. */
  error?: NonNullable<PhaseRecord["error"]>;
}

/** Workflows with a phase running in this process, by `root\0id`. */
const running = new Set<string>();

/**
 * Runs the next phase of a workflow.
 *
 * @param state The current state.
 * @param ctx The context.
 * @param mode `advance` refuses failed and interrupted phases; `resume` reruns them.
 * @param author Who writes drafts in phase 3.
 * @returns The new state and how the phase ended.
 * @throws {UsageError} USAGE when the workflow is over, or advance meets a failed phase.
 * @throws {ConflictError} CONFLICT when a phase is running (here) or was interrupted (advance).
 */
export async function runNextPhase(
  state: WorkflowState,
  ctx: OperationContext,
  mode: "advance" | "resume",
  author: DraftAuthor = DEFAULT_AUTHOR,
): Promise<{ state: WorkflowState; ran: PhaseRun }> {
  const next = nextStep(state);
  if (next === undefined) {
    throw new UsageError(`Cannot ${mode} workflow ${state.id}: it is ${state.status}`, {
      hint: "Start a new workflow with `workflow start`; `workflow status` shows what this one did",
    });
  }
  const key = `${ctx.root}\0${state.id}`;
  if (running.has(key)) {
    throw new ConflictError(`Cannot ${mode} workflow ${state.id}: phase ${next.phase} is running`, {
      hint: "Wait for it to finish, then check `workflow status`",
    });
  }
  if (mode === "advance" && next.retry === "failed") {
    const error = state.phases[PHASES[next.phase - 1]!.key]?.error;
    throw new UsageError(
      `Cannot advance workflow ${state.id}: phase ${next.phase} failed${
        error ? `: ${error.message}` : ""
      }`,
      { hint: error?.hint ?? `Fix the cause, then ${resumeWords(ctx, state.id)}` },
    );
  }
  if (mode === "advance" && next.retry === "interrupted") {
    throw new ConflictError(
      `Cannot advance workflow ${state.id}: phase ${next.phase} was started and did not finish`,
      {
        hint: `If no other process is running it (e.g. the server was killed), ${
          resumeWords(ctx, state.id)
        } to run it again`,
      },
    );
  }
  running.add(key);
  try {
    return await run(state, next.phase, next.retry !== undefined, ctx, author);
  } finally {
    running.delete(key);
  }
}

async function run(
  initial: WorkflowState,
  number: number,
  rerun: boolean,
  ctx: OperationContext,
  author: DraftAuthor,
): Promise<{ state: WorkflowState; ran: PhaseRun }> {
  const phase = PHASES[number - 1]!;
  const now = ctx.now().toISOString();
  const previous = initial.phases[phase.key];
  // A new attempt drops the last one's outcome but keeps its plan (see carryOver).
  const plan = previous !== undefined && "plan" in previous ? previous.plan : undefined;
  const started: PhaseRecord = {
    startedAt: previous?.startedAt ?? now,
    lastStartedAt: now,
    attempts: (previous?.attempts ?? 0) + 1,
    ...(plan === undefined ? {} : { plan }),
  };
  let state = await save({ ...initial, status: "running" }, phase.key, started, ctx);
  const pinned = new Date(started.startedAt);
  const phaseCtx: OperationContext = { ...ctx, now: () => new Date(pinned) };
  let record = started;
  const env = {
    state,
    author,
    checkpoint: async (fields: Record<string, unknown>) => {
      record = { ...record, ...fields };
      state = await save(state, phase.key, record, ctx);
    },
  };
  try {
    const output: PhaseOutput<PhaseKey> = await PHASE_RUNNERS[phase.key](env, phaseCtx);
    record = { ...record, finishedAt: ctx.now().toISOString(), output };
    state = await save(
      { ...state, phase: number, status: number === PHASES.length ? "completed" : "running" },
      phase.key,
      record,
      ctx,
    );
    return { state, ran: { phase: number, name: phase.key, outcome: "completed", rerun, output } };
  } catch (thrown) {
    const error = toCodegenError(thrown);
    const details = error.data?.details;
    const failure = {
      code: error.code,
      message: error.message,
      hint: `${error.hint ?? "Fix the cause above"}, then ${
        resumeWords(ctx, state.id)
      } to retry phase ${number}`,
      details: Array.isArray(details) ? details.map(String) : [],
    };
    record = { ...record, error: failure };
    state = await save({ ...state, status: "failed" }, phase.key, record, ctx);
    return {
      state,
      ran: { phase: number, name: phase.key, outcome: "failed", rerun, error: failure },
    };
  }
}

/** How to resume, in the words of the door that called. */
export function resumeWords(ctx: OperationContext, id: string): string {
  return ctx.door === "mcp"
    ? `call workflow_resume with id ${id}`
    : `run \`codegen-lab workflow resume ${id}\``;
}

function save(
  state: WorkflowState,
  key: PhaseKey,
  record: PhaseRecord,
  ctx: OperationContext,
): Promise<WorkflowState> {
  const phases = { ...state.phases, [key]: record } as WorkflowState["phases"];
  return saveState(ctx.root, { ...state, phases }, ctx.now());
}
