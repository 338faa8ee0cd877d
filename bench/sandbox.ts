// deno-lint-ignore-file no-console
/**
 * The sandbox's costs, in one table: a sandboxed TypeScript run of
 * `console.log(1)` against a bare `deno run` of the same file (the floor),
 * Python in Pyodide cold against a warm pool, and the static scan's
 * throughput (bench/scan_code.ts, run as a child).
 *
 *   deno run --allow-read --allow-write --allow-run --allow-env bench/sandbox.ts [--runs 20]
 *
 * Targets: TypeScript overhead < 150 ms, warm Python < 50 ms, scan > 200,000 lines/s.
 *
 * @module
 */
import { PythonPool, runPython, runTypeScript } from "../src/sandbox/mod.ts";

const runsArg = Deno.args.indexOf("--runs");
const RUNS = runsArg === -1 ? 20 : Number(Deno.args[runsArg + 1]);
const limits = { timeoutMs: 30_000, memoryMb: 256, outputBytes: 64 * 1024 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

// TypeScript: the sandbox against a bare run (no limits, no staging, no watchdog).
const bareDir = await Deno.makeTempDir({ prefix: "codegen_lab_bench_bare_" });
await Deno.writeTextFile(`${bareDir}/main.ts`, "console.log(1);\n");
await runTypeScript("console.log(1);", { limits }); // warm the page cache and the setpriv probe
const sandboxed: number[] = [];
const bare: number[] = [];
for (let i = 0; i < RUNS; i++) {
  sandboxed.push(
    await timed(async () => {
      const out = await runTypeScript("console.log(1);", { limits });
      if (out.stdout !== "1\n") throw new Error(`unexpected output: ${out.stdout}${out.stderr}`);
    }),
  );
  bare.push(
    await timed(() =>
      new Deno.Command(Deno.execPath(), {
        args: ["run", "--quiet", "--no-config", `${bareDir}/main.ts`],
        stdout: "null",
      }).output()
    ),
  );
}
await Deno.remove(bareDir, { recursive: true });

// Python: one cold run (loads Pyodide), then warm runs from a pool of one.
const cold: number[] = [];
for (let i = 0; i < 3; i++) {
  cold.push(
    await timed(async () => {
      const out = await runPython({ code: "print(1)" }, limits);
      if (out.stdout !== "1\n") throw new Error(`unexpected output: ${out.stdout}${out.stderr}`);
    }),
  );
}
const pool = new PythonPool({ size: 1, memoryMb: limits.memoryMb });
await pool.warmUp();
const warm: number[] = [];
for (let i = 0; i < RUNS; i++) {
  // Each run uses a fresh child; let the pool refill before timing the next one.
  await pool.warmUp();
  warm.push(
    await timed(async () => {
      const out = await pool.run({ code: "print(1)" }, limits);
      if (!out.warm || out.stdout !== "1\n") {
        throw new Error(`not a warm run: ${JSON.stringify(out)}`);
      }
    }),
  );
}
await pool.close();

const scan = await new Deno.Command(Deno.execPath(), {
  args: ["run", "--allow-read", new URL("./scan_code.ts", import.meta.url).pathname],
  stdout: "piped",
  stderr: "inherit",
}).output();
const scanTable = new TextDecoder().decode(scan.stdout).trim();

console.log(
  `\nSandbox benchmark (${
    new Date().toISOString().slice(0, 10)
  }, Deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} cores), median of ${RUNS}\n`,
);
console.log("| measurement | median (ms) | min (ms) | target |");
console.log("|---|---:|---:|---|");
const row = (label: string, values: number[], target: string) =>
  console.log(
    `| ${label} | ${median(values).toFixed(1)} | ${Math.min(...values).toFixed(1)} | ${target} |`,
  );
row("TypeScript console.log(1), sandboxed", sandboxed, "< 150 ms");
row("same file, bare `deno run` (floor)", bare, "");
console.log(
  `| sandbox overhead over bare | ${(median(sandboxed) - median(bare)).toFixed(1)} | | |`,
);
row("Python print(1), cold (loads Pyodide)", cold, "");
row("Python print(1), warm pool", warm, "< 50 ms");
console.log(`\nStatic scan (bench/scan_code.ts):\n\n${scanTable}`);
