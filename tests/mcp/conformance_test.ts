/**
 * The MCP project's own conformance suite (npm:@modelcontextprotocol/conformance)
 * against our real HTTP server. Only the scenarios that hold for any server
 * are run; the rest call fixture tools (test_*) that only a conformance test
 * server has.
 */
import assert from "node:assert/strict";
import { mainArgs, makeWorkspace, removeWorkspace } from "../_support.ts";

const CONFORMANCE = "npm:@modelcontextprotocol/conformance@0.1.16";
const SCENARIOS = [
  "server-initialize",
  "logging-set-level",
  "ping",
  "tools-list",
  "server-sse-multiple-streams",
  "resources-list",
  "resources-subscribe",
  "resources-unsubscribe",
  "prompts-list",
  "dns-rebinding-protection",
];

Deno.test("MCP conformance suite: every scenario that applies to a real server passes", async () => {
  const workspace = await makeWorkspace({ "a.txt": "" });
  const server = new Deno.Command(Deno.execPath(), {
    args: mainArgs(workspace, ["serve", "--http", "--port", "0"], ["--allow-net=127.0.0.1"]),
    cwd: workspace,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
    env: { NO_COLOR: "1" },
    clearEnv: true,
  }).spawn();
  const reader = server.stderr.pipeThrough(new TextDecoderStream()).getReader();
  try {
    let stderr = "";
    while (!/listening on (\S+)\n/.test(stderr)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`server exited early: ${stderr}`);
      stderr += value;
    }
    const url = /listening on (\S+)\n/.exec(stderr)![1]!;
    // Keep draining stderr so the server never blocks on a full pipe, and
    // keep it for the failure message.
    const drained = (async () => {
      while (true) {
        const { value, done } = await reader.read();
        if (done) return;
        stderr += value;
      }
    })();
    const failures: string[] = [];
    for (const scenario of SCENARIOS) {
      const run = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--quiet",
          "--no-lock",
          "--no-config",
          "--allow-net=127.0.0.1",
          "--allow-env",
          "--allow-read",
          "--allow-write",
          "--allow-sys",
          CONFORMANCE,
          "server",
          "--url",
          url,
          "--scenario",
          scenario,
        ],
        cwd: workspace,
        stdin: "null",
      }).output();
      const text = new TextDecoder().decode(run.stdout) + new TextDecoder().decode(run.stderr);
      if (run.code !== 0 || !/Passed: (\d+)\/\1, 0 failed/.test(text)) {
        failures.push(`${scenario}:\n${text.slice(-1500)}`);
      }
    }
    assert.deepEqual(failures, [], `server stderr:\n${stderr}`);
    void drained;
  } finally {
    server.kill("SIGTERM");
    await server.status;
    await reader.cancel().catch(() => {});
    await removeWorkspace(workspace);
  }
});
