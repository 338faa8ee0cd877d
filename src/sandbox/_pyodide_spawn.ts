/**
 * Private: finds the cached Pyodide package and spawns, and waits for, the
 * Pyodide children of `run_python.ts` (whose module doc lists the flags).
 *
 * @module
 */
import { SandboxError } from "../core/mod.ts";
import { denoExecutable } from "./deno_exec.ts";
import { type LimitedProcess, startLimitedProcess } from "./run_process.ts";

/** Pyodide's version, the one the child imports. */
export const PYODIDE = "npm:pyodide@314.0.7";
/** How long a child may take to load Pyodide (not part of `timeoutMs`). */
const COLD_START_MS = 30_000;
const READY_POLL_MS = 15;

/** The error of any use of a closed pool. */
export function closedError(): SandboxError {
  return new SandboxError("Cannot run Python: the pool is closed", {
    hint: "Create a new PythonPool",
  });
}

/** The child program's URL. */
export const CHILD = new URL("./_pyodide_child.ts", import.meta.url).href;

/** Spawns the child with the flags of the module doc; `rest` adds grants and arguments. */
export function spawnChild(paths: PyodidePaths, cwd: string, rest: string[]): LimitedProcess {
  return startLimitedProcess(denoExecutable(), {
    args: [
      "run",
      "--no-config",
      "--no-lock",
      "--cached-only",
      "--no-remote",
      "--deny-import",
      "--no-prompt",
      "--deny-net",
      "--deny-env",
      "--deny-run",
      "--deny-ffi",
      "--deny-sys",
      ...rest,
    ],
    cwd,
    env: {
      DENO_DIR: paths.denoDir,
      DENO_NO_PACKAGE_JSON: "1",
      DENO_NO_UPDATE_CHECK: "1",
      NO_COLOR: "1",
    },
    clearEnv: true,
  });
}

export async function waitForReadyFile(
  path: string,
  stop: () => boolean,
  exited?: Promise<unknown>,
): Promise<void> {
  const deadline = performance.now() + COLD_START_MS;
  // A child that dies at start (e.g. Pyodide's dependencies are not cached) is
  // reported at once, not after the load timeout.
  let died = false;
  exited?.then(() => died = true, () => died = true);
  while (!stop()) {
    let text: string | undefined;
    try {
      text = await Deno.readTextFile(path);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    if (text?.startsWith("ready")) return;
    if (text?.startsWith("error ")) {
      throw new SandboxError(`Cannot start Pyodide: ${text.slice(6).trim()}`, {
        hint: `Check that ${PYODIDE} is cached (deno cache --no-config --no-lock ${PYODIDE})`,
      });
    }
    if (died) {
      throw new SandboxError("Cannot start Pyodide: its child process exited while loading", {
        hint:
          `Cache Pyodide as the child resolves it: deno cache --no-config --no-lock ${PYODIDE} (while online)`,
      });
    }
    if (performance.now() > deadline) {
      throw new SandboxError(`Cannot start Pyodide: it did not load within ${COLD_START_MS} ms`, {
        hint: "The machine may be overloaded; try again, or keep a warm pool",
      });
    }
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
  throw closedError();
}

export interface PyodidePaths {
  denoDir: string;
  pyodideDir: string;
}

let located: Promise<PyodidePaths> | undefined;

/** Finds Deno's cache and the cached pyodide package (once per process). */
export function pyodidePaths(): Promise<PyodidePaths> {
  located ??= locate().catch((error) => {
    located = undefined;
    throw error;
  });
  return located;
}

async function locate(): Promise<PyodidePaths> {
  const general = await denoInfo([]);
  const { denoDir, npmCache } = general;
  if (typeof denoDir !== "string" || typeof npmCache !== "string") {
    throw new SandboxError("Cannot find Deno's cache directory with `deno info --json`");
  }
  // The default registry's layout; a custom registry is resolved by deno info.
  const guess = `${npmCache}/registry.npmjs.org/pyodide/${PYODIDE.split("@")[1]}`;
  if (await exists(`${guess}/pyodide.asm.wasm`)) return { denoDir, pyodideDir: guess };
  const packages = ((await denoInfo([PYODIDE])).npmPackages ?? {}) as Record<
    string,
    { localPath?: string }
  >;
  const pyodideDir = Object.entries(packages)
    .find(([key]) => key.startsWith("pyodide@"))?.[1].localPath;
  if (pyodideDir === undefined || !await exists(`${pyodideDir}/pyodide.asm.wasm`)) {
    throw new SandboxError(`Cannot find ${PYODIDE} in Deno's cache`, {
      hint: `Run \`deno cache --no-config --no-lock ${PYODIDE}\` while online`,
    });
  }
  return { denoDir, pyodideDir };
}

async function denoInfo(args: string[]): Promise<Record<string, unknown>> {
  const out = await new Deno.Command(denoExecutable(), {
    args: ["info", "--json", "--no-config", ...args],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  if (!out.success) {
    throw new SandboxError(`Cannot find ${PYODIDE} in Deno's cache`, {
      hint: `Run \`deno cache --no-config --no-lock ${PYODIDE}\` while online`,
      data: { stderr: new TextDecoder().decode(out.stderr).slice(-1000) },
    });
  }
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch (error) {
    // The host may not be allowed to read Deno's cache (`deno task serve` reads only the
    // workspace and /tmp); the child, which is, will say if the package is missing.
    return error instanceof Deno.errors.NotCapable;
  }
}
