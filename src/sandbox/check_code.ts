/**
 * The `check_code` operation: syntax (and optionally types) plus the static
 * safety scan, for a snippet or for workspace files.
 *
 * @module
 */
import { z } from "zod";
import {
  compileGlob,
  defineOperation,
  type Operation,
  type OperationContext,
  resolveInWorkspace,
  UsageError,
  walkWorkspace,
} from "../core/mod.ts";
import { type CodeLanguage, languageOfPath, scanCode } from "./scan_code.ts";
import { parseSafetyAllowList, type SafetyAllowList } from "./safety_allowlist.ts";
import { findingsToSarif, formatFindingLine } from "./scan_report.ts";
import { checkSyntax, type SyntaxDiagnostic } from "./syntax_check.ts";
import { typeCheck } from "./type_check.ts";
import { sharedPythonPool } from "./_shared_pool.ts";
import denoJson from "../../deno.json" with { type: "json" };

/** The allow-list file read from the workspace root. */
export const SAFETY_ALLOWLIST_FILE = ".codegen-safety.json";

const LANGUAGES = ["typescript", "javascript", "tsx", "jsx", "python"] as const;

const input = z.strictObject({
  code: z.string().optional().describe("The code to check (or give files)"),
  files: z.array(z.string().min(1)).default([]).describe(
    "Workspace files or globs to check instead, e.g. src/**/*.ts",
  ),
  language: z.enum(LANGUAGES).optional().describe(
    "Language of `code` (typescript, javascript, tsx, jsx, python); files go by extension",
  ),
  typeCheck: z.boolean().default(false).describe(
    "Also type-check TypeScript with `deno check` in a throwaway directory (slower)",
  ),
  format: z.enum(["text", "json", "sarif"]).default("text").describe(
    "Report format: text, json, or sarif (SARIF 2.1.0 for GitHub code scanning)",
  ),
});

const diagnostic = z.object({
  line: z.int(),
  column: z.int(),
  message: z.string(),
  code: z.string().optional(),
  severity: z.enum(["error", "warning"]),
});

const finding = z.object({
  ruleId: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  line: z.int(),
  column: z.int(),
  endLine: z.int().optional(),
  endColumn: z.int().optional(),
  hint: z.string(),
  snippet: z.string(),
  suppressed: z.object({ justification: z.string() }).optional(),
});

const output = z.object({
  files: z.array(z.object({
    path: z.string().describe("Workspace path, or <snippet>"),
    language: z.string(),
    syntax: z.array(diagnostic).describe("Parse errors (and type errors with typeCheck)"),
    findings: z.array(finding).describe("Safety findings, suppressed ones marked"),
  })),
  counts: z.object({
    syntaxErrors: z.int(),
    errors: z.int().describe("Unsuppressed error findings"),
    warnings: z.int(),
    info: z.int(),
    suppressed: z.int(),
  }),
  ok: z.boolean().describe("No syntax errors and no unsuppressed error findings"),
  report: z.string().describe("The result in the requested format"),
});

type Output = z.input<typeof output>;
type FileResult = Output["files"][number];

/** Checks code: syntax, optional types, and the static safety scan. */
export const checkCode: Operation<typeof input, typeof output> = defineOperation({
  name: "check_code",
  title: "Check code",
  description:
    "Check generated code before running it: syntax errors with line and column (TypeScript's parser; Python via Pyodide), optional type check, and a static safety scan (dynamic code, subprocesses, network, writes outside the workspace, env/secret access, FFI, unsafe deserialisation, shell injection, prototype pollution, obfuscation, hard-coded secrets). Give `code` + `language`, or workspace `files`. Findings listed in .codegen-safety.json with a justification are marked suppressed. Formats: text, json, sarif.",
  group: "sandbox",
  input,
  output,
  effects: ["read", "run"],
  requiresApproval: false,
  cli: {
    command: "check",
    positional: ["files"],
    examples: [
      { command: "check 'src/**/*.ts'", description: "Scan the TypeScript sources" },
      {
        command: "check --code 'eval(x)' --language javascript",
        description: "Check a snippet",
      },
      { command: "check 'gen/**' --format sarif > safety.sarif", description: "For code scanning" },
    ],
    render: (out) => out.report,
    exitCode: (out) => (out.ok ? 0 : 1),
  },
  handler: (args, ctx) => check(args, ctx),
});

async function check(args: z.output<typeof input>, ctx: OperationContext): Promise<Output> {
  if ((args.code === undefined) === (args.files.length === 0)) {
    throw new UsageError("Give either `code` or `files`", {
      hint: "Check a snippet with --code and --language, or workspace files with globs",
    });
  }
  const allowList = await readAllowList(ctx.root);
  const targets: Array<{ path: string; language: typeof LANGUAGES[number]; code: string }> = [];
  if (args.code !== undefined) {
    if (args.language === undefined) {
      throw new UsageError("Say which language `code` is in", {
        hint: "Add --language typescript|javascript|tsx|jsx|python",
      });
    }
    targets.push({ path: "<snippet>", language: args.language, code: args.code });
  } else {
    for (const file of await matchFiles(ctx, args.files)) targets.push(file);
  }
  const files: FileResult[] = [];
  for (let i = 0; i < targets.length; i++) {
    ctx.signal.throwIfAborted();
    ctx.progress(i, targets.length, `${i}/${targets.length} files checked`);
    const target = targets[i]!;
    const syntax: SyntaxDiagnostic[] = target.language === "python"
      ? await pythonSyntax(target.code, ctx)
      : await checkSyntax(target.code, target.language);
    if (args.typeCheck && (target.language === "typescript" || target.language === "tsx")) {
      const typed = await typeCheck(target.code, {
        language: target.language,
        timeoutMs: ctx.config.sandbox.timeoutMs * 3,
        signal: ctx.signal,
      });
      syntax.push(
        ...typed.diagnostics.filter((d) =>
          !syntax.some((s) => s.line === d.line && s.message === d.message)
        ),
      );
    }
    const scanLanguage: CodeLanguage = target.language === "tsx"
      ? "typescript"
      : target.language === "jsx"
      ? "javascript"
      : target.language;
    const findings = scanCode(target.code, scanLanguage, {
      path: target.path === "<snippet>" ? undefined : target.path,
      allowList,
    });
    files.push({ path: target.path, language: target.language, syntax, findings });
  }
  ctx.progress(targets.length, targets.length, `${targets.length}/${targets.length} files checked`);

  const all = files.flatMap((file) => file.findings);
  const active = all.filter((f) => f.suppressed === undefined);
  const counts = {
    syntaxErrors: files.reduce(
      (n, f) => n + f.syntax.filter((d) => d.severity === "error").length,
      0,
    ),
    errors: active.filter((f) => f.severity === "error").length,
    warnings: active.filter((f) => f.severity === "warning").length,
    info: active.filter((f) => f.severity === "info").length,
    suppressed: all.length - active.length,
  };
  const ok = counts.syntaxErrors === 0 && counts.errors === 0;
  const report = args.format === "json"
    ? JSON.stringify({ files, counts, ok }, null, 2)
    : args.format === "sarif"
    ? JSON.stringify(
      findingsToSarif(files.map((f) => ({ path: f.path, findings: f.findings })), denoJson.version),
      null,
      2,
    )
    : textReport(files, counts);
  return { files, counts, ok, report };
}

function textReport(files: readonly FileResult[], counts: Output["counts"]): string {
  const lines: string[] = [];
  for (const file of files) {
    for (const d of file.syntax) {
      lines.push(
        `${file.path}:${d.line}:${d.column} ${d.severity} syntax${
          d.code ? `/${d.code}` : ""
        }: ${d.message}`,
      );
    }
    lines.push(...file.findings.map((finding) => formatFindingLine(finding, file.path)));
  }
  lines.push(
    `${counts.syntaxErrors} syntax errors, ${counts.errors} errors, ${counts.warnings} warnings, ${counts.info} info (${counts.suppressed} suppressed)`,
  );
  return lines.join("\n");
}

async function readAllowList(root: string): Promise<SafetyAllowList | undefined> {
  const path = await resolveInWorkspace(root, SAFETY_ALLOWLIST_FILE);
  const text = await Deno.readTextFile(path.absolute).catch(() => undefined);
  return text === undefined ? undefined : parseSafetyAllowList(text, SAFETY_ALLOWLIST_FILE);
}

async function matchFiles(
  ctx: OperationContext,
  globs: readonly string[],
): Promise<Array<{ path: string; language: typeof LANGUAGES[number]; code: string }>> {
  const matchers = globs.map((glob) => compileGlob(glob));
  const out: Array<{ path: string; language: typeof LANGUAGES[number]; code: string }> = [];
  for await (const entry of walkWorkspace(ctx.root, { signal: ctx.signal })) {
    if (!matchers.some((matches) => matches(entry.path))) continue;
    const language = fileLanguage(entry.path);
    if (language === undefined) continue;
    out.push({ path: entry.path, language, code: await Deno.readTextFile(entry.absolute) });
  }
  if (out.length === 0) {
    throw new UsageError(`No TypeScript, JavaScript or Python file matches ${globs.join(", ")}`, {
      hint: "Check the globs against `codegen-lab files '<glob>'`",
    });
  }
  return out;
}

function fileLanguage(path: string): typeof LANGUAGES[number] | undefined {
  if (path.endsWith(".tsx")) return "tsx";
  if (path.endsWith(".jsx")) return "jsx";
  return languageOfPath(path);
}

async function pythonSyntax(code: string, ctx: OperationContext) {
  const pool = sharedPythonPool(ctx.config, ctx.door === "mcp");
  const errors = await pool.compile(code, {
    timeoutMs: ctx.config.sandbox.timeoutMs,
    memoryMb: ctx.config.sandbox.memoryMb,
    outputBytes: ctx.config.sandbox.maxOutputBytes,
  });
  return errors.map((e) => ({ ...e, severity: "error" as const }));
}
