/**
 * Building operation contexts.
 *
 * @module
 */
import { loadConfig } from "./config.ts";
import { silentLogger } from "./logger.ts";
import type { OperationContext } from "./operation.ts";
import { realRoot } from "./safe_path.ts";

/**
 * A context for tests and embedders: real root and config, silent logger, no
 * progress output, a signal that never aborts unless given one.
 *
 * @param root Workspace directory.
 * @param overrides Fields to replace.
 * @returns A context.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { testContext } from "./context.ts";
 * const ctx = await testContext(".");
 * assert.ok(ctx.root.startsWith("/") && ctx.door === "api");
 * ```
 */
export async function testContext(
  root: string,
  overrides: Partial<OperationContext> = {},
): Promise<OperationContext> {
  const real = await realRoot(root);
  const { config } = await loadConfig(real, { env: { get: () => undefined } });
  return {
    root: real,
    config,
    log: silentLogger,
    progress: () => {},
    signal: new AbortController().signal,
    door: "api",
    session: "test",
    now: () => new Date(),
    ...overrides,
  };
}
