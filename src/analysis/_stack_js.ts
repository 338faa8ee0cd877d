/**
 * Manifest readers for JavaScript and Deno: `package.json`, `deno.json(c)`,
 * import maps and `pnpm-workspace.yaml`.
 *
 * @module
 */
import {
  type Dep,
  dep,
  type ManifestFacts,
  noFacts,
  parseJsonc,
  record,
  signal,
  strings,
} from "./_stack_facts.ts";

const DEPENDENCY_FIELDS = [
  "dependencies",
  "devDependencies",
  "peerDependencies",
  "optionalDependencies",
] as const;

/** Dependencies, `packageManager`, tool config keys and `workspaces` of a `package.json`. */
export function readPackageJson(text: string): ManifestFacts {
  const facts = noFacts();
  const json = record(parseJsonc(text));
  if (!json) return facts;
  for (const field of DEPENDENCY_FIELDS) {
    for (const [name, spec] of Object.entries(record(json[field]) ?? {})) {
      if (typeof spec !== "string") continue;
      // Aliases: "alias": "npm:real@^1" or "jsr:@scope/name@^1".
      facts.deps.push(
        /^(npm|jsr):/.test(spec) ? registryDep(spec) ?? dep("npm", name) : dep("npm", name, spec),
      );
    }
  }
  const manager = typeof json.packageManager === "string"
    ? /^(npm|pnpm|yarn|bun)@([^+\s]*)/.exec(json.packageManager)
    : null;
  if (manager) facts.signals.push(signal("packageManagers", manager[1]!, manager[2]));
  if (json.eslintConfig !== undefined) facts.signals.push(signal("linters", "eslint"));
  if (json.prettier !== undefined) facts.signals.push(signal("linters", "prettier"));
  if (json.stylelint !== undefined) facts.signals.push(signal("linters", "stylelint"));
  if (json.jest !== undefined) facts.signals.push(signal("testing", "jest"));
  const workspaces = Array.isArray(json.workspaces)
    ? strings(json.workspaces)
    : strings(record(json.workspaces)?.packages);
  if (json.workspaces !== undefined) {
    // The lockfile next to it may relabel npm (see resolveWorkspace).
    facts.workspace = { tool: manager?.[1] ?? "npm", members: workspaces };
  }
  return facts;
}

/** Imports, import map, workspace and test task of a `deno.json` or `deno.jsonc`. */
export function readDenoJson(text: string): ManifestFacts {
  const facts = noFacts();
  const json = record(parseJsonc(text));
  if (!json) return facts;
  facts.deps.push(...importDeps(json));
  if (typeof json.importMap === "string") facts.importMap = json.importMap;
  const workspace = Array.isArray(json.workspace)
    ? strings(json.workspace)
    : strings(record(json.workspace)?.members);
  if (json.workspace !== undefined) facts.workspace = { tool: "deno", members: workspace };
  const tasks = Object.keys(record(json.tasks) ?? {});
  if (
    json.test !== undefined || tasks.some((task) => task === "test" || task.startsWith("test:"))
  ) {
    facts.signals.push(signal("testing", "deno-test"));
  }
  return facts;
}

/** The `imports` of an import map (or of a `deno.json`). */
export function readImportMap(text: string): ManifestFacts {
  const facts = noFacts();
  facts.deps.push(...importDeps(record(parseJsonc(text))));
  return facts;
}

function importDeps(json: Record<string, unknown> | undefined): Dep[] {
  const deps: Dep[] = [];
  for (const specifier of Object.values(record(json?.imports) ?? {})) {
    if (typeof specifier !== "string") continue;
    const found = registryDep(specifier) ?? urlDep(specifier);
    if (found) deps.push(found);
  }
  return deps;
}

/** The `packages` globs of a `pnpm-workspace.yaml`, read line by line. */
export function readPnpmWorkspace(text: string): ManifestFacts {
  const facts = noFacts();
  const members: string[] = [];
  let inPackages = false;
  for (const line of text.split(/\r?\n/)) {
    const key = /^packages\s*:\s*(.*)$/.exec(line);
    if (key) {
      inPackages = true;
      const flow = /^\[(.*)\]/.exec(key[1]!.trim());
      if (flow) members.push(...flow[1]!.split(",").map(yamlScalar).filter((item) => item !== ""));
      continue;
    }
    if (!inPackages || /^\s*(#.*)?$/.test(line)) continue;
    const item = /^\s*-\s*(.+)$/.exec(line);
    if (item) members.push(yamlScalar(item[1]!));
    else if (/^\S/.test(line)) inPackages = false;
  }
  facts.workspace = { tool: "pnpm", members: members.filter((member) => member !== "") };
  return facts;
}

/** A YAML plain or quoted scalar, without a trailing comment. */
function yamlScalar(raw: string): string {
  const text = raw.trim();
  const quoted = /^(["'])(.*?)\1/.exec(text);
  return quoted ? quoted[2]! : text.replace(/\s+#.*$/, "").trim();
}

/** `npm:name@version/sub` and `jsr:@scope/name@version`. */
function registryDep(specifier: string): Dep | undefined {
  const match = /^(npm|jsr):\/?((?:@[^/@]+\/)?[^/@]+)(?:@([^/]*))?/.exec(specifier);
  return match ? dep(match[1] as "npm" | "jsr", match[2]!, match[3]) : undefined;
}

/** `https://deno.land/x/name@version/…` and `https://esm.sh/name@version`. */
function urlDep(specifier: string): Dep | undefined {
  const land = /^https?:\/\/deno\.land\/x\/([^/@]+)(?:@([^/]+))?/.exec(specifier);
  if (land) return dep("deno", land[1]!, land[2]);
  const esm = /^https?:\/\/esm\.sh\/(?:v\d+\/)?((?:@[^/@]+\/)?[^/@?]+)(?:@([^/?]+))?/.exec(
    specifier,
  );
  return esm ? dep("npm", esm[1]!, esm[2]) : undefined;
}
