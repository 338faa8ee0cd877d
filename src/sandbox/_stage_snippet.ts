/**
 * Private: writes a snippet and its entry module into a run's code directory,
 * and hides the staging from what the snippet's errors show.
 *
 * Why an entry module: Deno loads the main module's *static* graph (static
 * imports, and dynamic imports with a literal specifier) without checking
 * `--allow-read`. Run directly, `import c from "/any/file.json" with { type:
 * "json" }` printed a file outside the allowed directory, and
 * `import "/etc/hostname"` ran it as code (measured with Deno 2.9.6). The
 * entry imports the snippet with a computed specifier, which Deno treats as
 * a runtime import: every module the snippet pulls in is then checked, and
 * reading outside the code directory fails with `Requires read access`.
 *
 * Because the snippet is then no longer the main module, its first line gets
 * the prefix `import.meta.main=true;` (on the same line, so line numbers stay
 * right), which keeps the common `if (import.meta.main)` idiom working.
 * {@linkcode hidePrefix} removes the prefix from error excerpts and shifts
 * line-1 columns back. `Deno.mainModule` still names the entry.
 *
 * @module
 */

/** File name of the trusted entry module. */
export const ENTRY_FILE = "sandbox_entry.js";

const PREFIX = "import.meta.main=true;";

/** Paths of a staged snippet. */
export interface StagedSnippet {
  /** The entry module to run. */
  entry: string;
  /** The snippet itself. */
  main: string;
}

/**
 * Writes `main.ts` (or `main.js`) and the entry module into `codeDir`.
 *
 * @param codeDir An empty directory that only Codegen Lab controls.
 * @param code The snippet.
 * @param extension `ts` or `js`.
 * @returns The paths written.
 */
export async function stageSnippet(
  codeDir: string,
  code: string,
  extension: "ts" | "js",
): Promise<StagedSnippet> {
  const main = `${codeDir}/main.${extension}`;
  const entry = `${codeDir}/${ENTRY_FILE}`;
  // A shebang is only valid first: it becomes a comment after the prefix.
  const body = code.startsWith("#!") ? `//${code.slice(2)}` : code;
  await Deno.writeTextFile(main, `${PREFIX}${body}`);
  await Deno.writeTextFile(
    entry,
    [
      "// Codegen Lab sandbox entry: a computed specifier makes Deno check",
      "// --allow-read for every module the snippet imports.",
      `const target = new URL("./main.${extension}", import.meta.url).href;`,
      "await import(target);",
      "",
    ].join("\n"),
  );
  return { entry, main };
}

/**
 * Removes the staging prefix from error output: source excerpts (plain and
 * with a `1 | ` gutter), the caret line under them, and line-1 columns of
 * the snippet's URL (the staged line 1 always starts with the prefix).
 *
 * @param text The snippet's stderr.
 * @param main Absolute path of the staged snippet.
 * @returns The text as if the snippet had run unchanged.
 */
export function hidePrefix(text: string, main: string): string {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const gutter = /^(\s*\d+ \| )/.exec(line)?.[1] ?? "";
    if (!line.startsWith(PREFIX, gutter.length)) continue;
    lines[i] = gutter + line.slice(gutter.length + PREFIX.length);
    const next = lines[i + 1];
    const nextGutter = /^(\s*\| )/.exec(next ?? "")?.[1] ?? "";
    const pad = " ".repeat(PREFIX.length);
    if (next !== undefined && next.startsWith(pad, nextGutter.length)) {
      lines[i + 1] = nextGutter + next.slice(nextGutter.length + PREFIX.length);
    }
  }
  const url = new URL(`file://${main}`).href.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return lines.join("\n").replace(
    new RegExp(`(${url}):1:(\\d+)`, "g"),
    (_match, file: string, column: string) =>
      `${file}:1:${Math.max(1, Number(column) - PREFIX.length)}`,
  );
}
