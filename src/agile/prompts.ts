/**
 * Prompts of the `.ai/` workflow — `write-prd`, `write-architecture`,
 * `next-story` and `tdd-cycle` — each filled with the project's real state:
 * its analysis, its documents, the board and the next step.
 *
 * @module
 */
import { z } from "zod";
import { analyzeRepository } from "../analysis/mod.ts";
import { definePrompt, invoke, type OperationContext, type Prompt } from "../core/mod.ts";
import { aiContext } from "./ai_context.ts";
import { loadProject } from "./load_project.ts";
import { nextStep } from "./next_step.ts";
import { ARCH_TEMPLATE, PRD_TEMPLATE } from "./templates.ts";

async function stackSummary(ctx: OperationContext): Promise<string> {
  const analysis = await invoke(analyzeRepository, { write: false, treeDepth: 2 }, ctx);
  const names = (items: ReadonlyArray<{ name: string }>) => items.map((i) => i.name).join(", ");
  return [
    `Languages: ${
      analysis.languages.slice(0, 6).map((l) => `${l.name} (${l.code} lines)`).join(", ") || "none"
    }`,
    analysis.stack.frameworks.length ? `Frameworks: ${names(analysis.stack.frameworks)}` : "",
    analysis.stack.testing.length ? `Testing: ${names(analysis.stack.testing)}` : "",
    analysis.stack.ci.length ? `CI: ${names(analysis.stack.ci)}` : "",
    "Tree:",
    analysis.tree,
  ].filter(Boolean).join("\n");
}

async function storyRefs(value: string, ctx: OperationContext): Promise<string[]> {
  const project = await loadProject(ctx.root);
  return project.stories.map((story) => story.ref).filter((ref) => ref.startsWith(value));
}

const PRD_FOCUS = ["new", "revise", "scope-cut"];

/** `write-prd`: draft or revise `.ai/prd.md`. */
export const writePrdPrompt: Prompt<
  { product: z.ZodOptional<z.ZodString>; mode: z.ZodOptional<z.ZodString> }
> = definePrompt({
  name: "write-prd",
  title: "Write the PRD",
  description:
    "Draft or revise .ai/prd.md from what the repository already is and the project's PRD template",
  group: "agile",
  args: {
    product: z.string().optional().describe("One line on the product, if the repo doesn't say"),
    mode: z.string().optional().describe("new, revise or scope-cut"),
  },
  complete: {
    mode: (value) => Promise.resolve(PRD_FOCUS.filter((mode) => mode.startsWith(value))),
  },
  async render(args, ctx) {
    const project = await loadProject(ctx.root);
    const existing = project.prd?.doc.raw;
    const mode = args.mode && PRD_FOCUS.includes(args.mode)
      ? args.mode
      : existing
      ? "revise"
      : "new";
    return {
      description: `PRD (${mode})`,
      messages: [{
        role: "user",
        text: [
          mode === "new"
            ? "Write the product requirements document for this project as .ai/prd.md."
            : mode === "scope-cut"
            ? "Cut the PRD's scope to what can ship first; move the rest to a 'Later' section."
            : "Revise the PRD: make goals measurable, requirements testable, and mark open questions.",
          args.product ? `The product: ${args.product}` : "",
          "Keep `status: Draft` — only the user approves it (ai doc update prd Approved).",
          "",
          "What the repository is today:",
          await stackSummary(ctx),
          "",
          existing ? `The current .ai/prd.md:\n${existing}` : `The template:\n${PRD_TEMPLATE}`,
        ].filter((line, i, all) => !(line === "" && all[i - 1] === "")).join("\n"),
      }],
    };
  },
});

const ARCH_FOCUS = ["overview", "data", "api", "deployment", "testing"];

/** `write-architecture`: draft or revise `.ai/arch.md` from the PRD and the code. */
export const writeArchitecturePrompt: Prompt<{ focus: z.ZodOptional<z.ZodString> }> = definePrompt({
  name: "write-architecture",
  title: "Write the architecture",
  description:
    "Draft or revise .ai/arch.md from the approved PRD and the repository's real structure and stack",
  group: "agile",
  args: {
    focus: z.string().optional().describe("overview, data, api, deployment or testing"),
  },
  complete: {
    focus: (value) => Promise.resolve(ARCH_FOCUS.filter((focus) => focus.startsWith(value))),
  },
  async render(args, ctx) {
    const project = await loadProject(ctx.root);
    const prd = project.prd;
    const focus = args.focus && ARCH_FOCUS.includes(args.focus) ? args.focus : "overview";
    const gate = prd?.status === "Approved"
      ? ""
      : "The PRD is not Approved yet: say so first, and only sketch the architecture as a proposal.";
    return {
      description: `Architecture (${focus})`,
      messages: [{
        role: "user",
        text: [
          `Write the architecture document .ai/arch.md, concentrating on: ${focus}.`,
          gate,
          "Describe what exists (from the analysis) separately from what is planned; keep `status: Draft`.",
          "",
          prd ? `The PRD (${prd.status ?? "no status"}):\n${prd.doc.raw}` : "There is no PRD yet.",
          "",
          "The repository:",
          await stackSummary(ctx),
          "",
          project.arch
            ? `The current .ai/arch.md:\n${project.arch.doc.raw}`
            : `The template:\n${ARCH_TEMPLATE}`,
        ].filter(Boolean).join("\n"),
      }],
    };
  },
});

/** `next-story`: what to do next on the board, with everything needed to do it. */
export const nextStoryPrompt: Prompt<{ epic: z.ZodOptional<z.ZodString> }> = definePrompt({
  name: "next-story",
  title: "Next story",
  description:
    "Pick up the .ai/ workflow where it stands: the next step and why, the current story in full, the PRD and architecture in brief",
  group: "agile",
  args: { epic: z.string().optional().describe("Only consider this epic (a number)") },
  complete: {
    epic: async (value, ctx) =>
      (await loadProject(ctx.root)).epics.map((epic) => String(epic.epic)).filter((n) =>
        n.startsWith(value)
      ),
  },
  async render(args, ctx) {
    const project = await loadProject(ctx.root);
    const step = nextStep(project);
    const context = await invoke(aiContext, {}, ctx);
    const epic = args.epic ? `Stay within epic ${args.epic}.` : "";
    return {
      description: `Next: ${step.action}`,
      messages: [{
        role: "user",
        text: [
          `Next step: ${step.action} — ${step.reason}`,
          epic,
          "Follow the workflow's gates: never code a story that is not InProgress; tick tasks with ai story update as you finish them; move it to Review when every criterion holds, and let the user mark it Done.",
          "",
          context.markdown,
        ].filter(Boolean).join("\n"),
      }],
    };
  },
});

/** `tdd-cycle`: one red-green-refactor cycle on the current story's criteria. */
export const tddCyclePrompt: Prompt<{ story: z.ZodOptional<z.ZodString> }> = definePrompt({
  name: "tdd-cycle",
  title: "TDD cycle",
  description:
    "Drive one red → green → refactor cycle from a story's unticked acceptance criteria, with the project's test setup",
  group: "agile",
  args: {
    story: z.string().optional().describe("Story ref like epic-1/story-2 (default: current)"),
  },
  complete: { story: storyRefs },
  async render(args, ctx) {
    const project = await loadProject(ctx.root);
    const story = args.story
      ? project.stories.find((s) => s.ref === args.story)
      : project.stories.find((s) => s.status === "InProgress") ??
        project.stories.find((s) => s.status === "Approved");
    const analysis = await invoke(analyzeRepository, { write: false, treeDepth: 1 }, ctx);
    const testing = analysis.stack.testing.map((t) => `${t.name} (${t.evidence.join(", ")})`);
    const open = story?.doc.criteria.filter((c) => !c.checked).map((c) => `- ${c.text}`) ?? [];
    return {
      description: story ? `TDD on ${story.ref}` : "TDD cycle",
      messages: [{
        role: "user",
        text: [
          story
            ? `Work test-first on ${story.ref} (${story.title ?? "untitled"}, ${
              story.status ?? "no status"
            }).`
            : "There is no InProgress or Approved story: create or approve one first (ai story create / ai story update).",
          "1. Red: write one failing test for the first open criterion below; run it and show it fails for the right reason.",
          "2. Green: write the least code that passes it; run the whole suite.",
          "3. Refactor with the suite green; then tick the criterion (ai story update --tick) and repeat.",
          "Check generated code with check_code before running it; run_sandboxed can run snippets and their tests in isolation.",
          "",
          `Test setup: ${testing.join("; ") || "none detected — propose one that fits the stack"}`,
          "",
          open.length ? `Open acceptance criteria:\n${open.join("\n")}` : "",
          story ? `\nThe story:\n${story.doc.raw}` : "",
        ].filter(Boolean).join("\n"),
      }],
    };
  },
});
