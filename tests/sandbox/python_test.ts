/**
 * Python in Pyodide: output, stdin, errors with lines, compile errors with
 * exact columns, test mode, warm and cold children, isolation between runs,
 * cancellation, and no child left behind after close().
 *
 * The pool's children outlive single tests (that is the point of a pool), so
 * these tests turn Deno's op and resource sanitizers off; the last tests
 * check with `ps` that close() leaves no process. `deno test --parallel` runs
 * every test file in one process, so the Pyodide children of `Deno.pid` include
 * other files' pools: each check looks only at its own pool's temp dir.
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Live (not zombie) Pyodide children of this process whose arguments name the
 * temp dir `dir` (its ready file or snapshot), or, with `dir` undefined, whose
 * pool's temp dir is gone: a closed pool's leftovers.
 */
async function pyodideChildren(dir: string | undefined): Promise<string[]> {
  const out = await new Deno.Command("ps", {
    args: ["-ww", "-o", "stat=,args=", "--ppid", `${Deno.pid}`],
  }).output();
  const lines = new TextDecoder().decode(out.stdout).split("\n")
    .filter((line) => line.includes("_pyodide_child.ts") && !line.trim().startsWith("Z"));
  const mine: string[] = [];
  for (const line of lines) {
    const owner = line.match(/[^\s=,]*codegen_lab_python_[^/\s,]+/)?.[0];
    if (dir !== undefined ? owner === dir : owner !== undefined && !await exists(owner)) {
      mine.push(line);
    }
  }
  return mine;
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

/** {@linkcode pyodideChildren}, polled until there are none or 3 s have passed. */
async function liveChildren(dir: string | undefined): Promise<string[]> {
  const deadline = Date.now() + 3000;
  while (true) {
    const live = await pyodideChildren(dir);
    if (live.length === 0 || Date.now() > deadline) return live;
    await sleep(50);
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
  // Its pool is internal: look for any child whose pool's temp dir is gone.
  assert.deepEqual(await liveChildren(undefined), []);
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

test("PythonPool.close() of one pool leaves another pool's children alone", async () => {
  await pool.warmUp();
  const other = new PythonPool({ size: 1 });
  const warming = other.warmUp().then(() => "loaded", (error: unknown) => error);
  await sleep(200);
  await other.close();
  assert.ok(other.tempDir !== undefined);
  assert.deepEqual(await pyodideChildren(other.tempDir), []);
  assert.ok(await warming instanceof SandboxError);
  // The overlap a check of every Pyodide child of Deno.pid took for a leak.
  assert.equal((await pyodideChildren(pool.tempDir)).length, 2);
});

test("PythonPool.close() kills every child and refuses later runs", async () => {
  await pool.warmUp();
  assert.equal((await pyodideChildren(pool.tempDir)).length, 2);
  await pool.close();
  // close() resolves once every child is dead: no grace period.
  assert.deepEqual(await pyodideChildren(pool.tempDir), []);
  assert.equal(await exists(pool.tempDir!), false);
  await assert.rejects(
    pool.run({ code: "print(1)" }, LIMITS),
    (error) => error instanceof SandboxError && /pool is closed/.test(error.message),
  );
});

/** Asserts that a closed pool has no process now, none a moment later, and no temp dir. */
async function assertNothingLeft(closed: PythonPool, label: string): Promise<void> {
  const dir = closed.tempDir;
  assert.ok(dir !== undefined, `${label}: the temp dir was made before close() resolved`);
  assert.deepEqual(await pyodideChildren(dir), [], `${label}: alive when close() resolved`);
  await sleep(300);
  assert.deepEqual(await pyodideChildren(dir), [], `${label}: started after close()`);
  assert.equal(await exists(dir), false, `${label}: temp dir left`);
}

test("PythonPool.close() at any point of the start leaves no process, now or later", async () => {
  const points: Array<[string, (pool: PythonPool) => Promise<unknown>]> = [
    ["at once", () => Promise.resolve()],
    ["after a microtask", () => Promise.resolve().then(() => {})],
    ["after 50 ms", () => sleep(50)],
    ["after 200 ms", () => sleep(200)],
    ["after 1000 ms (snapshot maker loading)", () => sleep(1000)],
    ["once the snapshot is made (children spawning)", async (pool) => {
      const deadline = Date.now() + 60_000;
      while (pool.tempDir === undefined || !await exists(`${pool.tempDir}/snapshot-ready`)) {
        if (Date.now() > deadline) throw new Error("the snapshot was not made within 60 s");
        await sleep(5);
      }
    }],
  ];
  for (const size of [1, 2]) {
    for (const [when, wait] of points) {
      const label = `size ${size}, close ${when}`;
      const racing = new PythonPool({ size });
      const warming = racing.warmUp().then(() => "loaded", (error: unknown) => error);
      await wait(racing);
      await racing.close();
      await assertNothingLeft(racing, label);
      const outcome = await warming;
      assert.ok(
        outcome === "loaded" || outcome instanceof SandboxError && /closed/.test(outcome.message),
        `${label}: warmUp() ended with ${outcome}`,
      );
    }
  }
});

test("PythonPool.close() during a cold run kills the child and starts no other", async () => {
  for (const [size, delay] of [[0, 0], [0, 100], [0, 1500], [1, 0], [1, 1500]] as const) {
    const label = `size ${size}, close after ${delay} ms`;
    const racing = new PythonPool({ size });
    const running = racing.run({ code: "print(1)" }, LIMITS).then(
      (out) => out,
      (error: unknown) => error,
    );
    await sleep(delay);
    await Promise.all([racing.close(), racing.close()]);
    await assertNothingLeft(racing, label);
    const outcome = await running;
    assert.ok(
      outcome instanceof SandboxError || typeof outcome === "object" && outcome !== null,
      `${label}: run() ended with ${outcome}`,
    );
  }
});
