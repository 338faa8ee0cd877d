/**
 * Private: the layout checks of `validate_project.ts`: stray files, duplicate
 * and skipped epic and story numbers.
 *
 * @module
 */
import type { AiProject } from "./load_project.ts";
import type { AgileDiagnostic } from "./validate_project.ts";

type Report = (diagnostic: AgileDiagnostic) => void;

/** Reports a file that is not read as a workflow document. */
export function reportStray(file: string, reason: string, report: Report): void {
  if (reason === "unreadable") {
    report({
      file,
      line: 1,
      code: "unreadable",
      severity: "error",
      message: "The file is not UTF-8 text",
      hint: "Save it again as UTF-8",
    });
  } else if (reason === "flat-story") {
    report({
      file,
      line: 1,
      code: "flat-story",
      severity: "warning",
      message: "Stories directly in .ai/ (the older layout) are not read",
      hint: "Move it into its epic folder, such as .ai/epic-1/, keeping the story-N.story.md name",
    });
  } else {
    report({
      file,
      line: 1,
      code: "story-file-name",
      severity: "warning",
      message: "The file looks like a story but is not named story-N.story.md, so it is not read",
      hint: "Rename it to story-N.story.md with the story's number",
    });
  }
}

/** Reports duplicate and skipped epic and story numbers. */
export function checkNumbering(project: AiProject, report: Report): void {
  const epicSeen = new Map<number, string>();
  let expectedEpic = 1;
  for (const epic of project.epics) {
    const earlier = epicSeen.get(epic.epic);
    if (earlier !== undefined) {
      report({
        file: epic.path,
        line: 1,
        code: "duplicate-epic",
        severity: "error",
        message: `Epic number ${epic.epic} is also used by ${earlier}`,
        hint: "Merge the two folders or renumber one of them",
      });
      continue;
    }
    epicSeen.set(epic.epic, epic.path);
    if (epic.epic > expectedEpic) {
      report({
        file: epic.path,
        line: 1,
        code: "epic-gap",
        severity: "warning",
        message: `Epic numbers skip ${range("epic", expectedEpic, epic.epic - 1)}`,
        hint: "Renumber the epics so they run 1, 2, 3…, or create the missing one",
      });
    }
    expectedEpic = epic.epic + 1;
    const seen = new Map<number, string>();
    let expected = 1;
    for (const story of epic.stories) {
      const before = seen.get(story.story);
      if (before !== undefined) {
        report({
          file: story.path,
          line: 1,
          code: "duplicate-story",
          severity: "error",
          message: `Story number ${story.story} of epic-${epic.epic} is also used by ${before}`,
          hint: "Renumber one of them to the next free number (and update its front block)",
        });
        continue;
      }
      seen.set(story.story, story.path);
      if (story.story > expected) {
        report({
          file: story.path,
          line: 1,
          code: "story-gap",
          severity: "warning",
          message: `Story numbers of epic-${epic.epic} skip ${
            range("story", expected, story.story - 1)
          }`,
          hint:
            "Renumber the stories so they run 1, 2, 3…; the story before a gap counts as the previous one",
        });
      }
      expected = story.story + 1;
    }
  }
}

function range(word: string, from: number, to: number): string {
  return from === to ? `${word}-${from}` : `${word}-${from} to ${word}-${to}`;
}
