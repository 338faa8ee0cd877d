/**
 * `fromFileUrl` without @std/path (JSR is unreachable here).
 *
 * @module
 */
import { fileURLToPath } from "node:url";

/** Converts a file URL to a path. */
export function fromFileUrl(url: URL | string): string {
  return fileURLToPath(url);
}
