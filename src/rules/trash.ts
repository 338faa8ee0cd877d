/**
 * The rules trash: deleted and overwritten rules are moved (or copied) to
 * `.cursor/.trash/<id>/` with a manifest, outside `.cursor/rules` so Cursor
 * never reads them, and can be restored.
 *
 * @module
 */
import { join } from "node:path";
import { NotFoundError, writeFileAtomic } from "../core/mod.ts";

/** Trash folder, relative to the workspace root. */
export const TRASH_DIR = ".cursor/.trash";
const SAVED_FILE = "content.bak";

/** One trashed file. */
export interface TrashEntry {
  /** Entry id (sortable by time). */
  id: string;
  /** The rule name it had. */
  name: string;
  /** Workspace-relative path it came from. */
  path: string;
  /** Why it is here. */
  reason: "deleted" | "overwritten" | "updated" | "moved";
  /** ISO time. */
  at: string;
}

/**
 * Puts a copy of a file in the trash (the caller then deletes or overwrites
 * the original).
 *
 * @param root Workspace root.
 * @param entry What is trashed (without id and time).
 * @param now The current time.
 * @returns The entry with its id.
 */
export async function trashCopy(
  root: string,
  entry: Omit<TrashEntry, "id" | "at">,
  now: Date,
): Promise<TrashEntry> {
  const id = `${now.toISOString().replace(/[:.]/g, "-")}-${crypto.randomUUID().slice(0, 6)}`;
  const full: TrashEntry = { id, at: now.toISOString(), ...entry };
  const dir = join(root, TRASH_DIR, id);
  await Deno.mkdir(dir, { recursive: true });
  // Saved as content.bak, never under a .cursor/rules path or as .mdc, so
  // neither Cursor nor rule discovery ever reads a trashed rule.
  await Deno.copyFile(join(root, entry.path), join(dir, SAVED_FILE));
  await writeFileAtomic(join(dir, "manifest.json"), JSON.stringify(full, null, 2) + "\n");
  return full;
}

/**
 * Lists trash entries, newest first.
 *
 * @param root Workspace root.
 * @returns The entries.
 */
export async function listTrash(root: string): Promise<TrashEntry[]> {
  const entries: TrashEntry[] = [];
  try {
    for await (const dir of Deno.readDir(join(root, TRASH_DIR))) {
      if (!dir.isDirectory) continue;
      const text = await Deno.readTextFile(join(root, TRASH_DIR, dir.name, "manifest.json")).catch(
        () => undefined,
      );
      if (text) entries.push(JSON.parse(text) as TrashEntry);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return entries.sort((a, b) => (a.id < b.id ? 1 : -1));
}

/**
 * The absolute path of a trashed file's saved copy.
 *
 * @param root Workspace root.
 * @param entry The entry.
 * @returns The path.
 */
export function trashedFile(root: string, entry: TrashEntry): string {
  return join(root, TRASH_DIR, entry.id, SAVED_FILE);
}

/**
 * Finds the entry to restore: by id, or the newest for a rule name or path.
 *
 * @param entries Trash entries, newest first.
 * @param key An id, a rule name or a path.
 * @returns The entry.
 * @throws {NotFoundError} NOT_FOUND when nothing matches.
 */
export function pickTrashEntry(entries: readonly TrashEntry[], key: string): TrashEntry {
  const found = entries.find((entry) => entry.id === key) ??
    entries.find((entry) => entry.name === key || entry.path === key);
  if (!found) {
    throw new NotFoundError(`Nothing in the trash matches "${key}"`, {
      hint: "Run `codegen-lab rules trash` to see what can be restored",
    });
  }
  return found;
}

/** Removes a trash entry's folder (after a restore). */
export async function dropTrashEntry(root: string, entry: TrashEntry): Promise<void> {
  await Deno.remove(join(root, TRASH_DIR, entry.id), { recursive: true });
}
