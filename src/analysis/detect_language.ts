/**
 * Detects a file's language from its name, its extension, or its shebang line.
 *
 * @module
 */
import { LANGUAGES } from "./languages.ts";

const BY_FILE_NAME = new Map<string, string>();
const BY_EXTENSION = new Map<string, string>();
const BY_INTERPRETER = new Map<string, string>();
for (const language of LANGUAGES) {
  for (const name of language.fileNames ?? []) BY_FILE_NAME.set(name.toLowerCase(), language.name);
  // Lower-case extensions match in any case; others (`C`, `H`) only exactly.
  for (const extension of language.extensions) BY_EXTENSION.set(extension, language.name);
  for (const name of language.interpreters ?? []) {
    BY_INTERPRETER.set(name.toLowerCase(), language.name);
  }
}

/** File-name prefixes that name a language whatever follows the dot (`Dockerfile.dev`). */
const PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ["dockerfile.", "Dockerfile"],
  ["containerfile.", "Dockerfile"],
];

/**
 * Detects the language of a file, trying in turn:
 *
 * 1. its exact file name, ignoring case (`Makefile`, `Dockerfile`,
 *    `tsconfig.json` → JSONC), and `Dockerfile.*`;
 * 2. its extension, exactly and then in lower case, so `.ts` and `.tsx` differ,
 *    `.h` is C Header, `.C` is C++ but `.c` is C, and `.TS` is TypeScript;
 * 3. the interpreter of a shebang in `firstLine`, also through `env` and its
 *    options (`#!/usr/bin/env -S deno run` → TypeScript, `#!/usr/bin/python3.12`
 *    → Python, with the version suffix removed).
 *
 * Each step is one map lookup. Nothing is read from disk.
 *
 * @param path A file path, `/` or `\` separated; only its last part is used.
 * @param firstLine The file's first line, for the shebang.
 * @returns A language name from `LANGUAGES`, or undefined when unknown.
 *
 * @example Detect by name, extension and shebang
 * ```ts
 * import assert from "node:assert/strict";
 * import { detectLanguage } from "./detect_language.ts";
 * assert.equal(detectLanguage("src/app.tsx"), "TSX");
 * assert.equal(detectLanguage("GNUmakefile"), "Makefile");
 * assert.equal(detectLanguage("bin/tool", "#!/usr/bin/env -S deno run -A"), "TypeScript");
 * assert.equal(detectLanguage("notes.unknown"), undefined);
 * ```
 */
export function detectLanguage(path: string, firstLine?: string): string | undefined {
  const name = path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
  const lower = name.toLowerCase();
  const byName = BY_FILE_NAME.get(lower);
  if (byName !== undefined) return byName;
  for (const [prefix, language] of PREFIXES) if (lower.startsWith(prefix)) return language;
  const dot = name.lastIndexOf(".");
  if (dot > 0) {
    const extension = name.slice(dot + 1);
    const byExtension = BY_EXTENSION.get(extension) ?? BY_EXTENSION.get(extension.toLowerCase());
    if (byExtension !== undefined) return byExtension;
  }
  return firstLine === undefined ? undefined : fromShebang(firstLine);
}

function fromShebang(line: string): string | undefined {
  if (!line.startsWith("#!")) return undefined;
  const words = line.slice(2).trim().split(/\s+/);
  let command = baseName(words[0] ?? "");
  if (command === "env") {
    // `env -S deno run`, `env -i FOO=1 node`: skip options and assignments.
    command = baseName(
      words.slice(1).find((word) => !word.startsWith("-") && !word.includes("=")) ?? "",
    );
  }
  const key = command.toLowerCase();
  return BY_INTERPRETER.get(key) ?? BY_INTERPRETER.get(key.replace(/[\d.]+$/, ""));
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
