/**
 * Private helper of `rule_workflow.ts`: what each of the five phases does.
 * Every phase writes its files (atomically) and returns a summary for the
 * state; running it again with the same state writes the same files, so a
 * phase interrupted half-way is simply run again.
 *
 * @module
 */
import type { z } from "zod";
import {
  type Analysis,
  ANALYSIS_IGNORE_FILES,
  analysisSchema,
  analyzeRepository,
  DEFAULT_REPORT_PATH,
  recommendRules,
  RULE_CATALOG,
  stackFactsOf,
} from "../analysis/mod.ts";
import {
  CodegenError,
  compileGlob,
  ConflictError,
  invoke,
  NotFoundError,
  type OperationContext,
  resolveInWorkspace,
  walkWorkspace,
  writeFileAtomic,
} from "../core/mod.ts";
import { DRAFTS_DIR, loadRuleSet, rulesMigrate, rulesValidate } from "../rules/mod.ts";
import { catalogueAuthor, type DraftAuthor } from "./_workflow_drafts.ts";
import { renderSummary } from "./_workflow_summary.ts";
import {
  type PHASE_OUTPUTS,
  type PhaseKey,
  WORKFLOWS_DIR,
  type WorkflowState,
} from "./_workflow_state.ts";
import { prepWorkspace } from "./prep_workspace.ts";

type MigrateStep = PhaseOutput<"validate">["migrated"][number];
type WorkspaceChange = PhaseOutput<"deploy">["changes"][number];

/** The output of a phase, by key. */
export type PhaseOutput<K extends PhaseKey> = z.input<typeof PHASE_OUTPUTS[K]>;

/** What a phase runner gets besides the context. */
export interface PhaseEnv {
  /** The state, as saved when the phase started. */
  state: WorkflowState;
  /** Records extra fields in the phase's record and saves the state (mid-phase). */
  checkpoint(fields: Record<string, unknown>): Promise<void>;
  /** Who writes drafts in phase 3. */
  author: DraftAuthor;
}

type Runner<K extends PhaseKey> = (env: PhaseEnv, ctx: OperationContext) => Promise<PhaseOutput<K>>;

/** The runners, by phase key. */
export const PHASE_RUNNERS: { [K in PhaseKey]: Runner<K> } = {
  analyse: analyse,
  recommend: recommend,
  generate: generate,
  validate: validate,
  deploy: deploy,
};

/** The default author of phase 3. */
export const DEFAULT_AUTHOR: DraftAuthor = catalogueAuthor;

async function analyse(_env: PhaseEnv, ctx: OperationContext): Promise<PhaseOutput<"analyse">> {
  // The analysis counts its own earlier reports as ignored files: remove them
  // first, so a retried phase writes the same report as the first attempt.
  for (const path of [DEFAULT_REPORT_PATH, DEFAULT_REPORT_PATH.replace(/\.md$/, ".json")]) {
    await Deno.remove((await resolveInWorkspace(ctx.root, path)).absolute).catch(() => {});
  }
  const analysis = await invoke(analyzeRepository, {
    out: DEFAULT_REPORT_PATH,
    exclude: [`/${WORKFLOWS_DIR}/`],
  }, ctx);
  const { stack } = analysis;
  const names = [...stack.frameworks, ...stack.testing, ...stack.linters, ...stack.packageManagers]
    .map((item) => item.name);
  return {
    report: analysis.report.markdown ?? DEFAULT_REPORT_PATH,
    json: analysis.report.json ?? DEFAULT_REPORT_PATH.replace(/\.md$/, ".json"),
    files: analysis.totals.files,
    code: analysis.totals.code,
    languages: analysis.languages.map((language) => language.name),
    stack: [...new Set(names)],
  };
}

async function recommend(env: PhaseEnv, ctx: OperationContext): Promise<PhaseOutput<"recommend">> {
  const analysis = await readAnalysis(env.state, ctx);
  const { minConfidence, only } = env.state.inputs;
  const existing = (await loadRuleSet(ctx.root, { signal: ctx.signal })).rules.map((r) => r.name);
  const all = recommendRules(stackFactsOf(analysis), existing, {
    minConfidence: only.length > 0 ? 0 : minConfidence,
    includeExisting: true,
  });
  const recommendations: PhaseOutput<"recommend">["recommendations"] = [];
  const skipped: PhaseOutput<"recommend">["skipped"] = [];
  const wanted = only.length > 0 ? only : all.map((rec) => rec.id);
  for (const id of wanted) {
    const rule = RULE_CATALOG.find((entry) => entry.id === id)!;
    const rec = all.find((item) => item.id === id);
    if (rec?.exists) {
      skipped.push({ id, reason: `the workspace already has it as ${rec.existingName}` });
      continue;
    }
    recommendations.push({
      id,
      title: rule.title,
      category: rule.category,
      confidence: rec?.confidence ?? 0,
      reasons: rec?.reasons ?? ["named in `only`; nothing in the analysis points to it"],
    });
  }
  return { recommendations, skipped };
}

async function readAnalysis(state: WorkflowState, ctx: OperationContext): Promise<Analysis> {
  const path = state.phases.analyse?.output?.json ?? DEFAULT_REPORT_PATH.replace(/\.md$/, ".json");
  const file = await resolveInWorkspace(ctx.root, path);
  const text = await Deno.readTextFile(file.absolute).catch(() => undefined);
  const parsed = text === undefined ? undefined : analysisSchema.safeParse(safeJson(text));
  if (!parsed?.success) {
    throw new NotFoundError(`Cannot read the analysis of phase 1: ${path} is missing or invalid`, {
      hint: `Recreate it with \`analyze repo --out ${
        state.phases.analyse?.output?.report ?? DEFAULT_REPORT_PATH
      }\``,
    });
  }
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function generate(env: PhaseEnv, ctx: OperationContext): Promise<PhaseOutput<"generate">> {
  const recommendations = env.state.phases.recommend?.output?.recommendations ?? [];
  const folder = await resolveInWorkspace(ctx.root, DRAFTS_DIR);
  await Deno.mkdir(folder.absolute, { recursive: true });
  const files: string[] = [];
  for await (
    const entry of walkWorkspace(ctx.root, {
      ignoreFiles: ANALYSIS_IGNORE_FILES,
      signal: ctx.signal,
    })
  ) files.push(entry.path);
  const found: Array<{ id: string; absolute: string; relative: string; text: string }> = [];
  const drafts: PhaseOutput<"generate">["drafts"] = [];
  for (const rec of recommendations) {
    const rule = RULE_CATALOG.find((entry) => entry.id === rec.id)!;
    const base = rule.id.slice(rule.id.lastIndexOf("/") + 1);
    const target = await resolveInWorkspace(
      ctx.root,
      `${DRAFTS_DIR}/${rule.category}/${base}.mdc.md`,
    );
    const text = await env.author.write({
      rule,
      globs: globsInUse(rule.globs, files),
      reasons: rec.reasons,
      confidence: rec.confidence,
    }, ctx.signal);
    const before = await Deno.readTextFile(target.absolute).catch(() => undefined);
    if (before === undefined) found.push({ id: rec.id, ...target, text });
    drafts.push(
      before === undefined || before === text
        ? {
          id: rec.id,
          path: target.relative,
          action: before === undefined ? "create" : "unchanged",
        }
        : {
          id: rec.id,
          path: target.relative,
          action: "kept",
          reason: "a different draft is already there (edited?); delete it to regenerate",
        },
    );
  }
  const plan = carryOver(drafts, env.state.phases.generate?.plan, (draft) => draft.path);
  await env.checkpoint({ plan });
  for (const draft of found) await writeFileAtomic(draft.absolute, draft.text);
  return { author: env.author.name, drafts: plan };
}

/**
 * Keeps what an earlier, interrupted attempt did: an item this attempt finds
 * `unchanged` but the earlier plan would `create` or `update` was written by
 * that attempt, so it keeps the earlier action (reports stay the same).
 */
function carryOver<T extends { action: string }>(
  now: readonly T[],
  earlier: readonly T[] | undefined,
  key: (item: T) => string,
): T[] {
  const before = new Map((earlier ?? []).map((item) => [key(item), item.action]));
  return now.map((item) => {
    const action = before.get(key(item));
    return item.action === "unchanged" && (action === "create" || action === "update")
      ? { ...item, action }
      : item;
  });
}

/** The globs that match a file here, so rules validate without "matches no file". */
function globsInUse(globs: readonly string[], files: readonly string[]): string[] {
  const used = globs.filter((glob) => {
    const matches = compileGlob(glob);
    return files.some((file) => matches(file));
  });
  return used.length > 0 ? used : [...globs];
}

async function validate(env: PhaseEnv, ctx: OperationContext): Promise<PhaseOutput<"validate">> {
  await Deno.mkdir((await resolveInWorkspace(ctx.root, DRAFTS_DIR)).absolute, { recursive: true });
  const ours = new Set((env.state.phases.generate?.output?.drafts ?? []).map((d) => d.path));
  const byDraft = (step: { draft: string }) => step.draft;
  const dryRun = await invoke(rulesMigrate, { source: DRAFTS_DIR, apply: false }, ctx);
  const plan = carryOver(migrateSteps(dryRun), env.state.phases.validate?.plan, byDraft);
  await env.checkpoint({ plan });
  const conflicts = dryRun.steps.filter((step) =>
    step.action === "conflict" && ours.has(step.draft)
  );
  if (conflicts.length > 0) {
    throw new ConflictError(
      `Cannot migrate ${conflicts.length} draft(s): ${
        conflicts.map((step) => `${step.draft} -> ${step.target}`).join(", ")
      }`,
      {
        hint: "Rename or delete the rule already there (or the draft)",
        data: { details: conflicts.map((step) => `${step.target}: ${step.reason ?? "conflict"}`) },
      },
    );
  }
  const applied = await invoke(rulesMigrate, { source: DRAFTS_DIR, apply: true }, ctx);
  const migrated = carryOver(migrateSteps(applied), plan, byDraft);
  const checked = await invoke(rulesValidate, { format: "text" }, ctx);
  if (checked.counts.errors > 0) {
    const errors = checked.problems.filter((problem) => problem.severity === "error");
    throw new CodegenError(
      "VALIDATION_FAILED",
      `Cannot finish phase 4: rules_validate found ${checked.counts.errors} error(s) in ${
        new Set(errors.map((problem) => problem.file)).size
      } file(s)`,
      {
        hint: "Fix the problems listed (`rules validate` shows them all)",
        data: {
          details: errors.slice(0, 10).map((p) =>
            `${p.file}:${p.line}:${p.column} ${p.code}: ${p.message} (${p.hint})`
          ),
        },
      },
    );
  }
  const counts = { create: 0, unchanged: 0, update: 0, conflict: 0 };
  for (const step of migrated) counts[step.action]++;
  return { migrated, counts, validation: { rules: checked.rules, ...checked.counts } };
}

function migrateSteps(out: z.output<typeof rulesMigrate.output>): MigrateStep[] {
  return out.steps.map((step) => ({
    draft: step.draft,
    target: step.target,
    action: step.action,
    ...(step.reason === undefined ? {} : { reason: step.reason }),
  }));
}

async function deploy(env: PhaseEnv, ctx: OperationContext): Promise<PhaseOutput<"deploy">> {
  const { clients, makefile, dockerignore } = env.state.inputs;
  const options = { clients, makefile, dockerignore };
  const byPath = (change: { path: string }) => change.path;
  const dryRun = await invoke(prepWorkspace, { ...options, apply: false }, ctx);
  const plan = carryOver(workspaceChanges(dryRun), env.state.phases.deploy?.plan, byPath);
  await env.checkpoint({ plan });
  const applied = await invoke(prepWorkspace, { ...options, apply: true }, ctx);
  const changes = carryOver(workspaceChanges(applied), plan, byPath);
  const summary = await resolveInWorkspace(ctx.root, `${WORKFLOWS_DIR}/${env.state.id}.summary.md`);
  const output = { changes, summary: summary.relative };
  await writeFileAtomic(summary.absolute, renderSummary(env.state, output));
  return output;
}

function workspaceChanges(out: z.output<typeof prepWorkspace.output>): WorkspaceChange[] {
  return out.changes.map((change) => ({
    path: change.path,
    kind: change.kind,
    action: change.action,
    ...(change.reason === undefined ? {} : { reason: change.reason }),
  }));
}
