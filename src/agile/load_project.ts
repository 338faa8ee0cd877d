/**
 * Reads the whole `.ai/` folder of a workspace: the PRD, the architecture and
 * every `epic-N/story-M.story.md`, parsed tolerantly, sorted by epic and story.
 *
 * @module
 */
import { join } from "node:path";
import { NotFoundError, resolveInWorkspace } from "../core/mod.ts";
import type { DocKind } from "./check_doc_transition.ts";
import type { DocState, TransitionContext } from "./check_transition.ts";
import {
  type AgileDoc,
  type ChecklistItem,
  frontField,
  intOf,
  listOf,
  parseAgileDoc,
  scalarOf,
} from "./parse_agile_doc.ts";
import { type DocStatus, parseDocStatus, parseStoryStatus, type StoryStatus } from "./status.ts";
import { AI_DIR, formatStoryRef, parseStoryRef, storyPath, tryParseStoryRef } from "./story_ref.ts";

/** A PRD or architecture file. */
export interface DocRecord {
  /** Which document. */
  kind: DocKind;
  /** Workspace-relative path. */
  path: string;
  /** The parsed text. */
  doc: AgileDoc;
  /** Its status, if valid. */
  status: DocStatus | undefined;
  /** Last modification time. */
  modified: Date | null;
}

/** A story file. */
export interface StoryRecord {
  /** `epic-N/story-M`, from the path. */
  ref: string;
  /** Epic number, from the folder name. */
  epic: number;
  /** Story number, from the file name. */
  story: number;
  /** Workspace-relative path. */
  path: string;
  /** The parsed text. */
  doc: AgileDoc;
  /** Its status, if valid (aliases such as `In Progress` read as ours). */
  status: StoryStatus | undefined;
  /** The `title` field, or else the first `# ` heading. */
  title: string | undefined;
  /** The `points` field, if a whole number. */
  points: number | undefined;
  /** The `dependencies` field, as written. */
  dependencies: string[];
  /** For a Blocked story: the status it had before, if valid. */
  blockedFrom: StoryStatus | undefined;
  /** Last modification time. */
  modified: Date | null;
}

/** An epic folder and its stories. */
export interface EpicRecord {
  /** Epic number. */
  epic: number;
  /** Workspace-relative folder path. */
  path: string;
  /** Its stories, by number. */
  stories: StoryRecord[];
}

/** A file that looks like part of the workflow but is not read as such. */
export interface StrayFile {
  /** Workspace-relative path. */
  path: string;
  /** `flat-story`: `.ai/story-N.story.md` (older layout); `story-name`: a badly named story file; `unreadable`: not UTF-8 text. */
  reason: "flat-story" | "story-name" | "unreadable";
}

/** Everything in `.ai/`. */
export interface AiProject {
  /** Whether `.ai/` exists. */
  exists: boolean;
  /** `.ai/prd.md`, if present. */
  prd: DocRecord | undefined;
  /** `.ai/arch.md`, if present. */
  arch: DocRecord | undefined;
  /** Epic folders, by number. */
  epics: EpicRecord[];
  /** Every story, by epic then story number. */
  stories: StoryRecord[];
  /** Files not read as workflow documents. */
  strays: StrayFile[];
}

/**
 * Reads `.ai/`. A missing folder gives an empty project (`exists: false`).
 * Requires `--allow-read` on the workspace.
 *
 * @param root Real absolute workspace root.
 * @returns The project.
 * @throws {CodegenError} PERMISSION_DENIED when `.ai/` leads outside the workspace.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadProject } from "./load_project.ts";
 * const root = await Deno.realPath(await Deno.makeTempDir({ prefix: "codegen_lab_" }));
 * await Deno.mkdir(`${root}/.ai/epic-1`, { recursive: true });
 * await Deno.writeTextFile(`${root}/.ai/epic-1/story-1.story.md`, "---\ntitle: A\nstatus: Draft\n---\n");
 * const project = await loadProject(root);
 * assert.deepEqual(project.stories.map((s) => [s.ref, s.status]), [["epic-1/story-1", "Draft"]]);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export async function loadProject(root: string): Promise<AiProject> {
  const project: AiProject = {
    exists: false,
    prd: undefined,
    arch: undefined,
    epics: [],
    stories: [],
    strays: [],
  };
  const dir = await resolveInWorkspace(root, AI_DIR);
  const info = await Deno.stat(dir.absolute).catch(() => undefined);
  if (!info?.isDirectory) return project;
  project.exists = true;
  for (const entry of await sortedEntries(dir.absolute)) {
    const path = `${AI_DIR}/${entry.name}`;
    const epicMatch = /^epic-0*([1-9]\d*)$/.exec(entry.name);
    if (entry.isDirectory && epicMatch) {
      const epic: EpicRecord = { epic: Number(epicMatch[1]), path, stories: [] };
      project.epics.push(epic);
      for (const file of await sortedEntries(join(dir.absolute, entry.name))) {
        if (!file.isFile || !file.name.endsWith(".md")) continue;
        const storyMatch = /^story-0*([1-9]\d*)\.story\.md$/.exec(file.name);
        const filePath = `${path}/${file.name}`;
        if (!storyMatch) {
          if (/story/i.test(file.name)) {
            project.strays.push({ path: filePath, reason: "story-name" });
          }
          continue;
        }
        const loaded = await readDoc(root, filePath);
        if (!loaded) {
          project.strays.push({ path: filePath, reason: "unreadable" });
          continue;
        }
        epic.stories.push(storyRecord(epic.epic, Number(storyMatch[1]), filePath, loaded));
      }
      // Same number: the canonically named file (no leading zeros) first, so it is the one a reference finds.
      epic.stories.sort((a, b) =>
        a.story - b.story || Number(a.path !== storyPath(a)) - Number(b.path !== storyPath(b)) ||
        (a.path < b.path ? -1 : 1)
      );
    } else if (entry.isFile && (entry.name === "prd.md" || entry.name === "arch.md")) {
      const kind = entry.name === "prd.md" ? "prd" : "arch";
      const loaded = await readDoc(root, path);
      if (!loaded) {
        project.strays.push({ path, reason: "unreadable" });
        continue;
      }
      const status = loaded.doc.status ? parseDocStatus(loaded.doc.status.value) : undefined;
      project[kind] = { kind, path, ...loaded, status };
    } else if (entry.isFile && /^story-\d+\.story\.md$/.test(entry.name)) {
      project.strays.push({ path, reason: "flat-story" });
    }
  }
  project.epics.sort((a, b) =>
    a.epic - b.epic || Number(a.path !== `${AI_DIR}/epic-${a.epic}`) -
      Number(b.path !== `${AI_DIR}/epic-${b.epic}`) ||
    (a.path < b.path ? -1 : 1)
  );
  project.stories = project.epics.flatMap((epic) => epic.stories);
  return project;
}

async function sortedEntries(dir: string): Promise<Deno.DirEntry[]> {
  const entries: Deno.DirEntry[] = [];
  for await (const entry of Deno.readDir(dir)) entries.push(entry);
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function readDoc(
  root: string,
  path: string,
): Promise<{ doc: AgileDoc; modified: Date | null } | undefined> {
  const file = await resolveInWorkspace(root, path);
  const bytes = await Deno.readFile(file.absolute);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
  if (text.includes("\0")) return undefined;
  const { mtime } = await Deno.stat(file.absolute);
  return { doc: parseAgileDoc(text), modified: mtime };
}

function storyRecord(
  epic: number,
  story: number,
  path: string,
  loaded: { doc: AgileDoc; modified: Date | null },
): StoryRecord {
  const { doc } = loaded;
  const points = frontField(doc, "points");
  const dependencies = frontField(doc, "dependencies");
  const blockedField = frontField(doc, "blockedFrom");
  const blockedFrom = blockedField ? parseStoryStatus(scalarOf(blockedField)) : undefined;
  return {
    ref: formatStoryRef({ epic, story }),
    epic,
    story,
    path,
    doc,
    status: doc.status ? parseStoryStatus(doc.status.value) : undefined,
    title: doc.title,
    points: points ? intOf(points) : undefined,
    dependencies: dependencies ? listOf(dependencies) : [],
    blockedFrom: blockedFrom === "Done" || blockedFrom === "Blocked" ? undefined : blockedFrom,
    modified: loaded.modified,
  };
}

/**
 * Finds a story by reference.
 *
 * @param project The project.
 * @param ref `epic-N/story-M` (or the story's path).
 * @returns The story.
 * @throws {UsageError} USAGE when the reference is malformed.
 * @throws {NotFoundError} NOT_FOUND when there is no such story.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { findStory } from "./load_project.ts";
 * const project = { exists: true, prd: undefined, arch: undefined, epics: [], stories: [], strays: [] };
 * assert.throws(() => findStory(project, "epic-1/story-1"), { code: "NOT_FOUND" });
 * ```
 */
export function findStory(project: AiProject, ref: string): StoryRecord {
  const wanted = formatStoryRef(parseStoryRef(ref));
  const story = project.stories.find((candidate) => candidate.ref === wanted);
  if (story) return story;
  throw new NotFoundError(
    `Cannot find story ${wanted}: ${AI_DIR}/${wanted}.story.md does not exist`,
    {
      hint:
        "See the stories with `codegen-lab ai status`, or create one with `codegen-lab ai story create`",
    },
  );
}

/**
 * The state of the PRD or the architecture as the guards see it: `missing`
 * when absent, `Draft` when its status is not a valid one.
 *
 * @param project The project.
 * @param kind Which document.
 * @returns Its state.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { docState } from "./load_project.ts";
 * const project = { exists: false, prd: undefined, arch: undefined, epics: [], stories: [], strays: [] };
 * assert.equal(docState(project, "prd"), "missing");
 * ```
 */
export function docState(project: AiProject, kind: DocKind): DocState {
  const doc = project[kind];
  return doc === undefined ? "missing" : doc.status ?? "Draft";
}

/**
 * How many items are neither ticked nor skipped.
 *
 * @param items Checklist items.
 * @returns The count.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseAgileDoc, unticked } from "./mod.ts";
 * const doc = parseAgileDoc("## Tasks\n- [x] a\n- [ ] b\n- [ ] ~~c~~\n");
 * assert.equal(unticked(doc.tasks), 1);
 * ```
 */
export function unticked(items: readonly ChecklistItem[]): number {
  return items.filter((item) => !item.checked && !item.skipped).length;
}

/**
 * Builds the context {@linkcode checkTransition} needs for a story.
 *
 * @param project The project.
 * @param story One of its stories (possibly with edited text).
 * @returns The guard context.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { transitionContextFor } from "./load_project.ts";
 * const project = { exists: false, prd: undefined, arch: undefined, epics: [], stories: [], strays: [] };
 * const story = { ref: "epic-1/story-1", epic: 1, story: 1, dependencies: [], blockedFrom: undefined,
 *   doc: { criteria: [], tasks: [] } } as never;
 * assert.equal(transitionContextFor(project, story).prd, "missing");
 * ```
 */
export function transitionContextFor(project: AiProject, story: StoryRecord): TransitionContext {
  const previous = project.stories.filter((other) =>
    other.epic === story.epic && other.story < story.story
  ).at(-1);
  return {
    ref: story.ref,
    prd: docState(project, "prd"),
    arch: docState(project, "arch"),
    blockedFrom: story.blockedFrom,
    previous: previous ? { ref: previous.ref, status: previous.status } : undefined,
    dependencies: story.dependencies.map((dep) => {
      const id = tryRef(dep);
      const found = id && project.stories.find((other) => other.ref === id);
      return found ? { ref: found.ref, status: found.status } : { ref: dep, missing: true };
    }),
    untickedCriteria: unticked(story.doc.criteria),
    untickedTasks: unticked(story.doc.tasks),
  };
}

function tryRef(text: string): string | undefined {
  const id = tryParseStoryRef(text);
  return id ? formatStoryRef(id) : undefined;
}
