/**
 * The last analysis of each workspace in this process, so `repo://report`
 * can serve it without scanning again.
 *
 * @module
 */
import type { Analysis } from "./analyze_repository.ts";

const lastByRoot = new Map<string, Analysis>();

/** Keeps `analysis` as the last one for its root. */
export function rememberAnalysis(root: string, analysis: Analysis): void {
  lastByRoot.set(root, analysis);
}

/** The last analysis of `root` made in this process, if any. */
export function lastAnalysis(root: string): Analysis | undefined {
  return lastByRoot.get(root);
}
