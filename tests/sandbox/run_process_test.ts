import assert from "node:assert/strict";
import { SandboxError } from "../../src/core/errors.ts";
import {
  type ProcessOutcome,
  runLimited,
  type SandboxLimits,
  startLimitedProcess,
} from "../../src/sandbox/run_process.ts";

const LIMITS: SandboxLimits = { timeoutMs: 2000, memoryMb: 64, outputBytes: 64 * 1024 };

function bash(script: string, limits: Partial<SandboxLimits> = {}, input?: string) {
  return runLimited("bash", {
    args: ["-c", script],
    cwd: "/",
    env: {},
    limits: { ...LIMITS, ...limits },
    ...(input === undefined ? {} : { input }),
  });
}

/** A `deno eval` that fills `mb` MiB, then idles for 10 s (base RSS is ~40 MiB). */
function allocator(mb: number): string[] {
  const code = `const a = new Uint8Array(${mb} * 1024 * 1024).fill(1); setTimeout(() => a, 10000)`;
  return ["eval", "--no-config", code];
}

/** Live (non-zombie) members of session `sid`, after up to 2 s of waiting. */
async function survivors(sid: number): Promise<string[]> {
  const deadline = Date.now() + 2000;
  while (true) {
    const out = await new Deno.Command("ps", {
      args: ["-e", "-o", "pid=,sid=,stat=,args="],
      stdout: "piped",
    }).output();
    const live = new TextDecoder().decode(out.stdout).split("\n")
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => Number(cols[1]) === sid && !(cols[2] ?? "").startsWith("Z"))
      .map((cols) => cols.join(" "));
    if (live.length === 0 || Date.now() > deadline) return live;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Whether process `pid` exists at all (zombies included). */
async function exists(pid: number): Promise<boolean> {
  const deadline = Date.now() + 2000;
  while (true) {
    const out = await new Deno.Command("ps", { args: ["-o", "pid=", "-p", `${pid}`] }).output();
    if (!out.success || Date.now() > deadline) return out.success;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function assertKilled(outcome: ProcessOutcome): void {
  assert.equal(outcome.exitCode, null);
  assert.equal(outcome.signal, "SIGKILL");
}

Deno.test("runLimited() passes stdin and returns stdout", async () => {
  const outcome = await runLimited("cat", {
    args: [],
    cwd: "/",
    env: {},
    input: "héllo",
    limits: LIMITS,
  });
  assert.equal(outcome.stdout, "héllo");
  assert.equal(outcome.exitCode, 0);
  assert.equal(outcome.signal, null);
  assert.equal(outcome.timedOut || outcome.memoryExceeded || outcome.truncated, false);
});

Deno.test("runLimited() clears the environment but for the given variables", async () => {
  const outcome = await runLimited("/usr/bin/env", {
    args: [],
    cwd: "/",
    env: { ONLY: "this" },
    limits: LIMITS,
  });
  assert.equal(outcome.stdout, "ONLY=this\n");
});

Deno.test("runLimited() reports the exit code and stderr truthfully", async () => {
  const outcome = await bash("echo oops >&2; exit 3");
  assert.equal(outcome.exitCode, 3);
  assert.equal(outcome.stderr, "oops\n");
});

Deno.test("runLimited() time-out kills the process group, grandchildren included", async () => {
  const outcome = await bash("trap '' TERM; sleep 1000 & echo $!; wait", { timeoutMs: 500 });
  assert.equal(outcome.timedOut, true);
  assertKilled(outcome);
  assert.ok(outcome.durationMs >= 500 && outcome.durationMs < 1500, `${outcome.durationMs}`);
  const grandchild = Number(outcome.stdout.trim());
  assert.ok(grandchild > 0);
  assert.equal(await exists(grandchild), false, "the backgrounded sleep survived");
});

Deno.test("runLimited() kills descendants left behind by a child that exits", async () => {
  const outcome = await bash("sleep 1000 & echo $!; exit 0");
  assert.equal(outcome.exitCode, 0);
  assert.equal(await exists(Number(outcome.stdout.trim())), false);
});

Deno.test("runLimited() caps output, marks it and kills the flooding child", async () => {
  const outcome = await bash("yes", { outputBytes: 1000 });
  assert.equal(outcome.truncated, true);
  assertKilled(outcome);
  assert.equal(outcome.stdout, "y\n".repeat(500) + "…[output truncated at 1000 bytes]\n");
});

Deno.test("runLimited() caps stderr separately", async () => {
  const outcome = await bash("echo ok; yes no >&2", { outputBytes: 1001 });
  assert.equal(outcome.stdout, "ok\n");
  assert.equal(outcome.truncated, true);
  assert.ok(outcome.stderr.endsWith("no\nno\n…[output truncated at 1001 bytes]\n"));
});

Deno.test("runLimited() cuts truncated output on a UTF-8 boundary", async () => {
  const outcome = await bash("while :; do printf 'é'; done", { outputBytes: 101 });
  assert.equal(outcome.stdout, "é".repeat(50) + "\n…[output truncated at 101 bytes]\n");
});

Deno.test("runLimited() memory watchdog kills a child over the limit", async () => {
  const outcome = await runLimited(Deno.execPath(), {
    args: allocator(300),
    cwd: "/",
    env: {},
    limits: LIMITS,
  });
  assert.equal(outcome.memoryExceeded, true);
  assert.equal(outcome.timedOut, false);
  assertKilled(outcome);
  assert.ok(outcome.peakRssMb > 64, `${outcome.peakRssMb}`);
});

Deno.test("runLimited() memory watchdog sums the RSS of grandchildren", async () => {
  // Three grandchildren of about 45 MiB each: each is under 64 MiB, the sum is not.
  const alloc = `'${Deno.execPath()}' ${allocator(5).map((arg) => `'${arg}'`).join(" ")}`;
  const outcome = await bash(`${alloc} & ${alloc} & ${alloc} & wait`, { timeoutMs: 5000 });
  assert.equal(outcome.memoryExceeded, true);
  assert.equal(outcome.timedOut, false);
});

Deno.test("runLimited() ps fallback watchdog also kills over the limit", async () => {
  const child = startLimitedProcess(Deno.execPath(), {
    args: allocator(300),
    cwd: "/",
    env: {},
    watchdogMode: "ps",
  });
  const outcome = await child.run(undefined, LIMITS);
  assert.equal(outcome.memoryExceeded, true);
  assertKilled(outcome);
});

Deno.test("runLimited() cancellation kills the child", async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 200);
  const child = startLimitedProcess("bash", {
    args: ["-c", "sleep 1000 & wait"],
    cwd: "/",
    env: {},
  });
  const outcome = await child.run(undefined, LIMITS, controller.signal);
  assert.equal(outcome.cancelled, true);
  assert.equal(outcome.timedOut, false);
  assertKilled(outcome);
  assert.deepEqual(await survivors(child.pid), []);
});

Deno.test("runLimited() with an aborted signal kills at once", async () => {
  const outcome = await runLimited("sleep", {
    args: ["1000"],
    cwd: "/",
    env: {},
    limits: LIMITS,
    signal: AbortSignal.abort(),
  });
  assert.equal(outcome.cancelled, true);
  assert.ok(outcome.durationMs < 1000);
});

Deno.test("startLimitedProcess() pre-starts a child that run() uses later", async () => {
  const child = startLimitedProcess("bash", {
    args: ["-c", 'read -r line; echo "got $line"'],
    cwd: "/",
    env: {},
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  const outcome = await child.run("warm\n", LIMITS);
  assert.equal(outcome.stdout, "got warm\n");
  await assert.rejects(() => child.run(undefined, LIMITS), TypeError);
  await child.kill();
});

Deno.test("startLimitedProcess() kill() before run() leaves nothing behind", async () => {
  const child = startLimitedProcess("bash", {
    args: ["-c", "sleep 1000 & wait"],
    cwd: "/",
    env: {},
  });
  await child.kill();
  await child.kill();
  assert.deepEqual(await survivors(child.pid), []);
});

Deno.test("startLimitedProcess() throws SandboxError for a missing program", () => {
  assert.throws(
    () => startLimitedProcess("/nonexistent/program", { args: [], cwd: "/", env: {} }),
    (error: unknown) => error instanceof SandboxError && error.code === "SANDBOX_FAILED",
  );
});

Deno.test("runLimited() rejects a limit that is not a positive integer", async () => {
  await assert.rejects(() => bash("true", { timeoutMs: 0 }), RangeError);
});

Deno.test("runLimited() watchdog kills the child when the host dies", async () => {
  const module = new URL("../../src/sandbox/run_process.ts", import.meta.url).href;
  const host = `
    import { runLimited } from "${module}";
    runLimited("sleep", { args: ["1000"], cwd: "/", env: {},
      limits: { timeoutMs: 60000, memoryMb: 64, outputBytes: 1000 } });
    // Poll: on a loaded machine the child can take a while to appear.
    let tries = 0;
    const timer = setInterval(() => {
      const ps = new Deno.Command("ps", { args: ["-o", "pid=,comm=", "--ppid", String(Deno.pid)] });
      const lines = new TextDecoder().decode(ps.outputSync().stdout).split("\\n");
      const line = lines.find((line) => line.trim().endsWith(" sleep"))?.trim();
      if (line === undefined && ++tries < 100) return;
      clearInterval(timer);
      console.log(line ?? "");
      Deno.exit(0);
    }, 100);
  `;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", `--config=${new URL("../../deno.json", import.meta.url).pathname}`, host],
    stdout: "piped",
  }).output();
  const pid = Number(new TextDecoder().decode(out.stdout).trim().split(" ")[0]);
  assert.ok(pid > 0, "the host did not report its child");
  assert.equal(await exists(pid), false, "the orphaned child survived its host");
});
