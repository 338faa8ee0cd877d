/**
 * The one path every call takes, whichever door it came through: validate the
 * input, run the handler, validate the output.
 *
 * @module
 */
import { CancelledError, CodegenError, InputError, toCodegenError } from "./errors.ts";
import type { z } from "zod";
import type { AnyOperation, Operation, OperationContext } from "./operation.ts";
import { formatIssues } from "./zod_issues.ts";

/**
 * Runs an operation on raw (unvalidated) input.
 *
 * @param operation The operation.
 * @param rawInput Input as received (CLI flags as an object, MCP arguments).
 * @param ctx The context.
 * @returns The validated output.
 * @throws {InputError} INVALID_INPUT when the input fails the schema.
 * @throws {CancelledError} CANCELLED when `ctx.signal` aborts.
 * @throws {CodegenError} whatever the handler throws, converted; INTERNAL when
 * the output fails its own schema.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { z } from "zod";
 * import { invoke } from "./invoke.ts";
 * import { testContext } from "./context.ts";
 * const op = {
 *   name: "double", title: "Double", description: "Doubles n", group: "core" as const,
 *   input: z.strictObject({ n: z.number().describe("n") }), output: z.object({ value: z.number() }),
 *   effects: [], requiresApproval: false,
 *   handler: (input: { n: number }) => Promise.resolve({ value: input.n * 2 }),
 * };
 * const out = await invoke(op, { n: 21 }, await testContext(Deno.cwd()));
 * assert.ok(out.value === 42);
 * ```
 */
export function invoke<Input extends z.ZodObject, Output extends z.ZodObject>(
  operation: Operation<Input, Output>,
  rawInput: z.input<Input>,
  ctx: OperationContext,
): Promise<z.output<Output>>;
export function invoke(
  operation: AnyOperation,
  rawInput: unknown,
  ctx: OperationContext,
): Promise<Record<string, unknown>>;
export async function invoke(
  operation: AnyOperation,
  rawInput: unknown,
  ctx: OperationContext,
): Promise<Record<string, unknown>> {
  if (ctx.signal.aborted) throw new CancelledError(operation.name);
  const parsed = operation.input.safeParse(rawInput ?? {});
  if (!parsed.success) throw new InputError(operation.name, formatIssues(parsed.error));
  let result: unknown;
  try {
    result = await operation.handler(parsed.data, ctx);
  } catch (error) {
    if (ctx.signal.aborted) throw new CancelledError(operation.name);
    throw toCodegenError(error);
  }
  if (ctx.signal.aborted) throw new CancelledError(operation.name);
  const checked = operation.output.safeParse(result);
  if (!checked.success) {
    const issues = formatIssues(checked.error).map((issue) => `${issue.path}: ${issue.message}`);
    throw new CodegenError(
      "INTERNAL",
      `Operation "${operation.name}" returned output that breaks its schema: ${issues.join("; ")}`,
      { hint: "This is a bug in Codegen Lab; please report it with the input you used" },
    );
  }
  return checked.data as Record<string, unknown>;
}
