/**
 * The `instructions` text of the initialize result: which tools to use for
 * what, for the enabled groups only.
 *
 * @module
 */
import type { Catalog } from "../catalog.ts";
import { TOOL_GROUP_PURPOSES, type ToolGroup } from "../core/mod.ts";

/**
 * Writes the server instructions for the enabled groups.
 *
 * @param catalog The catalogue.
 * @param groups Enabled groups.
 * @returns Plain text for the model.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildCatalog } from "../catalog.ts";
 * import { serverInstructions } from "./instructions.ts";
 * assert.ok(serverInstructions(buildCatalog(), ["core"]).includes("workspace_info"));
 * ```
 */
export function serverInstructions(catalog: Catalog, groups: readonly ToolGroup[]): string {
  const lines = [
    "Codegen Lab works on the workspace it was started in: Cursor rules (.cursor/rules/**/*.mdc), repository analysis, workflows and sandboxed checks of generated code.",
    "Tools by purpose:",
  ];
  for (const group of groups) {
    const tools = catalog.operations.list([group]).map((operation) => operation.name);
    if (tools.length === 0) continue;
    lines.push(`- ${TOOL_GROUP_PURPOSES[group]}: ${tools.join(", ")}`);
  }
  lines.push(
    "Paths are relative to the workspace root; call workspace_info first if unsure where that is.",
    "Tools that change files say so (destructiveHint / readOnlyHint false); show the user what will change before calling them.",
    "A result with isError explains what went wrong and, after 'hint:', what to do next.",
  );
  return lines.join("\n");
}
