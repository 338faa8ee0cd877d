/**
 * Private: `git log --oneline -5 -- .ai` for `ai_context`, degrading to a
 * note (never an error) when git is not allowed, not installed, or the
 * workspace is not a repository.
 *
 * @module
 */

/** What git said, or why it was not asked. */
export interface GitLog {
  /** Whether git ran and succeeded. */
  ran: boolean;
  /** `<hash> <subject>` lines, newest first. */
  log: string[];
  /** Why there is no log, when `ran` is false. */
  note?: string;
}

/** Runs `git log --oneline -<count> -- .ai` in `root`. */
export async function gitLog(root: string, count: number, signal: AbortSignal): Promise<GitLog> {
  const permission = await Deno.permissions.query({ name: "run", command: "git" });
  if (permission.state !== "granted") {
    return { ran: false, log: [], note: "running git is not allowed (start with --allow-run=git)" };
  }
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command("git", {
      args: [
        "-c",
        "core.quotepath=off",
        "log",
        "--oneline",
        "--no-color",
        `-${count}`,
        "--",
        ".ai",
      ],
      cwd: root,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      signal,
    }).output();
  } catch (error) {
    const why = error instanceof Deno.errors.NotFound
      ? "git is not installed or not on PATH"
      : `git could not run: ${
        error instanceof Error ? error.message.split("\n")[0] : String(error)
      }`;
    return { ran: false, log: [], note: why };
  }
  const decoder = new TextDecoder();
  if (output.code !== 0) {
    const message = decoder.decode(output.stderr).trim().split("\n")[0] ?? "";
    return { ran: false, log: [], note: `git log failed: ${message}` };
  }
  const log = decoder.decode(output.stdout).split("\n").map((line) => line.trim()).filter(Boolean);
  return { ran: true, log };
}
