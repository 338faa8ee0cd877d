/**
 * Shared test support: temp workspaces and spawning the real CLI and server.
 *
 * @module
 */
import { fromFileUrl } from "./_path.ts";

/** Absolute path of the repository root. */
export const REPO_ROOT: string = fromFileUrl(new URL("../", import.meta.url)).replace(/\/$/, "");
/** Absolute path of src/main.ts. */
export const MAIN: string = `${REPO_ROOT}/src/main.ts`;
/** Absolute path of deno.json. */
export const CONFIG: string = `${REPO_ROOT}/deno.json`;

/** The permission flags `deno task serve` uses, for a workspace. */
export function servePermissions(workspace: string): string[] {
  return [
    `--allow-read=${workspace},/tmp`,
    `--allow-write=${workspace},/tmp`,
    "--allow-env=CODEGEN_LAB_*,NO_COLOR,LOG_TOKENS,LOG_STREAM,TSC_*,NODE_ENV,NODE_INSPECTOR_IPC,VSCODE_INSPECTOR_OPTIONS",
    "--allow-run=git,deno,bash,setpriv",
  ];
}

/** Arguments that run src/main.ts with the serve task's narrow permissions. */
export function mainArgs(
  workspace: string,
  args: readonly string[],
  extraFlags: readonly string[] = [],
): string[] {
  return [
    "run",
    "--quiet",
    "--frozen",
    `--config=${CONFIG}`,
    ...servePermissions(workspace),
    ...extraFlags,
    MAIN,
    ...args,
  ];
}

/** A finished CLI run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in a subprocess with the given workspace as its cwd. */
export async function runCliProcess(
  workspace: string,
  args: readonly string[],
  options: { env?: Record<string, string>; stdin?: string; extraFlags?: readonly string[] } = {},
): Promise<CliRun> {
  const child = new Deno.Command(Deno.execPath(), {
    args: mainArgs(workspace, args, options.extraFlags),
    cwd: workspace,
    env: { NO_COLOR: "1", ...options.env },
    clearEnv: true,
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const { code, stdout, stderr } = await child.output();
  const decoder = new TextDecoder();
  return { code, stdout: decoder.decode(stdout), stderr: decoder.decode(stderr) };
}

/** Creates a temp workspace with the given files (path → content) and returns its real path. */
export async function makeWorkspace(files: Record<string, string> = {}): Promise<string> {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "codegen_lab_" }));
  for (const [path, content] of Object.entries(files)) {
    const full = `${dir}/${path}`;
    await Deno.mkdir(full.slice(0, full.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(full, content);
  }
  return dir;
}

/** Removes a temp workspace. */
export async function removeWorkspace(dir: string): Promise<void> {
  await Deno.remove(dir, { recursive: true }).catch(() => {});
}
