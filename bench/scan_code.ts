// deno-lint-ignore-file no-console
/**
 * Code safety scan throughput: generates a deterministic corpus of ordinary
 * TypeScript and Python (imports, classes, comments, docstrings, strings,
 * templates, f-strings, regex literals, and a few real findings) and scans it
 * file by file, as `check_code` does. Prints lines, median milliseconds and
 * lines per second per language.
 *
 *   deno run bench/scan_code.ts [--lines 50000] [--runs 7]
 *
 * Target (issue 5): more than 200,000 lines/s on ordinary code.
 *
 * @module
 */
import { type CodeLanguage, scanCode } from "../src/sandbox/scan_code.ts";

const args = Object.fromEntries(
  Deno.args.flatMap((arg, i, all) =>
    arg.startsWith("--") ? [[arg.slice(2), Number(all[i + 1])]] : []
  ),
) as Record<string, number>;
const LINES = args.lines ?? 50_000;
const RUNS = args.runs ?? 7;
const FILE_LINES = 250;

/** A deterministic pseudo-random sequence, so every run scans the same corpus. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function tsUnit(n: number, next: () => number): string[] {
  const unit = [
    `/**`,
    ` * Computes the ${n}th value of the series (see docs/series.md).`,
    ` * @param input The input, e.g. "eval(${n})" in a comment is not a call.`,
    ` */`,
    `export function compute${n}(input: number, offset = ${n}): number {`,
    `  const label = \`step-\${input}-${n}\`; // template with a substitution`,
    `  const pattern = /^item-(\\d+)\\/${n}$/i;`,
    `  if (pattern.test(label) && input / 2 > ${n}) return input - offset;`,
    `  const parts = ["a", 'b', "c-${n}"].map((part) => part.toUpperCase());`,
    `  return parts.length + helper(input, { retries: ${n % 5}, name: "unit-${n}" });`,
    `}`,
    ``,
    `export class Service${n} {`,
    `  readonly #cache = new Map<string, number>();`,
    `  constructor(private readonly base = "https://example.com/api/${n}") {}`,
    `  async load(id: string): Promise<number | undefined> {`,
    `    /* block comment: fetch(id) and Deno.env are not code here */`,
    `    const key = \`\${this.base}/\${encodeURIComponent(id)}\`;`,
    `    return this.#cache.get(key) ?? JSON.parse("{}").value;`,
    `  }`,
    `}`,
    ``,
  ];
  const roll = next();
  if (roll < 0.05) unit.push(`const response${n} = await fetch("https://example.com/data/${n}");`);
  else if (roll < 0.08) unit.push(`const home${n} = Deno.env.get("HOME");`);
  else if (roll < 0.1) unit.push(`await Deno.writeTextFile("out/${n}.json", "{}");`);
  return unit;
}

function pyUnit(n: number, next: () => number): string[] {
  const unit = [
    `class Handler${n}(BaseHandler):`,
    `    """Handles requests of kind ${n}.`,
    ``,
    `    Calling eval(x) or os.system("ls") in a docstring is not code.`,
    `    """`,
    ``,
    `    def __init__(self, name: str = "handler-${n}", retries: int = ${n % 7}) -> None:`,
    `        self.name = name  # a comment with exec(code)`,
    `        self.retries = retries`,
    `        self.pattern = re.compile(r"^item-(\\d+)/${n}$")`,
    ``,
    `    def describe(self, value: int) -> str:`,
    `        label = f"{self.name}-{value:>4}-{'x' * 2}"`,
    `        parts = [part.upper() for part in ("a", 'b', "c-${n}")]`,
    `        return label + ", ".join(parts) + os.path.join("data", "${n}.txt")`,
    ``,
    `    def total(self, values: list[int]) -> int:`,
    `        return sum(v * ${n} for v in values if v % 2 == 0)`,
    ``,
  ];
  const roll = next();
  if (roll < 0.05) unit.push(`response_${n} = requests.get("https://example.com/data/${n}")`, ``);
  else if (roll < 0.08) unit.push(`home_${n} = os.environ.get("HOME")`, ``);
  else if (roll < 0.1) unit.push(`open("out/${n}.json", "w").write("{}")`, ``);
  return unit;
}

function corpus(language: CodeLanguage, lines: number): string[] {
  const next = random(language === "python" ? 7 : 11);
  const header = language === "python"
    ? ["import os", "import re", "import requests", "from base import BaseHandler", ""]
    : ['import { helper } from "./helper.ts";', 'import * as path from "node:path";', ""];
  const files: string[] = [];
  let current = [...header];
  let total = 0;
  for (let n = 0; total < lines; n++) {
    const unit = language === "python" ? pyUnit(n, next) : tsUnit(n, next);
    current.push(...unit);
    total += unit.length;
    if (current.length >= FILE_LINES) {
      files.push(current.join("\n") + "\n");
      total += header.length;
      current = [...header];
    }
  }
  if (current.length > header.length) files.push(current.join("\n") + "\n");
  return files;
}

function countLines(files: readonly string[]): number {
  return files.reduce((sum, file) => sum + file.split("\n").length - 1, 0);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const sets: Array<[string, CodeLanguage, string[]]> = [
  ["TypeScript", "typescript", corpus("typescript", LINES / 2)],
  ["Python", "python", corpus("python", LINES / 2)],
];
const rows: Array<[string, number, number, number]> = [];
let allLines = 0;
let allMs = 0;
for (const [name, language, files] of sets) {
  let findings = 0;
  const times: number[] = [];
  for (let run = 0; run < RUNS + 1; run++) {
    const started = performance.now();
    findings = 0;
    for (const [i, file] of files.entries()) {
      findings +=
        scanCode(file, language, { path: `src/file_${i}.${language === "python" ? "py" : "ts"}` })
          .length;
    }
    if (run > 0) times.push(performance.now() - started); // run 0 warms up the JIT
  }
  const lines = countLines(files);
  const ms = median(times);
  rows.push([
    `${name} (${files.length} files, ${findings} findings)`,
    lines,
    ms,
    lines / ms * 1000,
  ]);
  allLines += lines;
  allMs += ms;
}
rows.push(["Total", allLines, allMs, allLines / allMs * 1000]);

const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");
console.log(`scanCode, median of ${RUNS} runs (${navigator.hardwareConcurrency} CPUs)\n`);
console.log(`| corpus | lines | ms | lines/s |`);
console.log(`| --- | ---: | ---: | ---: |`);
for (const [name, lines, ms, rate] of rows) {
  console.log(`| ${name} | ${fmt(lines)} | ${ms.toFixed(1)} | ${fmt(rate)} |`);
}
