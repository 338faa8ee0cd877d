/**
 * The `ai_context` operation.
 *
 * @module
 */
import { z } from "zod";
import { defineOperation, type Operation } from "../core/mod.ts";
import { gitLog } from "./_git_log.ts";
import { recentFiles } from "./_recent_files.ts";
import { DocStatusSchema, NextStepSchema, StoryStatusSchema } from "./_schemas.ts";
import { summarize } from "./_summary.ts";
import { type DocRecord, loadProject } from "./load_project.ts";
import { nextStep } from "./next_step.ts";

const input = z.strictObject({
  summaryChars: z.int().min(80).max(20_000).default(600).describe(
    "Length limit of the PRD and architecture summaries",
  ),
  recent: z.int().min(0).max(100).default(10).describe("How many recently modified .ai/ files"),
  git: z.boolean().default(true).describe(
    "Add `git log --oneline -5 -- .ai` (skipped quietly when git cannot run)",
  ),
});

const DocSummarySchema = z.object({
  path: z.string(),
  title: z.string().nullable(),
  status: DocStatusSchema.nullable(),
  summary: z.string().describe("The first section, cut to summaryChars"),
  truncated: z.boolean(),
}).nullable();

const output = z.object({
  prd: DocSummarySchema.describe("The PRD, or null when missing"),
  arch: DocSummarySchema.describe("The architecture, or null when missing"),
  current: z.object({
    ref: z.string(),
    path: z.string(),
    title: z.string().nullable(),
    status: StoryStatusSchema,
    text: z.string().describe("The story's full text"),
  }).nullable().describe("The first InProgress story, else the first in Review"),
  next: NextStepSchema.describe("What ai_next recommends"),
  recentFiles: z.array(z.object({ path: z.string(), modified: z.string() })).describe(
    "The most recently modified .ai/ files, newest first",
  ),
  git: z.object({
    ran: z.boolean(),
    log: z.array(z.string()).describe("git log --oneline -5 -- .ai"),
    note: z.string().optional().describe("Why there is no log"),
  }),
  markdown: z.string().describe("All of the above as one Markdown document"),
});

type Output = z.input<typeof output>;

/**
 * Gathers what an assistant needs to resume the work. Runs `git log` when
 * `--allow-run=git` is granted and `git` is not set to false.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { invoke, testContext } from "../core/mod.ts";
 * import { aiContext } from "./ai_context.ts";
 * const root = await Deno.makeTempDir({ prefix: "codegen_lab_" });
 * const ctx = await testContext(root);
 * const out = await invoke(aiContext, { git: false }, ctx);
 * assert.ok(out.markdown.startsWith("# Resume the .ai/ workflow"));
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export const aiContext: Operation<typeof input, typeof output> = defineOperation({
  name: "ai_context",
  title: "Context to resume work",
  description:
    "Everything an assistant needs to resume the .ai/ workflow in a new chat: PRD and architecture summaries (title, status, first section), the current story in full (InProgress, else Review), the next step and why, the 10 most recently modified .ai/ files and, when git can run, the last 5 commits touching .ai/. Returned as fields and as one Markdown document.",
  group: "agile",
  input,
  output,
  effects: ["read", "run"],
  requiresApproval: false,
  cli: {
    command: "ai context",
    examples: [
      { command: "ai context", description: "Markdown to paste into a new chat" },
      { command: "ai context --no-git --recent 3", description: "Without git, fewer files" },
    ],
    render: (out) => out.markdown.trimEnd(),
  },
  async handler(input, ctx) {
    const project = await loadProject(ctx.root);
    const doc = (record: DocRecord | undefined): Output["prd"] => {
      if (!record) return null;
      const { text, truncated } = summarize(record.doc, input.summaryChars);
      return {
        path: record.path,
        title: record.doc.title ?? null,
        status: record.status ?? null,
        summary: text,
        truncated,
      };
    };
    const story = project.stories.find((s) => s.status === "InProgress") ??
      project.stories.find((s) => s.status === "Review");
    const result: Omit<Output, "markdown"> = {
      prd: doc(project.prd),
      arch: doc(project.arch),
      current: story
        ? {
          ref: story.ref,
          path: story.path,
          title: story.title ?? null,
          status: story.status!,
          text: story.doc.raw,
        }
        : null,
      next: nextStep(project),
      recentFiles: project.exists ? await recentFiles(ctx.root, input.recent) : [],
      git: input.git
        ? await gitLog(ctx.root, 5, ctx.signal)
        : { ran: false, log: [], note: "not asked for (git: false)" },
    };
    return { ...result, markdown: contextMarkdown(result) };
  },
});

function contextMarkdown(context: Omit<Output, "markdown">): string {
  const out: string[] = ["# Resume the .ai/ workflow", ""];
  const next = context.next;
  out.push(
    "## Next step",
    "",
    `**${next.action}**${next.story ? ` ${next.story.ref}` : ""}: ${next.reason}`,
    "",
  );
  for (
    const [label, doc, path] of [["PRD", context.prd, ".ai/prd.md"], [
      "Architecture",
      context.arch,
      ".ai/arch.md",
    ]] as const
  ) {
    if (!doc) {
      out.push(`## ${label}`, "", `${path} does not exist.`, "");
      continue;
    }
    out.push(`## ${label}: ${doc.title ?? doc.path} (${doc.status ?? "no valid status"})`, "");
    out.push(`From ${doc.path}:`, "", quote(doc.summary), "");
  }
  if (context.current) {
    const story = context.current;
    out.push(`## Current story: ${story.ref} (${story.status})`, "", `${story.path}:`, "");
    out.push(fenced(story.text), "");
  } else {
    out.push("## Current story", "", "No story is InProgress or in Review.", "");
  }
  out.push("## Recent changes", "");
  if (context.recentFiles.length === 0) out.push("No files in .ai/.");
  for (const file of context.recentFiles) out.push(`- ${file.modified} ${file.path}`);
  out.push("");
  if (context.git.ran) {
    out.push("Commits touching .ai/:", "");
    if (context.git.log.length === 0) out.push("- none yet");
    for (const line of context.git.log) out.push(`- ${line}`);
  } else {
    out.push(`No git history: ${context.git.note ?? "unknown"}.`);
  }
  return `${out.join("\n")}\n`;
}

function quote(text: string): string {
  return text.split("\n").map((line) => (line === "" ? ">" : `> ${line}`)).join("\n");
}

function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}markdown\n${text.endsWith("\n") ? text : `${text}\n`}${fence}`;
}
