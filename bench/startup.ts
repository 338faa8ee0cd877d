// deno-lint-ignore-file no-console
/**
 * Start-up and call-latency benchmark of the MCP server over stdio, side by
 * side with the reference server @modelcontextprotocol/server-sequential-thinking
 * (run with node directly, and through npx), in the same run.
 *
 *   deno task bench            # or: deno run -A bench/startup.ts [--runs 20] [--calls 1000]
 *
 * Prints a Markdown table. Numbers are wall-clock on this machine; they are
 * reported, never asserted by tests.
 */
import { mainArgs } from "../tests/_support.ts";
import { buildCatalog } from "../src/catalog.ts";
import { invoke, testContext } from "../src/core/mod.ts";

const REFERENCE = "@modelcontextprotocol/server-sequential-thinking";
const REFERENCE_VERSION = "2026.8.31";
const args = parseArgs(Deno.args);
const RUNS = args.runs ?? 20;
const CALLS = args.calls ?? 1000;
const CONCURRENT = 50;
const workspace = await Deno.realPath(await Deno.makeTempDir({ prefix: "codegen_lab_bench_" }));
await Deno.writeTextFile(`${workspace}/a.ts`, "export {};\n");

interface Subject {
  name: string;
  command: string;
  args: string[];
  call: { name: string; arguments: Record<string, unknown> };
}

interface Pending {
  resolve: (value: Record<string, unknown>) => void;
}

/** A spawned stdio MCP server and a minimal JSON-RPC client for it. */
class StdioPeer {
  readonly child: Deno.ChildProcess;
  readonly #writer: WritableStreamDefaultWriter<Uint8Array>;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  constructor(subject: Subject) {
    this.child = new Deno.Command(subject.command, {
      args: subject.args,
      cwd: workspace,
      stdin: "piped",
      stdout: "piped",
      stderr: "null",
    }).spawn();
    this.#writer = this.child.stdin.getWriter();
    this.#read();
  }

  async #read(): Promise<void> {
    let buffer = "";
    for await (const chunk of this.child.stdout.pipeThrough(new TextDecoderStream())) {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf("\n")) !== -1) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.trim() === "") continue;
        const message = JSON.parse(line);
        const pending = this.#pending.get(message.id);
        if (pending) {
          this.#pending.delete(message.id);
          pending.resolve(message);
        }
      }
    }
  }

  request(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const id = this.#nextId++;
    const { promise, resolve } = Promise.withResolvers<Record<string, unknown>>();
    this.#pending.set(id, { resolve });
    this.#writer.write(
      new TextEncoder().encode(JSON.stringify({ jsonrpc: "2.0", id, method, params }) + "\n"),
    );
    return promise;
  }

  notify(method: string): Promise<void> {
    return this.#writer.write(
      new TextEncoder().encode(JSON.stringify({ jsonrpc: "2.0", method }) + "\n"),
    );
  }

  async initialize(): Promise<void> {
    const response = await this.request("initialize", {
      protocolVersion: "2025-06-18",
      capabilities: {},
      clientInfo: { name: "bench", version: "1" },
    });
    if (!response.result) throw new Error(`initialize failed: ${JSON.stringify(response)}`);
    await this.notify("notifications/initialized");
  }

  async rssMb(): Promise<number> {
    // Deno asks for --allow-all to read /proc/<pid>/status; ps needs only --allow-run.
    const out = await new Deno.Command("ps", { args: ["-o", "rss=", "-p", String(this.child.pid)] })
      .output();
    return Number(new TextDecoder().decode(out.stdout).trim()) / 1024;
  }

  async kill(): Promise<void> {
    try {
      this.child.kill("SIGKILL");
    } catch { /* already gone */ }
    await this.child.status;
  }

  async close(): Promise<void> {
    await this.#writer.close().catch(() => {});
    try {
      this.child.kill("SIGTERM");
    } catch { /* already gone */ }
    await this.child.status;
  }
}

function parseArgs(argv: string[]): { runs?: number; calls?: number } {
  const out: { runs?: number; calls?: number } = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--runs") out.runs = Number(argv[++i]);
    if (argv[i] === "--calls") out.calls = Number(argv[++i]);
  }
  return out;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Subjects that once failed to answer `initialize` in time; left out from then on. */
const timedOut = new Set<string>();
const INITIALIZE_TIMEOUT_MS = 30_000;

async function coldStarts(subject: Subject, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs && !timedOut.has(subject.name); i++) {
    const start = performance.now();
    const peer = new StdioPeer(subject);
    // npx now and then stalls on a registry lookup; one stall must not hang the whole bench.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stalled = new Promise<"stalled">((resolve) => {
      timer = setTimeout(() => resolve("stalled"), INITIALIZE_TIMEOUT_MS);
    });
    const outcome = await Promise.race([peer.initialize(), stalled]);
    clearTimeout(timer);
    if (outcome === "stalled") {
      timedOut.add(subject.name);
      console.error(
        `${subject.name}: no initialize answer in ${INITIALIZE_TIMEOUT_MS} ms; left out`,
      );
      await peer.kill();
      break;
    }
    times.push(performance.now() - start);
    await peer.close();
  }
  return times;
}

async function steadyState(subject: Subject) {
  const peer = new StdioPeer(subject);
  await peer.initialize();
  await peer.request("tools/list");
  await new Promise((resolve) => setTimeout(resolve, 300));
  const idleRss = await peer.rssMb();
  const sequential: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const start = performance.now();
    const response = await peer.request("tools/call", subject.call);
    sequential.push(performance.now() - start);
    if (!response.result) throw new Error(`call failed: ${JSON.stringify(response)}`);
  }
  const concurrentStart = performance.now();
  const concurrent = await Promise.all(
    Array.from({ length: CONCURRENT }, async () => {
      const start = performance.now();
      await peer.request("tools/call", subject.call);
      return performance.now() - start;
    }),
  );
  const concurrentWall = performance.now() - concurrentStart;
  const rssAfter = await peer.rssMb();
  await peer.close();
  return { idleRss, rssAfter, sequential, concurrent, concurrentWall };
}

async function referenceEntry(): Promise<string | undefined> {
  const dir = `${Deno.env.get("TMPDIR") ?? "/tmp"}/codegen_lab_bench_reference`;
  const entry = `${dir}/node_modules/${REFERENCE}/dist/index.js`;
  try {
    await Deno.stat(entry);
    return entry;
  } catch { /* install below */ }
  const install = await new Deno.Command("npm", {
    args: [
      "install",
      "--silent",
      "--no-audit",
      "--no-fund",
      "--prefix",
      dir,
      `${REFERENCE}@${REFERENCE_VERSION}`,
    ],
    stdout: "null",
    stderr: "piped",
  }).output();
  if (install.code !== 0) {
    console.error(`could not install ${REFERENCE}: ${new TextDecoder().decode(install.stderr)}`);
    return undefined;
  }
  return entry;
}

const thinkingCall = {
  name: "sequentialthinking",
  arguments: {
    thought: "benchmark thought",
    nextThoughtNeeded: false,
    thoughtNumber: 1,
    totalThoughts: 1,
  },
};
const subjects: Subject[] = [{
  name: "codegen-lab (deno task serve)",
  command: Deno.execPath(),
  // Exactly the permissions of `deno task serve` for this workspace.
  args: mainArgs(workspace, ["serve"]),
  call: { name: "workspace_info", arguments: {} },
}];
const entry = await referenceEntry();
if (entry) {
  subjects.push({
    name: "sequential-thinking (node)",
    command: "node",
    args: [entry],
    call: thinkingCall,
  });
  subjects.push({
    name: "sequential-thinking (npx)",
    command: "npx",
    args: ["-y", `${REFERENCE}@${REFERENCE_VERSION}`],
    call: thinkingCall,
  });
}

// Warm the caches (Deno's module cache, npm's) once before measuring.
for (const subject of subjects) await coldStarts(subject, 1);

// Interleave cold starts so machine noise hits every subject alike.
const starts = new Map<string, number[]>(subjects.map((subject) => [subject.name, []]));
for (let run = 0; run < RUNS; run++) {
  for (const subject of subjects) starts.get(subject.name)!.push(...(await coldStarts(subject, 1)));
}
const steady = new Map<string, Awaited<ReturnType<typeof steadyState>>>();
for (const subject of subjects) {
  if (!timedOut.has(subject.name)) steady.set(subject.name, await steadyState(subject));
}

// In-process: the registry call itself, no transport.
const ctx = await testContext(workspace);
const operation = buildCatalog().operations.get("workspace_info")!;
for (let i = 0; i < 100; i++) await invoke(operation, {}, ctx);
const inProcess: number[] = [];
for (let i = 0; i < CALLS; i++) {
  const start = performance.now();
  await invoke(operation, {}, ctx);
  inProcess.push(performance.now() - start);
}

const shown = subjects.filter((subject) => !timedOut.has(subject.name));
const fmt = (value: number, digits = 1): string => value.toFixed(digits);
const rows: Array<[string, ...string[]]> = [
  [
    `cold start → initialize, median of ${RUNS} (ms)`,
    ...shown.map((s) => fmt(quantile(starts.get(s.name)!, 0.5))),
  ],
  [
    `cold start → initialize, p95 (ms)`,
    ...shown.map((s) => fmt(quantile(starts.get(s.name)!, 0.95))),
  ],
  ["idle RSS after tools/list (MB)", ...shown.map((s) => fmt(steady.get(s.name)!.idleRss))],
  [
    `${CALLS} sequential tools/call, p50 (ms)`,
    ...shown.map((s) => fmt(quantile(steady.get(s.name)!.sequential, 0.5), 2)),
  ],
  [
    `${CALLS} sequential tools/call, p95 (ms)`,
    ...shown.map((s) => fmt(quantile(steady.get(s.name)!.sequential, 0.95), 2)),
  ],
  [
    `${CONCURRENT} concurrent calls, wall (ms)`,
    ...shown.map((s) => fmt(steady.get(s.name)!.concurrentWall)),
  ],
  [
    `${CONCURRENT} concurrent calls, p95 (ms)`,
    ...shown.map((s) => fmt(quantile(steady.get(s.name)!.concurrent, 0.95))),
  ],
  ["RSS after the calls (MB)", ...shown.map((s) => fmt(steady.get(s.name)!.rssAfter))],
];
console.log(
  `\nMCP stdio server benchmark (${
    new Date().toISOString().slice(0, 10)
  }, Deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} cores)\n`,
);
console.log(`| metric | ${shown.map((s) => s.name).join(" | ")} |`);
console.log(`|---|${shown.map(() => "---:").join("|")}|`);
for (const [label, ...values] of rows) console.log(`| ${label} | ${values.join(" | ")} |`);
console.log(
  `\nIn-process invoke(workspace_info), ${CALLS} calls: p50 ${
    fmt(quantile(inProcess, 0.5), 3)
  } ms, p95 ${fmt(quantile(inProcess, 0.95), 3)} ms`,
);
if (timedOut.size > 0) console.log(`Left out (initialize timed out): ${[...timedOut].join(", ")}`);
console.log("Targets: cold start < 250 ms, idle RSS < 100 MB, in-process p50 < 2 ms.");
await Deno.remove(workspace, { recursive: true });
