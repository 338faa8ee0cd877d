/**
 * Glob matching, kept behind one module so the matcher (picomatch today,
 * `@std/path/glob` once JSR is reachable) can change in one place.
 *
 * @module
 */
import picomatch from "picomatch";

/** A compiled glob: tells whether a `/`-separated relative path matches. */
export type GlobMatcher = (path: string) => boolean;

/** Options of {@linkcode compileGlob}. */
export interface CompileGlobOptions {
  /** Let `*` and `**` match names that start with a dot. @default {true} */
  dot?: boolean;
  /** Match the pattern against the base name when it has no slash. @default {false} */
  basename?: boolean;
}

/**
 * Compiles one glob or several (any may match).
 *
 * @param patterns A glob such as `src/**\/*.ts`, or a list of them.
 * @param options Dot-file and base-name matching.
 * @returns A matcher function.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileGlob } from "./glob.ts";
 * const isTs = compileGlob("**\/*.ts");
 * assert.ok(isTs("src/a.ts") && !isTs("src/a.js"));
 * ```
 */
export function compileGlob(
  patterns: string | readonly string[],
  options: CompileGlobOptions = {},
): GlobMatcher {
  const { dot = true, basename = false } = options;
  const list = typeof patterns === "string" ? [patterns] : [...patterns];
  return picomatch(list, { dot, basename, posixSlashes: true }) as GlobMatcher;
}

/**
 * Checks a glob's syntax. Picomatch accepts almost anything, so this looks for
 * the mistakes that make a glob silently match nothing.
 *
 * @param pattern The glob.
 * @returns A description of the problem, or undefined when the glob is fine.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { globSyntaxError } from "./glob.ts";
 * assert.ok(globSyntaxError("src/[a-z.ts") !== undefined);
 * assert.ok(globSyntaxError("src/**\/*.ts") === undefined);
 * ```
 */
export function globSyntaxError(pattern: string): string | undefined {
  // Rule sets repeat the same few globs thousands of times.
  if (syntaxErrors.has(pattern)) return syntaxErrors.get(pattern);
  const error = findSyntaxError(pattern);
  if (syntaxErrors.size > 10_000) syntaxErrors.clear();
  syntaxErrors.set(pattern, error);
  return error;
}

const syntaxErrors = new Map<string, string | undefined>();

function findSyntaxError(pattern: string): string | undefined {
  if (pattern.trim() === "") return "the pattern is empty";
  let depthBracket = 0;
  let depthBrace = 0;
  let depthParen = 0;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === "\\") {
      i++;
      continue;
    }
    if (char === "[") depthBracket++;
    else if (char === "]" && depthBracket > 0) depthBracket--;
    else if (char === "{") depthBrace++;
    else if (char === "}") {
      if (depthBrace === 0) return `unmatched "}" at position ${i + 1}`;
      depthBrace--;
    } else if (char === "(") depthParen++;
    else if (char === ")") {
      if (depthParen === 0) return `unmatched ")" at position ${i + 1}`;
      depthParen--;
    }
  }
  if (depthBracket > 0) return `unclosed "[" in "${pattern}"`;
  if (depthBrace > 0) return `unclosed "{" in "${pattern}"`;
  if (depthParen > 0) return `unclosed "(" in "${pattern}"`;
  try {
    picomatch.makeRe(pattern);
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}
