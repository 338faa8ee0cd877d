/**
 * Checks an `.ai/` folder: front blocks, statuses, numbering, dependencies,
 * links, and states the status machine would never produce.
 *
 * @module
 */
import { checkLinks } from "./_validate_links.ts";
import { checkNumbering, reportStray } from "./_validate_layout.ts";
import { docLabel } from "./check_doc_transition.ts";
import type { AgileDoc } from "./parse_agile_doc.ts";
import { frontField, intOf, scalarOf } from "./parse_agile_doc.ts";
import { type AiProject, docState, type StoryRecord, unticked } from "./load_project.ts";
import { DOC_STATUSES, parseDocStatus, parseStoryStatus, STORY_STATUSES } from "./status.ts";
import { AI_DIR, formatStoryRef, tryParseStoryRef } from "./story_ref.ts";

/** One problem found by {@linkcode validateProject}. */
export interface AgileDiagnostic {
  /** Workspace-relative file (or folder). */
  file: string;
  /** 1-based line (1 for problems of a whole file). */
  line: number;
  /** 1-based column, when it points inside a line. */
  column?: number;
  /**
   * Stable code: `no-ai-folder`, `missing-doc`, `unreadable`, `front-block-unclosed`,
   * `no-front-block`, `missing-field`, `bad-status`, `bad-field`, `number-mismatch`,
   * `bad-dependency`, `broken-dependency`, `self-dependency`, `duplicate-story`,
   * `duplicate-epic`, `story-gap`, `epic-gap`, `done-unticked`, `in-progress-unapproved`,
   * `blocked-from-missing`, `blocked-from-stale`, `broken-link`, `flat-story`, `story-file-name`.
   */
  code: string;
  /** Errors fail `ai validate`; warnings do not. */
  severity: "error" | "warning";
  /** What is wrong, std style (no final period). */
  message: string;
  /** One sentence saying how to fix it. */
  hint: string;
}

type Report = (diagnostic: AgileDiagnostic) => void;

/**
 * Validates a project. Requires `--allow-read` (links are checked on disk).
 *
 * @param project The loaded project.
 * @param root Real absolute workspace root, for link checks.
 * @returns Diagnostics sorted by file, line and column.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { validateProject } from "./validate_project.ts";
 * const empty = { exists: false, prd: undefined, arch: undefined, epics: [], stories: [], strays: [] };
 * const [first] = await validateProject(empty, Deno.cwd());
 * assert.equal(first?.code, "no-ai-folder");
 * ```
 */
export async function validateProject(
  project: AiProject,
  root: string,
): Promise<AgileDiagnostic[]> {
  const out: AgileDiagnostic[] = [];
  const report: Report = (diagnostic) => void out.push(diagnostic);
  if (!project.exists) {
    report({
      file: AI_DIR,
      line: 1,
      code: "no-ai-folder",
      severity: "error",
      message: "There is no .ai/ folder",
      hint: "Run `codegen-lab ai init` to create it with a PRD and an architecture to fill in",
    });
    return out;
  }
  for (const kind of ["prd", "arch"] as const) {
    const record = project[kind];
    if (!record) {
      report({
        file: `${AI_DIR}/${kind}.md`,
        line: 1,
        code: "missing-doc",
        severity: "error",
        message: `${capital(docLabel(kind))} is missing`,
        hint: "Run `codegen-lab ai init` to create it from the template",
      });
      continue;
    }
    checkFront(record.path, record.doc, ["title", "status"], report);
    checkStatus(record.path, record.doc, DOC_STATUSES, report);
  }
  for (const stray of project.strays) reportStray(stray.path, stray.reason, report);
  checkNumbering(project, report);
  for (const story of project.stories) checkStory(project, story, report);
  for (const record of [project.prd, project.arch, ...project.stories]) {
    if (record) await checkLinks(root, record.path, record.doc, report);
  }
  return out.sort((a, b) =>
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line ||
    (a.column ?? 0) - (b.column ?? 0)
  );
}

function capital(text: string): string {
  return text[0]!.toUpperCase() + text.slice(1);
}

function checkFront(
  file: string,
  doc: AgileDoc,
  required: readonly string[],
  report: Report,
): void {
  if (doc.front === undefined) {
    report({
      file,
      line: 1,
      code: "no-front-block",
      severity: "warning",
      message: "The file has no front block; its status is read from the body",
      hint: `Start it with a front block: "---", ${
        required.map((key) => `${key}: …`).join(", ")
      }, "---"`,
    });
    return;
  }
  if (!doc.front.closed) {
    report({
      file,
      line: 1,
      code: "front-block-unclosed",
      severity: "error",
      message: "The front block opened on line 1 is never closed, so no field is read",
      hint: 'Add a line containing only "---" after the last field',
    });
    return;
  }
  for (const key of required) {
    const field = frontField(doc, key);
    if (field && scalarOf(field) !== "") continue;
    report({
      file,
      line: field?.line ?? doc.front.endLine!,
      code: "missing-field",
      severity: "error",
      message: `Required field "${key}" is ${field ? "empty" : "missing"}`,
      hint: `Add "${key}: …" to the front block`,
    });
  }
}

function checkStatus(
  file: string,
  doc: AgileDoc,
  allowed: readonly string[],
  report: Report,
): void {
  if (doc.status === undefined) {
    if (doc.front === undefined) {
      report({
        file,
        line: 1,
        code: "missing-field",
        severity: "error",
        message: 'Required field "status" is missing',
        hint: 'Add a front block with "status: Draft"',
      });
    }
    return;
  }
  const known = allowed === DOC_STATUSES
    ? parseDocStatus(doc.status.value)
    : parseStoryStatus(doc.status.value);
  if (known !== undefined) return;
  report({
    file,
    line: doc.status.line,
    column: doc.status.column,
    code: "bad-status",
    severity: "error",
    message: `Status "${doc.status.value}" is not one of ${allowed.join(", ")}`,
    hint: `Write one of ${allowed.join(", ")}`,
  });
}

function checkStory(project: AiProject, story: StoryRecord, report: Report): void {
  const { doc, path: file } = story;
  checkFront(file, doc, ["title", "status", "epic", "story", "points"], report);
  checkStatus(file, doc, STORY_STATUSES, report);
  for (
    const [key, expected] of [["epic", story.epic], ["story", story.story], [
      "points",
      undefined,
    ]] as const
  ) {
    const field = frontField(doc, key);
    if (!field || scalarOf(field) === "") continue;
    const value = intOf(field);
    if (value === undefined || value < 0) {
      report({
        file,
        line: field.line,
        code: "bad-field",
        severity: "error",
        message: `Field "${key}" must be a whole number, not "${scalarOf(field)}"`,
        hint: `Write ${key}: followed by a number such as ${expected ?? 3}`,
      });
    } else if (expected !== undefined && value !== expected) {
      report({
        file,
        line: field.line,
        code: "number-mismatch",
        severity: "error",
        message: `Field "${key}" says ${value} but the path says ${expected}`,
        hint: `Write ${key}: ${expected}, or move the file to match`,
      });
    }
  }
  const depField = frontField(doc, "dependencies");
  for (const dep of story.dependencies) {
    const id = tryParseStoryRef(dep);
    const line = depField?.line ?? 1;
    if (!id) {
      report({
        file,
        line,
        code: "bad-dependency",
        severity: "error",
        message: `Dependency "${dep}" is not a story reference`,
        hint: "Write dependencies as epic-N/story-M, such as [epic-1/story-2]",
      });
    } else if (formatStoryRef(id) === story.ref) {
      report({
        file,
        line,
        code: "self-dependency",
        severity: "error",
        message: `The story depends on itself (${dep})`,
        hint: "Remove it from dependencies",
      });
    } else if (!project.stories.some((other) => other.ref === formatStoryRef(id))) {
      report({
        file,
        line,
        code: "broken-dependency",
        severity: "error",
        message: `Dependency ${formatStoryRef(id)} does not exist`,
        hint: "Fix the reference (see `codegen-lab ai status`) or remove it",
      });
    }
  }
  checkState(project, story, report);
}

function checkState(project: AiProject, story: StoryRecord, report: Report): void {
  const { doc, path: file } = story;
  const statusLine = doc.status?.line ?? 1;
  const blockedField = frontField(doc, "blockedFrom");
  if (story.status === "Blocked" && story.blockedFrom === undefined) {
    report({
      file,
      line: blockedField?.line ?? statusLine,
      code: "blocked-from-missing",
      severity: "warning",
      message:
        "The story is Blocked without a valid blockedFrom, so unblocking returns it to Draft",
      hint:
        "Add blockedFrom: with the status it had before (Draft, Approved, InProgress or Review)",
    });
  } else if (story.status !== "Blocked" && story.status !== undefined && blockedField) {
    report({
      file,
      line: blockedField.line,
      code: "blocked-from-stale",
      severity: "warning",
      message: `blockedFrom is set but the story is ${story.status}, not Blocked`,
      hint: "Remove the blockedFrom line",
    });
  }
  if (story.status === "Done") {
    const open = [...doc.criteria, ...doc.tasks].filter((item) => !item.checked && !item.skipped);
    if (open.length > 0) {
      const criteria = unticked(doc.criteria);
      const tasks = unticked(doc.tasks);
      const parts = [
        ...(criteria
          ? [`${criteria} acceptance ${criteria === 1 ? "criterion" : "criteria"}`]
          : []),
        ...(tasks ? [`${tasks} ${tasks === 1 ? "task" : "tasks"}`] : []),
      ];
      report({
        file,
        line: open[0]!.line,
        code: "done-unticked",
        severity: "error",
        message: `The story is Done but ${parts.join(" and ")} ${
          open.length === 1 ? "is" : "are"
        } not ticked`,
        hint:
          "Tick what was finished, strike through (~~…~~) what was dropped, or reopen the work in a new story",
      });
    }
  }
  if (story.status === "InProgress") {
    for (const kind of ["prd", "arch"] as const) {
      const state = docState(project, kind);
      if (state === "Approved") continue;
      report({
        file,
        line: statusLine,
        ...(doc.status ? { column: doc.status.column } : {}),
        code: "in-progress-unapproved",
        severity: "error",
        message: `The story is InProgress while ${docLabel(kind)} is ${state}`,
        hint: `Block the story until ${docLabel(kind)} is approved`,
      });
    }
  }
}
