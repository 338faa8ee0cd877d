/**
 * What a manifest says, in a shape shared by the manifest readers of
 * {@linkcode detectStack}, and small helpers they share.
 *
 * @module
 */
import type { StackCategory } from "./_stack_catalog.ts";

/** Where a dependency comes from; `deno` is a `deno.land/x` module. */
export type Ecosystem =
  | "npm"
  | "jsr"
  | "deno"
  | "pypi"
  | "cargo"
  | "go"
  | "maven"
  | "gem"
  | "composer";

/** One declared dependency. */
export interface Dep {
  ecosystem: Ecosystem;
  /** Package name; `group:artifact` for Maven, normalized for PyPI. */
  name: string;
  /** The version spec as written. */
  version?: string;
}

/** A detection a manifest makes by its content (a `[tool.ruff]` table, a `packageManager` field). */
export interface Signal {
  category: StackCategory;
  id: string;
  version?: string;
}

/** A workspace as one manifest declares it. */
export interface WorkspaceDeclaration {
  tool: string;
  /** Member paths or globs relative to the manifest's directory; `!x` excludes. */
  members: string[];
}

/** Everything a manifest contributes. */
export interface ManifestFacts {
  deps: Dep[];
  signals: Signal[];
  workspace?: WorkspaceDeclaration;
  /** An import map file named by `deno.json`, relative to it. */
  importMap?: string;
}

/** Empty facts. */
export function noFacts(): ManifestFacts {
  return { deps: [], signals: [] };
}

/** A dependency, without a `version` key when there is none (or it is `*`). */
export function dep(ecosystem: Ecosystem, name: string, version?: string): Dep {
  const trimmed = version?.trim();
  return trimmed && trimmed !== "*" ? { ecosystem, name, version: trimmed } : { ecosystem, name };
}

/** A signal, without a `version` key when there is none. */
export function signal(category: StackCategory, id: string, version?: string): Signal {
  return version ? { category, id, version } : { category, id };
}

/** A plain object (not an array), or undefined. */
export function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown>
    : undefined;
}

/** The strings of an array; empty for anything else. */
export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item) => typeof item === "string") : [];
}

/** Parses JSON or JSONC (comments, trailing commas); undefined when malformed. */
export function parseJsonc(text: string): unknown {
  try {
    return JSON.parse(withoutTrailingCommas(withoutComments(text)));
  } catch {
    return undefined;
  }
}

/** Calls `visit` for each character outside strings; strings are copied whole. */
function scan(text: string, visit: (at: number) => [string, number]): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      const start = i++;
      while (i < text.length && text[i] !== '"' && text[i] !== "\n") i += text[i] === "\\" ? 2 : 1;
      out += text.slice(start, ++i);
      continue;
    }
    const [piece, next] = visit(i);
    out += piece;
    i = next;
  }
  return out;
}

function withoutComments(text: string): string {
  return scan(text, (i) => {
    if (text.startsWith("//", i)) {
      const end = text.indexOf("\n", i);
      return ["", end === -1 ? text.length : end];
    }
    if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      return [" ", end === -1 ? text.length : end + 2];
    }
    return [text[i]!, i + 1];
  });
}

function withoutTrailingCommas(text: string): string {
  return scan(text, (i) => {
    if (text[i] === ",") {
      let j = i + 1;
      while (/\s/.test(text[j] ?? "")) j++;
      if (text[j] === "}" || text[j] === "]") return ["", i + 1];
    }
    return [text[i]!, i + 1];
  });
}
