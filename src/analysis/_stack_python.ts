/**
 * Manifest readers for Python: `pyproject.toml` (PEP 621, PEP 735, Poetry,
 * uv), `requirements*.txt` and `Pipfile`.
 *
 * @module
 */
import {
  type Dep,
  dep,
  type ManifestFacts,
  noFacts,
  record,
  signal,
  strings,
} from "./_stack_facts.ts";
import { parseTomlLite } from "./_toml_lite.ts";

/** Tables under `[tool]` that reveal a linter or test runner. */
const TOOL_TABLES: ReadonlyArray<readonly [string, "linters" | "testing", string]> = [
  ["ruff", "linters", "ruff"],
  ["black", "linters", "black"],
  ["mypy", "linters", "mypy"],
  ["pylint", "linters", "pylint"],
  ["pytest", "testing", "pytest"],
];

/** Dependencies, tool tables and uv workspace of a `pyproject.toml`. */
export function readPyproject(text: string): ManifestFacts {
  const facts = noFacts();
  const doc = parseTomlLite(text);
  const project = record(doc.project);
  const requirements = [
    ...strings(project?.dependencies),
    ...Object.values(record(project?.["optional-dependencies"]) ?? {}).flatMap(strings),
    // Group entries may also be `{ include-group = "x" }` tables, which strings() drops.
    ...Object.values(record(doc["dependency-groups"]) ?? {}).flatMap(strings),
  ];
  const tool = record(doc.tool);
  const uv = record(tool?.uv);
  requirements.push(...strings(uv?.["dev-dependencies"]));
  for (const line of requirements) {
    const found = pep508(line);
    if (found) facts.deps.push(found);
  }
  const poetry = record(tool?.poetry);
  const poetryTables = [
    poetry?.dependencies,
    poetry?.["dev-dependencies"],
    ...Object.values(record(poetry?.group) ?? {}).map((group) => record(group)?.dependencies),
  ];
  for (const table of poetryTables) facts.deps.push(...tableDeps(table));
  if (poetry) facts.signals.push(signal("packageManagers", "poetry"));
  if (uv) facts.signals.push(signal("packageManagers", "uv"));
  for (const [table, category, id] of TOOL_TABLES) {
    if (tool?.[table] !== undefined) facts.signals.push(signal(category, id));
  }
  const workspace = record(uv?.workspace);
  if (workspace) {
    facts.workspace = {
      tool: "uv",
      members: [
        ...strings(workspace.members),
        ...strings(workspace.exclude).map((path) => `!${path}`),
      ],
    };
  }
  return facts;
}

/** Requirement lines of a `requirements*.txt`; options (`-r`, `-e`) and URLs are skipped. */
export function readRequirements(text: string): ManifestFacts {
  const facts = noFacts();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (line === "" || line.startsWith("-") || /^[./]|:\/\//.test(line.split(/\s|@/)[0]!)) {
      continue;
    }
    const found = pep508(line);
    if (found) facts.deps.push(found);
  }
  return facts;
}

/** `[packages]` and `[dev-packages]` of a `Pipfile`. */
export function readPipfile(text: string): ManifestFacts {
  const facts = noFacts();
  const doc = parseTomlLite(text);
  facts.deps.push(...tableDeps(doc.packages), ...tableDeps(doc["dev-packages"]));
  return facts;
}

/**
 * A PEP 508 requirement: `name[extras] spec ; markers`. The version is the
 * spec as written (`>=0.110`), without extras and markers.
 */
export function pep508(line: string): Dep | undefined {
  const match = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*([^;]*)/.exec(
    line,
  );
  if (!match) return undefined;
  let spec = match[2]!.trim();
  if (spec.startsWith("@")) spec = "";
  if (spec.startsWith("(") && spec.endsWith(")")) spec = spec.slice(1, -1).trim();
  return dep("pypi", normalizePypiName(match[1]!), spec);
}

/** PEP 503 name normalization: `Flask_SQLAlchemy` → `flask-sqlalchemy`. */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

/** `name = "spec"` or `name = { version = "spec" }` tables (Poetry, Pipfile). */
function tableDeps(table: unknown): Dep[] {
  const deps: Dep[] = [];
  for (const [name, spec] of Object.entries(record(table) ?? {})) {
    const version = typeof spec === "string" ? spec : record(spec)?.version;
    deps.push(
      dep("pypi", normalizePypiName(name), typeof version === "string" ? version : undefined),
    );
  }
  return deps;
}
