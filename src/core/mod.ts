/**
 * The core every capability builds on: operations and their registry, the
 * single `invoke` path, errors, configuration, logging, and the safe
 * filesystem helpers (confined paths, atomic writes, an ignore-aware walker).
 *
 * @example Define and invoke an operation
 * ```ts
 * import assert from "node:assert/strict";
 * import { z } from "zod";
 * import { defineOperation, invoke, testContext } from "./mod.ts";
 * const hello = defineOperation({
 *   name: "hello", title: "Hello", description: "Greets", group: "core",
 *   input: z.strictObject({ who: z.string().describe("Name") }),
 *   output: z.object({ text: z.string() }),
 *   effects: [], requiresApproval: false,
 *   handler: (input) => Promise.resolve({ text: `hello ${input.who}` }),
 * });
 * const out = await invoke(hello, { who: "deno" }, await testContext("."));
 * assert.ok(out.text === "hello deno");
 * ```
 *
 * @module
 */
export { writeFileAtomic, type WriteFileAtomicOptions } from "./atomic_write.ts";
export {
  type Config,
  CONFIG_FILE,
  type ConfigLeaf,
  configLeaves,
  ConfigSchema,
  ENV_PREFIX,
  type EnvReader,
  loadConfig,
  type LoadConfigOptions,
  type LoadedConfig,
} from "./config.ts";
export { testContext } from "./context.ts";
export { unifiedDiff, type UnifiedDiffOptions } from "./diff.ts";
export {
  CancelledError,
  CodegenError,
  type CodegenErrorOptions,
  ConfigError,
  ConflictError,
  type ErrorCode,
  InputError,
  type InputIssue,
  NotFoundError,
  PermissionDeniedError,
  SandboxError,
  type SourceLocation,
  toCodegenError,
  UsageError,
  ValidationError,
} from "./errors.ts";
export { compileGlob, type CompileGlobOptions, type GlobMatcher, globSyntaxError } from "./glob.ts";
export { invoke } from "./invoke.ts";
export {
  createLogger,
  filterSink,
  LOG_LEVELS,
  type Logger,
  type LogLevel,
  type LogRecord,
  type LogSink,
  silentLogger,
} from "./logger.ts";
export {
  type AnyOperation,
  type CliSpec,
  defineOperation,
  type Effect,
  type Operation,
  type OperationContext,
  type OperationExample,
  type ProgressReporter,
} from "./operation.ts";
export { commandOf, DefinitionError, OperationRegistry } from "./registry.ts";
export {
  type AnyPrompt,
  type AnyResource,
  definePrompt,
  defineResource,
  NamedRegistry,
  type Prompt,
  type PromptMessage,
  type Resource,
  type ResourceContent,
  type ResourceListing,
} from "./resource_prompt.ts";
export {
  isInside,
  realRoot,
  resolveInWorkspace,
  toRelative,
  type WorkspacePath,
} from "./safe_path.ts";
export { type ResourceEventListener, ResourceEvents } from "./resource_events.ts";
export { type SarifFinding, type SarifLog, type SarifTool, toSarif } from "./sarif.ts";
export { Secret } from "./secret.ts";
export {
  DEFAULT_TOOL_GROUPS,
  TOOL_GROUP_PURPOSES,
  TOOL_GROUPS,
  type ToolGroup,
} from "./tool_groups.ts";
export { type SkipReason, type WalkEntry, type WalkOptions, walkWorkspace } from "./walk.ts";
export { formatIssues } from "./zod_issues.ts";
