/**
 * An index of many globs that answers "which globs match this path" without
 * testing every glob: each glob is filed under the extension or base name
 * its last segment requires (`**\/*.ts` under `.ts`, `**\/Dockerfile` under
 * `Dockerfile`); only globs with no such anchor are tried for every path.
 *
 * Globs without a slash (`*.ts`) match the base name at any depth, which is
 * how Cursor users write them.
 *
 * @module
 */
import { compileGlob, type GlobMatcher } from "../core/mod.ts";

interface Entry<T> {
  rank: number;
  value: T;
  glob: string;
  scope: string;
  matches: GlobMatcher;
}

/** A match: the value registered with the glob, and the glob. */
export interface GlobHit<T> {
  /** What was registered. */
  value: T;
  /** The glob that matched. */
  glob: string;
}

const EXTENSION_ANCHOR = /^\*\.([A-Za-z0-9_-]+)$/;
const SPECIAL = /[*?[\]{}()!+@]/;

/**
 * Maps globs to values and finds the values whose globs match a path.
 *
 * @typeParam T The registered values.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { GlobIndex } from "./glob_index.ts";
 * const index = new GlobIndex<string>();
 * index.add("src/**\/*.ts", "ts-rule");
 * index.add("*.md", "docs-rule");
 * assert.deepEqual(index.match("src/a/b.ts").map((hit) => hit.value), ["ts-rule"]);
 * assert.deepEqual(index.match("docs/x.md").map((hit) => hit.value), ["docs-rule"]);
 * ```
 */
export class GlobIndex<T> {
  readonly #byExtension = new Map<string, Entry<T>[]>();
  readonly #byName = new Map<string, Entry<T>[]>();
  readonly #general: Entry<T>[] = [];
  #order = 0;

  /**
   * Registers a glob.
   *
   * @param glob The glob.
   * @param value What a match returns.
   * @param scope Only paths under this directory match, relative to it (`""` for the root).
   */
  add(glob: string, value: T, scope = ""): void {
    const entry: Entry<T> = {
      rank: this.#order++,
      value,
      glob,
      scope,
      matches: compileGlob(glob, { basename: !glob.includes("/") }),
    };
    const last = glob.slice(glob.lastIndexOf("/") + 1);
    const extension = EXTENSION_ANCHOR.exec(last);
    if (extension) push(this.#byExtension, `.${extension[1]}`, entry);
    else if (last !== "" && !SPECIAL.test(last)) push(this.#byName, last, entry);
    else this.#general.push(entry);
  }

  /**
   * Finds every registered glob that matches a path.
   *
   * @param path Workspace-relative, `/`-separated path.
   * @returns Hits in registration order.
   */
  match(path: string): GlobHit<T>[] {
    const name = path.slice(path.lastIndexOf("/") + 1);
    const dot = name.lastIndexOf(".");
    const candidates = [
      ...(dot > 0 ? this.#byExtension.get(name.slice(dot)) ?? [] : []),
      ...(this.#byName.get(name) ?? []),
      ...this.#general,
    ];
    const hits: Entry<T>[] = [];
    for (const entry of candidates) {
      let local = path;
      if (entry.scope !== "") {
        if (!path.startsWith(`${entry.scope}/`)) continue;
        local = path.slice(entry.scope.length + 1);
      }
      if (entry.matches(local)) hits.push(entry);
    }
    return hits.sort((a, b) => a.rank - b.rank).map((entry) => ({
      value: entry.value,
      glob: entry.glob,
    }));
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
