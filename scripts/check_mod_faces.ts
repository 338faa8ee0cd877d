// deno-lint-ignore-file no-console
/**
 * Enforces the folder conventions (in the spirit of std's check_mod_exports):
 * 1. every folder under src/ (but src/ itself) has a mod.ts;
 * 2. a file outside a folder imports that folder only through its mod.ts
 *    (private `_x.ts` files and siblings are for the folder itself).
 *
 *   deno run --allow-read scripts/check_mod_faces.ts
 */
import { dirname, join, relative, resolve } from "node:path";

const root = resolve(new URL("../src", import.meta.url).pathname);
const problems: string[] = [];

async function* files(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* files(path);
    else if (entry.name.endsWith(".ts")) yield path;
  }
}

const all: string[] = [];
for await (const file of files(root)) all.push(file);
const folders = new Set(all.map((file) => dirname(file)).filter((dir) => dir !== root));
for (const folder of folders) {
  if (!all.includes(join(folder, "mod.ts"))) {
    problems.push(`${relative(root, folder)}/ has no mod.ts`);
  }
}

const importPattern =
  /(?:import|export)[^'"]*?from\s*["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g;
for (const file of all) {
  const text = await Deno.readTextFile(file);
  for (const match of text.matchAll(importPattern)) {
    const target = resolve(dirname(file), match[1] ?? match[2]!);
    if (!target.startsWith(root) || !target.endsWith(".ts")) continue;
    const targetFolder = dirname(target);
    if (targetFolder === root || targetFolder === dirname(file)) continue;
    // Importing into a subfolder of one's own folder is allowed only via its mod.ts too.
    if (!target.endsWith("/mod.ts")) {
      problems.push(
        `src/${relative(root, file)} imports src/${relative(root, target)}: import src/${
          relative(root, targetFolder)
        }/mod.ts instead`,
      );
    }
  }
}

if (problems.length > 0) {
  console.error(problems.join("\n"));
  console.error(`\n${problems.length} mod-face problem(s)`);
  Deno.exit(1);
}
console.error(`mod faces ok (${folders.size} folders, ${all.length} files)`);
