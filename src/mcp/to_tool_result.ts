/**
 * Turns operation results and errors into MCP `CallToolResult`s. Errors the
 * model can act on become `isError: true` results whose text carries the
 * message and the hint; details go in `_meta`, because clients validate
 * `structuredContent` against the output schema even on errors.
 *
 * @module
 */
import type { CallToolResult } from "./_sdk.ts";
import { toCodegenError } from "../core/mod.ts";

/** The `_meta` key that carries an error's code, hint and data. */
export const ERROR_META_KEY = "codegen-lab/error";

/**
 * A successful result: JSON text for the model plus `structuredContent`.
 *
 * @param output The validated output.
 * @returns The tool result.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toToolResult } from "./to_tool_result.ts";
 * assert.ok(toToolResult({ a: 1 }).structuredContent?.a === 1);
 * ```
 */
export function toToolResult(output: Record<string, unknown>): CallToolResult {
  return {
    content: [{ type: "text", text: JSON.stringify(output, null, 2) }],
    structuredContent: output,
  };
}

/**
 * An error result the model can read and act on.
 *
 * @param thrown Anything thrown by `invoke`.
 * @returns The tool result with `isError: true`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { UsageError } from "../core/mod.ts";
 * import { toErrorResult } from "./to_tool_result.ts";
 * const result = toErrorResult(new UsageError("Bad", { hint: "Do X" }));
 * assert.ok(result.isError && JSON.stringify(result.content).includes("hint: Do X"));
 * ```
 */
export function toErrorResult(thrown: unknown): CallToolResult {
  const error = toCodegenError(thrown);
  const text = error.hint ? `${error.message}\nhint: ${error.hint}` : error.message;
  return {
    isError: true,
    content: [{ type: "text", text }],
    _meta: { [ERROR_META_KEY]: error.toJSON() },
  };
}
