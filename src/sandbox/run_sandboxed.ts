/**
 * The `run_sandboxed` operation: run TypeScript, JavaScript or Python in a
 * child Deno with no permissions and hard time, memory and output limits.
 *
 * @module
 */
import { z } from "zod";
import { defineOperation, type Operation, type OperationContext } from "../core/mod.ts";
import { sharedPythonPool } from "./_shared_pool.ts";
import type { SandboxLimits } from "./run_process.ts";
import { runTypeScript } from "./run_typescript.ts";

const input = z.strictObject({
  language: z.enum(["typescript", "javascript", "python"]).describe("Language of the code"),
  code: z.string().describe("The program to run"),
  stdin: z.string().optional().describe("Text given to the program on standard input"),
  tests: z.string().optional().describe(
    "Test code run after the program: Deno.test(...) for TypeScript/JavaScript, test_* functions with asserts for Python",
  ),
  timeoutMs: z.int().min(100).optional().describe(
    "Wall-clock limit; capped by the server's sandbox.timeoutMs",
  ),
  memoryMb: z.int().min(16).optional().describe("Memory limit; capped by sandbox.memoryMb"),
  maxOutputBytes: z.int().min(1024).optional().describe(
    "Cap on stdout and stderr, each; capped by sandbox.maxOutputBytes",
  ),
});

const output = z.object({
  language: z.string(),
  stdout: z.string(),
  stderr: z.string(),
  exitCode: z.int().nullable().describe("Exit status; null when killed"),
  timedOut: z.boolean().describe("Killed at the time limit"),
  memoryExceeded: z.boolean().describe("Killed over the memory limit"),
  truncated: z.boolean().describe("stdout or stderr was cut at the output limit"),
  cancelled: z.boolean().describe("Stopped because the caller cancelled"),
  durationMs: z.number(),
  peakRssMb: z.number().describe("Highest resident memory seen"),
  limits: z.object({ timeoutMs: z.int(), memoryMb: z.int(), outputBytes: z.int() }),
  error: z.object({
    type: z.string(),
    message: z.string(),
    line: z.int().optional(),
    column: z.int().optional(),
  }).optional().describe("The uncaught exception, when one ended the program"),
  tests: z.array(z.object({
    name: z.string(),
    passed: z.boolean(),
    message: z.string().optional(),
  })).optional().describe("Per-test results, when tests were given"),
  warm: z.boolean().optional().describe("Python: a pre-started Pyodide worker ran it"),
});

type Output = z.input<typeof output>;

/** Runs code in the sandbox. */
export const runSandboxed: Operation<typeof input, typeof output> = defineOperation({
  name: "run_sandboxed",
  title: "Run code in the sandbox",
  description:
    "Run untrusted TypeScript, JavaScript or Python in a child Deno process with no permissions (no network, env, subprocess, FFI, writes; reads only its own temp dir), a wall-clock limit, a memory limit and capped output. Python runs in Pyodide. Optional tests report pass/fail per test. Returns stdout, stderr, exitCode, timedOut, memoryExceeded, truncated, durationMs. Run check_code first.",
  group: "sandbox",
  input,
  output,
  effects: ["run"],
  requiresApproval: false,
  idempotent: false,
  cli: {
    command: "run-sandboxed",
    positional: ["language", "code"],
    examples: [
      { command: "run-sandboxed typescript 'console.log(1 + 1)'", description: "Prints 2" },
      {
        command: "run-sandboxed python 'print(input())' --stdin hello",
        description: "Python in Pyodide, with stdin",
      },
      {
        command: "run-sandboxed javascript 'while (true) {}' --timeout-ms 500 --json",
        description: "Killed after 0.5 s",
      },
    ],
    render: (out) => renderRun(out),
    exitCode: (out) => (out.exitCode === 0 && !out.timedOut && !out.memoryExceeded ? 0 : 1),
  },
  handler: (args, ctx) => run(args, ctx),
});

async function run(args: z.output<typeof input>, ctx: OperationContext): Promise<Output> {
  const config = ctx.config.sandbox;
  const limits: SandboxLimits = {
    timeoutMs: Math.min(args.timeoutMs ?? config.timeoutMs, config.timeoutMs),
    memoryMb: Math.min(args.memoryMb ?? config.memoryMb, config.memoryMb),
    outputBytes: Math.min(args.maxOutputBytes ?? config.maxOutputBytes, config.maxOutputBytes),
  };
  ctx.progress(0, 1, `running ${args.language} in the sandbox`);
  if (args.language === "python") {
    const pool = sharedPythonPool(ctx.config, ctx.door === "mcp");
    const code = args.tests === undefined ? args.code : `${args.code}\n\n${args.tests}\n`;
    const result = await pool.run(
      { code, stdin: args.stdin, mode: args.tests === undefined ? "run" : "test" },
      limits,
      ctx.signal,
    );
    ctx.progress(1, 1, "done");
    return { ...result, limits };
  }
  const result = await runTypeScript(args.code, {
    language: args.language,
    stdin: args.stdin,
    tests: args.tests,
    limits,
    signal: ctx.signal,
  });
  ctx.progress(1, 1, "done");
  return { ...result, limits };
}

function renderRun(out: Output): string {
  const lines: string[] = [];
  if (out.stdout !== "") lines.push(out.stdout.trimEnd());
  if (out.stderr !== "") {
    lines.push(...out.stderr.trimEnd().split("\n").map((line) => `stderr: ${line}`));
  }
  for (const test of out.tests ?? []) {
    lines.push(
      `${test.passed ? "ok  " : "FAIL"} ${test.name}${test.message ? ` — ${test.message}` : ""}`,
    );
  }
  const flags = [
    out.timedOut ? `timed out after ${out.limits.timeoutMs} ms` : "",
    out.memoryExceeded ? `killed over ${out.limits.memoryMb} MB` : "",
    out.truncated ? `output cut at ${out.limits.outputBytes} bytes` : "",
    out.cancelled ? "cancelled" : "",
  ].filter(Boolean);
  lines.push(
    `exit ${out.exitCode ?? "killed"} · ${Math.round(out.durationMs)} ms · peak ${
      out.peakRssMb.toFixed(0)
    } MB${flags.length > 0 ? ` · ${flags.join(", ")}` : ""}`,
  );
  return lines.join("\n");
}
