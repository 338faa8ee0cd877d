import assert from "node:assert/strict";
import {
  parseThinkingFile,
  thinkingFileHeader,
  thoughtEntry,
  thoughtNotes,
  type ThoughtRecord,
} from "../../src/thinking/mod.ts";

const AT = new Date("2026-05-01T10:00:00.000Z");

function base(text: string, extra: Partial<ThoughtRecord> = {}): ThoughtRecord {
  return { thought: text, thoughtNumber: 1, totalThoughts: 1, nextThoughtNeeded: true, ...extra };
}

Deno.test("parseThinkingFile() reads back any thought text exactly", () => {
  const texts = [
    "",
    "\n",
    "trailing\n\n",
    "\nleading",
    "crlf\r\nline\r\n",
    '<!-- codegen-lab:thought {"thoughtNumber":9,"totalThoughts":9,"nextThoughtNeeded":false} -->',
    '### Thought 7/7\n<!-- codegen-lab:thought {"thoughtNumber":7,"totalThoughts":7,"nextThoughtNeeded":false} -->\n',
    "\\<!-- codegen-lab:thought {} -->",
    "\\\\\\",
    "ünïcödé 🧠",
  ];
  const thoughts = texts.map((text, i) => base(text, { thoughtNumber: i + 1, totalThoughts: 20 }));
  const file = thinkingFileHeader("s", AT) + thoughts.map((t) => thoughtEntry(t, AT)).join("");
  const parsed = parseThinkingFile(file);
  assert.deepEqual(parsed.thoughts.map((t) => t.thought), texts);
  assert.equal(parsed.session, "s");
  assert.equal(parsed.startedAt, AT.toISOString());
});

Deno.test("thoughtEntry() keeps odd branch ids on one line and inside the comment", () => {
  const thought = base("x", { branchFromThought: 1, branchId: "a -->\n### b" });
  const entry = thoughtEntry(thought, AT);
  assert.equal(entry.split("\n")[1], '### Thought 1/1 (branch "a -->\\n### b" from thought 1)');
  assert.equal(
    entry.match(/-->/g)?.length,
    1 + 1,
    "one in the heading text, one closing the comment",
  );
  assert.deepEqual(parseThinkingFile(entry).thoughts, [{ ...thought, at: AT.toISOString() }]);
});

Deno.test("parseThinkingFile() skips malformed entries", () => {
  const file = [
    "### Thought 1/1",
    "<!-- codegen-lab:thought {not json} -->",
    "",
    "broken",
    "### Thought 2/1",
    '<!-- codegen-lab:thought {"thoughtNumber":0,"totalThoughts":1,"nextThoughtNeeded":true} -->',
    "",
    "zero",
    '<!-- codegen-lab:thought {"thoughtNumber":1,"totalThoughts":1,"nextThoughtNeeded":true} -->',
    "no heading",
  ].join("\n");
  assert.deepEqual(parseThinkingFile(file), { thoughts: [] });
});

Deno.test("thoughtNotes() names revisions, branches, more thoughts and the end", () => {
  assert.deepEqual(thoughtNotes(base("x")), []);
  assert.deepEqual(thoughtNotes(base("x", { isRevision: true })), ["revision"]);
  assert.deepEqual(thoughtNotes(base("x", { branchId: "b" })), ['branch "b"']);
  assert.deepEqual(thoughtNotes(base("x", { branchFromThought: 2 })), ["branches from thought 2"]);
  assert.deepEqual(
    thoughtNotes(base("x", { needsMoreThoughts: true, nextThoughtNeeded: false })),
    ["needs more thoughts", "final"],
  );
});
