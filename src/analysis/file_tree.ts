/**
 * A `tree`-style drawing of a list of relative paths, depth- and
 * width-limited so it stays readable for large repositories.
 *
 * @module
 */

/** Options of {@linkcode renderFileTree}. */
export interface FileTreeOptions {
  /** Levels drawn, as `tree -L`: 1 lists only the root's entries. @default {Infinity} */
  maxDepth?: number;
  /** Most entries drawn per directory; the rest are summarised. @default {Infinity} */
  maxEntries?: number;
  /**
   * `box` draws `├──` branches, as `tree` does; `indent` uses two spaces per
   * level, which costs a model about half the tokens. @default {"box"}
   */
  style?: "box" | "indent";
}

interface DirNode {
  dirs: Map<string, DirNode>;
  files: string[];
  /** Files anywhere below. */
  total: number;
}

function newDir(): DirNode {
  return { dirs: new Map(), files: [], total: 0 };
}

/**
 * Draws paths as a tree: directories first (with a trailing `/`), then files,
 * each sorted by code unit. A directory below `maxDepth` is drawn as
 * `name/ (N files)`; a directory with more than `maxEntries` entries ends with
 * `… N more`.
 *
 * @param paths Relative `/`-separated file paths.
 * @param options Depth and width limits.
 * @returns The drawing, lines joined with `\n`, starting with `.`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderFileTree } from "./file_tree.ts";
 * assert.equal(
 *   renderFileTree(["src/a.ts", "src/lib/b.ts", "README.md"], { maxDepth: 2 }),
 *   [".", "├── src/", "│   ├── lib/ (1 file)", "│   └── a.ts", "└── README.md"].join("\n"),
 * );
 * assert.equal(
 *   renderFileTree(["src/a.ts", "README.md"], { style: "indent" }),
 *   [".", "src/", "  a.ts", "README.md"].join("\n"),
 * );
 * ```
 */
export function renderFileTree(paths: readonly string[], options: FileTreeOptions = {}): string {
  const maxDepth = options.maxDepth ?? Infinity;
  const maxEntries = options.maxEntries ?? Infinity;
  const indent = options.style === "indent";
  const root = newDir();
  for (const path of paths) {
    const parts = path.split("/");
    let node = root;
    node.total++;
    for (let i = 0; i < parts.length - 1; i++) {
      const name = parts[i]!;
      let child = node.dirs.get(name);
      if (child === undefined) node.dirs.set(name, child = newDir());
      node = child;
      node.total++;
    }
    node.files.push(parts[parts.length - 1]!);
  }
  const lines = ["."];
  draw(root, "", 0);
  return lines.join("\n");

  function draw(node: DirNode, prefix: string, depth: number): void {
    const dirNames = [...node.dirs.keys()].sort(byCodeUnit);
    const fileNames = [...node.files].sort(byCodeUnit);
    const entries: Array<{ name: string; dir?: DirNode }> = [
      ...dirNames.map((name) => ({ name, dir: node.dirs.get(name)! })),
      ...fileNames.map((name) => ({ name })),
    ];
    const shown = entries.length > maxEntries ? entries.slice(0, maxEntries) : entries;
    const hidden = entries.length - shown.length;
    shown.forEach((entry, index) => {
      const last = index === shown.length - 1 && hidden === 0;
      const branch = indent ? "" : last ? "└── " : "├── ";
      if (entry.dir === undefined) {
        lines.push(`${prefix}${branch}${entry.name}`);
      } else if (depth + 1 >= maxDepth) {
        lines.push(`${prefix}${branch}${entry.name}/ (${plural(entry.dir.total)})`);
      } else {
        lines.push(`${prefix}${branch}${entry.name}/`);
        draw(entry.dir, prefix + (indent ? "  " : last ? "    " : "│   "), depth + 1);
      }
    });
    if (hidden > 0) {
      const hiddenFiles = entries.slice(maxEntries).reduce(
        (sum, entry) => sum + (entry.dir?.total ?? 1),
        0,
      );
      lines.push(`${prefix}${indent ? "" : "└── "}… ${hidden} more (${plural(hiddenFiles)})`);
    }
  }
}

function plural(files: number): string {
  return files === 1 ? "1 file" : `${files} files`;
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
