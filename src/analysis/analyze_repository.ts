/**
 * The `analyze_repository` operation: one pass over the workspace that
 * reports languages, stack, tooling and AI configuration, as JSON and as a
 * Markdown report.
 *
 * @module
 */
import { z } from "zod";
import {
  defineOperation,
  type Operation,
  type OperationContext,
  resolveInWorkspace,
  writeFileAtomic,
} from "../core/mod.ts";
import { detectStack, stackReportSchema } from "./detect_stack.ts";
import { renderFileTree } from "./file_tree.ts";
import { renderReportMarkdown } from "./report_markdown.ts";
import { scanRepository } from "./scan_repository.ts";
import { rememberAnalysis } from "./_last_analysis.ts";

/** Where the report goes unless told otherwise. */
export const DEFAULT_REPORT_PATH = ".ai/ai_report.md";

const input = z.strictObject({
  out: z.string().min(1).default(DEFAULT_REPORT_PATH).describe(
    "Where to write the Markdown report (inside the workspace); a .json twin is written beside it",
  ),
  write: z.boolean().default(true).describe(
    "Write the report files; false only returns the analysis",
  ),
  treeDepth: z.int().min(1).max(10).default(3).describe(
    "Levels of the directory tree drawn in the report, as tree -L",
  ),
  exclude: z.array(z.string()).default([]).describe(
    "Extra gitignore-style patterns to leave out, e.g. vendor/ or *.min.js",
  ),
});

const languageRow = z.object({
  name: z.string().describe("Language"),
  files: z.int().describe("Files"),
  code: z.int().describe("Lines of code"),
  comment: z.int().describe("Comment lines"),
  blank: z.int().describe("Blank lines"),
  share: z.number().describe("Percent of all lines of code, one decimal"),
});

/** The analysis, as returned by `analyze_repository` and served as `repo://report`. */
export const analysisSchema = z.object({
  root: z.string().describe("Absolute workspace root"),
  generatedAt: z.string().describe("When the analysis ran (ISO 8601)"),
  totals: z.object({
    files: z.int().describe("Files that passed the ignore files"),
    textFiles: z.int().describe("Text files read"),
    bytes: z.int().describe("Bytes of the text files"),
    code: z.int().describe("Lines of code"),
    comment: z.int().describe("Comment lines"),
    blank: z.int().describe("Blank lines"),
  }),
  languages: z.array(languageRow).describe("Per language, most code first"),
  stack: stackReportSchema.describe("Package managers, frameworks, tests, CI, tools, AI config"),
  skipped: z.object({
    ignored: z.int().describe("Paths left out by .gitignore, .ignore or .codegenignore"),
    binary: z.array(z.string()).describe("Files with binary content"),
    tooLarge: z.array(z.object({ path: z.string(), bytes: z.int() })).describe(
      "Files over analysis.maxFileBytes",
    ),
    symlinksOutside: z.array(z.string()).describe(
      "Symlinks pointing outside the workspace (never read)",
    ),
    unreadable: z.array(z.string()).describe("Paths that could not be read"),
  }),
  tree: z.string().describe("Directory tree, depth-limited"),
  report: z.object({
    markdown: z.string().optional().describe("Relative path of the Markdown report, if written"),
    json: z.string().optional().describe("Relative path of the JSON report, if written"),
  }),
});

/** The analysis. */
export type Analysis = z.output<typeof analysisSchema>;

/** Analyses the workspace: languages, stack, tooling, AI configuration. */
export const analyzeRepository: Operation<typeof input, typeof analysisSchema> = defineOperation({
  name: "analyze_repository",
  title: "Analyse the repository",
  description:
    "Scan the workspace once (honouring .gitignore, .ignore and .codegenignore; binary and oversized files skipped) and report languages with code/comment/blank lines, package managers, frameworks, test setups, CI, containers, linters, existing AI configuration and monorepo layout. Writes .ai/ai_report.md (and .json) unless write is false. Use before recommend_rules.",
  group: "analysis",
  input,
  output: analysisSchema,
  effects: ["read", "write"],
  // It writes only its own report files, never user code.
  requiresApproval: false,
  idempotent: true,
  cli: {
    command: "analyze repo",
    examples: [
      { command: "analyze repo", description: "Analyse and write .ai/ai_report.md" },
      { command: "analyze repo --no-write --json", description: "Print the analysis as JSON" },
      {
        command: "analyze repo --out docs/stack.md --exclude 'vendor/'",
        description: "Elsewhere, leaving vendor/ out",
      },
    ],
    render: (out) => renderSummary(out),
  },
  handler: (args, ctx) => analyze(args, ctx),
});

async function analyze(args: z.output<typeof input>, ctx: OperationContext): Promise<Analysis> {
  const out = args.write ? await reportPaths(ctx.root, args.out) : undefined;
  const scan = await scanRepository(ctx.root, {
    maxFileBytes: ctx.config.analysis.maxFileBytes,
    // The reports themselves are not part of the repository being described.
    extraIgnores: [
      ...args.exclude,
      `/${DEFAULT_REPORT_PATH}`,
      `/${DEFAULT_REPORT_PATH.replace(/\.md$/, ".json")}`,
      ...(out === undefined ? [] : [`/${out.markdown.relative}`, `/${out.json.relative}`]),
    ],
    signal: ctx.signal,
    onProgress: (seen) => ctx.progress(seen, undefined, `${seen} files scanned`),
  });
  const allPaths = [
    ...scan.files.map((file) => file.path),
    ...scan.skipped.binary,
    ...scan.skipped.tooLarge.map((file) => file.path),
  ].sort(byCodeUnit);
  const stack = detectStack(allPaths, (path) => {
    try {
      return Deno.readTextFileSync(`${ctx.root}/${path}`);
    } catch {
      return undefined;
    }
  });

  const byLanguage = new Map<
    string,
    { files: number; code: number; comment: number; blank: number }
  >();
  const totals = {
    files: allPaths.length,
    textFiles: scan.files.length,
    bytes: 0,
    code: 0,
    comment: 0,
    blank: 0,
  };
  for (const file of scan.files) {
    totals.bytes += file.bytes;
    if (file.language === undefined || file.counts === undefined) continue;
    let row = byLanguage.get(file.language);
    if (row === undefined) {
      byLanguage.set(file.language, row = { files: 0, code: 0, comment: 0, blank: 0 });
    }
    row.files++;
    row.code += file.counts.code;
    row.comment += file.counts.comment;
    row.blank += file.counts.blank;
    totals.code += file.counts.code;
    totals.comment += file.counts.comment;
    totals.blank += file.counts.blank;
  }
  const languages = [...byLanguage].map(([name, row]) => ({
    name,
    ...row,
    share: totals.code === 0 ? 0 : Math.round((row.code / totals.code) * 1000) / 10,
  })).sort((a, b) => b.code - a.code || b.files - a.files || byCodeUnit(a.name, b.name));

  const analysis: Analysis = {
    root: ctx.root,
    generatedAt: ctx.now().toISOString(),
    totals,
    languages,
    stack,
    skipped: {
      ignored: scan.skipped.ignored,
      binary: scan.skipped.binary,
      tooLarge: scan.skipped.tooLarge,
      symlinksOutside: scan.skipped.symlinksOutside,
      unreadable: scan.skipped.unreadable,
    },
    tree: renderFileTree(allPaths, { maxDepth: args.treeDepth, maxEntries: 40 }),
    report: out === undefined ? {} : { markdown: out.markdown.relative, json: out.json.relative },
  };
  if (out !== undefined) {
    await writeFileAtomic(out.markdown.absolute, renderReportMarkdown(analysis));
    await writeFileAtomic(out.json.absolute, JSON.stringify(analysis, null, 2) + "\n");
  }
  rememberAnalysis(ctx.root, analysis);
  return analysis;
}

async function reportPaths(root: string, out: string) {
  const markdown = await resolveInWorkspace(root, out);
  const jsonPath = /\.md$/i.test(markdown.relative)
    ? markdown.relative.replace(/\.md$/i, ".json")
    : `${markdown.relative}.json`;
  return { markdown, json: await resolveInWorkspace(root, jsonPath) };
}

function renderSummary(out: Analysis): string {
  const lines = [
    `${out.totals.files} files, ${
      out.totals.code.toLocaleString("en-US")
    } lines of code in ${out.languages.length} languages`,
    "",
    ...out.languages.slice(0, 10).map((row) =>
      `  ${row.name.padEnd(16)} ${String(row.files).padStart(6)} ${
        row.files === 1 ? "file " : "files"
      } ${row.code.toLocaleString("en-US").padStart(10)} code  ${row.share.toFixed(1).padStart(5)}%`
    ),
  ];
  const stackLine = (label: string, items: Array<{ name: string }>) =>
    items.length === 0 ? [] : [`${label}: ${items.map((item) => item.name).join(", ")}`];
  lines.push(
    "",
    ...stackLine("Package managers", out.stack.packageManagers),
    ...stackLine("Frameworks", out.stack.frameworks),
    ...stackLine("Testing", out.stack.testing),
    ...stackLine("CI", out.stack.ci),
    ...stackLine("Containers", out.stack.containers),
    ...stackLine("Linters/formatters", out.stack.linters),
    ...stackLine("AI configuration", out.stack.aiConfig),
  );
  if (out.report.markdown) lines.push("", `Report written to ${out.report.markdown}`);
  return lines.join("\n");
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
