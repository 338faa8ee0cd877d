/**
 * Files changed since a git ref: committed, staged, unstaged and untracked
 * (not ignored), as `git` itself reports them.
 *
 * @module
 */
import { NotFoundError, PermissionDeniedError, UsageError } from "../core/mod.ts";

/**
 * Lists the files that differ from `ref` in the working tree, plus untracked
 * files that .gitignore does not exclude. Deleted files are left out (there is
 * nothing to read). Runs `git` (needs `--allow-run=git`).
 *
 * @param root Workspace root (inside a git work tree).
 * @param ref A commit, branch or tag, e.g. `main` or `HEAD~3`.
 * @returns Relative paths, sorted.
 * @throws {UsageError} USAGE when the ref looks like an option.
 * @throws {NotFoundError} NOT_FOUND when git does not know the ref or the root is not a repository.
 *
 * @example
 * ```ts ignore
 * const changed = await changedFilesSince(root, "main");
 * ```
 */
export async function changedFilesSince(root: string, ref: string): Promise<string[]> {
  if (ref.startsWith("-") || ref.trim() === "" || /[\s\0]/.test(ref)) {
    throw new UsageError(`"${ref}" is not a git ref`, {
      hint: "Give a commit, branch or tag, such as main or HEAD~3",
    });
  }
  const diff = await git(root, ["diff", "--name-only", "-z", "--diff-filter=d", ref, "--"]);
  const untracked = await git(root, ["ls-files", "--others", "--exclude-standard", "-z"]);
  const prefix = (await git(root, ["rev-parse", "--show-prefix"])).trim();
  const paths = new Set<string>();
  for (const path of diff.split("\0")) {
    if (path === "") continue;
    // `git diff` names paths from the top of the work tree; keep those under the root.
    if (prefix === "") paths.add(path);
    else if (path.startsWith(prefix)) paths.add(path.slice(prefix.length));
  }
  for (const path of untracked.split("\0")) if (path !== "") paths.add(path);
  return [...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

async function git(root: string, args: string[]): Promise<string> {
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command("git", {
      args: ["-c", "core.quotepath=off", ...args],
      cwd: root,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
      throw new PermissionDeniedError("Listing changed files needs permission to run git", {
        hint: "Start Codegen Lab with --allow-run=git (deno task serve/cli include it)",
      });
    }
    throw new NotFoundError("git is not installed or not on PATH", {
      hint: "Install git, or pack without `since`",
    });
  }
  if (output.code !== 0) {
    const message = new TextDecoder().decode(output.stderr).trim().split("\n")[0] ?? "";
    throw new NotFoundError(`git ${args[0]} failed: ${message}`, {
      hint: "Check that the workspace is a git repository and the ref exists (git log --oneline)",
    });
  }
  return new TextDecoder().decode(output.stdout);
}
