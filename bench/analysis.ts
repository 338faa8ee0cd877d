// deno-lint-ignore-file no-console
/**
 * Analysis and packing, side by side with their peers on the same corpus in
 * the same run: `analyze repo` against cloc (and tokei or scc when on PATH)
 * for line counting, `pack` against repomix for packing. Every subject runs
 * as a fresh process (start-up included), interleaved, `--runs` times; the
 * table shows the median wall time, the peak RSS (GNU time) and the output.
 *
 *   deno run --allow-read --allow-write --allow-run --allow-env bench/analysis.ts \
 *     [corpus-dir] [--files 20000] [--runs 5]
 *
 * Without a directory it generates a deterministic corpus of `--files` small
 * source files in 15 languages (removed at the end). repomix is installed once
 * with npm under $TMPDIR and run with node directly (npx would add its own
 * start-up); both packers count tokens with o200k_base, and both outputs are
 * also counted here with the same tokenizer.
 *
 * @module
 */
import { loadTokenCounter } from "../src/analysis/tokenizer.ts";
import { mainArgs } from "../tests/_support.ts";
import { generateCorpus } from "./_corpus.ts";

const REPOMIX_VERSION = "1.18.1";
const tmp = Deno.env.get("TMPDIR") ?? "/tmp";

interface Measured {
  wallMs: number;
  rssMb: number;
  stdout: string;
}

async function measure(command: string, args: string[], cwd: string): Promise<Measured> {
  const start = performance.now();
  const out = await new Deno.Command("/usr/bin/time", {
    args: ["-v", command, ...args],
    cwd,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const wallMs = performance.now() - start;
  const stderr = new TextDecoder().decode(out.stderr);
  if (!out.success) throw new Error(`${command} ${args.join(" ")} failed:\n${stderr.slice(-2000)}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  return {
    wallMs,
    rssMb: rss ? Number(rss[1]) / 1024 : NaN,
    stdout: new TextDecoder().decode(out.stdout),
  };
}

async function onPath(command: string): Promise<boolean> {
  const out = await new Deno.Command("sh", { args: ["-c", `command -v ${command}`] }).output();
  return out.success;
}

async function repomixEntry(): Promise<string> {
  const dir = `${tmp}/codegen_lab_bench_repomix`;
  const entry = `${dir}/node_modules/repomix/bin/repomix.cjs`;
  if (await Deno.stat(entry).then(() => true, () => false)) return entry;
  const install = await new Deno.Command("npm", {
    args: [
      "install",
      "--silent",
      "--no-audit",
      "--no-fund",
      "--prefix",
      dir,
      `repomix@${REPOMIX_VERSION}`,
    ],
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!install.success) throw new Error(new TextDecoder().decode(install.stderr));
  return entry;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function parseArgs(argv: string[]): { dir?: string; files: number; runs: number } {
  const out = { dir: undefined as string | undefined, files: 20_000, runs: 5 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--files") out.files = Number(argv[++i]);
    else if (argv[i] === "--runs") out.runs = Number(argv[++i]);
    else out.dir = argv[i];
  }
  return out;
}

const options = parseArgs(Deno.args);
const generated = options.dir === undefined;
const corpus = await Deno.realPath(
  options.dir ?? await Deno.makeTempDir({ prefix: "codegen_lab_analysis_corpus_" }),
);
if (generated) await generateCorpus(corpus, { files: options.files, lines: [15, 80] });
const outDir = await Deno.makeTempDir({ prefix: "codegen_lab_analysis_out_" });
const ourOut = ".codegen-lab-bench-pack.xml";

const deno = Deno.execPath();
// Exactly the permissions of `deno task cli` for this corpus.
const ours = (args: string[]) => mainArgs(corpus, ["--cwd", corpus, ...args]);

interface Subject {
  name: string;
  kind: "count" | "pack";
  run: () => Promise<Measured>;
  /** Files and lines of code (count) or tokens (pack) the tool itself reported. */
  report: (measured: Measured) => Promise<string>;
}

const countTokens = await loadTokenCounter("o200k_base");
const subjects: Subject[] = [{
  name: "codegen-lab analyze repo",
  kind: "count",
  run: () => measure(deno, ours(["analyze", "repo", "--no-write", "--json"]), corpus),
  report: (m) => {
    const out = JSON.parse(m.stdout);
    return Promise.resolve(`${out.totals.textFiles} files, ${out.totals.code} code lines`);
  },
}];
if (await onPath("cloc")) {
  subjects.push({
    name: "cloc",
    kind: "count",
    run: () => measure("cloc", ["--json", "--quiet", "."], corpus),
    report: (m) => {
      const sum = JSON.parse(m.stdout).SUM;
      return Promise.resolve(`${sum.nFiles} files, ${sum.code} code lines`);
    },
  });
}
for (const peer of ["tokei", "scc"]) {
  if (await onPath(peer)) {
    subjects.push({
      name: peer,
      kind: "count",
      run: () =>
        measure(
          peer,
          peer === "tokei" ? ["--output", "json", "."] : ["--format", "json", "."],
          corpus,
        ),
      report: () => Promise.resolve("(see its output)"),
    });
  }
}
subjects.push({
  name: "codegen-lab pack",
  kind: "pack",
  run: async () => {
    const measured = await measure(deno, ours(["pack", "--out", ourOut, "--json"]), corpus);
    await Deno.rename(`${corpus}/${ourOut}`, `${outDir}/ours.xml`);
    return measured;
  },
  report: async (m) => {
    const out = JSON.parse(m.stdout);
    const text = await Deno.readTextFile(`${outDir}/ours.xml`);
    return `${out.fileCount} files, ${out.totalTokens} tokens (recounted: ${countTokens(text)})`;
  },
});
const repomix = await repomixEntry().catch((error) => {
  console.error(`repomix unavailable: ${(error as Error).message}`);
  return undefined;
});
if (repomix !== undefined) {
  subjects.push({
    name: `repomix ${REPOMIX_VERSION}`,
    kind: "pack",
    run: () =>
      measure("node", [
        repomix,
        ".",
        "--output",
        `${outDir}/repomix.xml`,
        "--style",
        "xml",
        "--token-count-encoding",
        "o200k_base",
        "--no-file-summary",
      ], corpus),
    report: async (m) => {
      const files = /Total Files:\s*([\d,]+)/.exec(m.stdout)?.[1] ?? "?";
      const tokens = /Total Tokens:\s*([\d,]+)/.exec(m.stdout)?.[1] ?? "?";
      const text = await Deno.readTextFile(`${outDir}/repomix.xml`);
      return `${files} files, ${tokens} tokens (recounted: ${countTokens(text)})`;
    },
  });
}

// Warm every cache once (Deno's module cache, node's), then interleave.
const last = new Map<string, Measured>();
for (const subject of subjects) last.set(subject.name, await subject.run());
const times = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
const rss = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
for (let run = 0; run < options.runs; run++) {
  for (const subject of subjects) {
    const measured = await subject.run();
    last.set(subject.name, measured);
    times.get(subject.name)!.push(measured.wallMs);
    rss.get(subject.name)!.push(measured.rssMb);
  }
}

let files = 0;
let bytes = 0;
const walk = async (dir: string): Promise<void> => {
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isDirectory && entry.name !== ".git") await walk(`${dir}/${entry.name}`);
    else if (entry.isFile) {
      files++;
      bytes += (await Deno.stat(`${dir}/${entry.name}`)).size;
    }
  }
};
await walk(corpus);

console.log(
  `\nAnalysis and packing benchmark (${
    new Date().toISOString().slice(0, 10)
  }, Deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} cores)`,
);
console.log(
  `Corpus: ${generated ? "generated" : corpus}, ${files} files, ${
    (bytes / 1e6).toFixed(1)
  } MB; median of ${options.runs} runs, each a fresh process\n`,
);
console.log("| task | tool | wall median (ms) | peak RSS (MB) | output |");
console.log("|---|---|---:|---:|---|");
for (const subject of subjects) {
  console.log(
    `| ${subject.kind === "count" ? "line counting" : "packing"} | ${subject.name} | ${
      median(times.get(subject.name)!).toFixed(0)
    } | ${median(rss.get(subject.name)!).toFixed(0)} | ${await subject.report(
      last.get(subject.name)!,
    )} |`,
  );
}
const ratio = (a: string, b: string) =>
  times.has(a) && times.has(b) ? (median(times.get(b)!) / median(times.get(a)!)).toFixed(2) : "n/a";
console.log(
  `\nPacking speed-up over repomix: ${
    ratio("codegen-lab pack", `repomix ${REPOMIX_VERSION}`)
  }× (target ≥ 3×).`,
);
console.log(
  `Analysis vs cloc: ${ratio("codegen-lab analyze repo", "cloc")}× (target: 20,000 files < 2 s).`,
);

await Deno.remove(outDir, { recursive: true });
if (generated) await Deno.remove(corpus, { recursive: true });
