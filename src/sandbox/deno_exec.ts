/**
 * Finds a Deno runtime to run sandboxed code with.
 *
 * @module
 */
import { SandboxError } from "../core/mod.ts";

/**
 * The path of a `deno` executable that can run a sandboxed snippet.
 *
 * Normally that is `Deno.execPath()`, the runtime running Codegen Lab. In a
 * `deno compile`d binary (`Deno.build.standalone`), `Deno.execPath()` is the
 * compiled program itself, which would start Codegen Lab again instead of the
 * snippet, so the `deno` found on `PATH` is used instead. That lookup reads the
 * `PATH` variable (requires `--allow-env=PATH`) and stats each candidate
 * (when a stat is denied, the bare name `deno` is returned and the spawn
 * resolves it).
 *
 * @returns An absolute path, or `deno` when only the spawn can resolve it.
 * @throws {SandboxError} SANDBOX_FAILED when a compiled binary cannot find or
 * may not look for `deno` on `PATH`.
 *
 * @example Spawn the runtime that runs sandboxed code
 * ```ts ignore
 * import { denoExecutable } from "./deno_exec.ts";
 * const out = await new Deno.Command(denoExecutable(), { args: ["--version"] }).output();
 * ```
 */
export function denoExecutable(): string {
  if (!Deno.build.standalone) {
    const self = Deno.execPath();
    // `--allow-run=deno` names the `deno` on PATH; when that is a symlink (npm's
    // install is one) it does not cover the real path, so spawn it by name.
    if (
      Deno.permissions.querySync({ name: "run", command: self }).state !== "granted" &&
      Deno.permissions.querySync({ name: "run", command: "deno" }).state === "granted"
    ) {
      return "deno";
    }
    return self;
  }
  const windows = Deno.build.os === "windows";
  const hint =
    "Install Deno (https://deno.com) and put it on PATH, or run Codegen Lab from source with `deno run`";
  let path: string | undefined;
  try {
    path = Deno.env.get("PATH");
  } catch (error) {
    throw new SandboxError(
      "Cannot find a Deno runtime for the sandbox: reading PATH was denied",
      { hint: `Allow --allow-env=PATH. ${hint}`, cause: error },
    );
  }
  let denied = false;
  for (const dir of (path ?? "").split(windows ? ";" : ":")) {
    if (dir === "") continue;
    const candidate = `${dir}${windows ? "\\" : "/"}deno${windows ? ".exe" : ""}`;
    try {
      if (Deno.statSync(candidate).isFile) return candidate;
    } catch (error) {
      if (
        error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied
      ) {
        denied = true;
      }
    }
  }
  if (denied) return "deno";
  throw new SandboxError(
    "Cannot find a Deno runtime for the sandbox: this is a compiled binary and no deno is on PATH",
    { hint },
  );
}
