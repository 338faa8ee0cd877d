/**
 * Shared helpers of the agile tests: document texts and a temp workspace
 * with an in-process runner.
 */
import {
  type AnyOperation,
  CodegenError,
  invoke,
  type OperationContext,
  testContext,
} from "../../src/core/mod.ts";
import { makeWorkspace, removeWorkspace } from "../_support.ts";

/** A PRD or architecture file with the given status. */
export function docText(title: string, status: string): string {
  return `---\ntitle: ${title}\nstatus: ${status}\n---\n# ${title}\n\n## Introduction\n\nWhat it is.\n`;
}

/** Options of {@linkcode storyText}. */
export interface StoryOptions {
  epic?: number;
  story?: number;
  title?: string;
  status?: string;
  points?: number;
  dependencies?: string[];
  blockedFrom?: string;
  criteria?: Array<[string, boolean]>;
  tasks?: Array<[string, boolean]>;
}

/** A story file. Every item is ticked unless given. */
export function storyText(options: StoryOptions = {}): string {
  const {
    epic = 1,
    story = 1,
    title = `Story ${epic}.${story}`,
    status = "Draft",
    points = 2,
    dependencies = [],
    blockedFrom,
    criteria = [["It works", true]],
    tasks = [["Build it", true]],
  } = options;
  const box = ([text, done]: [string, boolean]): string => `- [${done ? "x" : " "}] ${text}`;
  return [
    "---",
    `title: ${title}`,
    `status: ${status}`,
    `epic: ${epic}`,
    `story: ${story}`,
    `points: ${points}`,
    `dependencies: [${dependencies.join(", ")}]`,
    ...(blockedFrom ? [`blockedFrom: ${blockedFrom}`] : []),
    "---",
    `# Epic-${epic} - Story-${story}: ${title}`,
    "",
    "## Acceptance criteria",
    "",
    ...criteria.map(box),
    "",
    "## Tasks",
    "",
    ...tasks.map(box),
    "",
  ].join("\n");
}

// deno-lint-ignore no-explicit-any
export type Run = (op: AnyOperation, input: unknown) => Promise<any>;

/** Runs `fn` in a temp workspace holding `files`, then removes it. */
export async function withProject(
  files: Record<string, string>,
  fn: (root: string, run: Run, ctx: OperationContext) => Promise<void>,
): Promise<void> {
  const root = await makeWorkspace(files);
  const ctx = await testContext(root);
  try {
    await fn(root, (op, input) => invoke(op, input, ctx), ctx);
  } finally {
    await removeWorkspace(root);
  }
}

/** Awaits a rejection and returns the CodegenError (fails otherwise). */
export async function rejection(promise: Promise<unknown>): Promise<CodegenError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CodegenError) return error;
    throw error;
  }
  throw new Error("Expected a rejection");
}

/** PRD and architecture, both Approved. */
export const APPROVED_DOCS: Record<string, string> = {
  ".ai/prd.md": docText("Shop PRD", "Approved"),
  ".ai/arch.md": docText("Shop architecture", "Approved"),
};
