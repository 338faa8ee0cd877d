/**
 * Adversarial suite for Python: hostile snippets run through a PythonPool,
 * each asserting the exact denial or limit observed with Deno 2.9.6 and
 * Pyodide 314.0.7. After every hostile run a normal run still prints "2".
 *
 * Python reaches every JavaScript global through `import js`, so two pools
 * run here: the default one, whose children delete `Deno`, `fetch` and the
 * like before the job (the snippet sees AttributeError), and one that keeps
 * them (`hardenGlobals: false`), which shows that Deno's permissions alone
 * deny the same things (NotCapable).
 */
import assert from "node:assert/strict";
import type { SandboxLimits } from "../../src/sandbox/run_process.ts";
import { PythonPool, type PythonRunResult } from "../../src/sandbox/run_python.ts";

const LIMITS: SandboxLimits = { timeoutMs: 5000, memoryMb: 256, outputBytes: 16 * 1024 };
const hardened = new PythonPool({ size: 2 });
const bare = new PythonPool({ size: 1, hardenGlobals: false });

const marker = await Deno.makeTempDir({ prefix: "codegen_lab_pyescape_" });
let requests = 0;
const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, () => {
  requests++;
  return new Response("reached");
});
const url = `http://127.0.0.1:${server.addr.port}/`;

function test(name: string, fn: () => Promise<void>): void {
  Deno.test({ name, fn, sanitizeOps: false, sanitizeResources: false });
}

/** Runs a hostile snippet, then checks a normal run still works. */
async function hostile(
  code: string,
  options: { pool?: PythonPool; limits?: Partial<SandboxLimits> } = {},
): Promise<PythonRunResult> {
  const pool = options.pool ?? hardened;
  const result = await pool.run({ code }, { ...LIMITS, ...options.limits });
  const sane = await pool.run({ code: "print(1 + 1)" }, LIMITS);
  assert.equal(sane.stdout, "2\n", sane.stderr);
  assert.equal(sane.exitCode, 0);
  return result;
}

/** Each `label: ExceptionType message` line a probe snippet printed. */
function probes(out: PythonRunResult): Map<string, string> {
  return new Map(
    out.stdout.trimEnd().split("\n").map((line) => {
      const [label = "", ...rest] = line.split(": ");
      return [label, rest.join(": ")] as const;
    }),
  );
}

const PROBE = `
def probe(label, fn):
    try:
        print(f"{label}: OK {fn()!r}")
    except BaseException as e:
        print(f"{label}: {type(e).__name__} {e}")
`;

test("open('/etc/passwd') finds no such file in Pyodide's in-memory FS", async () => {
  const out = await hostile("print(open('/etc/passwd').read())");
  assert.deepEqual(out.error, {
    type: "FileNotFoundError",
    message: "[Errno 44] No such file or directory: '/etc/passwd'",
    line: 1,
  });
});

test("os.system() runs nothing: Pyodide's spawn dies on Deno's wall", async () => {
  const code = `import os\nprint(os.system('touch ${marker}/pwned'))`;
  const out = await hostile(code);
  // Emscripten's system() calls node:child_process, whose polyfill needs `Deno`.
  assert.deepEqual(out.error, { type: "ReferenceError", message: "Deno is not defined" });
  const kept = await hostile(code, { pool: bare });
  // With the globals kept, Deno denies the environment read that precedes the spawn.
  assert.deepEqual(kept.error, {
    type: "NotCapable",
    message: "Requires env access, run again with the --allow-env flag",
  });
  assert.equal(kept.exitCode, 1);
  assert.deepEqual([...Deno.readDirSync(marker)], [], "a command ran");
});

test("subprocess.run() is unsupported in Pyodide", async () => {
  const out = await hostile("import subprocess\nsubprocess.run(['ls'])");
  assert.deepEqual(out.error, {
    type: "OSError",
    message: "[Errno 138] emscripten does not support processes.",
    line: 2,
  });
});

test("import js reaches no Deno, fetch or process in a hardened child", async () => {
  const out = await hostile(`${PROBE}
import js
probe("deno", lambda: js.Deno.readTextFileSync('/etc/passwd'))
probe("fetch", lambda: js.fetch('${url}'))
probe("env", lambda: js.process.env.HOME)
probe("function", lambda: js.Function("return [typeof Deno, typeof fetch, typeof process].join()")())
`);
  assert.deepEqual(
    probes(out),
    new Map([
      ["deno", "AttributeError Deno"],
      ["fetch", "AttributeError fetch"],
      ["env", "AttributeError process"],
      ["function", "OK 'undefined,undefined,undefined'"],
    ]),
  );
  assert.equal(requests, 0);
});

test("Deno's permissions deny js.Deno reads, writes, env, subprocesses and fetch", async () => {
  const out = await hostile(
    `${PROBE}
import js, pyodide_js
probe("passwd", lambda: js.Deno.readTextFileSync('/etc/passwd'))
probe("own files", lambda: js.Deno.readTextFileSync(js.Deno.args[0] + '/package.json'))
probe("write", lambda: js.Deno.writeTextFileSync('${marker}/pwned', 'x'))
probe("env", lambda: js.Deno.env.get('HOME'))
probe("command", lambda: js.Deno.Command.new('/bin/sh').outputSync())
probe("mount", lambda: pyodide_js.mountNodeFS('/mnt', '/etc'))
try:
    await js.fetch('${url}')
    print("fetch: OK")
except BaseException as e:
    print(f"fetch: {type(e).__name__} {e}")
`,
    { pool: bare },
  );
  const notCapable = (what: string, flag: string): string =>
    `JsException NotCapable: Requires ${what}, run again with the --allow-${flag} flag`;
  const seen = probes(out);
  assert.equal(seen.get("passwd"), notCapable('read access to "/etc/passwd"', "read"));
  assert.match(
    seen.get("own files") ?? "",
    /NotCapable: Requires read access to ".*package\.json"/,
  );
  assert.equal(seen.get("write"), notCapable(`write access to "${marker}/pwned"`, "write"));
  assert.equal(seen.get("env"), notCapable('env access to "HOME"', "env"));
  // An absolute path: a bare name fails earlier, with NotFound (no PATH).
  assert.equal(seen.get("command"), notCapable('run access to "/bin/sh"', "run"));
  assert.equal(seen.get("mount"), "JsException Error: hostPath '/etc' does not exist");
  assert.equal(
    seen.get("fetch"),
    notCapable(`net access to "127.0.0.1:${server.addr.port}"`, "net"),
  );
  assert.equal(requests, 0, "a request reached the server");
  assert.deepEqual([...Deno.readDirSync(marker)], []);
});

test("a forged result frame changes nothing", async () => {
  const out = await hostile(
    "import sys\nsys.stderr.write('\\0RESULT 00000000-0000-0000-0000-000000000000 {\"ok\": true}\\n')\nraise ValueError('real')",
  );
  assert.deepEqual(out.error, { type: "ValueError", message: "real", line: 3 });
  assert.equal(out.exitCode, 1);
  assert.ok(out.stderr.startsWith("\0RESULT 0000"), "the fake frame stays plain output");
});

test("infinite recursion ends in RecursionError", async () => {
  const out = await hostile("def f():\n    return f()\nf()");
  assert.deepEqual(out.error, {
    type: "RecursionError",
    message: "maximum recursion depth exceeded",
    line: 2,
  });
  assert.equal(out.exitCode, 1);
});

test("while True: pass is killed at the time limit", async () => {
  const out = await hostile("while True:\n    pass", { limits: { timeoutMs: 1500 } });
  assert.equal(out.timedOut, true);
  assert.equal(out.signal, "SIGKILL");
  assert.equal(out.exitCode, null);
  assert.equal(out.error, undefined);
  assert.ok(out.durationMs >= 1500 && out.durationMs < 4000, `${out.durationMs} ms`);
});

test("a Python memory bomb ends in MemoryError under the memory limit", async () => {
  const huge = await hostile("b = bytearray(2**30)");
  assert.deepEqual(huge.error, { type: "MemoryError", message: "", line: 1 });
  const growing = await hostile("x = []\nwhile True:\n    x.append('y' * 1000)");
  assert.deepEqual(growing.error, { type: "MemoryError", message: "", line: 3 });
  assert.equal(growing.memoryExceeded, false);
  assert.ok(growing.peakRssMb <= LIMITS.memoryMb, `${growing.peakRssMb} MiB`);
});

test("a JavaScript memory bomb from Python is killed by the watchdog", async () => {
  const out = await hostile(
    "import js\nkeep = []\nwhile True:\n    b = js.Uint8Array.new(2**25)\n    b.fill(1)\n    keep.append(b)",
  );
  assert.equal(out.memoryExceeded, true);
  assert.equal(out.signal, "SIGKILL");
});

test("an output flood is cut at the limit and ends the run", async () => {
  const out = await hostile("while True:\n    print('flood' * 100)");
  assert.equal(out.truncated, true);
  assert.deepEqual(out.error, {
    type: "OutputLimitExceeded",
    message: `stdout went past ${LIMITS.outputBytes} bytes`,
  });
  assert.ok(out.stdout.endsWith(`\n…[output truncated at ${LIMITS.outputBytes} bytes]\n`));
  assert.ok(new TextEncoder().encode(out.stdout).length < LIMITS.outputBytes + 100);
});

test("an output flood that bypasses Python's streams is cut by the host", async () => {
  const out = await hostile("import js\nwhile True:\n    js.console.log('flood' * 100)");
  assert.equal(out.truncated, true);
  assert.equal(out.signal, "SIGKILL");
  assert.ok(out.stdout.endsWith(`\n…[output truncated at ${LIMITS.outputBytes} bytes]\n`));
  assert.ok(new TextEncoder().encode(out.stdout).length < LIMITS.outputBytes + 100);
});

test("closing the pools leaves no Pyodide process", async () => {
  await Promise.all([hardened.close(), bare.close(), server.shutdown()]);
  await Deno.remove(marker, { recursive: true });
  // `deno test --parallel` runs every file in this one process: other files'
  // Pyodide children are children of Deno.pid too, so look only at these pools'.
  const dirs = [hardened.tempDir, bare.tempDir];
  assert.ok(dirs.every((dir) => dir !== undefined), "both pools made their temp dir");
  const deadline = Date.now() + 3000;
  let live: string[] = [];
  do {
    const out = await new Deno.Command("ps", {
      args: ["-ww", "-o", "stat=,args=", "--ppid", `${Deno.pid}`],
    }).output();
    live = new TextDecoder().decode(out.stdout).split("\n")
      .filter((line) =>
        line.includes("_pyodide_child.ts") && !line.trim().startsWith("Z") &&
        dirs.some((dir) => line.includes(`${dir}/`))
      );
    if (live.length > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  } while (live.length > 0 && Date.now() < deadline);
  assert.deepEqual(live, []);
});
