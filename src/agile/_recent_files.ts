/**
 * Private: the most recently modified files under `.ai/`.
 *
 * @module
 */
import { join } from "node:path";
import { resolveInWorkspace } from "../core/mod.ts";
import { AI_DIR } from "./story_ref.ts";

/** A file and when it last changed. */
export interface RecentFile {
  /** Workspace-relative path. */
  path: string;
  /** ISO 8601 time of the last modification. */
  modified: string;
}

/** The `limit` newest files under `.ai/` (newest first, then by path). */
export async function recentFiles(root: string, limit: number): Promise<RecentFile[]> {
  const dir = await resolveInWorkspace(root, AI_DIR);
  const found: Array<{ path: string; time: number }> = [];
  async function walk(absolute: string, relative: string): Promise<void> {
    let entries: Deno.DirEntry[];
    try {
      entries = await Array.fromAsync(Deno.readDir(absolute));
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = `${relative}/${entry.name}`;
      if (entry.isDirectory) await walk(join(absolute, entry.name), path);
      else if (entry.isFile) {
        const info = await Deno.stat(join(absolute, entry.name)).catch(() => undefined);
        if (info?.mtime) found.push({ path, time: info.mtime.getTime() });
      }
    }
  }
  await walk(dir.absolute, AI_DIR);
  found.sort((a, b) => b.time - a.time || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return found.slice(0, limit).map((file) => ({
    path: file.path,
    modified: new Date(file.time).toISOString(),
  }));
}
