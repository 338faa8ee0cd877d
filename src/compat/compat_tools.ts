/**
 * The tool names of the original Python Prompt Library, as thin aliases of
 * our operations (group `compat`, off by default), so prompts and rules that
 * name them keep working. Each alias validates its old arguments, calls the
 * new operation through the same `invoke` path, and says which one it used.
 *
 * @module
 */
import { z } from "zod";
import {
  type AnyOperation,
  defineOperation,
  invoke,
  NotFoundError,
  type Operation,
  type OperationContext,
  resolveInWorkspace,
  writeFileAtomic,
} from "../core/mod.ts";
import {
  analyzeRepository,
  recommendRulesOperation,
  renderCatalogRule,
  RULE_CATALOG,
} from "../analysis/mod.ts";
import { DRAFTS_DIR, rulesMigrate } from "../rules/mod.ts";
import { prepWorkspace, workflowAdvance, workflowStart, workflowStatus } from "../workflows/mod.ts";

const output = z.object({
  mappedTo: z.string().describe("The Codegen Lab tool that did the work"),
  result: z.record(z.string(), z.unknown()).describe("That tool's result"),
});

type CompatOutput = z.input<typeof output>;

/** One old name → new operation. */
export interface CompatMapping {
  /** The Python Prompt Library's tool name. */
  oldName: string;
  /** The operation that replaces it. */
  newName: string;
  /** How the old arguments are read. */
  note: string;
}

function alias<Shape extends z.ZodRawShape>(
  oldName: string,
  newName: string,
  description: string,
  shape: Shape,
  run: (
    args: z.output<z.ZodObject<Shape>>,
    ctx: OperationContext,
  ) => Promise<Record<string, unknown>>,
  effects: Array<"read" | "write" | "run"> = ["read"],
): Operation<z.ZodObject<Shape>, typeof output> {
  const writes = effects.includes("write");
  return defineOperation({
    name: oldName,
    title: `${oldName} (compatibility)`,
    description:
      `Compatibility alias from the Python Prompt Library: ${description} Prefer ${newName}.`,
    group: "compat",
    // Old clients send extra keys now and then; they are ignored rather than refused.
    input: z.object(shape).passthrough() as unknown as z.ZodObject<Shape>,
    output,
    effects,
    requiresApproval: writes,
    cli: { command: `compat ${oldName.replaceAll("_", "-")}` },
    handler: async (args, ctx): Promise<CompatOutput> => ({
      mappedTo: newName,
      result: await run(args, ctx),
    }),
  });
}

const call = (operation: AnyOperation, input: unknown, ctx: OperationContext) =>
  invoke(operation, input, ctx);

function catalogRule(name: string) {
  const wanted = name.replace(/\.mdc(\.md)?$/, "");
  const rule = RULE_CATALOG.find((entry) =>
    entry.id === wanted || entry.id.split("/").pop() === wanted.split("/").pop()
  );
  if (rule === undefined) {
    throw new NotFoundError(`No catalogue rule named "${name}"`, {
      hint: `Use one of: ${
        RULE_CATALOG.slice(0, 8).map((r) => r.id).join(", ")
      }, … (recommend_rules lists them)`,
    });
  }
  return { id: rule.id, content: renderCatalogRule(rule) };
}

/** `instruct_repo_analysis` → `analyze_repository`. */
export const instructRepoAnalysis: AnyOperation = alias(
  "instruct_repo_analysis",
  "analyze_repository",
  "analyses the repository (it used to return instructions for the model to do it).",
  {},
  (_args, ctx) => call(analyzeRepository, { write: false }, ctx),
);

/** `ensure_ai_report` → `analyze_repository` (writes `.ai/ai_report.md`). */
export const ensureAiReport: AnyOperation = alias(
  "ensure_ai_report",
  "analyze_repository",
  "writes the repository report to .ai/ai_report.md.",
  { report_path: z.string().optional().describe("Where to write the report") },
  (args, ctx) => call(analyzeRepository, { out: args.report_path ?? ".ai/ai_report.md" }, ctx),
  ["read", "write"],
);

/** `recommend_cursor_rules` → `recommend_rules`. */
export const recommendCursorRules: AnyOperation = alias(
  "recommend_cursor_rules",
  "recommend_rules",
  "recommends rules from a real analysis of the workspace (the old repo_summary argument is not needed).",
  { repo_summary: z.string().optional().describe("Ignored: the workspace is analysed directly") },
  (_args, ctx) => call(recommendRulesOperation, {}, ctx),
);

/** `get_static_cursor_rule` → the rule catalogue. */
export const getStaticCursorRule: AnyOperation = alias(
  "get_static_cursor_rule",
  "recommend_rules",
  "returns one catalogue rule as .mdc text, by id (testing-rules/pytest) or base name (pytest).",
  { rule_name: z.string().describe("Catalogue id or base name") },
  (args) => Promise.resolve(catalogRule(args.rule_name)),
);

/** `get_static_cursor_rules` → the rule catalogue. */
export const getStaticCursorRules: AnyOperation = alias(
  "get_static_cursor_rules",
  "recommend_rules",
  "returns several catalogue rules as .mdc text; all ids when no names are given.",
  { rule_names: z.array(z.string()).optional().describe("Catalogue ids or base names") },
  (args) =>
    Promise.resolve(
      args.rule_names === undefined
        ? { ids: RULE_CATALOG.map((rule) => rule.id) }
        : { rules: args.rule_names.map(catalogRule) },
    ),
);

/** `save_cursor_rule` → a v1 draft in `hack/drafts/cursor_rules/`, deployed by `rules_migrate`. */
export const saveCursorRule: AnyOperation = alias(
  "save_cursor_rule",
  "rules_migrate",
  `saves rule text as a draft in ${DRAFTS_DIR}/<name>.mdc.md, as before; run_update_cursor_rules (rules_migrate --apply) deploys it.`,
  {
    rule_name: z.string().min(1).describe("Name of the rule, e.g. python-testing"),
    rule_content: z.string().describe("The rule text"),
  },
  async (args, ctx) => {
    const name = args.rule_name.replace(/\.mdc(\.md)?$/, "");
    const target = await resolveInWorkspace(ctx.root, `${DRAFTS_DIR}/${name}.mdc.md`);
    await writeFileAtomic(target.absolute, args.rule_content);
    return { path: target.relative };
  },
  ["read", "write"],
);

/** `run_update_cursor_rules` → `rules_migrate --apply`. */
export const runUpdateCursorRules: AnyOperation = alias(
  "run_update_cursor_rules",
  "rules_migrate",
  `deploys the drafts in ${DRAFTS_DIR} into .cursor/rules (what make update-cursor-rules did).`,
  {},
  (_args, ctx) => call(rulesMigrate, { apply: true }, ctx),
  ["read", "write"],
);

/** `create_cursor_rule_files` → `prep_workspace` (folders only). */
export const createCursorRuleFiles: AnyOperation = alias(
  "create_cursor_rule_files",
  "prep_workspace",
  "creates the .cursor/rules category folders (and .ai/, drafts) that are missing.",
  {
    rule_names: z.array(z.string()).optional().describe("Ignored: folders are created by category"),
  },
  (_args, ctx) =>
    call(prepWorkspace, { apply: true, clients: [], makefile: false, dockerignore: false }, ctx),
  ["read", "write"],
);

/** `ensure_makefile_task` → `prep_workspace` (Makefile only). */
export const ensureMakefileTask: AnyOperation = alias(
  "ensure_makefile_task",
  "prep_workspace",
  "adds the update-cursor-rules target to the Makefile (creating it if needed), once.",
  { makefile_path: z.string().optional().describe("Ignored: the workspace's Makefile is used") },
  (_args, ctx) =>
    call(prepWorkspace, { apply: true, clients: [], makefile: true, dockerignore: false }, ctx),
  ["read", "write"],
);

/** `update_dockerignore` → `prep_workspace` (.dockerignore only). */
export const updateDockerignore: AnyOperation = alias(
  "update_dockerignore",
  "prep_workspace",
  "keeps drafts and local AI state out of Docker images with a managed .dockerignore block.",
  {},
  (_args, ctx) =>
    call(prepWorkspace, { apply: true, clients: [], makefile: false, dockerignore: true }, ctx),
  ["read", "write"],
);

/** `cursor_rules_workflow` → `workflow_start` + `workflow_advance` until done. */
export const cursorRulesWorkflow: AnyOperation = alias(
  "cursor_rules_workflow",
  "workflow_start",
  "runs the whole 5-phase rule workflow (analyse, recommend, generate drafts, validate and save, deploy) with resumable state in .ai/workflows/.",
  {
    min_confidence: z.number().min(0).max(1).optional().describe("Skip weaker recommendations"),
  },
  async (args, ctx) => {
    const started = await invoke(
      workflowStart,
      args.min_confidence === undefined ? {} : { minConfidence: args.min_confidence },
      ctx,
    );
    const phases: unknown[] = [];
    for (let phase = 1; phase <= 5; phase++) {
      const step = await invoke(workflowAdvance, { id: started.id }, ctx);
      phases.push(step.ran);
      if (step.state.status !== "running" && step.state.status !== "completed") break;
      if (step.state.status === "completed") break;
    }
    const status = await invoke(workflowStatus, { id: started.id }, ctx);
    return { id: started.id, phases, state: status.state, files: status.files };
  },
  ["read", "write", "run"],
);

/** `plan_and_execute_prompt_library_workflow` → one phase of the workflow. */
export const planAndExecutePromptLibraryWorkflow: AnyOperation = alias(
  "plan_and_execute_prompt_library_workflow",
  "workflow_advance",
  "runs the next phase (1 analyse, 2 recommend, 3 generate drafts, 4 validate and save, 5 deploy) of the latest workflow, starting one when there is none.",
  {
    phase: z.int().min(1).max(5).optional().describe(
      "The phase the caller expects to run; the workflow's own state decides",
    ),
    workflow_id: z.string().optional().describe("Which workflow (default: the latest)"),
  },
  async (args, ctx) => {
    let id = args.workflow_id;
    if (id === undefined) {
      const latest = await invoke(workflowStatus, {}, ctx).catch(() => undefined);
      id = latest && latest.state.status !== "completed" && latest.state.status !== "aborted"
        ? latest.id
        : (await invoke(workflowStart, {}, ctx)).id;
    }
    const step = await invoke(workflowAdvance, { id }, ctx);
    return { ...step, requestedPhase: args.phase };
  },
  ["read", "write", "run"],
);

/** Every alias defined here. */
export const COMPAT_OPERATIONS: readonly AnyOperation[] = [
  instructRepoAnalysis,
  ensureAiReport,
  recommendCursorRules,
  getStaticCursorRule,
  getStaticCursorRules,
  saveCursorRule,
  runUpdateCursorRules,
  createCursorRuleFiles,
  ensureMakefileTask,
  updateDockerignore,
  cursorRulesWorkflow,
  planAndExecutePromptLibraryWorkflow,
];
