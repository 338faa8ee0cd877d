/**
 * `repo://report`: the last repository analysis, as JSON.
 *
 * @module
 */
import { defineResource, invoke, resolveInWorkspace, type Resource } from "../core/mod.ts";
import { lastAnalysis } from "./_last_analysis.ts";
import { analyzeRepository, DEFAULT_REPORT_PATH } from "./analyze_repository.ts";

const SAVED_REPORT = DEFAULT_REPORT_PATH.replace(/\.md$/, ".json");

/**
 * The last analysis of the workspace: the one made in this process, else the
 * one saved in `.ai/ai_report.json`, else a fresh one (not written to disk).
 */
export const repoReportResource: Resource = defineResource({
  name: "repo-report",
  title: "Repository analysis",
  description:
    "The last analysis of the workspace (languages, stack, tooling, AI configuration, tree) as JSON; run analyze_repository to refresh it",
  group: "analysis",
  mimeType: "application/json",
  uri: "repo://report",
  async read(uri, _vars, ctx) {
    const remembered = lastAnalysis(ctx.root);
    if (remembered !== undefined) {
      return { uri, mimeType: "application/json", text: JSON.stringify(remembered, null, 2) };
    }
    // Confined like every user path: a .ai symlink out of the workspace is not followed.
    const savedPath = await resolveInWorkspace(ctx.root, SAVED_REPORT).catch(() => undefined);
    const saved = savedPath === undefined
      ? undefined
      : await Deno.readTextFile(savedPath.absolute).catch(() => undefined);
    if (saved !== undefined) return { uri, mimeType: "application/json", text: saved.trimEnd() };
    const fresh = await invoke(analyzeRepository, { write: false }, ctx);
    return { uri, mimeType: "application/json", text: JSON.stringify(fresh, null, 2) };
  },
});
