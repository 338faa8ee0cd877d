// deno-lint-ignore-file no-console
/**
 * Rule engine benchmark: generates N rules (default 10,000) in a temp
 * workspace and measures list, validate-all and rules_which for 1,000 paths,
 * plus memory. The naive matcher (every glob tested against every path) runs
 * beside the glob index in the same run.
 *
 *   deno run -A bench/rules.ts [--rules 10000] [--paths 1000] [--runs 5]
 *
 * Targets (issue 3): validate 10,000 rules < 1 s; rules_which < 0.1 ms per
 * path after indexing; memory < 200 MB.
 */
import { compileGlob, invoke, testContext } from "../src/core/mod.ts";
import {
  GlobIndex,
  loadRuleSet,
  rulesList,
  rulesValidate,
  runRulesWatch,
} from "../src/rules/mod.ts";

const args = Deno.args[0] === "--measure-memory"
  ? {} as Record<string, number>
  : Object.fromEntries(
    Deno.args.flatMap((
      arg,
      i,
      all,
    ) => (arg.startsWith("--") ? [[arg.slice(2), Number(all[i + 1])]] : [])),
  ) as Record<string, number>;
const RULES = args.rules ?? 10_000;
const PATHS = args.paths ?? 1_000;
const RUNS = args.runs ?? 5;

const EXTENSIONS = [
  "ts",
  "tsx",
  "js",
  "py",
  "go",
  "rs",
  "md",
  "json",
  "yaml",
  "sql",
  "css",
  "java",
  "rb",
  "php",
  "sh",
];
const DIRS = ["src", "lib", "app", "pkg", "tests", "docs", "scripts", "api", "web", "cmd"];
const CATEGORIES = ["core-rules", "global-rules", "testing-rules", "tool-rules", "web", "backend"];

/** A deterministic pseudo-random sequence, so every run generates the same corpus. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function generate(root: string): Promise<string[]> {
  const next = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const globPool: string[] = [];
  for (const dir of DIRS) {
    for (const ext of EXTENSIONS) globPool.push(`${dir}/**/*.${ext}`);
  }
  for (const ext of EXTENSIONS) globPool.push(`*.${ext}`, `**/*.${ext}`);
  globPool.push("**/Dockerfile", "Makefile", "**/*_test.*", "src/**/{a,b}/*.ts", "**/fixtures/**");
  const paragraph =
    "Follow the project's conventions for this kind of file. Prefer small functions, " +
    "clear names and tests that assert exact behaviour. ";
  const writes: Promise<void>[] = [];
  for (let i = 0; i < RULES; i++) {
    const kind = next();
    const lines = ["---"];
    if (kind < 0.1) lines.push("alwaysApply: true");
    else if (kind < 0.7) {
      const globs = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(globPool));
      lines.push(
        `description: Rule ${i} for ${globs[0]}`,
        `globs: ${globs.join(",")}`,
        "alwaysApply: false",
      );
    } else if (kind < 0.95) {
      lines.push(`description: Use when working on topic ${i}`, "alwaysApply: false");
    } else lines.push("globs:", "alwaysApply: false");
    lines.push(
      "---",
      `# Rule ${i}`,
      "",
      ...Array.from({ length: 8 + (i % 12) }, (_, k) => `- ${paragraph}(${i}.${k})`),
      "",
    );
    const dir = `${root}/.cursor/rules/${pick(CATEGORIES)}/group-${i % 50}`;
    writes.push(
      Deno.mkdir(dir, { recursive: true }).then(() =>
        Deno.writeTextFile(`${dir}/rule-${i}.mdc`, lines.join("\n"))
      ),
    );
    if (writes.length >= 256) await Promise.all(writes.splice(0));
  }
  // Workspace files for glob-no-match checks, and the paths rules_which is asked about.
  const paths: string[] = [];
  for (let i = 0; i < 2_000; i++) {
    const path = `${pick(DIRS)}/m${i % 40}/file${i}.${pick(EXTENSIONS)}`;
    paths.push(path);
    writes.push(
      Deno.mkdir(`${root}/${path.slice(0, path.lastIndexOf("/"))}`, { recursive: true }).then(() =>
        Deno.writeTextFile(`${root}/${path}`, "x\n")
      ),
    );
    if (writes.length >= 256) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
  return paths.slice(0, PATHS);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time(fn: () => Promise<unknown> | unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
}

// Child mode: one list + one validate in a fresh process, then report peak RSS.
if (Deno.args[0] === "--measure-memory") {
  const ctx = await testContext(Deno.args[1]!);
  await invoke(rulesList, {}, ctx);
  await invoke(rulesValidate, { format: "json" }, ctx);
  const status = await Deno.readTextFile("/proc/self/status");
  console.log(Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024);
  Deno.exit(0);
}

const root = await Deno.realPath(await Deno.makeTempDir({ prefix: "codegen_lab_rules_bench_" }));
const generateStart = performance.now();
const paths = await generate(root);
console.error(`generated ${RULES} rules in ${(performance.now() - generateStart).toFixed(0)} ms`);
const ctx = await testContext(root);

const listTimes = await time(() => invoke(rulesList, {}, ctx));
let validateSummary = "";
const validateTimes = await time(async () => {
  const out = await invoke(rulesValidate, { format: "json" }, ctx) as {
    counts: Record<string, number>;
    rules: number;
  };
  validateSummary =
    `${out.rules} rules, ${out.counts.errors} errors, ${out.counts.warnings} warnings`;
});
const set = await loadRuleSet(root);
const indexStart = performance.now();
const index = new GlobIndex<string>();
for (const rule of set.rules) {
  if (rule.type !== "auto-attached") continue;
  for (const glob of rule.parsed!.globs) index.add(glob, rule.name, rule.scope);
}
const indexMs = performance.now() - indexStart;
const naive: Array<{ name: string; matches: (path: string) => boolean }> = [];
for (const rule of set.rules) {
  if (rule.type !== "auto-attached") continue;
  for (const glob of rule.parsed!.globs) {
    naive.push({ name: rule.name, matches: compileGlob(glob, { basename: !glob.includes("/") }) });
  }
}
let hits = 0;
const whichTimes = await time(() => {
  hits = 0;
  for (const path of paths) hits += index.match(path).length;
});
let naiveHits = 0;
const naiveTimes = await time(() => {
  naiveHits = 0;
  for (const path of paths) for (const entry of naive) if (entry.matches(path)) naiveHits++;
});
if (hits !== naiveHits) {
  throw new Error(`index found ${hits} matches but the naive scan found ${naiveHits}`);
}
const child = await new Deno.Command(Deno.execPath(), {
  args: [
    "run",
    "-A",
    `--config=${new URL("../deno.json", import.meta.url).pathname}`,
    new URL(import.meta.url).pathname,
    "--measure-memory",
    root,
  ],
  stderr: "inherit",
}).output();
const peakMb = Number(new TextDecoder().decode(child.stdout).trim());

// `rules watch`: from a save to the diagnostics being written, on a 50-rule project.
const watchRoot = await Deno.realPath(await Deno.makeTempDir({ prefix: "codegen_lab_watch_" }));
await Deno.mkdir(`${watchRoot}/.cursor/rules/core-rules`, { recursive: true });
for (let i = 0; i < 50; i++) {
  await Deno.writeTextFile(
    `${watchRoot}/.cursor/rules/core-rules/r${i}.mdc`,
    `---\ndescription: Rule ${i} for the watch benchmark\nalwaysApply: false\n---\n# Rule ${i}\n\nBody ${i}.\n`,
  );
}
const stopWatching = new AbortController();
let onReport: ((text: string) => void) | undefined;
const firstReport = Promise.withResolvers<void>();
const watching = runRulesWatch(await testContext(watchRoot, { signal: stopWatching.signal }), {
  write: (text) => {
    firstReport.resolve();
    onReport?.(text);
  },
});
await firstReport.promise;
const watchTimes: number[] = [];
for (let i = 0; i < 20; i++) {
  const seen = Promise.withResolvers<number>();
  // Each save introduces a new, distinct error, so its report names it.
  onReport = (text) => {
    if (text.includes(`maybe${i}`)) seen.resolve(performance.now());
  };
  const start = performance.now();
  await Deno.writeTextFile(
    `${watchRoot}/.cursor/rules/core-rules/r7.mdc`,
    `---\ndescription: Rule 7\nalwaysApply: maybe${i}\n---\n# Rule 7\n\nBody.\n`,
  );
  watchTimes.push((await seen.promise) - start);
  await new Promise((resolve) => setTimeout(resolve, 50));
}
stopWatching.abort();
await watching;
await Deno.remove(watchRoot, { recursive: true });

console.log(
  `\nRule engine benchmark (${RULES} rules, ${PATHS} paths, median of ${RUNS}, Deno ${Deno.version.deno})\n`,
);
console.log("| measurement | result | target |");
console.log("|---|---:|---:|");
console.log(`| rules_list (discover, read, parse) | ${median(listTimes).toFixed(0)} ms | |`);
console.log(`| rules_validate, all rules | ${median(validateTimes).toFixed(0)} ms | < 1000 ms |`);
console.log(`| glob index build (${naive.length} globs) | ${indexMs.toFixed(1)} ms | |`);
console.log(
  `| rules_which per path (index) | ${(median(whichTimes) / PATHS).toFixed(4)} ms | < 0.1 ms |`,
);
console.log(
  `| rules_which per path (naive: every glob) | ${(median(naiveTimes) / PATHS).toFixed(4)} ms | |`,
);
console.log(`| peak RSS, fresh process: list + validate | ${peakMb.toFixed(0)} MB | < 200 MB |`);
console.log(
  `| rules watch: save → diagnostics written (50 rules) | ${
    median(watchTimes).toFixed(0)
  } ms (max ${Math.max(...watchTimes).toFixed(0)}) | < 100 ms |`,
);
console.log(
  `\nvalidate: ${validateSummary}; which: ${hits} matches for ${PATHS} paths (naive scan agrees)`,
);
if (!Deno.env.get("KEEP")) await Deno.remove(root, { recursive: true });
else console.error(root);
