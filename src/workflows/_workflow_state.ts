/**
 * Private helper of `rule_workflow.ts`: the persisted state of a rule
 * workflow (`.ai/workflows/<id>.json`, schema version 1), its phases, and
 * loading, saving (atomically) and listing it.
 *
 * @module
 */
import { join } from "node:path";
import { z } from "zod";
import {
  NotFoundError,
  resolveInWorkspace,
  UsageError,
  ValidationError,
  writeFileAtomic,
} from "../core/mod.ts";

/** Where workflow states and summaries live, relative to the workspace. */
export const WORKFLOWS_DIR = ".ai/workflows";

/** A workflow id: `wf-<yyyymmdd>-<4 hex>`. */
export const WORKFLOW_ID = /^wf-\d{8}-[0-9a-f]{4}$/;

/** The AI clients whose MCP configuration phase 5 writes. */
export const CLIENTS = ["cursor", "claude-code", "vscode"] as const;

/** The five phases, in order; the number is the index plus one. */
export const PHASES = [
  {
    key: "analyse",
    title: "Analyse the repository",
    does: "scan languages, stack and tooling and write the analysis report",
    writes: [".ai/ai_report.md", ".ai/ai_report.json"],
  },
  {
    key: "recommend",
    title: "Recommend rules",
    does: "pick catalogue rules from the analysis, with reasons and confidence",
    writes: [],
  },
  {
    key: "generate",
    title: "Generate drafts",
    does: "write one v1 draft per recommended rule",
    writes: ["hack/drafts/cursor_rules/<category>/<name>.mdc.md"],
  },
  {
    key: "validate",
    title: "Migrate and validate",
    does: "migrate the drafts into .cursor/rules/ (dry run first) and validate every rule",
    writes: [".cursor/rules/<category>/<name>.mdc"],
  },
  {
    key: "deploy",
    title: "Deploy",
    does:
      "add the Makefile target, the .dockerignore line and the MCP configuration, then write the summary",
    writes: ["Makefile", ".dockerignore", "MCP configuration", ".ai/workflows/<id>.summary.md"],
  },
] as const;

/** A phase key. */
export type PhaseKey = typeof PHASES[number]["key"];

const ErrorRecord = z.object({
  code: z.string().describe("Error code, e.g. VALIDATION_FAILED"),
  message: z.string().describe("What went wrong"),
  hint: z.string().describe("What to do next"),
  details: z.array(z.string()).describe("Further lines, e.g. the first rule problems"),
});

const Recommendation = z.object({
  id: z.string().describe("Catalogue id, e.g. testing-rules/pytest"),
  title: z.string(),
  category: z.string(),
  confidence: z.number().describe("0 to 1"),
  reasons: z.array(z.string()).describe("Why, one line per finding"),
});

const MigrateStep = z.object({
  draft: z.string().describe("The v1 draft"),
  target: z.string().describe("The rule it becomes"),
  action: z.enum(["create", "unchanged", "update", "conflict"]),
  reason: z.string().optional(),
});

/** What each phase leaves behind, by phase key. */
export const PHASE_OUTPUTS = {
  analyse: z.object({
    report: z.string().describe("The Markdown report"),
    json: z.string().describe("Its JSON twin, read by phase 2"),
    files: z.int(),
    code: z.int().describe("Lines of code"),
    languages: z.array(z.string()),
    stack: z.array(z.string()).describe("Frameworks, test runners, tools found"),
  }),
  recommend: z.object({
    recommendations: z.array(Recommendation).describe("The rules phase 3 drafts"),
    skipped: z.array(z.object({ id: z.string(), reason: z.string() })),
  }),
  generate: z.object({
    author: z.string().describe("Who wrote the drafts: catalogue (offline) or an LLM"),
    drafts: z.array(z.object({
      id: z.string(),
      path: z.string(),
      action: z.enum(["create", "unchanged", "kept"]),
      reason: z.string().optional(),
    })),
  }),
  validate: z.object({
    migrated: z.array(MigrateStep).describe("What rules_migrate --apply did"),
    counts: z.object({ create: z.int(), unchanged: z.int(), update: z.int(), conflict: z.int() }),
    validation: z.object({
      rules: z.int(),
      errors: z.int(),
      warnings: z.int(),
      infos: z.int(),
    }),
  }),
  deploy: z.object({
    changes: z.array(z.object({
      path: z.string(),
      kind: z.string(),
      action: z.string(),
      reason: z.string().optional(),
    })).describe("What prep_workspace did"),
    summary: z.string().describe("The summary file"),
  }),
} as const;

const PLANNED =
  "What the phase was about to write, saved before writing; a rerun keeps its create/update actions";

function record<T extends z.ZodObject>(output: T) {
  return z.object({
    startedAt: z.string().describe("When the first attempt started"),
    lastStartedAt: z.string().describe("When the latest attempt started"),
    attempts: z.int().min(1),
    finishedAt: z.string().optional().describe("Set once the phase succeeded"),
    output: output.optional(),
    error: ErrorRecord.optional().describe("Why the latest attempt failed"),
  });
}

/** The inputs a workflow was started with. */
export const WorkflowInputs = z.object({
  minConfidence: z.number().min(0).max(1),
  only: z.array(z.string()),
  clients: z.array(z.enum(CLIENTS)),
  makefile: z.boolean(),
  dockerignore: z.boolean(),
});

/** The persisted state, `.ai/workflows/<id>.json`. */
export const WorkflowStateSchema = z.object({
  version: z.literal(1),
  id: z.string().regex(WORKFLOW_ID),
  createdAt: z.string(),
  updatedAt: z.string(),
  phase: z.int().min(0).max(5).describe("The last completed phase, 0 to 5"),
  status: z.enum(["running", "failed", "completed", "aborted"]),
  inputs: WorkflowInputs,
  phases: z.object({
    analyse: record(PHASE_OUTPUTS.analyse).optional(),
    recommend: record(PHASE_OUTPUTS.recommend).optional(),
    generate: record(PHASE_OUTPUTS.generate).extend({
      plan: PHASE_OUTPUTS.generate.shape.drafts.optional().describe(PLANNED),
    }).optional(),
    validate: record(PHASE_OUTPUTS.validate).extend({
      plan: z.array(MigrateStep).optional().describe(PLANNED),
    }).optional(),
    deploy: record(PHASE_OUTPUTS.deploy).extend({
      plan: PHASE_OUTPUTS.deploy.shape.changes.optional().describe(PLANNED),
    }).optional(),
  }),
});

/** A workflow state. */
export type WorkflowState = z.output<typeof WorkflowStateSchema>;

/** A phase record, whatever the phase; `saveState` checks it against the schema. */
export interface PhaseRecord {
  /** When the first attempt started. */
  startedAt: string;
  /** When the latest attempt started. */
  lastStartedAt: string;
  /** Attempts so far. */
  attempts: number;
  /** Set once the phase succeeded. */
  finishedAt?: string;
  /** The phase's output. */
  output?: object;
  /** Why the latest attempt failed. */
  error?: z.output<typeof ErrorRecord>;
  /** What the phase was about to write (phases 3–5). */
  plan?: object[];
}

/** The workspace-relative path of a workflow's state file. */
export function statePath(id: string): string {
  return `${WORKFLOWS_DIR}/${id}.json`;
}

/** Rejects ids that are not `wf-<yyyymmdd>-<hex4>` (they would name other files). */
export function checkId(id: string): string {
  if (!WORKFLOW_ID.test(id)) {
    throw new UsageError(`Cannot use "${id}" as a workflow id: it is not like wf-20261201-ab12`, {
      hint: "Copy the id from `workflow list`, or leave it out to use the latest workflow",
    });
  }
  return id;
}

/** A fresh id for a workflow created at `now` that no state file uses yet. */
export async function newId(root: string, now: Date): Promise<string> {
  const day = now.toISOString().slice(0, 10).replaceAll("-", "");
  for (;;) {
    const hex = [...crypto.getRandomValues(new Uint8Array(2))]
      .map((byte) => byte.toString(16).padStart(2, "0")).join("");
    const id = `wf-${day}-${hex}`;
    if (!(await Deno.stat(join(root, statePath(id))).then(() => true, () => false))) return id;
  }
}

/** Reads and checks a state file. */
export async function loadState(root: string, id: string): Promise<WorkflowState> {
  const file = await resolveInWorkspace(root, statePath(checkId(id)));
  let text: string;
  try {
    text = await Deno.readTextFile(file.absolute);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    throw new NotFoundError(`Cannot find workflow "${id}": ${file.relative} is missing`, {
      hint: "List the workflows with `workflow list`, or start one with `workflow start`",
    });
  }
  return parseState(text, file.relative);
}

/** Parses state text; `file` is only for the error message. */
export function parseState(text: string, file: string): WorkflowState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ValidationError("Cannot parse the workflow state: it is not JSON", { file }, {
      hint: "Restore the file from version control, or delete it and start a new workflow",
      cause: error,
    });
  }
  const parsed = WorkflowStateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ValidationError(
      `Cannot read the workflow state: ${issue?.path.join(".") || "(state)"}: ${issue?.message}`,
      { file },
      { hint: "Restore the file from version control, or delete it and start a new workflow" },
    );
  }
  return parsed.data;
}

/** Writes the state atomically, stamping `updatedAt`. */
export async function saveState(
  root: string,
  state: WorkflowState,
  now: Date,
): Promise<WorkflowState> {
  // Checked here too, so a state that could not be read back is never written.
  const stamped = WorkflowStateSchema.parse({ ...state, updatedAt: now.toISOString() });
  const file = await resolveInWorkspace(root, statePath(checkId(state.id)));
  await writeFileAtomic(file.absolute, `${JSON.stringify(stamped, null, 2)}\n`);
  return stamped;
}

/** Every readable state (newest first) and the files that could not be read. */
export async function listStates(
  root: string,
): Promise<{ states: WorkflowState[]; unreadable: Array<{ path: string; reason: string }> }> {
  const dir = await resolveInWorkspace(root, WORKFLOWS_DIR);
  const states: WorkflowState[] = [];
  const unreadable: Array<{ path: string; reason: string }> = [];
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir.absolute)) {
      if (entry.isFile && WORKFLOW_ID.test(entry.name.replace(/\.json$/, ""))) {
        names.push(entry.name);
      }
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  for (const name of names.sort()) {
    const path = `${WORKFLOWS_DIR}/${name}`;
    try {
      states.push(parseState(await Deno.readTextFile(join(dir.absolute, name)), path));
    } catch (error) {
      unreadable.push({ path, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  states.sort((a, b) =>
    b.createdAt.localeCompare(a.createdAt) || b.updatedAt.localeCompare(a.updatedAt) ||
    b.id.localeCompare(a.id)
  );
  return { states, unreadable };
}

/** The state named by `id`, or the newest one. */
export async function findState(root: string, id: string | undefined): Promise<WorkflowState> {
  if (id !== undefined) return await loadState(root, id);
  const [latest] = (await listStates(root)).states;
  if (latest === undefined) {
    throw new NotFoundError(`Cannot find a workflow: ${WORKFLOWS_DIR}/ has none`, {
      hint: "Start one with `workflow start`",
    });
  }
  return latest;
}
