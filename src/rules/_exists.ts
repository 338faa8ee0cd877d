/**
 * A synchronous, confined existence check for references in rule bodies.
 *
 * @module
 */
import { join, normalize } from "node:path";
import { isInside } from "../core/mod.ts";

/**
 * Whether a workspace-relative path exists (ignored files included). Paths
 * that leave the workspace count as missing and are never touched.
 */
export function existsSync(root: string, path: string): boolean {
  const absolute = normalize(join(root, path));
  if (!isInside(root, absolute)) return false;
  try {
    Deno.statSync(absolute);
    return true;
  } catch {
    return false;
  }
}
