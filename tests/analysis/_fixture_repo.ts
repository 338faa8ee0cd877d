/**
 * Copies a fixture repository from tests/fixtures/repos/ into a temp
 * directory. Fixtures store every dotfile and dot-directory as `dot-…`
 * (`dot-gitignore`, `dot-github/`, `dot-env`) so that neither this
 * repository's git nor its own walker applies or hides them; the copy gets
 * the real names back.
 */
import { fromFileUrl } from "../_path.ts";

/** Absolute path of a fixture repository (with its stored `dot-` names). */
export function fixtureRepoPath(name: string): string {
  return fromFileUrl(new URL(`../fixtures/repos/${name}`, import.meta.url));
}

/** `dot-x` → `.x`; other names unchanged. */
export function restoreDotName(name: string): string {
  return name.startsWith("dot-") ? `.${name.slice(4)}` : name;
}

/**
 * Copies `tests/fixtures/repos/<name>` into a fresh temp dir (prefix
 * `codegen_lab_repo_`), renaming every path segment `dot-x` to `.x`.
 * The caller removes the directory.
 *
 * @returns The temp dir's real path.
 */
export async function copyFixtureRepo(name: string): Promise<string> {
  const source = fixtureRepoPath(name);
  // Fail before creating a temp dir when the fixture is missing.
  if (!(await Deno.stat(source)).isDirectory) throw new TypeError(`Not a fixture repo: ${name}`);
  const root = await Deno.realPath(await Deno.makeTempDir({ prefix: "codegen_lab_repo_" }));
  await copyTree(source, root);
  return root;
}

async function copyTree(from: string, to: string): Promise<void> {
  for await (const entry of Deno.readDir(from)) {
    const target = `${to}/${restoreDotName(entry.name)}`;
    if (entry.isDirectory) {
      await Deno.mkdir(target);
      await copyTree(`${from}/${entry.name}`, target);
    } else if (entry.isFile) {
      await Deno.copyFile(`${from}/${entry.name}`, target);
    }
  }
}
