/**
 * Private helper of `rule_workflow.ts`: the input and output schemas of the
 * workflow operations.
 *
 * @module
 */
import { z } from "zod";
import { CLIENTS, PHASE_OUTPUTS, WorkflowStateSchema } from "./_workflow_state.ts";

const idField = z.string().optional().describe(
  "Workflow id (wf-yyyymmdd-xxxx); the latest workflow when left out",
);

/** What the next phase will do; null when the workflow is over. */
export const NextSchema = z.object({
  phase: z.int().describe("Phase number, 1 to 5"),
  name: z.string().describe("analyse, recommend, generate, validate or deploy"),
  title: z.string(),
  does: z.string().describe("What the phase does"),
  writes: z.array(z.string()).describe("What it writes"),
  via: z.enum(["advance", "resume"]).describe("The operation that runs it"),
  retry: z.enum(["failed", "interrupted"]).optional().describe("Why it must be resumed"),
}).nullable().describe("What runs next; null when the workflow is completed or aborted");

/** One phase run: its outcome and output, or its error. */
export const RunSchema = z.object({
  phase: z.int(),
  name: z.string(),
  outcome: z.enum(["completed", "failed"]),
  rerun: z.boolean().describe("It repeated a failed or interrupted attempt"),
  output: z.union([
    PHASE_OUTPUTS.analyse,
    PHASE_OUTPUTS.recommend,
    PHASE_OUTPUTS.generate,
    PHASE_OUTPUTS.validate,
    PHASE_OUTPUTS.deploy,
  ]).optional().describe("What the phase produced"),
  error: z.object({
    code: z.string(),
    message: z.string(),
    hint: z.string(),
    details: z.array(z.string()),
  }).optional().describe("Why it failed; the state is saved as failed"),
});

/** Input of `workflow_list`: nothing. */
export const listInput = z.strictObject({});

/** Output of `workflow_advance` and `workflow_resume`. */
export const stepOutput = z.object({
  id: z.string(),
  ran: RunSchema,
  state: WorkflowStateSchema,
  next: NextSchema,
});

/** Input of `workflow_start`: the workflow's inputs and `run`. */
export const startInput = z.strictObject({
  minConfidence: z.number().min(0).max(1).default(0.5).describe(
    "Phase 2 leaves out recommendations below this confidence (0 to 1)",
  ),
  only: z.array(z.string()).default([]).describe(
    "Draft exactly these catalogue ids (e.g. testing-rules/pytest) instead of every recommendation",
  ),
  clients: z.array(z.enum(CLIENTS)).default(["cursor"]).describe(
    "AI clients whose MCP configuration phase 5 writes",
  ),
  makefile: z.boolean().default(true).describe(
    "Phase 5 adds the update-cursor-rules Makefile target",
  ),
  dockerignore: z.boolean().default(true).describe(
    "Phase 5 adds hack/drafts/cursor_rules to .dockerignore",
  ),
  run: z.boolean().default(false).describe("Also run phase 1 (analysis) right away"),
});

/** Output of `workflow_start`. */
export const startOutput = z.object({
  id: z.string().describe("The new workflow's id"),
  path: z.string().describe("Its state file"),
  state: WorkflowStateSchema,
  next: NextSchema,
  ran: RunSchema.optional().describe("Phase 1, with run"),
});

/** Input of `workflow_status`: an optional id. */
export const statusInput = z.strictObject({ id: idField });

/** Output of `workflow_status`. */
export const statusOutput = z.object({
  id: z.string(),
  path: z.string().describe("The state file"),
  state: WorkflowStateSchema,
  next: NextSchema,
  files: z.array(z.string()).describe("Files the workflow has written so far"),
});

/** Input of `workflow_advance`, `workflow_resume` and `workflow_abort`: an optional id. */
export const stepInput = z.strictObject({ id: idField });

/** Output of `workflow_abort`. */
export const abortOutput = z.object({
  id: z.string(),
  state: WorkflowStateSchema,
  files: z.array(z.string()).describe("Files the workflow wrote; they stay in place"),
});

/** Output of `workflow_list`. */
export const listOutput = z.object({
  workflows: z.array(z.object({
    id: z.string(),
    status: z.enum(["running", "failed", "completed", "aborted"]),
    phase: z.int().describe("Last completed phase"),
    createdAt: z.string(),
    updatedAt: z.string(),
    next: z.string().optional().describe("The next phase and the tool that runs it"),
  })).describe("Newest first"),
  unreadable: z.array(z.object({ path: z.string(), reason: z.string() })).describe(
    "State files that could not be read",
  ),
});
