/**
 * Python in Pyodide: output, stdin, errors with lines, compile errors with
 * exact columns, test mode, warm and cold children, isolation between runs,
 * cancellation, and no child left behind after close().
 *
 * The pool's children outlive single tests (that is the point of a pool), so
 * these tests turn Deno's op and resource sanitizers off; the last test
 * checks with `ps` that close() leaves no process.
 */
import assert from "node:assert/strict";
import { SandboxError } from "../../src/core/errors.ts";
import type { SandboxLimits } from "../../src/sandbox/run_process.ts";
import { PythonPool, runPython } from "../../src/sandbox/run_python.ts";

const LIMITS: SandboxLimits = { timeoutMs: 5000, memoryMb: 256, outputBytes: 64 * 1024 };
const pool = new PythonPool({ size: 2 });

function test(name: string, fn: () => Promise<void>): void {
  Deno.test({ name, fn, sanitizeOps: false, sanitizeResources: false });
}

/** Pyodide children of this test process still alive, after up to 2 s. */
async function liveChildren(): Promise<string[]> {
  const deadline = Date.now() + 2000;
  while (true) {
    const out = await new Deno.Command("ps", {
      args: ["-o", "stat=,args=", "--ppid", `${Deno.pid}`],
    }).output();
    const live = new TextDecoder().decode(out.stdout).split("\n")
      .filter((line) => line.includes("_pyodide_child.ts") && !line.trim().startsWith("Z"));
    if (live.length === 0 || Date.now() > deadline) return live;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test("runPython() runs a cold child once and reads stdin", async () => {
  const out = await runPython({ code: "print(input()[::-1])", stdin: "olleh\n" }, LIMITS);
  assert.equal(out.stdout, "hello\n");
  assert.equal(out.stderr, "");
  assert.equal(out.exitCode, 0);
  assert.equal(out.warm, false);
  assert.equal(out.language, "python");
  assert.equal(out.error, undefined);
  assert.deepEqual(await liveChildren(), []);
});

test("PythonPool.run() streams print() output and serves stdin until EOF", async () => {
  const code = [
    "import sys",
    "name = input()",
    "print(f'hello {name}')",
    "rest = sys.stdin.read()",
    "print(len(rest.splitlines()), 'more lines')",
    "print('to stderr', file=sys.stderr)",
  ].join("\n");
  const out = await pool.run({ code, stdin: "Ada\nb\nc\n" }, LIMITS);
  assert.equal(out.stdout, "hello Ada\n2 more lines\n");
  assert.equal(out.stderr, "to stderr\n");
  assert.equal(out.exitCode, 0);
  assert.equal(out.timedOut || out.memoryExceeded || out.truncated || out.cancelled, false);
});

test("PythonPool.run() reports an uncaught exception with its line", async () => {
  const code = "x = 1\n\ndef f():\n    return {}['missing']\n\nf()\n";
  const out = await pool.run({ code }, LIMITS);
  assert.deepEqual(out.error, { type: "KeyError", message: "'missing'", line: 4 });
  assert.equal(out.exitCode, 1);
  assert.match(out.stderr, /^Traceback \(most recent call last\):\n {2}File "<snippet>", line 6/);
  assert.ok(out.stderr.endsWith("KeyError: 'missing'\n"), out.stderr);
  assert.ok(!out.stderr.includes("RESULT"), "the result frame is not shown");
});

test("PythonPool.run() passes sys.exit() status through", async () => {
  const out = await pool.run({ code: "import sys\nprint('bye')\nsys.exit(3)" }, LIMITS);
  assert.equal(out.stdout, "bye\n");
  assert.equal(out.exitCode, 3);
  assert.deepEqual(out.error, { type: "SystemExit", message: "3" });
});

test("PythonPool.compile() returns a SyntaxError's exact line and column", async () => {
  assert.deepEqual(await pool.compile("x = 1\nif x > 0\n    print(x)\n", LIMITS), [
    { line: 2, column: 9, message: "expected ':'" },
  ]);
  assert.deepEqual(await pool.compile("print('a')\nreturn 5\n", LIMITS), [
    { line: 2, column: 1, message: "'return' outside function" },
  ]);
});

test("PythonPool.compile() returns nothing for valid code and runs none of it", async () => {
  assert.deepEqual(await pool.compile("while True:\n    pass\n", LIMITS), []);
});

test("PythonPool.run() in test mode reports each test_ function", async () => {
  const code = [
    "def add(a, b):",
    "    return a + b",
    "",
    "def test_adds():",
    "    assert add(1, 2) == 3",
    "",
    "def test_plain_assert():",
    "    assert add(1, 1) == 3",
    "",
    "def test_assert_message():",
    "    assert add(2, 2) == 5, 'two and two'",
    "",
    "def test_raises():",
    "    {}['k']",
    "",
    "def helper_not_a_test():",
    "    raise RuntimeError('never called')",
  ].join("\n");
  const out = await pool.run({ code, mode: "test" }, LIMITS);
  assert.deepEqual(out.tests, [
    { name: "test_adds", passed: true },
    { name: "test_plain_assert", passed: false, message: "assert add(1, 1) == 3 (line 8)" },
    { name: "test_assert_message", passed: false, message: "two and two" },
    { name: "test_raises", passed: false, message: "KeyError: 'k'" },
  ]);
  assert.equal(out.exitCode, 1);
  assert.equal(out.error, undefined);
});

test("PythonPool.run() in test mode passes when every test passes", async () => {
  const code = "def test_one():\n    assert 1 + 1 == 2\n";
  const out = await pool.run({ code, mode: "test" }, LIMITS);
  assert.deepEqual(out.tests, [{ name: "test_one", passed: true }]);
  assert.equal(out.exitCode, 0);
});

test("PythonPool.run() on a loaded child is warm and fast", async () => {
  await pool.warmUp();
  const before = pool.stats;
  const started = performance.now();
  const out = await pool.run({ code: "print(1)" }, LIMITS);
  const wall = performance.now() - started;
  assert.equal(out.stdout, "1\n");
  assert.equal(out.warm, true);
  assert.equal(pool.stats.warmHits, before.warmHits + 1);
  assert.ok(wall < 1500, `a warm run took ${Math.round(wall)} ms`);
});

test("PythonPool.run() does not carry state from one run to the next", async () => {
  await pool.warmUp();
  const first = await pool.run({
    code: "import builtins, sys\nsecret = 41\nbuiltins.leaked = 1\nsys.modules['planted'] = sys",
  }, LIMITS);
  assert.equal(first.exitCode, 0, first.stderr);
  await pool.warmUp();
  const second = await pool.run({
    code: [
      "import builtins, sys",
      "print(hasattr(builtins, 'leaked'), 'planted' in sys.modules)",
      "print(secret)",
    ].join("\n"),
  }, LIMITS);
  assert.equal(second.warm, true);
  assert.equal(second.stdout, "False False\n");
  assert.deepEqual(second.error, {
    type: "NameError",
    message: "name 'secret' is not defined",
    line: 3,
  });
});

test("PythonPool.run() stops a run whose signal aborts", async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 300);
  const out = await pool.run({ code: "while True:\n    pass" }, LIMITS, controller.signal);
  assert.equal(out.cancelled, true);
  assert.equal(out.timedOut, false);
  assert.equal(out.exitCode, null);
});

test("PythonPool.run() refuses a memory limit Pyodide cannot start in", async () => {
  await assert.rejects(
    pool.run({ code: "print(1)" }, { ...LIMITS, memoryMb: 128 }),
    (error) => error instanceof SandboxError && error.code === "SANDBOX_FAILED",
  );
});

test("PythonPool.close() kills every child and refuses later runs", async () => {
  await pool.warmUp();
  assert.equal((await liveChildren()).length, 2);
  await pool.close();
  assert.deepEqual(await liveChildren(), []);
  await assert.rejects(
    pool.run({ code: "print(1)" }, LIMITS),
    (error) => error instanceof SandboxError && /pool is closed/.test(error.message),
  );
});
