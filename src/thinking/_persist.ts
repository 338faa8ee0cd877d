/**
 * Appends thoughts to a session's Markdown file under `.ai/thinking/`, with
 * an atomic read + append + write, one write at a time per file.
 *
 * @module
 */
import { resolveInWorkspace, writeFileAtomic } from "../core/mod.ts";
import { sessionSlug, THINKING_DIR } from "./session_slug.ts";
import { thinkingFileHeader, thoughtEntry } from "./thinking_markdown.ts";
import type { ThoughtRecord } from "./thinking_store.ts";

const queues = new Map<string, Promise<unknown>>();

/** Where a thought goes and when it and its session happened. */
export interface PersistTarget {
  /** Real workspace root. */
  root: string;
  /** Session id. */
  session: string;
  /** When the session started (names the file). */
  startedAt: Date;
  /** When the thought was recorded. */
  at: Date;
}

/**
 * Appends one thought, creating the file with its header first. Requires
 * `--allow-read` and `--allow-write` on the workspace.
 *
 * @param target Workspace, session and times.
 * @param thought The thought to append.
 * @returns The workspace-relative path written.
 * @throws {PermissionDeniedError} PERMISSION_DENIED when `.ai/thinking`
 * leads outside the workspace.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { appendThought } from "./_persist.ts";
 * const root = await Deno.realPath(await Deno.makeTempDir({ prefix: "codegen_lab_" }));
 * const at = new Date("2026-05-01T10:30:05Z");
 * const path = await appendThought({ root, session: "s", startedAt: at, at }, {
 *   thought: "x", thoughtNumber: 1, totalThoughts: 1, nextThoughtNeeded: false,
 * });
 * assert.equal(path, ".ai/thinking/2026-05-01T103005Z-s.md");
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export async function appendThought(
  target: PersistTarget,
  thought: ThoughtRecord,
): Promise<string> {
  const file = await resolveInWorkspace(
    target.root,
    `${THINKING_DIR}/${sessionSlug(target.session, target.startedAt)}.md`,
  );
  const previous = queues.get(file.absolute) ?? Promise.resolve();
  const write = previous.catch(() => {}).then(async () => {
    let before: string;
    try {
      before = await Deno.readTextFile(file.absolute);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
      before = thinkingFileHeader(target.session, target.startedAt);
    }
    await writeFileAtomic(file.absolute, before + thoughtEntry(thought, target.at));
  });
  queues.set(file.absolute, write);
  try {
    await write;
  } finally {
    if (queues.get(file.absolute) === write) queues.delete(file.absolute);
  }
  return file.relative;
}
