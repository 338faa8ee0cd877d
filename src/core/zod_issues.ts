/**
 * Turns zod errors into short per-field messages that name the field.
 *
 * @module
 */
import type { z } from "zod";
import type { InputIssue } from "./errors.ts";

/**
 * Formats a zod error as one issue per failing field.
 *
 * @param error A zod error.
 * @returns Issues with a dotted path and a message.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { z } from "zod";
 * import { formatIssues } from "./zod_issues.ts";
 * const result = z.object({ limit: z.number() }).safeParse({ limit: "x" });
 * if (!result.success) assert.ok(formatIssues(result.error)[0]!.path === "limit");
 * ```
 */
export function formatIssues(error: z.ZodError): InputIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.length === 0 ? "(input)" : issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      const keys = issue.keys.map((key) => `"${key}"`).join(", ");
      return { path, message: `unknown field${issue.keys.length > 1 ? "s" : ""} ${keys}` };
    }
    return { path, message: issue.message.replace(/^Invalid input: /, "") };
  });
}
