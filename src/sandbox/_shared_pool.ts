/**
 * One warm Pyodide pool per process, sized by `sandbox.pythonPoolSize`, so
 * repeated Python runs in the MCP server skip Pyodide's seconds-long start.
 *
 * @module
 */
import type { Config } from "../core/mod.ts";
import { PythonPool } from "./run_python.ts";

let shared: { size: number; memoryMb: number; pool: PythonPool } | undefined;

/**
 * The process's pool for this config (a new one when the size or memory limit
 * changed). Only a long-lived server keeps warm children (`warm`); a CLI run
 * starts one cold child per job, so nothing outlives the command.
 */
export function sharedPythonPool(config: Config, warm: boolean): PythonPool {
  const size = warm ? config.sandbox.pythonPoolSize : 0;
  const { memoryMb } = config.sandbox;
  if (shared === undefined || shared.size !== size || shared.memoryMb !== memoryMb) {
    const previous = shared?.pool;
    shared = { size, memoryMb, pool: new PythonPool({ size, memoryMb }) };
    previous?.close().catch(() => {});
  }
  return shared.pool;
}

/** Stops the shared pool's children (server shutdown, tests). */
export async function closeSharedPythonPool(): Promise<void> {
  const pool = shared?.pool;
  shared = undefined;
  await pool?.close();
}

/**
 * For the MCP server's lifetime: nothing at start (Pyodide costs seconds and
 * memory that a session without Python should not pay), and when the server
 * stops, the warm children go with it.
 */
export async function closePythonPoolOnStop(env: { signal: AbortSignal }): Promise<void> {
  if (!env.signal.aborted) {
    await new Promise<void>((resolve) =>
      env.signal.addEventListener("abort", () => resolve(), { once: true })
    );
  }
  await closeSharedPythonPool();
}
