/**
 * Adversarial suite: hostile TypeScript/JavaScript snippets run through
 * runTypeScript(), each asserting the exact denial or limit observed with
 * Deno 2.9.6. After every hostile run, no process of the run survives, its
 * temp directory is gone, and a normal snippet still prints "2".
 */
import assert from "node:assert/strict";
import { SandboxError } from "../../src/core/errors.ts";
import type { SandboxLimits } from "../../src/sandbox/run_process.ts";
import { runTypeScript, type SandboxRunResult } from "../../src/sandbox/run_typescript.ts";

const LIMITS: SandboxLimits = { timeoutMs: 2500, memoryMb: 128, outputBytes: 64 * 1024 };

// Every run stages under this root, so survivors and leftovers are ours only.
const tempRoot = await Deno.realPath(await Deno.makeTempDir({ prefix: "codegen_lab_escape_" }));
await Deno.chmod(tempRoot, 0o755); // the child may run as nobody
// A "workspace" next to the sandbox, holding things the snippet must not see.
const workspace = await Deno.realPath(await Deno.makeTempDir({ prefix: "codegen_lab_ws_" }));
const SECRET = "s3cr3t-token-value";
await Deno.writeTextFile(`${workspace}/secret.txt`, SECRET);
await Deno.writeTextFile(`${workspace}/config.json`, JSON.stringify({ apiKey: SECRET }));
globalThis.addEventListener("unload", () => {
  Deno.removeSync(tempRoot, { recursive: true });
  Deno.removeSync(workspace, { recursive: true });
});

/** Live processes whose command line names `tempRoot`, after up to 2 s. */
async function survivors(): Promise<string[]> {
  const deadline = Date.now() + 2000;
  while (true) {
    const out = await new Deno.Command("ps", { args: ["-e", "-o", "stat=,args="] }).output();
    const live = new TextDecoder().decode(out.stdout).split("\n")
      .filter((line) => line.includes(tempRoot) && !line.trim().startsWith("Z"));
    if (live.length === 0 || Date.now() > deadline) return live;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs a hostile snippet, then checks the sandbox is clean and still works. */
async function hostile(
  code: string,
  options: { language?: "typescript" | "javascript"; limits?: Partial<SandboxLimits> } = {},
): Promise<SandboxRunResult> {
  const result = await runTypeScript(code, {
    limits: { ...LIMITS, ...options.limits },
    tempRoot,
    ...(options.language ? { language: options.language } : {}),
  });
  assert.deepEqual(await survivors(), [], "a sandboxed process survived");
  assert.deepEqual([...Deno.readDirSync(tempRoot)], [], "the run's temp dir was left behind");
  const sane = await runTypeScript("console.log(1 + 1)", { limits: LIMITS, tempRoot });
  assert.equal(sane.stdout, "2\n", sane.stderr);
  assert.equal(sane.exitCode, 0);
  return result;
}

/** The snippet failed with exit code 1 and `message` on stderr, and leaked nothing. */
function assertDenied(result: SandboxRunResult, message: string): void {
  assert.ok(result.stderr.includes(message), `expected ${message}\nin: ${result.stderr}`);
  assert.equal(result.exitCode, 1);
  assert.equal(result.timedOut || result.memoryExceeded || result.truncated, false);
  assert.ok(!result.stdout.includes(SECRET) && !result.stderr.includes(SECRET));
  assert.ok(!result.stderr.includes("root:x:0:0"));
}

function assertLimit(result: SandboxRunResult, limit: "timedOut" | "memoryExceeded"): void {
  assert.equal(result[limit], true, JSON.stringify({ ...result, stdout: "", stderr: "" }));
  assert.equal(result.exitCode, null);
  assert.equal(result.signal, "SIGKILL");
  if (limit === "timedOut") assert.equal(result.memoryExceeded, false);
  else assert.equal(result.timedOut, false);
}

const readDenied = (path: string): string =>
  `NotCapable: Requires read access to "${path}", run again with the --allow-read flag`;
const importDenied = (path: string): string =>
  `TypeError: Requires read access to "${path}", run again with the --allow-read flag`;
const writeDenied = (path: string): string =>
  `NotCapable: Requires write access to "${path}", run again with the --allow-write flag`;
const netDenied = (address: string): string =>
  `NotCapable: Requires net access to "${address}", run again with the --allow-net flag`;

// ---- file system: read ----

Deno.test("escape: reading /etc/passwd is denied", async () => {
  assertDenied(await hostile(`Deno.readTextFileSync("/etc/passwd")`), readDenied("/etc/passwd"));
});

Deno.test("escape: reading a workspace file outside the temp dir is denied", async () => {
  const path = `${workspace}/secret.txt`;
  assertDenied(
    await hostile(`console.log(Deno.readTextFileSync(${JSON.stringify(path)}))`),
    readDenied(path),
  );
});

Deno.test("escape: node:fs readFileSync is denied", async () => {
  const result = await hostile(
    `const fs = await import("node:fs"); fs.readFileSync("/etc/passwd", "utf8")`,
  );
  assertDenied(result, readDenied("/etc/passwd"));
});

Deno.test("escape: a static JSON import outside the temp dir is denied", async () => {
  // Run as the main module, Deno would load this without any read check.
  const path = `${workspace}/config.json`;
  const result = await hostile(
    `import c from ${JSON.stringify(path)} with { type: "json" }; console.log(c.apiKey)`,
  );
  assertDenied(result, importDenied(path));
});

Deno.test("escape: a static import of a non-module file is denied, not run", async () => {
  assertDenied(await hostile(`import "/etc/hostname";`), importDenied("/etc/hostname"));
});

Deno.test("escape: a text import is denied", async () => {
  const result = await hostile(`import t from "/etc/passwd" with { type: "text" }; console.log(t)`);
  assertDenied(result, importDenied("/etc/passwd"));
});

Deno.test("escape: a literal dynamic import of /etc/passwd is denied", async () => {
  assertDenied(await hostile(`await import("file:///etc/passwd")`), importDenied("/etc/passwd"));
});

Deno.test("escape: a data: module importing a local file is denied", async () => {
  const result = await hostile(
    `await import("data:application/javascript,import 'file:///etc/hostname'")`,
  );
  assertDenied(result, importDenied("/etc/hostname"));
});

Deno.test("escape: a Worker loading a local file is denied", async () => {
  const result = await hostile(
    `new Worker(new URL("file:///etc/hostname"), { type: "module" });
     await new Promise((resolve) => setTimeout(resolve, 1000));`,
  );
  assert.ok(
    result.stderr.startsWith(
      `error: Uncaught (in worker "") Requires read access to "/etc/hostname"`,
    ),
    result.stderr,
  );
  assert.equal(result.exitCode, 1);
});

Deno.test("escape: reading /proc/self/environ is denied", async () => {
  const result = await hostile(`Deno.readTextFileSync("/proc/self/environ")`);
  assertDenied(result, readDenied("/proc/self/environ"));
});

Deno.test("escape: listing / is denied", async () => {
  assertDenied(
    await hostile(`for (const e of Deno.readDirSync("/")) console.log(e.name)`),
    readDenied("/"),
  );
});

Deno.test("escape: chdir to / is denied", async () => {
  const result = await hostile(`Deno.chdir("/"); Deno.readTextFileSync("etc/passwd")`);
  assertDenied(result, readDenied("/"));
});

Deno.test("escape: the throwaway DENO_DIR next to the code is not readable", async () => {
  assertDenied(await hostile(`Deno.readDirSync("../deno_dir")`), readDenied("../deno_dir"));
});

Deno.test("escape: Deno.cwd() is allowed and shows only the staged code dir", async () => {
  const result = await hostile(`console.log(Deno.cwd())`);
  assert.match(result.stdout, new RegExp(`^${tempRoot}/codegen_lab_sandbox_\\w+/code\\n$`));
  assert.equal(result.exitCode, 0);
});

// ---- file system: write ----

Deno.test("escape: writing /tmp is denied", async () => {
  const path = `${tempRoot}-planted`;
  const result = await hostile(`Deno.writeTextFileSync(${JSON.stringify(path)}, "x")`);
  assertDenied(result, writeDenied(path));
  assert.throws(() => Deno.statSync(path), Deno.errors.NotFound);
});

Deno.test("escape: writing inside its own temp dir is denied", async () => {
  const result = await hostile(`Deno.writeTextFileSync(Deno.cwd() + "/y", "x")`);
  assertDenied(result, "NotCapable: Requires write access to");
  assert.match(result.stderr, /Requires write access to "[^"]*\/code\/y"/);
});

Deno.test("escape: deleting or chmod-ing its own source is denied", async () => {
  const removed = await hostile(`Deno.removeSync(import.meta.filename!)`);
  assertDenied(removed, "NotCapable: Requires write access to");
  assert.match(removed.stderr, /Requires write access to "[^"]*\/code\/main\.ts"/);
  const chmod = await hostile(`Deno.chmodSync(import.meta.filename!, 0o777)`);
  assertDenied(chmod, "NotCapable: Requires write access to");
});

Deno.test("escape: Deno.makeTempDir is denied", async () => {
  assertDenied(
    await hostile(`await Deno.makeTempDir()`),
    "NotCapable: Requires write access to <TMP>, run again with the --allow-write flag",
  );
});

Deno.test("escape: creating a symlink is denied", async () => {
  assertDenied(
    await hostile(`Deno.symlinkSync("/etc/passwd", "p")`),
    "NotCapable: Deno.symlinkSync() requires unscoped --allow-read and --allow-write permissions",
  );
});

// ---- network ----

Deno.test("escape: fetch to a local server is denied and never reaches it", async () => {
  let hits = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, () => {
    hits++;
    return new Response("leak");
  });
  try {
    const { port } = server.addr;
    const result = await hostile(
      `console.log(await (await fetch("http://127.0.0.1:${port}/")).text())`,
    );
    assertDenied(result, netDenied(`127.0.0.1:${port}`));
    const connect = await hostile(`await Deno.connect({ hostname: "127.0.0.1", port: ${port} })`);
    assertDenied(connect, netDenied(`127.0.0.1:${port}`));
    const ws = await hostile(`new WebSocket("ws://127.0.0.1:${port}/")`);
    assertDenied(ws, netDenied(`127.0.0.1:${port}`));
    assert.equal(hits, 0);
  } finally {
    await server.shutdown();
  }
});

Deno.test("escape: Deno.listen and Deno.serve are denied", async () => {
  assertDenied(await hostile(`Deno.listen({ port: 0 })`), netDenied("0.0.0.0:0"));
  assertDenied(
    await hostile(`Deno.serve({ port: 0 }, () => new Response())`),
    netDenied("0.0.0.0:0"),
  );
});

Deno.test("escape: DNS lookups are denied", async () => {
  const result = await hostile(`await Deno.resolveDns("example.com", "A")`);
  assertDenied(result, "NotCapable: Requires net access to");
});

// ---- environment, processes, FFI, system ----

Deno.test("escape: reading an environment variable is denied", async () => {
  assertDenied(
    await hostile(`Deno.env.get("HOME")`),
    `NotCapable: Requires env access to "HOME", run again with the --allow-env flag`,
  );
});

Deno.test("escape: dumping the environment is denied", async () => {
  assertDenied(
    await hostile(`console.log(JSON.stringify(Deno.env.toObject()))`),
    "NotCapable: Requires env access, run again with the --allow-env flag",
  );
});

Deno.test("escape: spawning a process is denied", async () => {
  // The child has no PATH, so a bare name is not even found.
  assertDenied(
    await hostile(`new Deno.Command("ls").outputSync()`),
    "NotFound: Failed to spawn 'ls': entity not found",
  );
  assertDenied(
    await hostile(`new Deno.Command("/bin/sh", { args: ["-c", "id"] }).outputSync()`),
    `NotCapable: Requires run access to "/bin/sh", run again with the --allow-run flag`,
  );
});

Deno.test("escape: node:child_process is denied", async () => {
  const result = await hostile(
    `const cp = await import("node:child_process"); console.log(cp.execSync("id").toString())`,
  );
  assertDenied(result, "NotCapable: Requires env access, run again with the --allow-env flag");
});

Deno.test("escape: signalling other processes is denied", async () => {
  const deny = "NotCapable: Requires run access, run again with the --allow-run flag";
  assertDenied(await hostile(`Deno.kill(1, "SIGKILL")`), deny);
  assertDenied(await hostile(`Deno.kill(-1, "SIGKILL")`), deny);
  assertDenied(await hostile(`Deno.kill(${Deno.pid}, "SIGKILL")`), deny);
});

Deno.test("escape: killing itself only ends itself", async () => {
  const result = await hostile(`Deno.kill(Deno.pid, "SIGKILL")`);
  assert.equal(result.signal, "SIGKILL");
  assert.equal(result.exitCode, null);
  assert.equal(result.timedOut || result.memoryExceeded || result.cancelled, false);
});

Deno.test("escape: FFI is denied", async () => {
  assertDenied(
    await hostile(`Deno.dlopen("/lib/x86_64-linux-gnu/libc.so.6", {})`),
    `NotCapable: Requires ffi access to "/lib/x86_64-linux-gnu/libc.so.6"`,
  );
});

Deno.test("escape: system information is denied", async () => {
  assertDenied(await hostile(`Deno.uid()`), `NotCapable: Requires sys access to "uid"`);
  assertDenied(await hostile(`Deno.hostname()`), `NotCapable: Requires sys access to "hostname"`);
  assertDenied(await hostile(`Deno.osRelease()`), `NotCapable: Requires sys access to "osRelease"`);
});

Deno.test("escape: asking for a permission is refused without a prompt", async () => {
  const result = await hostile(
    `console.log((await Deno.permissions.request({ name: "read", path: "/etc" })).state)`,
  );
  assert.equal(result.stdout, "denied\n");
  assert.equal(result.exitCode, 0);
});

Deno.test("escape: workers cannot ask for their own permissions", async () => {
  const result = await hostile(
    `new Worker(new URL("data:application/javascript,1"),
       { type: "module", deno: { permissions: "inherit" } } as WorkerOptions);`,
  );
  assert.equal(result.exitCode, 70);
  assert.equal(
    result.stderr,
    "Unstable API 'Worker.deno.permissions'. The `--unstable-worker-options` flag must be provided.\n",
  );
});

Deno.test("escape: Deno.openKv is unavailable", async () => {
  assertDenied(await hostile(`await Deno.openKv()`), "TypeError: Deno.openKv is not a function");
});

// ---- imports ----

Deno.test("escape: remote imports are refused", async () => {
  assertDenied(
    await hostile(`await import("https://example.com/x.ts")`),
    `TypeError: A remote specifier was requested: "https://example.com/x.ts", but --no-remote is specified.`,
  );
});

Deno.test("escape: npm and jsr imports are refused", async () => {
  assertDenied(
    await hostile(`await import("npm:left-pad")`),
    "TypeError: npm specifiers were requested; but --no-npm is specified",
  );
  assertDenied(
    await hostile(`await import("jsr:@std/path")`),
    "TypeError: JSR package manifest for '@std/path' failed to load.",
  );
});

// ---- exit tricks ----

Deno.test("escape: Deno.exit codes are reported truthfully", async () => {
  const zero = await hostile(`console.log("a"); Deno.exit(0); console.log("b")`);
  assert.equal(zero.stdout, "a\n");
  assert.equal(zero.exitCode, 0);
  const seven = await hostile(`Deno.exit(7)`);
  assert.equal(seven.exitCode, 7);
});

Deno.test("escape: Deno.exit(0) inside an unhandled rejection handler reports 0", async () => {
  const hidden = await hostile(
    `addEventListener("unhandledrejection", () => Deno.exit(0)); Promise.reject(new Error("x"))`,
  );
  assert.equal(hidden.exitCode, 0);
  assert.equal(hidden.stderr, "");
  const plain = await hostile(`Promise.reject(new Error("boom"))`);
  assertDenied(plain, "error: Uncaught (in promise) Error: boom");
});

// ---- resource limits ----

Deno.test("escape: an infinite loop times out", async () => {
  const result = await hostile(`while (true) {}`);
  assertLimit(result, "timedOut");
  assert.ok(result.durationMs >= LIMITS.timeoutMs && result.durationMs < LIMITS.timeoutMs + 2000);
});

Deno.test("escape: a busy microtask loop is killed by the memory watchdog", async () => {
  assertLimit(
    await hostile(`const f = (): Promise<void> => Promise.resolve().then(f); f()`),
    "memoryExceeded",
  );
});

Deno.test("escape: a timer keeping the process alive times out", async () => {
  assertLimit(await hostile(`setInterval(() => {}, 1)`), "timedOut");
});

Deno.test("escape: a V8 heap bomb is killed by the watchdog before V8's own OOM", async () => {
  const result = await hostile(
    `const a: number[][] = []; while (true) a.push(new Array(1e5).fill(1.5))`,
  );
  assertLimit(result, "memoryExceeded");
  assert.ok(result.peakRssMb > 128 && result.peakRssMb < 400, `${result.peakRssMb}`);
});

Deno.test("escape: one huge ArrayBuffer is killed by the watchdog", async () => {
  const result = await hostile(`new Uint8Array(2 ** 31).fill(1); console.log("filled")`);
  assertLimit(result, "memoryExceeded");
  assert.equal(result.stdout, "");
});

Deno.test("escape: a big SharedArrayBuffer is killed by the watchdog", async () => {
  assertLimit(
    await hostile(`new Uint8Array(new SharedArrayBuffer(2 ** 31)).fill(1)`),
    "memoryExceeded",
  );
});

Deno.test("escape: a WebAssembly memory bomb is killed by the watchdog", async () => {
  const result = await hostile(
    `const m = new WebAssembly.Memory({ initial: 1, maximum: 65536 });
     while (true) { m.grow(256); new Uint8Array(m.buffer).fill(1); }`,
  );
  assertLimit(result, "memoryExceeded");
});

Deno.test("escape: a storm of busy workers is killed by the time-out", async () => {
  // 200 idle-heap workers reach ~90-130 MiB of RSS in 2.5 s depending on load:
  // a roomier memory limit makes the time-out the deciding limit.
  const result = await hostile(
    `const src = "data:application/javascript," + encodeURIComponent("while (true) {}");
     for (let i = 0; i < 200; i++) new Worker(new URL(src), { type: "module" });`,
    { limits: { memoryMb: 512 } },
  );
  assertLimit(result, "timedOut");
});

Deno.test("escape: a storm of allocating workers is killed by the memory watchdog", async () => {
  const result = await hostile(
    `const url = URL.createObjectURL(new Blob(
       ["const a = []; while (true) a.push(new Array(1e5).fill(1.5))"],
       { type: "application/javascript" }));
     for (let i = 0; i < 200; i++) new Worker(url, { type: "module" });`,
  );
  assertLimit(result, "memoryExceeded");
});

Deno.test("escape: a 1 GB stdout flood is truncated and killed fast", async () => {
  const result = await hostile(`for (let i = 0; i < 1000; i++) console.log("x".repeat(1e6))`);
  assert.equal(result.truncated, true);
  assert.equal(result.signal, "SIGKILL");
  assert.equal(result.stdout, "x".repeat(64 * 1024) + "\n…[output truncated at 65536 bytes]\n");
  assert.ok(result.durationMs < 2000, `${result.durationMs}`);
});

Deno.test("escape: a stderr flood is truncated too", async () => {
  const result = await hostile(`while (true) console.error("y".repeat(1e6))`);
  assert.equal(result.truncated, true);
  assert.ok(result.stderr.endsWith("y\n…[output truncated at 65536 bytes]\n"));
  assert.equal(result.stdout, "");
});

Deno.test("escape: structuredClone of a deep object overflows the stack", async () => {
  const result = await hostile(
    `let o: object = {}; for (let i = 0; i < 1e6; i++) o = { o }; structuredClone(o)`,
  );
  assertDenied(result, "RangeError: Maximum call stack size exceeded");
});

Deno.test("escape: unbounded recursion is a RangeError", async () => {
  const result = await hostile(`const f = () => f() + 1; f()`, { language: "javascript" });
  assertDenied(result, "RangeError: Maximum call stack size exceeded");
});

// ---- the runner itself ----

Deno.test("runTypeScript() keeps import.meta.main and hides its staging in errors", async () => {
  const main = await hostile(`if (import.meta.main) console.log("main")`);
  assert.equal(main.stdout, "main\n");
  const thrown = await hostile(`function f() { throw new Error("x"); } f()`);
  assert.equal(
    thrown.stderr.split("\n").slice(0, 3).join("\n"),
    `error: Uncaught (in promise) Error: x\nfunction f() { throw new Error("x"); } f()\n` +
      `                     ^`,
  );
  assert.match(thrown.stderr, /main\.ts:1:22\)/);
});

Deno.test("runTypeScript() passes stdin and runs JavaScript", async () => {
  const result = await runTypeScript(
    `console.log((await new Response(Deno.stdin.readable).text()).toUpperCase())`,
    { language: "javascript", stdin: "hello", limits: LIMITS, tempRoot },
  );
  assert.equal(result.stdout, "HELLO\n");
  assert.equal(result.language, "javascript");
});

Deno.test("runTypeScript() cancellation kills the run and removes its temp dir", async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 300);
  const result = await runTypeScript(`while (true) {}`, {
    limits: LIMITS,
    tempRoot,
    signal: controller.signal,
  });
  assert.equal(result.cancelled, true);
  assert.equal(result.timedOut, false);
  assert.deepEqual(await survivors(), []);
  assert.deepEqual([...Deno.readDirSync(tempRoot)], []);
});

const isRoot = new TextDecoder().decode(
  (await new Deno.Command("id", { args: ["-u"] }).output()).stdout,
).trim() === "0";
const hasSetpriv = (await new Deno.Command("sh", { args: ["-c", "command -v setpriv"] }).output())
  .success;

Deno.test("runTypeScript() runs the child as nobody when the host is root", async () => {
  const running = runTypeScript(`await new Promise((resolve) => setTimeout(resolve, 1500))`, {
    limits: LIMITS,
    tempRoot,
  });
  await new Promise((resolve) => setTimeout(resolve, 700));
  const ps = await new Deno.Command("ps", { args: ["-e", "-o", "uid=,args="] }).output();
  const line = new TextDecoder().decode(ps.stdout).split("\n")
    .find((l) => l.includes(tempRoot) && l.includes("sandbox_entry.js"));
  await running;
  assert.ok(line, "the sandboxed child was not found");
  const uid = Number(line.trim().split(/\s+/)[0]);
  if (isRoot && hasSetpriv) assert.equal(uid, 65534);
});

Deno.test({
  name: "runTypeScript() refuses a tempRoot that nobody cannot traverse",
  ignore: !(isRoot && hasSetpriv),
  fn: async () => {
    const closed = await Deno.makeTempDir({ prefix: "codegen_lab_closed_" }); // mode 0700
    try {
      await assert.rejects(
        () => runTypeScript("console.log(1)", { limits: LIMITS, tempRoot: closed }),
        (error: unknown) =>
          error instanceof SandboxError && error.code === "SANDBOX_FAILED" &&
          error.message.includes("is not searchable by other users"),
      );
      assert.deepEqual([...Deno.readDirSync(closed)], []);
    } finally {
      await Deno.remove(closed, { recursive: true });
    }
  },
});
