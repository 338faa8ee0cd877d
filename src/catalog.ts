/**
 * The catalogue: every operation, resource and prompt Codegen Lab offers.
 * Both doors (CLI and MCP) are generated from it.
 *
 * @module
 */
import {
  type AnyPrompt,
  type AnyResource,
  defineResource,
  invoke,
  NamedRegistry,
  OperationRegistry,
  type ToolGroup,
} from "./core/mod.ts";
import {
  generateRulePrompt,
  publishRuleChanges,
  reviewRulesPrompt,
  ruleRawResource,
  ruleResource,
  rulesCreate,
  rulesDelete,
  rulesExport,
  rulesGet,
  rulesImport,
  rulesIndexResource,
  rulesList,
  rulesMigrate,
  rulesMove,
  rulesRender,
  rulesRestore,
  rulesTrash,
  rulesUpdate,
  rulesValidate,
  rulesWhich,
  type WatcherEnv,
} from "./rules/mod.ts";
import { listFiles, workspaceInfo } from "./workspace/mod.ts";
import {
  analyzeRepository,
  packContext,
  recommendRulesOperation,
  repoAnalysisPrompt,
  repoReportResource,
} from "./analysis/mod.ts";
import { checkCode, closePythonPoolOnStop, runSandboxed } from "./sandbox/mod.ts";
import { COMPAT_OPERATIONS } from "./compat/mod.ts";
import {
  prepWorkspace,
  ruleWorkflowPrompt,
  workflowAbort,
  workflowAdvance,
  workflowList,
  workflowResume,
  workflowStart,
  workflowStatus,
} from "./workflows/mod.ts";
import { sequentialThinking, thinkingReset, thinkingSummary } from "./thinking/mod.ts";
import {
  aiContext,
  aiDocUpdate,
  aiInit,
  aiNext,
  aiStatus,
  aiStoryCreate,
  aiStoryUpdate,
  aiValidate,
  nextStoryPrompt,
  tddCyclePrompt,
  writeArchitecturePrompt,
  writePrdPrompt,
} from "./agile/mod.ts";

/** A background task the MCP server runs for its lifetime (e.g. a file watcher). */
export type CatalogWatcher = (env: WatcherEnv) => Promise<void>;

/** The registries of one catalogue. */
export interface Catalog {
  /** Operations (CLI commands and MCP tools). */
  operations: OperationRegistry;
  /** MCP resources. */
  resources: NamedRegistry<AnyResource>;
  /** MCP prompts. */
  prompts: NamedRegistry<AnyPrompt>;
  /** Background watchers, by the tool group that needs them. */
  watchers: Array<{ group: ToolGroup; run: CatalogWatcher }>;
}

const workspaceResource = defineResource({
  name: "workspace",
  title: "Workspace info",
  description: "The workspace root, git state, configuration in force and versions (JSON)",
  group: "core",
  mimeType: "application/json",
  uri: "codegen-lab://workspace",
  async read(uri, _vars, ctx) {
    const info = await invoke(workspaceInfo, {}, ctx);
    return { uri, mimeType: "application/json", text: JSON.stringify(info, null, 2) };
  },
});

/**
 * Builds the full catalogue. Registration checks every declaration, so a bad
 * one fails here, at start-up, not when it is first called.
 *
 * @returns The catalogue.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildCatalog } from "./catalog.ts";
 * assert.ok(buildCatalog().operations.get("list_files") !== undefined);
 * ```
 */
export function buildCatalog(): Catalog {
  const operations = new OperationRegistry()
    .add(workspaceInfo)
    .add(listFiles)
    .add(rulesList)
    .add(rulesGet)
    .add(rulesWhich)
    .add(rulesValidate)
    .add(rulesCreate)
    .add(rulesUpdate)
    .add(rulesMove)
    .add(rulesDelete)
    .add(rulesTrash)
    .add(rulesRestore)
    .add(rulesRender)
    .add(rulesExport)
    .add(rulesImport)
    .add(rulesMigrate)
    .add(analyzeRepository)
    .add(recommendRulesOperation)
    .add(packContext)
    .add(checkCode)
    .add(runSandboxed)
    .add(prepWorkspace)
    .add(workflowStart)
    .add(workflowStatus)
    .add(workflowAdvance)
    .add(workflowResume)
    .add(workflowAbort)
    .add(workflowList)
    .add(sequentialThinking)
    .add(thinkingSummary)
    .add(thinkingReset)
    .add(aiInit)
    .add(aiStatus)
    .add(aiNext)
    .add(aiStoryCreate)
    .add(aiStoryUpdate)
    .add(aiDocUpdate)
    .add(aiValidate)
    .add(aiContext);
  for (const operation of COMPAT_OPERATIONS) operations.add(operation);
  const resources = new NamedRegistry<AnyResource>("resource")
    .add(workspaceResource)
    .add(rulesIndexResource)
    .add(ruleResource)
    .add(ruleRawResource)
    .add(repoReportResource);
  const prompts = new NamedRegistry<AnyPrompt>("prompt")
    .add(generateRulePrompt)
    .add(reviewRulesPrompt)
    .add(repoAnalysisPrompt)
    .add(ruleWorkflowPrompt)
    .add(writePrdPrompt)
    .add(writeArchitecturePrompt)
    .add(nextStoryPrompt)
    .add(tddCyclePrompt);
  const watchers = [
    { group: "rules" as const, run: publishRuleChanges },
    { group: "sandbox" as const, run: closePythonPoolOnStop },
  ];
  return { operations, resources, prompts, watchers };
}
