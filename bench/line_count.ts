/**
 * Benchmarks the line counter and compares it with tokei, scc and cloc,
 * whichever are on PATH, on the same corpus in the same run.
 *
 *   deno run --allow-read --allow-write --allow-run --allow-env bench/line_count.ts \
 *     [corpus-dir] [--size-mb 8] [--runs 5]
 *
 * Without a directory it generates a deterministic corpus of typical source
 * files in 15 languages under a temporary directory, removed at the end.
 * It prints, as plain text: our throughput (countLines alone, and end to end:
 * walk, read, binary check, detection, count), then per peer a table of files,
 * code, comment and blank lines for our top 10 languages, the wall times
 * (median of `--runs`) and the relative difference of the totals.
 *
 * Our end-to-end time is measured in-process; a peer's includes starting its
 * process. Peers name some languages differently; ALIASES maps the usual ones.
 *
 * @module
 */
import { countLines } from "../src/analysis/count_lines.ts";
import { detectLanguage } from "../src/analysis/detect_language.ts";
import { isBinary } from "../src/analysis/is_binary.ts";
import { generateCorpus } from "./_corpus.ts";

interface Tally {
  files: number;
  code: number;
  comment: number;
  blank: number;
}

type ByLanguage = Map<string, Tally>;

interface Peer {
  name: string;
  args: (dir: string) => string[];
  parse: (stdout: string) => ByLanguage;
}

const ALIASES: Record<string, string> = {
  // cloc
  "Bourne Shell": "Shell",
  "Bourne Again Shell": "Shell",
  "DOS Batch": "Batch",
  make: "Makefile",
  "Vuejs Component": "Vue",
  "C/C++ Header": "C Header",
  // tokei (JSON keys are its enum variants)
  Cpp: "C++",
  CHeader: "C Header",
  CppHeader: "C++ Header",
  CSharp: "C#",
  Sh: "Shell",
  Bash: "Shell",
  BASH: "Shell",
  Zsh: "Shell",
  Tsx: "TSX",
  Jsx: "JSX",
  Json: "JSON",
  Yaml: "YAML",
  Toml: "TOML",
  Sql: "SQL",
  Html: "HTML",
  Css: "CSS",
  Sass: "SCSS",
  Xml: "XML",
  Php: "PHP",
  Hcl: "HCL",
  Protobuf: "Protocol Buffers",
  Ini: "INI",
  // scc
  "TypeScript Typings": "TypeScript",
};

const PEERS: Peer[] = [
  {
    name: "tokei",
    args: (dir) => ["--output", "json", "--hidden", "--no-ignore", dir],
    parse: (stdout) => {
      const result: ByLanguage = new Map();
      const data = JSON.parse(stdout) as Record<string, {
        code: number;
        comments: number;
        blanks: number;
        reports: unknown[];
      }>;
      for (const [name, language] of Object.entries(data)) {
        if (name === "Total") continue;
        add(result, name, {
          files: language.reports.length,
          code: language.code,
          comment: language.comments,
          blank: language.blanks,
        });
      }
      return result;
    },
  },
  {
    name: "scc",
    args: (dir) => ["--format", "json", "--no-gitignore", "--no-ignore", dir],
    parse: (stdout) => {
      const result: ByLanguage = new Map();
      const data = JSON.parse(stdout) as Array<
        { Name: string; Count: number; Code: number; Comment: number; Blank: number }
      >;
      for (const row of data) {
        add(result, row.Name, {
          files: row.Count,
          code: row.Code,
          comment: row.Comment,
          blank: row.Blank,
        });
      }
      return result;
    },
  },
  {
    name: "cloc",
    args: (dir) => ["--json", "--quiet", "--skip-uniqueness", dir],
    parse: (stdout) => {
      const result: ByLanguage = new Map();
      const data = JSON.parse(stdout) as Record<
        string,
        { nFiles: number; code: number; comment: number; blank: number }
      >;
      for (const [name, row] of Object.entries(data)) {
        if (name === "header" || name === "SUM") continue;
        add(result, name, {
          files: row.nFiles,
          code: row.code,
          comment: row.comment,
          blank: row.blank,
        });
      }
      return result;
    },
  },
];

function add(map: ByLanguage, rawName: string, tally: Tally): void {
  const name = ALIASES[rawName] ?? rawName;
  const sum = map.get(name) ?? { files: 0, code: 0, comment: 0, blank: 0 };
  sum.files += tally.files;
  sum.code += tally.code;
  sum.comment += tally.comment;
  sum.blank += tally.blank;
  map.set(name, sum);
}

// ---------------------------------------------------------------------------
// Our counter.

async function listFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for await (const entry of Deno.readDir(dir)) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory && ![".git", ".hg", ".svn"].includes(entry.name)) stack.push(path);
      else if (entry.isFile) files.push(path);
    }
  }
  return files.sort();
}

function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  return new TextDecoder().decode(bytes);
}

interface Loaded {
  language: string;
  text: string;
  bytes: number;
}

async function load(root: string): Promise<Loaded[]> {
  const loaded: Loaded[] = [];
  for (const path of await listFiles(root)) {
    const bytes = await Deno.readFile(path);
    if (isBinary(bytes)) continue;
    const text = decode(bytes);
    const newline = text.indexOf("\n");
    const language = detectLanguage(path, newline === -1 ? text : text.slice(0, newline));
    if (language !== undefined) loaded.push({ language, text, bytes: bytes.length });
  }
  return loaded;
}

function countAll(files: readonly Loaded[]): ByLanguage {
  const result: ByLanguage = new Map();
  for (const file of files) {
    const counts = countLines(file.text, file.language);
    add(result, file.language, { files: 1, ...counts });
  }
  return result;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await fn();
    samples.push((performance.now() - start) / 1000);
  }
  return median(samples);
}

// ---------------------------------------------------------------------------
// Peers and output.

async function findOnPath(command: string): Promise<string | undefined> {
  for (const dir of (Deno.env.get("PATH") ?? "").split(":")) {
    if (dir === "") continue;
    const info = await Deno.stat(`${dir}/${command}`).catch(() => undefined);
    if (info?.isFile) return `${dir}/${command}`;
  }
  return undefined;
}

async function runPeer(path: string, args: string[]): Promise<string> {
  const output = await new Deno.Command(path, { args, stdout: "piped", stderr: "piped" }).output();
  if (!output.success) {
    throw new Error(`${path} failed: ${new TextDecoder().decode(output.stderr).slice(0, 500)}`);
  }
  return new TextDecoder().decode(output.stdout);
}

function total(map: ByLanguage): Tally {
  const sum = { files: 0, code: 0, comment: 0, blank: 0 };
  for (const tally of map.values()) {
    sum.files += tally.files;
    sum.code += tally.code;
    sum.comment += tally.comment;
    sum.blank += tally.blank;
  }
  return sum;
}

function print(text = ""): void {
  const bytes = new TextEncoder().encode(`${text}\n`);
  let written = 0;
  while (written < bytes.length) written += Deno.stdout.writeSync(bytes.subarray(written));
}

function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) {
    print(
      row.map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)
      ).join("  "),
    );
  }
}

function pair(ours: number | undefined, theirs: number | undefined): string {
  return `${ours ?? "-"} / ${theirs ?? "-"}`;
}

function percent(ours: number, theirs: number): string {
  if (ours === 0) return theirs === 0 ? "0.0%" : "n/a";
  const value = ((theirs - ours) / ours) * 100;
  return `${value >= 0 ? "+" : ""}${value.toFixed(1)}%`;
}

async function main(): Promise<void> {
  const args = [...Deno.args];
  const option = (name: string, fallback: number) => {
    const at = args.indexOf(name);
    if (at === -1) return fallback;
    const value = Number(args[at + 1]);
    args.splice(at, 2);
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`Cannot use ${name}: expected a positive number`);
    }
    return value;
  };
  const sizeMb = option("--size-mb", 8);
  const runs = option("--runs", 5);
  const given = args[0];
  const root = given ?? await Deno.makeTempDir({ prefix: "codegen_lab_bench_" });
  try {
    if (given === undefined) await generateCorpus(root, { sizeMb });
    const files = await load(root);
    const megabytes = files.reduce((sum, file) => sum + file.bytes, 0) / 1e6;
    const ours = countAll(files);
    const countSeconds = await time(runs, () => countAll(files));
    const endToEnd = await time(runs, async () => countAll(await load(root)));

    print(`Corpus: ${root}${given === undefined ? ` (generated, ${sizeMb} MB target)` : ""}`);
    print(
      `Counted: ${files.length} files, ${
        megabytes.toFixed(1)
      } MB of text, ${Deno.build.os}/${Deno.build.arch}, Deno ${Deno.version.deno}`,
    );
    print(
      `countLines alone: ${(megabytes / countSeconds).toFixed(0)} MB/s (${
        countSeconds.toFixed(3)
      } s, median of ${runs})`,
    );
    print(
      `End to end (walk, read, binary check, detect, count): ${endToEnd.toFixed(3)} s, ${
        (megabytes / endToEnd).toFixed(0)
      } MB/s`,
    );
    print();
    const top = [...ours].sort((a, b) => b[1].code - a[1].code).slice(0, 10);
    const perLanguage: string[][] = [["language", "files", "MB/s"]];
    for (const [language] of top) {
      const subset = files.filter((file) => file.language === language);
      const mb = subset.reduce((sum, file) => sum + file.bytes, 0) / 1e6;
      const seconds = await time(runs, () => countAll(subset));
      perLanguage.push([language, `${subset.length}`, (mb / seconds).toFixed(0)]);
    }
    print("countLines throughput by language (top 10 by code):");
    table(perLanguage);

    let peersRun = 0;
    for (const peer of PEERS) {
      const path = await findOnPath(peer.name);
      if (path === undefined) {
        print(`\n${peer.name}: not on PATH, skipped`);
        continue;
      }
      peersRun++;
      const theirs = peer.parse(await runPeer(path, peer.args(root)));
      const seconds = await time(runs, () => runPeer(path, peer.args(root)));
      print(`\nOurs / ${peer.name} (${path}), top 10 languages by our code lines:`);
      const rows = [["language", "files", "code", "comment", "blank"]];
      for (const [language, tally] of top) {
        const other = theirs.get(language);
        rows.push([
          language,
          pair(tally.files, other?.files),
          pair(tally.code, other?.code),
          pair(tally.comment, other?.comment),
          pair(tally.blank, other?.blank),
        ]);
      }
      const a = total(ours);
      const b = total(theirs);
      rows.push([
        "Total (all)",
        pair(a.files, b.files),
        pair(a.code, b.code),
        pair(a.comment, b.comment),
        pair(a.blank, b.blank),
      ]);
      rows.push([
        "difference",
        percent(a.files, b.files),
        percent(a.code, b.code),
        percent(a.comment, b.comment),
        percent(a.blank, b.blank),
      ]);
      table(rows);
      print(
        `Wall time, median of ${runs}: ours ${endToEnd.toFixed(3)} s (in-process), ${peer.name} ${
          seconds.toFixed(3)
        } s (${(seconds / endToEnd).toFixed(1)}x)`,
      );
    }
    if (peersRun === 0) print("\nNo peer (tokei, scc, cloc) on PATH: only our numbers are shown.");
  } finally {
    if (given === undefined) await Deno.remove(root, { recursive: true });
  }
}

if (import.meta.main) await main();
