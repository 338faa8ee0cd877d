/**
 * Workspace members for {@linkcode detectStack}: declared paths and globs
 * resolved against the file list.
 *
 * @module
 */
import type { WorkspaceDeclaration } from "./_stack_facts.ts";

/** A monorepo workspace. */
export interface StackWorkspace {
  /** `npm`, `yarn`, `bun`, `pnpm`, `deno`, `uv`, `cargo` or `go`. */
  tool: string;
  /** Directory of the declaring manifest, relative; `.` for the root. */
  root: string;
  /** Member directories relative to the root of the scan, globs resolved, sorted. */
  members: string[];
}

/** The manifest that makes a directory a member, by tool. */
const MEMBER_MANIFEST: Record<string, RegExp> = {
  deno: /(?:^|\/)(?:deno\.jsonc?|package\.json)$/,
  uv: /(?:^|\/)pyproject\.toml$/,
  cargo: /(?:^|\/)Cargo\.toml$/,
  go: /(?:^|\/)go\.mod$/,
};
const PACKAGE_JSON = /(?:^|\/)package\.json$/;

/** Orders strings by UTF-16 code units, the same everywhere. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `base` joined with a relative path, `.` and `..` resolved; undefined when it leaves the root. */
export function joinRelative(base: string, relative: string): string | undefined {
  const parts = base === "" ? [] : base.split("/");
  for (const part of relative.split("/")) {
    if (part === "" || part === ".") continue;
    if (part !== "..") parts.push(part);
    else if (parts.pop() === undefined) return undefined;
  }
  return parts.join("/");
}

/**
 * Resolves a declaration's members: plain paths are kept as declared
 * (normalized), globs expand to the directories holding the tool's manifest,
 * and `!` entries exclude. A `package.json` workspace without a
 * `packageManager` field takes the tool of the lockfile next to it (pnpm,
 * yarn, bun), npm otherwise.
 */
export function resolveWorkspace(
  declaration: WorkspaceDeclaration & { root: string },
  files: readonly string[],
  fileSet: ReadonlySet<string>,
): StackWorkspace {
  const { root } = declaration;
  let tool = declaration.tool;
  if (tool === "npm") {
    const sibling = (name: string): boolean => fileSet.has(root === "" ? name : `${root}/${name}`);
    if (sibling("pnpm-lock.yaml")) tool = "pnpm";
    else if (sibling("yarn.lock")) tool = "yarn";
    else if (sibling("bun.lock") || sibling("bun.lockb")) tool = "bun";
  }
  const marker = MEMBER_MANIFEST[declaration.tool] ?? PACKAGE_JSON;
  const candidates = new Set<string>();
  for (const path of files) {
    if (marker.test(path)) candidates.add(path.slice(0, Math.max(path.lastIndexOf("/"), 0)));
  }
  const members = new Set<string>();
  const excluded: RegExp[] = [];
  for (const raw of declaration.members) {
    const negated = raw.startsWith("!");
    const path = joinRelative(root, negated ? raw.slice(1) : raw);
    if (path === undefined || path === "") continue;
    if (negated) excluded.push(globRegExp(path));
    else if (!/[*?{[]/.test(path)) members.add(path);
    else {
      const pattern = globRegExp(path);
      for (const dir of candidates) if (pattern.test(dir)) members.add(dir);
    }
  }
  return {
    tool,
    root: root === "" ? "." : root,
    members: [...members].filter((dir) => !excluded.some((pattern) => pattern.test(dir)))
      .sort(compareCodeUnits),
  };
}

/** Merges workspaces of the same tool and root (package.json and pnpm-workspace.yaml), sorted. */
export function mergeWorkspaces(workspaces: readonly StackWorkspace[]): StackWorkspace[] {
  const byKey = new Map<string, StackWorkspace>();
  for (const workspace of workspaces) {
    const key = `${workspace.tool}\0${workspace.root}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { ...workspace, members: [...workspace.members] });
    else {
      seen.members = [...new Set([...seen.members, ...workspace.members])].sort(compareCodeUnits);
    }
  }
  return [...byKey.values()].sort((a, b) =>
    compareCodeUnits(a.tool, b.tool) || compareCodeUnits(a.root, b.root)
  );
}

/** A glob with `*`, `**`, `?` and `{a,b}` as an anchored regular expression. */
function globRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      i++;
      if (glob[i + 1] === "/") {
        i++;
        source += "(?:.*/)?";
      } else source += ".*";
    } else if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else if (c === "{" && glob.indexOf("}", i) > i) {
      const end = glob.indexOf("}", i);
      source += `(?:${glob.slice(i + 1, end).split(",").map(escapeRegExp).join("|")})`;
      i = end;
    } else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`);
}

/** Escapes the characters regular expressions treat specially. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
