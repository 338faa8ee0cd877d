/**
 * `rule-workflow`: a prompt that walks the model through the 5-phase rule
 * workflow from its real, persisted state.
 *
 * @module
 */
import { z } from "zod";
import { definePrompt, type Prompt } from "../core/mod.ts";
import { workflowBriefing } from "./rule_workflow.ts";

const GOALS = ["start", "continue", "review"];

/** `rule-workflow`: run or continue the 5-phase rule workflow. */
export const ruleWorkflowPrompt: Prompt<{ goal: z.ZodOptional<z.ZodString> }> = definePrompt({
  name: "rule-workflow",
  title: "Cursor rules workflow",
  description:
    "Run the 5-phase rule workflow (analyse → recommend → generate drafts → validate and save → deploy), starting from its saved state",
  group: "workflows",
  args: {
    goal: z.string().optional().describe("start a new workflow, continue the latest, or review it"),
  },
  complete: {
    goal: (value) => Promise.resolve(GOALS.filter((goal) => goal.startsWith(value))),
  },
  async render(args, ctx) {
    const goal = args.goal && GOALS.includes(args.goal) ? args.goal : "continue";
    const briefing = await workflowBriefing(ctx.root);
    const steps = goal === "start"
      ? "Call workflow_start, then workflow_advance once per phase."
      : goal === "review"
      ? "Review what the workflow produced so far (its files below) and point out anything to fix before the next phase."
      : "Call workflow_status, then workflow_resume (it re-runs a failed or interrupted phase) or workflow_advance.";
    return {
      description: `Rule workflow: ${goal}`,
      messages: [{
        role: "user",
        text: [
          "Take this project through the Cursor rules workflow, one phase at a time.",
          steps,
          "After each phase, show the user its output (recommendations with reasons, the drafts, the validation result, the files deploy changed) and wait for their go-ahead before the next phase: phases 3 to 5 write files.",
          "If a phase fails, explain the error and its hint, fix the cause, then call workflow_resume.",
          "",
          "Current state:",
          briefing,
        ].join("\n"),
      }],
    };
  },
});
