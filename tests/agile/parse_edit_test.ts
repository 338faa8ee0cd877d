import assert from "node:assert/strict";
import {
  addChecklistItems,
  frontField,
  listOf,
  parseAgileDoc,
  parseStoryStatus,
  removeFrontField,
  setChecked,
  setFrontFields,
  setStatusText,
} from "../../src/agile/mod.ts";
import { ValidationError } from "../../src/core/mod.ts";

Deno.test("parseAgileDoc() reads titles that are not YAML, every list style and both status places", () => {
  const doc = parseAgileDoc(
    "---\ntitle: Login: first cut\nstatus: In Progress # started Monday\ndependencies:\n  - epic-1/story-1\n  - 'epic-2/story-3'\n---\n# Ignored heading\n",
  );
  assert.equal(doc.title, "Login: first cut");
  assert.deepEqual(doc.status, { value: "In Progress", source: "front", line: 3, column: 9 });
  assert.equal(parseStoryStatus(doc.status!.value), "InProgress");
  assert.deepEqual(listOf(frontField(doc, "dependencies")!), ["epic-1/story-1", "epic-2/story-3"]);
  const flow = parseAgileDoc('---\ndependencies: [epic-1/story-1, "epic-1/story-2"]\n---\n');
  assert.deepEqual(listOf(frontField(flow, "dependencies")!), ["epic-1/story-1", "epic-1/story-2"]);
  const commas = parseAgileDoc("---\ndependencies: epic-1/story-1, epic-1/story-2\n---\n");
  assert.deepEqual(listOf(frontField(commas, "dependencies")!), [
    "epic-1/story-1",
    "epic-1/story-2",
  ]);
  const legacy = parseAgileDoc("# Shop PRD\n\n## Status: Approved (by Ann)\n");
  assert.deepEqual(legacy.status, { value: "Approved", source: "body", line: 3, column: 12 });
  assert.equal(legacy.title, "Shop PRD");
});

Deno.test("parseAgileDoc() reads checklists per section, skipping code and struck-through items", () => {
  const doc = parseAgileDoc(
    [
      "## Acceptance Criteria",
      "- [x] One",
      "* [X] Two",
      "### Details stay in the section",
      "- [ ] Three",
      "## Tasks",
      "```",
      "- [ ] not a task",
      "```",
      "- [ ] ~~Dropped~~",
      "  - [x] Nested",
      "## Notes",
      "- [ ] not a task either, see [x](a.md) and `[y](b.md)`",
    ].join("\n"),
  );
  assert.deepEqual(doc.criteria.map((i) => [i.index, i.text, i.checked, i.line]), [
    [1, "One", true, 2],
    [2, "Two", true, 3],
    [3, "Three", false, 5],
  ]);
  assert.deepEqual(doc.tasks.map((i) => [i.index, i.text, i.checked, i.skipped]), [
    [1, "~~Dropped~~", false, true],
    [2, "Nested", true, false],
  ]);
  assert.deepEqual(doc.links, [{ target: "a.md", line: 13, column: 34 }]);
});

Deno.test("parseAgileDoc() never throws on odd input", () => {
  for (
    const text of ["", "---", "---\n", "\ufeff---\nstatus: Draft\n---\n", "- [ ]", "---\n---\n"]
  ) {
    const doc = parseAgileDoc(text);
    assert.equal(doc.lines.map((l) => l.text + l.eol).join(""), text);
  }
  assert.equal(parseAgileDoc("\ufeff---\nstatus: Draft\n---\n").status?.value, "Draft");
  assert.equal(parseAgileDoc("---\nstatus: Draft\n").front?.closed, false);
});

Deno.test("setFrontFields() and removeFrontField() touch only their lines", () => {
  const text = "---\r\ntitle: A\r\nstatus: Draft\r\nowner: me\r\n---\r\nBody\r\n";
  assert.equal(
    setFrontFields(text, { blockedFrom: "Approved" }),
    "---\r\ntitle: A\r\nstatus: Draft\r\nowner: me\r\nblockedFrom: Approved\r\n---\r\nBody\r\n",
  );
  assert.equal(
    setFrontFields(text, { title: "Login: v2" }),
    '---\r\ntitle: "Login: v2"\r\nstatus: Draft\r\nowner: me\r\n---\r\nBody\r\n',
  );
  const list = "---\ndependencies:\n  - epic-1/story-1\ntitle: A\n---\n";
  assert.equal(
    setFrontFields(list, { dependencies: "[]" }, { raw: true }),
    "---\ndependencies: []\ntitle: A\n---\n",
  );
  assert.equal(removeFrontField(list, "dependencies"), "---\ntitle: A\n---\n");
  assert.equal(removeFrontField(text, "missing"), text);
  assert.throws(
    () => setFrontFields("---\ntitle: A\n", { status: "Draft" }, { file: ".ai/prd.md" }),
    (error: unknown) =>
      error instanceof ValidationError && error.file === ".ai/prd.md" && error.line === 1,
  );
});

Deno.test("setStatusText() keeps a note after a body status, and setChecked() one character", () => {
  assert.equal(
    setStatusText("**Status:** Draft (new)\n", "Approved"),
    "**Status:** Approved (new)\n",
  );
  const text = "## Tasks\n- [X] A\n";
  const item = parseAgileDoc(text).tasks[0]!;
  assert.equal(setChecked(text, { item, checked: true }), text, "already ticked: unchanged");
  assert.equal(setChecked(text, { item, checked: false }), "## Tasks\n- [ ] A\n");
});

Deno.test("addChecklistItems() adds to an empty section, or appends a missing one", () => {
  assert.equal(
    addChecklistItems("## Tasks\n\n## Notes\n", ["A", "B"]),
    "## Tasks\n\n- [ ] A\n- [ ] B\n\n## Notes\n",
  );
  assert.equal(
    addChecklistItems("# Story\nText", ["A"]),
    "# Story\nText\n\n## Tasks\n\n- [ ] A\n",
  );
  assert.equal(
    addChecklistItems("## Acceptance criteria\n* [x] Old\n", ["New"], { kind: "criterion" }),
    "## Acceptance criteria\n* [x] Old\n* [ ] New\n",
  );
  assert.equal(addChecklistItems("x\n", []), "x\n");
});
