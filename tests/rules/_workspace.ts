/**
 * Copies a rules fixture workspace into a temp directory: `rules/` becomes
 * `.cursor/rules/`, `files/` the other workspace files (`dot-cursor/` folders
 * become `.cursor/`). Fixtures keep rules
 * out of a real `.cursor/rules` folder so this repository's own rule
 * checks never see them.
 */
import { fromFileUrl } from "../_path.ts";

/** Absolute path of a fixture under tests/fixtures/rules/. */
export function fixturePath(name: string): string {
  return fromFileUrl(new URL(`../fixtures/rules/${name}`, import.meta.url));
}

/** Copies a fixture workspace into a fresh temp dir and returns its real path. */
export async function copyRulesWorkspace(name: string): Promise<string> {
  const root = await Deno.realPath(await Deno.makeTempDir({ prefix: "codegen_lab_rules_" }));
  const source = fixturePath(name);
  await copyTree(`${source}/files`, root);
  await copyTree(`${source}/rules`, `${root}/.cursor/rules`);
  return root;
}

async function copyTree(from: string, to: string): Promise<void> {
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(from));
  } catch {
    return;
  }
  await Deno.mkdir(to, { recursive: true });
  for (const entry of entries) {
    // Nested rule folders are stored as dot-cursor/ so this repository's own
    // rule discovery never mistakes them for real rules.
    const name = entry.name === "dot-cursor" ? ".cursor" : entry.name;
    if (entry.isDirectory) await copyTree(`${from}/${entry.name}`, `${to}/${name}`);
    else await Deno.copyFile(`${from}/${entry.name}`, `${to}/${entry.name}`);
  }
}
