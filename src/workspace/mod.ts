/**
 * Workspace operations: `workspace_info` and `list_files`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { listFiles, workspaceInfo } from "./mod.ts";
 * assert.ok(listFiles.name === "list_files" && workspaceInfo.name === "workspace_info");
 * ```
 *
 * @module
 */
export { listFiles } from "./list_files.ts";
export { workspaceInfo } from "./workspace_info.ts";
