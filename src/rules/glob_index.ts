/**
 * An index of many globs that answers "which globs match this path" without
 * testing every glob: each distinct glob is compiled and tested once, however
 * many rules share it, and is filed under the extension or base name its last
 * segment requires (`**\/*.ts` under `.ts`, `**\/Dockerfile` under
 * `Dockerfile`); only globs with no such anchor are tried for every path.
 *
 * Globs without a slash (`*.ts`) match the base name at any depth, which is
 * how Cursor users write them.
 *
 * @module
 */
import { compileGlob, type GlobMatcher } from "../core/mod.ts";

/** One distinct (glob, scope) and every value registered under it. */
interface Entry<T> {
  glob: string;
  scope: string;
  matches: GlobMatcher;
  values: Array<{ rank: number; value: T }>;
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
  readonly #entries = new Map<string, Entry<T>>();
  readonly #byExtension = new Map<string, Entry<T>[]>();
  readonly #byName = new Map<string, Entry<T>[]>();
  readonly #general: Entry<T>[] = [];
  #rank = 0;

  /**
   * Registers a glob.
   *
   * @param glob The glob.
   * @param value What a match returns.
   * @param scope Only paths under this directory match, relative to it (`""` for the root).
   */
  add(glob: string, value: T, scope = ""): void {
    const key = `${scope}\n${glob}`;
    const known = this.#entries.get(key);
    if (known) {
      known.values.push({ rank: this.#rank++, value });
      return;
    }
    const entry: Entry<T> = {
      glob,
      scope,
      matches: compileGlob(glob, { basename: !glob.includes("/") }),
      values: [{ rank: this.#rank++, value }],
    };
    this.#entries.set(key, entry);
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
    const hits: Array<{ rank: number; value: T; glob: string }> = [];
    const test = (entries: readonly Entry<T>[] | undefined): void => {
      if (!entries) return;
      for (const entry of entries) {
        let local = path;
        if (entry.scope !== "") {
          if (!path.startsWith(`${entry.scope}/`)) continue;
          local = path.slice(entry.scope.length + 1);
        }
        if (!entry.matches(local)) continue;
        for (const { rank, value } of entry.values) hits.push({ rank, value, glob: entry.glob });
      }
    };
    if (dot > 0) test(this.#byExtension.get(name.slice(dot)));
    test(this.#byName.get(name));
    test(this.#general);
    hits.sort((a, b) => a.rank - b.rank);
    return hits.map(({ value, glob }) => ({ value, glob }));
  }

  /**
   * Calls `fn` with each value whose glob matches a path, in no particular
   * order and without sorting or allocating: the fast path for bulk checks.
   *
   * @param path Workspace-relative, `/`-separated path.
   * @param fn Receives each matching value.
   */
  forEachMatch(path: string, fn: (value: T) => void): void {
    const name = path.slice(path.lastIndexOf("/") + 1);
    const dot = name.lastIndexOf(".");
    if (dot > 0) this.#testEach(this.#byExtension.get(name.slice(dot)), path, fn);
    this.#testEach(this.#byName.get(name), path, fn);
    this.#testEach(this.#general, path, fn);
  }

  #testEach(entries: readonly Entry<T>[] | undefined, path: string, fn: (value: T) => void): void {
    if (!entries) return;
    for (const entry of entries) {
      let local = path;
      if (entry.scope !== "") {
        if (!path.startsWith(`${entry.scope}/`)) continue;
        local = path.slice(entry.scope.length + 1);
      }
      if (entry.matches(local)) { for (const { value } of entry.values) fn(value); }
    }
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
