/**
 * Finds the git repository around a directory without running git, so the
 * check needs no `--allow-run`.
 *
 * @module
 */
import { dirname, join, resolve } from "node:path";

/** What was found of a git repository. */
export interface GitInfo {
  /** True when the directory is inside a git work tree. */
  isRepo: boolean;
  /** The repository's top directory. */
  topLevel?: string;
  /** The checked-out branch, when HEAD names one. */
  branch?: string;
  /** The HEAD commit, when it can be read from refs. */
  head?: string;
}

/**
 * Looks for `.git` (a directory, or a file for worktrees) in `dir` and its
 * parents, and reads HEAD.
 *
 * @param dir Absolute directory.
 * @returns What was found; `isRepo: false` when nothing.
 */
export async function findGit(dir: string): Promise<GitInfo> {
  let current = dir;
  while (true) {
    const dotGit = join(current, ".git");
    const info = await Deno.stat(dotGit).catch(() => undefined);
    if (info) {
      let gitDir = dotGit;
      if (info.isFile) {
        const pointer = /^gitdir:\s*(.+)$/m.exec(await Deno.readTextFile(dotGit).catch(() => ""));
        if (!pointer) return { isRepo: true, topLevel: current };
        gitDir = resolve(current, pointer[1]!.trim());
      }
      return { isRepo: true, topLevel: current, ...(await readHead(gitDir)) };
    }
    const parent = dirname(current);
    if (parent === current) return { isRepo: false };
    current = parent;
  }
}

async function readHead(gitDir: string): Promise<{ branch?: string; head?: string }> {
  const head = (await Deno.readTextFile(join(gitDir, "HEAD")).catch(() => "")).trim();
  const ref = /^ref:\s*(refs\/heads\/(.+))$/.exec(head);
  if (!ref) return /^[0-9a-f]{40,64}$/.test(head) ? { head } : {};
  const branch = ref[2]!;
  const commonDir = (await Deno.readTextFile(join(gitDir, "commondir")).catch(() => "")).trim();
  const refsDir = commonDir ? resolve(gitDir, commonDir) : gitDir;
  let commit = (await Deno.readTextFile(join(refsDir, ref[1]!)).catch(() => "")).trim();
  if (!commit) {
    const packed = await Deno.readTextFile(join(refsDir, "packed-refs")).catch(() => "");
    commit = packed.split("\n").find((line) => line.endsWith(` ${ref[1]}`))?.split(" ")[0] ?? "";
  }
  return commit ? { branch, head: commit } : { branch };
}
