/**
 * Confines user-given paths to the workspace root: `..` escapes, absolute
 * paths elsewhere, and symlinks whose target lies outside are all refused
 * with a {@linkcode PermissionDeniedError} that says which rule was broken.
 *
 * @module
 */
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { PermissionDeniedError, UsageError } from "./errors.ts";

/** A path known to lie inside the workspace. */
export interface WorkspacePath {
  /** Absolute path (as given, not with symlinks resolved). */
  absolute: string;
  /** Path relative to the root, with `/` separators; `.` for the root. */
  relative: string;
}

/**
 * Tells whether `child` is `root` or lies below it (lexically).
 *
 * @param root Absolute directory.
 * @param child Absolute path.
 * @returns True when inside.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isInside } from "./safe_path.ts";
 * assert.ok(isInside("/w", "/w/a/b") && !isInside("/w", "/wx"));
 * ```
 */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/**
 * Converts an absolute path inside `root` to a `/`-separated relative path.
 *
 * @param root Absolute root.
 * @param absolute Absolute path inside it.
 * @returns The relative path, `.` for the root itself.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toRelative } from "./safe_path.ts";
 * assert.ok(toRelative("/w", "/w/a/b.ts") === "a/b.ts");
 * ```
 */
export function toRelative(root: string, absolute: string): string {
  const rel = relative(root, absolute);
  return rel === "" ? "." : rel.split(sep).join("/");
}

/**
 * Resolves a user-given path against the workspace root and proves it stays
 * inside, following symlinks of every existing part of the path.
 *
 * `root` must already be a real path (see {@linkcode realRoot}).
 *
 * @param root Real absolute workspace root.
 * @param userPath Relative (to the root) or absolute path from the user.
 * @returns The absolute and relative forms.
 * @throws {UsageError} USAGE when the path is empty or holds a NUL byte.
 * @throws {PermissionDeniedError} PERMISSION_DENIED when it escapes the root.
 *
 * @example Escapes are refused
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveInWorkspace } from "./safe_path.ts";
 * const root = await Deno.realPath(await Deno.makeTempDir());
 * const ok = await resolveInWorkspace(root, "src/a.ts");
 * assert.ok(ok.relative === "src/a.ts");
 * await resolveInWorkspace(root, "../etc/passwd").catch((e) => assert.ok(e.code === "PERMISSION_DENIED"));
 * ```
 */
export async function resolveInWorkspace(root: string, userPath: string): Promise<WorkspacePath> {
  if (userPath.trim() === "") {
    throw new UsageError("Cannot use an empty path", {
      hint: "Give a path inside the workspace, such as src/main.ts",
    });
  }
  if (userPath.includes("\0")) {
    throw new UsageError("Cannot use a path that contains a NUL byte", {
      hint: "Remove the NUL character from the path",
    });
  }
  const absolute = resolve(root, userPath);
  if (!isInside(root, absolute)) {
    throw new PermissionDeniedError(`Path "${userPath}" is outside the workspace ${root}`, {
      hint: "Use a path inside the workspace, or point --cwd at a directory that contains it",
      data: { path: userPath, root },
    });
  }
  // Follow symlinks: the deepest part that exists must really be inside.
  let probe = absolute;
  while (true) {
    let real: string | undefined;
    try {
      real = await Deno.realPath(probe);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
      // A dangling symlink is refused too: its target could be created later.
      const link = await Deno.lstat(probe).catch(() => undefined);
      if (link?.isSymlink) {
        const target = resolve(dirname(probe), await Deno.readLink(probe));
        if (!isInside(root, target)) throw symlinkEscape(userPath, root, probe, target);
      }
    }
    if (real !== undefined) {
      if (!isInside(root, real)) throw symlinkEscape(userPath, root, probe, real);
      break;
    }
    const parent = dirname(probe);
    if (parent === probe) break;
    probe = parent;
  }
  return { absolute, relative: toRelative(root, absolute) };
}

function symlinkEscape(
  userPath: string,
  root: string,
  link: string,
  target: string,
): PermissionDeniedError {
  return new PermissionDeniedError(
    `Path "${userPath}" leads outside the workspace through the symlink ${
      toRelative(root, link)
    } -> ${target}`,
    {
      hint: "Replace the symlink with a real file or directory inside the workspace",
      data: { path: userPath, root, link: toRelative(root, link), target },
    },
  );
}

/**
 * Resolves a directory to its real absolute path, for use as a workspace root.
 *
 * @param dir Directory (relative to the current directory or absolute).
 * @returns The real path.
 * @throws {UsageError} USAGE when it does not exist or is not a directory.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { realRoot } from "./safe_path.ts";
 * assert.ok((await realRoot(".")).startsWith("/"));
 * ```
 */
export async function realRoot(dir: string): Promise<string> {
  let real: string;
  try {
    real = await Deno.realPath(dir);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new UsageError(`Cannot use "${dir}" as the workspace: it does not exist`, {
        hint: "Pass an existing directory with --cwd",
      });
    }
    throw error;
  }
  if (!(await Deno.stat(real)).isDirectory) {
    throw new UsageError(`Cannot use "${dir}" as the workspace: it is not a directory`, {
      hint: "Pass a directory with --cwd, not a file",
    });
  }
  return real;
}
