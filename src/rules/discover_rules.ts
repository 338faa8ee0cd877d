/**
 * Finds rule files: `.cursor/rules/**` at the workspace root (read even when
 * gitignored, as Cursor does) and nested `.cursor/rules/` folders in
 * subdirectories (found by the ignore-aware walker, so node_modules and
 * other ignored trees are skipped).
 *
 * @module
 */
import { join } from "node:path";
import { walkWorkspace } from "../core/mod.ts";

/** The folder rules live in, relative to a scope directory. */
export const RULES_DIR = ".cursor/rules";

/** The four standard categories; any other folder is a free category. */
export const STANDARD_CATEGORIES = [
  "core-rules",
  "global-rules",
  "testing-rules",
  "tool-rules",
] as const;

/** What a file in a rules folder is. */
export type RuleFileKind =
  /** A `.mdc` rule. */
  | "rule"
  /** A v1 draft (`.mdc.md`) left in the rules folder. */
  | "legacy-draft"
  /** A plain `.md` file, which current Cursor ignores. */
  | "ignored-md";

/** A file found in a rules folder. */
export interface RuleFile {
  /** Workspace-relative path, `/`-separated. */
  path: string;
  /** Rule name: path under `.cursor/rules/` without extension, prefixed `scope:` for nested folders. */
  name: string;
  /** First folder under `.cursor/rules/`, or `""` for rules at its top. */
  category: string;
  /** Directory owning the nested `.cursor/rules/` (`""` for the root). */
  scope: string;
  /** What kind of file it is. */
  kind: RuleFileKind;
}

/** Options of {@linkcode discoverRuleFiles}. */
export interface DiscoverOptions {
  /** Stops the search when aborted. */
  signal?: AbortSignal;
  /** Also look for nested `.cursor/rules/` folders. @default {true} */
  nested?: boolean;
  /** Receives every workspace file the nested search walks past (honouring .gitignore). */
  collectFiles?: Set<string>;
}

/**
 * Lists every rule file of the workspace, sorted by path.
 *
 * Requires `--allow-read` on the root.
 *
 * @param root Real absolute workspace root.
 * @param options Abort signal; whether to search nested folders.
 * @returns The files found.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { discoverRuleFiles } from "./discover_rules.ts";
 * const root = await Deno.makeTempDir({ prefix: "codegen_lab_" });
 * await Deno.mkdir(`${root}/.cursor/rules/core-rules`, { recursive: true });
 * await Deno.writeTextFile(`${root}/.cursor/rules/core-rules/style.mdc`, "---\n---\nBe terse.\n");
 * const [file] = await discoverRuleFiles(root);
 * assert.deepEqual(file, { path: ".cursor/rules/core-rules/style.mdc", name: "core-rules/style", category: "core-rules", scope: "", kind: "rule" });
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export async function discoverRuleFiles(
  root: string,
  options: DiscoverOptions = {},
): Promise<RuleFile[]> {
  const { signal, nested = true, collectFiles } = options;
  const found = new Map<string, RuleFile>();
  for (const path of listDir(root, RULES_DIR, signal)) {
    collectFiles?.add(path);
    const file = classify(path, "");
    if (file) found.set(path, file);
  }
  if (nested) {
    // The root rules folder was listed above; the walk skips it.
    const prune = (dir: string): boolean => dir === RULES_DIR || dir === ".cursor/.trash";
    for await (const entry of walkWorkspace(root, { ...(signal ? { signal } : {}), prune })) {
      collectFiles?.add(entry.path);
      const at = entry.path.indexOf(`/${RULES_DIR}/`);
      if (at <= 0 || found.has(entry.path) || entry.path.startsWith(".cursor/.trash/")) continue;
      const file = classify(entry.path, entry.path.slice(0, at));
      if (file) found.set(entry.path, file);
    }
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Names a rule file by its path.
 *
 * @param path Workspace-relative path inside a rules folder.
 * @param scope The directory owning that rules folder (`""` for the root).
 * @returns The classified file, or undefined when it is not a rule-like file.
 */
export function classify(path: string, scope: string): RuleFile | undefined {
  const prefix = scope === "" ? `${RULES_DIR}/` : `${scope}/${RULES_DIR}/`;
  if (!path.startsWith(prefix)) return undefined;
  const inner = path.slice(prefix.length);
  let kind: RuleFileKind;
  let stem: string;
  if (inner.endsWith(".mdc.md")) [kind, stem] = ["legacy-draft", inner.slice(0, -7)];
  else if (inner.endsWith(".mdc")) [kind, stem] = ["rule", inner.slice(0, -4)];
  else if (inner.endsWith(".md")) [kind, stem] = ["ignored-md", inner.slice(0, -3)];
  else return undefined;
  const slash = stem.indexOf("/");
  return {
    path,
    name: scope === "" ? stem : `${scope}:${stem}`,
    category: slash === -1 ? "" : stem.slice(0, slash),
    scope,
    kind,
  };
}

function listDir(
  root: string,
  rel: string,
  signal: AbortSignal | undefined,
): string[] {
  const out: string[] = [];
  const stack = [rel];
  while (stack.length > 0) {
    signal?.throwIfAborted();
    const dir = stack.pop()!;
    let entries: Deno.DirEntry[];
    try {
      entries = [...Deno.readDirSync(join(root, dir))];
    } catch {
      continue; // no rules folder, or unreadable: nothing to list
    }
    for (const entry of entries) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory) stack.push(path);
      else if (entry.isFile) out.push(path);
      // Symlinks are not followed here: a rule that points outside the
      // workspace must not be read (the walker reports them instead).
    }
  }
  return out;
}
