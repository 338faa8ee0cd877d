/**
 * The `pack_context` operation: the repository (or part of it) as one
 * document for an LLM, with token counts, a token budget, secret redaction
 * and optional comment stripping.
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
  type SkipReason,
  walkWorkspace,
  writeFileAtomic,
} from "../core/mod.ts";
import { detectLanguage } from "./detect_language.ts";
import { renderFileTree } from "./file_tree.ts";
import { changedFilesSince } from "./git_changes.ts";
import { LANGUAGES } from "./languages.ts";
import { packPriority, PRIORITY_LABELS } from "./pack_priority.ts";
import {
  PACK_STYLES,
  type PackStyle,
  renderPackFile,
  renderPackFooter,
  renderPackHeader,
} from "./pack_format.ts";
import { ANALYSIS_IGNORE_FILES, readTextFile } from "./scan_repository.ts";
import { redactSecrets } from "./secrets.ts";
import { stripComments } from "./strip_comments.ts";
import { loadTokenCounter, TOKEN_ENCODINGS, type TokenEncoding } from "./tokenizer.ts";

/** Lockfiles and build leftovers: noise for a model, left out unless `defaultExcludes` is off. */
export const PACK_DEFAULT_EXCLUDES: readonly string[] = [
  "**/package-lock.json",
  "**/npm-shrinkwrap.json",
  "**/yarn.lock",
  "**/pnpm-lock.yaml",
  "**/bun.lock",
  "**/bun.lockb",
  "**/deno.lock",
  "**/uv.lock",
  "**/poetry.lock",
  "**/Pipfile.lock",
  "**/Cargo.lock",
  "**/go.sum",
  "**/composer.lock",
  "**/Gemfile.lock",
  "**/*.min.js",
  "**/*.min.css",
  "**/*.map",
];

const input = z.strictObject({
  include: z.array(z.string().min(1)).default([]).describe(
    "Globs of files to pack (relative paths), e.g. src/**/*.ts; all files when empty",
  ),
  exclude: z.array(z.string().min(1)).default([]).describe("Globs of files to leave out"),
  since: z.string().optional().describe(
    "Only files changed since this git ref (committed, staged, unstaged or untracked), e.g. main",
  ),
  style: z.enum(PACK_STYLES as [PackStyle, ...PackStyle[]]).default("xml").describe(
    "Document layout: xml, markdown or plain",
  ),
  encoding: z.enum(TOKEN_ENCODINGS as [TokenEncoding, ...TokenEncoding[]]).default("o200k_base")
    .describe("Tokenizer encoding for the counts: o200k_base (GPT-4o+), cl100k_base, …"),
  maxTokens: z.int().min(1).optional().describe(
    "Token budget: the lowest-priority files are dropped (and listed) until the document fits",
  ),
  redact: z.boolean().default(true).describe(
    "Replace likely secrets (API keys, private keys, tokens, .env values) with [REDACTED:kind]",
  ),
  stripComments: z.boolean().default(false).describe("Remove comments from source files"),
  defaultExcludes: z.boolean().default(true).describe(
    "Leave out lockfiles, minified files and source maps",
  ),
  out: z.string().optional().describe(
    "Write the document to this file (inside the workspace) and return only its path and counts",
  ),
  top: z.int().min(0).max(1000).default(10).describe("How many of the largest files to list"),
});

const fileRow = z.object({
  path: z.string(),
  tokens: z.int().describe("Tokens of the file's section"),
});

const output = z.object({
  text: z.string().optional().describe("The packed document (when not written to a file)"),
  out: z.string().optional().describe("Where the document was written (relative path)"),
  style: z.string(),
  encoding: z.string(),
  totalTokens: z.int().describe("Tokens of the whole document"),
  totalChars: z.int().describe("Characters of the whole document"),
  fileCount: z.int().describe("Files packed"),
  largest: z.array(fileRow).describe("The largest packed files by tokens"),
  dropped: z.array(fileRow.extend({ priority: z.string() })).describe(
    "Files left out to meet maxTokens, lowest priority first",
  ),
  redactions: z.array(z.object({
    path: z.string(),
    line: z.int(),
    column: z.int(),
    kind: z.string(),
  })).describe("Secrets replaced in the document"),
  skipped: z.object({
    ignored: z.int().describe("Paths excluded by .gitignore, .ignore or .codegenignore"),
    binary: z.int().describe("Binary files"),
    tooLarge: z.array(z.string()).describe("Files over analysis.maxFileBytes"),
    symlinksOutside: z.int().describe("Symlinks pointing outside the workspace, never read"),
  }),
});

type PackInput = z.output<typeof input>;
type PackOutput = z.input<typeof output>;

/** Packs workspace files into one document for an LLM. */
export const packContext: Operation<typeof input, typeof output> = defineOperation({
  name: "pack_context",
  title: "Pack context for an LLM",
  description:
    "Pack the repository, or the files matching globs, or the files changed since a git ref, into one XML, Markdown or plain document for an LLM: a file tree, then every file. Counts tokens (o200k_base by default), keeps within maxTokens by dropping the lowest-priority files (and says which), redacts likely secrets and lists them, can strip comments. Honours .gitignore; deterministic order. With out, writes the file and returns its path and counts.",
  group: "analysis",
  input,
  output,
  effects: ["read", "write", "run"],
  // It writes only where `out` points, and never over user code without being asked.
  requiresApproval: false,
  idempotent: true,
  cli: {
    command: "pack",
    positional: ["include"],
    examples: [
      { command: "pack > context.xml", description: "The whole repository as XML on stdout" },
      {
        command: "pack 'src/**/*.ts' --style markdown --max-tokens 100000 --out ctx.md",
        description: "TypeScript sources within 100k tokens, to a file",
      },
      { command: "pack --since main --json", description: "Only what changed since main" },
    ],
    render: (out) => out.text ?? summary(out),
  },
  handler: (input, ctx) => pack(input, ctx),
});

interface Candidate {
  path: string;
  section: string;
  tokens: number;
  priority: number;
}

async function pack(input: PackInput, ctx: OperationContext): Promise<PackOutput> {
  const outPath = input.out === undefined
    ? undefined
    : await resolveInWorkspace(ctx.root, input.out);
  const countTokens = await loadTokenCounter(input.encoding);
  const included = input.include.map((glob) => compileGlob(glob));
  const excluded = [
    ...input.exclude,
    ...(input.defaultExcludes ? PACK_DEFAULT_EXCLUDES : []),
  ].map((glob) => compileGlob(glob));
  const changed = input.since === undefined
    ? undefined
    : new Set(await changedFilesSince(ctx.root, input.since));

  const skipped = { ignored: 0, binary: 0, tooLarge: [] as string[], symlinksOutside: 0 };
  const onSkip = (_path: string, reason: SkipReason): void => {
    if (reason === "ignored") skipped.ignored++;
    else if (reason === "symlink-outside") skipped.symlinksOutside++;
  };
  const entries: Array<{ path: string; absolute: string }> = [];
  for await (
    const entry of walkWorkspace(ctx.root, {
      ignoreFiles: ANALYSIS_IGNORE_FILES,
      signal: ctx.signal,
      onSkip,
    })
  ) {
    if (outPath !== undefined && entry.path === outPath.relative) continue;
    if (changed !== undefined && !changed.has(entry.path)) continue;
    if (included.length > 0 && !included.some((matches) => matches(entry.path))) continue;
    if (excluded.some((matches) => matches(entry.path))) continue;
    entries.push(entry);
  }

  const candidates: Candidate[] = [];
  const redactions: PackOutput["redactions"] = [];
  const maxFileBytes = ctx.config.analysis.maxFileBytes;
  for (let i = 0; i < entries.length; i++) {
    if (i % 100 === 0) {
      ctx.signal.throwIfAborted();
      ctx.progress(i, entries.length, `${i}/${entries.length} files packed`);
    }
    const { path, absolute } = entries[i]!;
    const read = readTextFile(absolute, maxFileBytes);
    if (read.kind === "binary") {
      skipped.binary++;
      continue;
    }
    if (read.kind === "too-large") {
      skipped.tooLarge.push(path);
      continue;
    }
    if (read.kind === "unreadable") continue;
    let text = read.text;
    const languageName = detectLanguage(path, text.slice(0, text.indexOf("\n") >>> 0));
    const language = languageName === undefined
      ? undefined
      : LANGUAGES.find((entry) => entry.name === languageName);
    if (input.redact) {
      const result = redactSecrets(text, path);
      text = result.text;
      for (const finding of result.findings) {
        redactions.push({
          path,
          line: finding.line,
          column: finding.column,
          kind: finding.kind,
        });
      }
    }
    if (input.stripComments && language !== undefined) text = stripComments(text, language);
    const section = renderPackFile(input.style, path, text, language?.extensions[0] ?? "");
    candidates.push({ path, section, tokens: countTokens(section), priority: packPriority(path) });
  }
  ctx.progress(entries.length, entries.length, `${entries.length}/${entries.length} files packed`);

  const project = ctx.root.split("/").filter(Boolean).pop() ?? "workspace";
  const notes = (kept: readonly Candidate[], dropped: number): string[] => [
    `${kept.length} files, ${input.encoding} tokens counted per file`,
    ...(input.since ? [`Only files changed since ${input.since}`] : []),
    ...(input.include.length > 0 ? [`Included: ${input.include.join(", ")}`] : []),
    ...(dropped > 0
      ? [`${dropped} lower-priority files left out to fit ${input.maxTokens} tokens`]
      : []),
    ...(input.redact ? ["Likely secrets are replaced with [REDACTED:kind]"] : []),
    ...(input.stripComments ? ["Comments are removed from source files"] : []),
  ];
  const headerFor = (kept: readonly Candidate[], dropped: number): string =>
    renderPackHeader(input.style, {
      project,
      // Indented, not box-drawn: half the tokens for the same information.
      tree: renderFileTree(kept.map((candidate) => candidate.path), { style: "indent" }),
      notes: notes(kept, dropped),
    });
  const footer = renderPackFooter(input.style);
  const footerTokens = countTokens(footer);

  let kept = candidates;
  let dropped: Candidate[] = [];
  if (input.maxTokens !== undefined) {
    ({ kept, dropped } = fitBudget(
      candidates,
      input.maxTokens,
      (subset, droppedCount) => countTokens(headerFor(subset, droppedCount)) + footerTokens,
    ));
  }
  const keptPaths = new Set(kept.map((candidate) => candidate.path));
  const header = headerFor(kept, dropped.length);
  const text = header + kept.map((candidate) => candidate.section).join("") + footer;
  const totalTokens = countTokens(header) + footerTokens +
    kept.reduce((sum, candidate) => sum + candidate.tokens, 0);
  const largest = [...kept].sort((a, b) => b.tokens - a.tokens || (a.path < b.path ? -1 : 1))
    .slice(0, input.top)
    .map(({ path, tokens }) => ({ path, tokens }));

  const result: PackOutput = {
    style: input.style,
    encoding: input.encoding,
    totalTokens,
    totalChars: text.length,
    fileCount: kept.length,
    largest,
    dropped: dropped.map(({ path, tokens, priority }) => ({
      path,
      tokens,
      priority: PRIORITY_LABELS[priority] ?? String(priority),
    })),
    redactions: redactions.filter((redaction) => keptPaths.has(redaction.path)),
    skipped,
  };
  if (outPath !== undefined) {
    await writeFileAtomic(outPath.absolute, text);
    return { ...result, out: outPath.relative };
  }
  return { ...result, text };
}

/**
 * Drops the lowest-priority files (largest first within a tier) until the
 * document fits, using the header of all files as a bound; then puts back
 * the most important dropped files while they still fit with the real header.
 */
function fitBudget(
  candidates: readonly Candidate[],
  maxTokens: number,
  frameTokens: (kept: readonly Candidate[], dropped: number) => number,
): { kept: Candidate[]; dropped: Candidate[] } {
  const sum = (list: readonly Candidate[]) => list.reduce((total, c) => total + c.tokens, 0);
  let total = frameTokens(candidates, candidates.length) + sum(candidates);
  if (total <= maxTokens) return { kept: [...candidates], dropped: [] };
  const order = [...candidates].sort((a, b) =>
    b.priority - a.priority || b.tokens - a.tokens || (a.path < b.path ? 1 : -1)
  );
  const gone: Candidate[] = [];
  for (const candidate of order) {
    if (total <= maxTokens) break;
    gone.push(candidate);
    total -= candidate.tokens;
  }
  const keep = (excluded: ReadonlySet<Candidate>) => candidates.filter((c) => !excluded.has(c));
  // Refill: the real header of fewer files is smaller than the bound.
  while (gone.length > 0) {
    const trial = new Set(gone.slice(0, -1));
    const kept = keep(trial);
    if (frameTokens(kept, trial.size) + sum(kept) > maxTokens) break;
    gone.pop();
  }
  return { kept: keep(new Set(gone)), dropped: gone };
}

function summary(out: PackOutput): string {
  const lines = [
    `${out.fileCount} files, ${
      out.totalTokens.toLocaleString("en-US")
    } tokens (${out.encoding}), ${out.style}${out.out ? ` → ${out.out}` : ""}`,
  ];
  if (out.largest.length > 0) {
    lines.push(
      "Largest:",
      ...out.largest.map((row) => `  ${String(row.tokens).padStart(8)}  ${row.path}`),
    );
  }
  if (out.dropped.length > 0) {
    lines.push(
      `Dropped to fit the budget (${out.dropped.length}):`,
      ...out.dropped.map((row) =>
        `  ${String(row.tokens).padStart(8)}  ${row.path} (${row.priority})`
      ),
    );
  }
  if (out.redactions.length > 0) {
    lines.push(
      `Redacted (${out.redactions.length}):`,
      ...out.redactions.map((row) => `  ${row.path}:${row.line}:${row.column} ${row.kind}`),
    );
  }
  return lines.join("\n");
}
