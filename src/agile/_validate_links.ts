/**
 * Private: checking relative Markdown links of `.ai/` documents on disk.
 *
 * @module
 */
import { posix } from "node:path";
import { isInside } from "../core/mod.ts";
import type { AgileDoc } from "./parse_agile_doc.ts";
import type { AgileDiagnostic } from "./validate_project.ts";

type Report = (diagnostic: AgileDiagnostic) => void;

/** Reports links whose target does not exist or leads outside the workspace. */
export async function checkLinks(
  root: string,
  file: string,
  doc: AgileDoc,
  report: Report,
): Promise<void> {
  for (const link of doc.links) {
    const target = link.target;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#") || target.startsWith("//")) {
      continue;
    }
    let path = target.replace(/[#?].*$/, "");
    try {
      path = decodeURIComponent(path);
    } catch {
      // Keep it as written.
    }
    const resolved = path.startsWith("/")
      ? posix.normalize(path.slice(1))
      : posix.normalize(posix.join(posix.dirname(file), path));
    const absolute = posix.join(root, resolved);
    const inside = isInside(root, absolute);
    const exists = inside && await Deno.stat(absolute).then(() => true, () => false);
    if (exists) continue;
    report({
      file,
      line: link.line,
      column: link.column,
      code: "broken-link",
      severity: "warning",
      message: inside
        ? `Link target ${target} does not exist (${resolved})`
        : `Link target ${target} leads outside the workspace`,
      hint: "Fix the path (it is relative to this file) or remove the link",
    });
  }
}
