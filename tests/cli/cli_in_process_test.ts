// deno-lint-ignore-file no-control-regex
/**
 * The CLI run in-process with a fake terminal, for what a subprocess cannot
 * show: colours, NO_COLOR, and progress drawn only on a terminal.
 */
import assert from "node:assert/strict";
import { type CliIo, runCli } from "../../src/cli/mod.ts";
import { makeWorkspace, removeWorkspace } from "../_support.ts";

function fakeIo(cwd: string, options: { terminal: boolean; env?: Record<string, string> }) {
  const out = { stdout: "", stderr: "" };
  const io: CliIo = {
    stdout: (text) => void (out.stdout += text),
    stderr: (text) => void (out.stderr += text),
    stdoutIsTerminal: options.terminal,
    stderrIsTerminal: options.terminal,
    stdinIsTerminal: false,
    env: { get: (name) => options.env?.[name] },
    cwd,
    readStdin: () => Promise.resolve(""),
    confirm: () => Promise.resolve(false),
    signal: new AbortController().signal,
  };
  return { io, out };
}

Deno.test("runCli() draws progress on a terminal stderr only", async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 1200; i++) files[`many/f${i}.txt`] = "";
  const dir = await makeWorkspace(files);
  try {
    const tty = fakeIo(dir, { terminal: true });
    assert.equal(await runCli(["files", "nothing/**"], tty.io), 0);
    assert.match(tty.out.stderr, /\r\x1b\[K⠋ 500 files scanned/);
    assert.ok(tty.out.stderr.endsWith("\r\x1b[K"), "the progress line is cleared at the end");
    const pipe = fakeIo(dir, { terminal: false });
    assert.equal(await runCli(["files", "nothing/**"], pipe.io), 0);
    assert.equal(pipe.out.stderr, "");
    assert.equal(pipe.out.stdout, tty.out.stdout);
  } finally {
    await removeWorkspace(dir);
  }
});

Deno.test("runCli() colours errors on a terminal unless NO_COLOR or --no-color", async () => {
  const dir = await makeWorkspace();
  try {
    const colored = fakeIo(dir, { terminal: true });
    assert.equal(await runCli(["files", "--limit", "x"], colored.io), 2);
    assert.match(colored.out.stderr, /^\x1b\[31m\x1b\[1merror:\x1b\[22m\x1b\[39m Invalid input/);
    const noColor = fakeIo(dir, { terminal: true, env: { NO_COLOR: "1" } });
    assert.equal(await runCli(["files", "--limit", "x"], noColor.io), 2);
    assert.match(noColor.out.stderr, /^error: Invalid input/);
    const flag = fakeIo(dir, { terminal: true });
    assert.equal(await runCli(["--no-color", "files", "--limit", "x"], flag.io), 2);
    assert.doesNotMatch(flag.out.stderr, /\x1b\[/);
  } finally {
    await removeWorkspace(dir);
  }
});

Deno.test("runCli() returns 130 when the operation is cancelled", async () => {
  const dir = await makeWorkspace({ "a.txt": "" });
  try {
    const { io, out } = fakeIo(dir, { terminal: false });
    const controller = new AbortController();
    controller.abort();
    assert.equal(await runCli(["files"], { ...io, signal: controller.signal }), 130);
    assert.match(out.stderr, /^error: Operation "list_files" was cancelled\n/);
  } finally {
    await removeWorkspace(dir);
  }
});
