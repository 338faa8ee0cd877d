/**
 * Syntax checking of untrusted TypeScript/JavaScript snippets with
 * TypeScript's own parser (`npm:typescript`), loaded on first use and cached.
 * Nothing in the snippet is run or resolved: no imports are followed and no
 * lib files are read, so untrusted text is safe to check.
 *
 * Why TypeScript's parser: acorn parses JavaScript only (no type syntax, no
 * TSX); oxc and swc parse everything much faster, but ship as native addons
 * or wasm blobs that `deno compile` and JSR handle poorly, while `typescript`
 * is plain JavaScript already in the import map. Its error codes and messages
 * (`TS1005 ')' expected.`) are also the ones users and models already know.
 *
 * Which API: `ts.createSourceFile` keeps its errors in `parseDiagnostics`,
 * which the public typings mark internal. The documented way to get them is
 * `Program.getSyntacticDiagnostics(sourceFile)` on a one-file program
 * (`noLib`, `noResolve`, an in-memory host). For JavaScript it also adds the
 * "only in TypeScript files" errors (TS8010 type annotations, TS8006
 * `interface`, TS8016 `as` …), which are not parse diagnostics at all.
 * `ts.transpileModule(…, { reportDiagnostics: true })` reports the same
 * diagnostics but also emits JavaScript: about 10 times slower here.
 *
 * Requires `--allow-env=TSC_*,NODE_ENV,NODE_INSPECTOR_IPC,VSCODE_INSPECTOR_OPTIONS`:
 * `typescript` reads those while it loads (its `ts.sys` set-up) and Deno
 * refuses rather than returning `undefined`. No read or other permission.
 *
 * Measured (Deno 2.9.6, typescript 6.0.3, x86_64 Linux, 2 busy cores):
 * loading the module takes 250–600 ms with a warm V8 code cache (about 2.5 s
 * the very first time); parsing runs at about 20,000 lines/s on the first
 * call of a process and 45,000–95,000 lines/s once warm, so a 10,000-line
 * file takes 0.1–0.5 s.
 *
 * @module
 */

import type * as TypeScript from "typescript";
import { PermissionDeniedError } from "../core/mod.ts";

/** One problem found in a snippet, located by 1-based line and column. */
export interface SyntaxDiagnostic {
  /** 1-based line of the start. */
  line: number;
  /** 1-based column (UTF-16 code units) of the start. */
  column: number;
  /** 1-based line of the end, when the problem spans a range. */
  endLine?: number;
  /** 1-based column of the end (exclusive), when the problem spans a range. */
  endColumn?: number;
  /** The compiler's message, chains flattened with newlines. */
  message: string;
  /** The compiler's code, such as `"TS1005"`, when it has one. */
  code?: string;
  /** `"error"` for errors, `"warning"` for everything else. */
  severity: "error" | "warning";
}

/** The languages {@linkcode checkSyntax} accepts. */
export type SnippetLanguage = "typescript" | "javascript" | "tsx" | "jsx";

type TS = typeof TypeScript;

/** The environment variables `typescript` 6 reads while loading (`ts.sys` set-up). */
const TYPESCRIPT_ENV = "TSC_*,NODE_ENV,NODE_INSPECTOR_IPC,VSCODE_INSPECTOR_OPTIONS";

let loading: Promise<TS> | undefined;

/**
 * Loads `typescript` once; the literal specifier lets JSR and `deno compile`
 * see it. A failed load is not cached, so a later call tries again.
 */
function loadTypeScript(): Promise<TS> {
  loading ??= import("typescript").then(
    (module) => module.default as TS,
    (error: unknown) => {
      loading = undefined;
      if (!(error instanceof Deno.errors.NotCapable)) throw error;
      throw new PermissionDeniedError(`Cannot load typescript: ${error.message}`, {
        hint: `Grant --allow-env=${TYPESCRIPT_ENV}, which typescript reads while loading`,
        cause: error,
      });
    },
  );
  return loading;
}

/**
 * Checks a snippet's syntax and returns every diagnostic, in source order.
 * Valid code gives `[]`. The first call loads `typescript` (250–600 ms).
 *
 * @param code The snippet's text. CRLF line endings are fine.
 * @param language How to parse it; `"javascript"` and `"jsx"` also report
 *   TypeScript-only syntax (TS8010 and friends).
 * @returns The diagnostics, with 1-based positions.
 * @throws {TypeError} When `language` is not one of the four names.
 * @throws {PermissionDeniedError} PERMISSION_DENIED when `typescript` cannot
 *   load for want of env permission (see the module doc).
 *
 * @example Report a missing parenthesis
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkSyntax } from "./syntax_check.ts";
 * assert.deepEqual(await checkSyntax("f(1, 2;", "typescript"), [
 *   { line: 1, column: 7, endLine: 1, endColumn: 8, message: "')' expected.", code: "TS1005", severity: "error" },
 * ]);
 * assert.deepEqual(await checkSyntax("const ok = 1;", "javascript"), []);
 * ```
 */
export async function checkSyntax(
  code: string,
  language: SnippetLanguage,
): Promise<SyntaxDiagnostic[]> {
  const ts = await loadTypeScript();
  const [fileName, kind] = fileFor(ts, language);
  const sourceFile = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, kind);
  const host: TypeScript.CompilerHost = {
    getSourceFile: (name) => name === fileName ? sourceFile : undefined,
    getDefaultLibFileName: () => "/lib.d.ts",
    writeFile: () => {},
    getCurrentDirectory: () => "/",
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (name) => name === fileName,
    readFile: () => undefined,
  };
  const program = ts.createProgram({
    rootNames: [fileName],
    options: { noLib: true, noResolve: true, types: [], allowJs: true },
    host,
  });
  return program.getSyntacticDiagnostics(sourceFile)
    .map((diagnostic) => toDiagnostic(ts, sourceFile, diagnostic))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

function fileFor(ts: TS, language: SnippetLanguage): [string, TypeScript.ScriptKind] {
  switch (language) {
    case "typescript":
      return ["/snippet.ts", ts.ScriptKind.TS];
    case "javascript":
      return ["/snippet.js", ts.ScriptKind.JS];
    case "tsx":
      return ["/snippet.tsx", ts.ScriptKind.TSX];
    case "jsx":
      return ["/snippet.jsx", ts.ScriptKind.JSX];
    default:
      throw new TypeError(
        `Cannot check syntax as 'language' must be typescript, javascript, tsx or jsx: current value is ${
          JSON.stringify(language)
        }`,
      );
  }
}

function toDiagnostic(
  ts: TS,
  sourceFile: TypeScript.SourceFile,
  diagnostic: TypeScript.Diagnostic,
): SyntaxDiagnostic {
  const start = diagnostic.start ?? 0;
  const from = sourceFile.getLineAndCharacterOfPosition(start);
  const to = diagnostic.length === undefined
    ? undefined
    : sourceFile.getLineAndCharacterOfPosition(start + diagnostic.length);
  return {
    line: from.line + 1,
    column: from.character + 1,
    ...(to === undefined ? {} : { endLine: to.line + 1, endColumn: to.character + 1 }),
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
    code: `TS${diagnostic.code}`,
    severity: diagnostic.category === ts.DiagnosticCategory.Error ? "error" : "warning",
  };
}
