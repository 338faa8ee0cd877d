/**
 * The thinking operations on the command line, in-process: `think`,
 * `thinking summary` and `thinking reset` sit side by side without clashing.
 */
import assert from "node:assert/strict";
import { runOperationsCli } from "../_cli_in_process.ts";
import { sequentialThinking, thinkingReset, thinkingSummary } from "../../src/thinking/mod.ts";
import { makeWorkspace, removeWorkspace } from "../_support.ts";

function run(
  root: string,
  argv: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return runOperationsCli([sequentialThinking, thinkingSummary, thinkingReset], root, argv);
}

Deno.test("think records a thought, persists it, and thinking summary reads the file", async () => {
  const root = await makeWorkspace();
  try {
    const first = await run(root, [
      "think",
      "Start with the schema",
      "--thought-number",
      "1",
      "--total-thoughts",
      "2",
      "--next-thought-needed",
      "true",
      "--persist",
    ]);
    assert.equal(first.code, 0, first.stderr);
    const path = /Appended to (\S+)/.exec(first.stdout)?.[1];
    assert.match(path ?? "", /^\.ai\/thinking\/\d{4}-\d\d-\d\dT\d{6}Z-cli-\d+\.md$/);
    assert.match(first.stdout, /^Thought 1\/2 recorded \(more to come\); 1 in this session\n/);
    const second = await run(root, [
      "think",
      "Done",
      "--thought-number",
      "3",
      "--total-thoughts",
      "2",
      "--next-thought-needed",
      "false",
      "--is-revision",
      "--revises-thought",
      "1",
      "--persist",
      "--json",
    ]);
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(JSON.parse(second.stdout), {
      thoughtNumber: 3,
      totalThoughts: 3,
      nextThoughtNeeded: false,
      branches: [],
      thoughtHistoryLength: 2,
      persistedTo: path,
    });
    const summary = await run(root, ["thinking", "summary", "--path", path!]);
    assert.equal(summary.code, 0, summary.stderr);
    assert.match(summary.stdout, /^# Thinking summary\n\nFile \S+ · 2 thoughts · 1 revision/);
    assert.match(
      summary.stdout,
      /\*\*#2 · Thought 3\/3\*\* \(revises thought 1; final\)\n> Done\n/,
    );
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("think rejects --thought-number 0 with exit status 2", async () => {
  const root = await makeWorkspace();
  try {
    const result = await run(root, [
      "think",
      "x",
      "--thought-number",
      "0",
      "--total-thoughts",
      "1",
      "--next-thought-needed",
      "false",
    ]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /thoughtNumber/);
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("thinking reset clears the CLI process's session", async () => {
  const root = await makeWorkspace();
  try {
    const result = await run(root, ["thinking", "reset", "--json"]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).session, `cli-${Deno.pid}`);
  } finally {
    await removeWorkspace(root);
  }
});
