/**
 * Safe file names for persisted thinking sessions.
 *
 * @module
 */

/** The folder, relative to the workspace root, that holds persisted sessions. */
export const THINKING_DIR = ".ai/thinking";

const MAX_ID_LENGTH = 48;

/**
 * A file name stem for a session: its UTC start time (to the second) and its
 * id reduced to `[A-Za-z0-9._-]`. When the id had to be changed (other
 * characters, a leading dot, too long), a short hash of the original keeps
 * distinct ids apart. The result never contains `/`, `..` or a leading dot.
 *
 * @param session The session id (MCP session id, `stdio`, `cli-<pid>`).
 * @param startedAt When the session started.
 * @returns The stem, e.g. `2026-05-01T103005Z-stdio`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sessionSlug } from "./session_slug.ts";
 * const at = new Date("2026-05-01T10:30:05.123Z");
 * assert.equal(sessionSlug("stdio", at), "2026-05-01T103005Z-stdio");
 * assert.match(sessionSlug("../etc/passwd", at), /^2026-05-01T103005Z-etc-passwd-[0-9a-f]{8}$/);
 * ```
 */
export function sessionSlug(session: string, startedAt: Date): string {
  const iso = startedAt.toISOString();
  const stamp = `${iso.slice(0, 10)}T${iso.slice(11, 19).replaceAll(":", "")}Z`;
  const cleaned = session.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/\.{2,}/g, "-")
    .replace(/-{2,}/g, "-").replace(/^[.-]+|[.-]+$/g, "").slice(0, MAX_ID_LENGTH);
  const id = cleaned === "" ? "session" : cleaned;
  return id === session ? `${stamp}-${id}` : `${stamp}-${id}-${fnv1a(session)}`;
}

/** 32-bit FNV-1a of the UTF-16 code units, as 8 hex digits. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}
