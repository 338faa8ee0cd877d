/**
 * `repo-analysis`: a prompt that hands the model the real analysis of the
 * workspace (languages, stack, tooling, tree) and asks for a focused reading.
 *
 * @module
 */
import { z } from "zod";
import { definePrompt, invoke, type Prompt } from "../core/mod.ts";
import { analyzeRepository } from "./analyze_repository.ts";
import { renderReportMarkdown } from "./report_markdown.ts";
import { recommendRules } from "./recommend.ts";
import { stackFactsOf } from "./recommend_rules.ts";

const FOCUS = ["overview", "architecture", "testing", "tooling", "risks", "onboarding"];

/** `repo-analysis`: read the repository with its real analysis in hand. */
export const repoAnalysisPrompt: Prompt<
  { focus: z.ZodOptional<z.ZodString>; depth: z.ZodOptional<z.ZodString> }
> = definePrompt({
  name: "repo-analysis",
  title: "Analyse the repository",
  description:
    "Explain the repository from its real analysis (languages, frameworks, tests, CI, AI config, tree) with a chosen focus, and suggest the Cursor rules it needs",
  group: "analysis",
  args: {
    focus: z.string().optional().describe(
      "overview, architecture, testing, tooling, risks or onboarding",
    ),
    depth: z.string().optional().describe("Levels of the directory tree to include (1-6)"),
  },
  complete: {
    focus: (value) => Promise.resolve(FOCUS.filter((focus) => focus.startsWith(value))),
    depth: (value) =>
      Promise.resolve(["1", "2", "3", "4", "5", "6"].filter((d) => d.startsWith(value))),
  },
  async render(args, ctx) {
    const depth = Math.min(6, Math.max(1, Number(args.depth ?? "3") || 3));
    const analysis = await invoke(analyzeRepository, { write: false, treeDepth: depth }, ctx);
    const focus = args.focus && FOCUS.includes(args.focus) ? args.focus : "overview";
    const recommendations = recommendRules(stackFactsOf(analysis), [], { minConfidence: 0.6 })
      .slice(0, 12)
      .map((rec) => `- ${rec.id} (${rec.confidence}): ${rec.reasons.join("; ")}`);
    const asks: Record<string, string> = {
      overview: "Summarise what this project is, how it is built and how it is tested.",
      architecture:
        "Describe the architecture: the main modules, how they depend on each other, and where the entry points are.",
      testing:
        "Assess the test setup: frameworks, where tests live, what looks untested, and how to run them.",
      tooling: "Describe the tooling: package managers, linters, formatters, CI and containers.",
      risks:
        "Point out risks: missing tests, missing CI, secrets handling, unusual dependencies, oversized areas.",
      onboarding:
        "Write onboarding notes for a new developer: how to set up, run, test and where to start reading.",
    };
    return {
      description: `Repository analysis (${focus})`,
      messages: [{
        role: "user",
        text: [
          asks[focus],
          "Ground every statement in the analysis below or in files you open; say when you infer.",
          "",
          renderReportMarkdown(analysis),
          "Rules the catalogue recommends for this stack (create them with recommend_rules --apply if the user agrees):",
          recommendations.length > 0 ? recommendations.join("\n") : "- none above 0.6 confidence",
        ].join("\n"),
      }],
    };
  },
});
