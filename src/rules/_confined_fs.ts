/**
 * Synchronous reads and listings confined to the workspace, for the pure
 * planners that take `read(path)` and `list(dir)` callbacks.
 *
 * @module
 */
import { join, normalize } from "node:path";
import { isInside, toRelative } from "../core/mod.ts";

/** Reads a workspace-relative file, or undefined when it is missing, unreadable or leads outside. */
export function readConfinedSync(root: string, path: string): string | undefined {
  const absolute = normalize(join(root, path));
  if (!isInside(root, absolute)) return undefined;
  try {
    if (!isInside(root, Deno.realPathSync(absolute))) return undefined; // a symlink out of the workspace
    return Deno.readTextFileSync(absolute);
  } catch {
    return undefined;
  }
}

/** Lists the files directly in a workspace-relative directory (relative paths). */
export function listConfinedSync(root: string, dir: string): string[] {
  const absolute = normalize(join(root, dir));
  if (!isInside(root, absolute)) return [];
  try {
    return [...Deno.readDirSync(absolute)].filter((entry) => entry.isFile).map((entry) =>
      toRelative(root, join(absolute, entry.name))
    ).sort();
  } catch {
    return [];
  }
}
