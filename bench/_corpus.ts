/**
 * A deterministic corpus of typical source files in 15 languages (with
 * comments, docstrings and strings), shared by the benchmarks.
 *
 * @module
 */
// Corpus generation: deterministic, typical code (no adversarial strings).

interface Style {
  name: string;
  extension: string;
  line?: string;
  block?: readonly [string, string, string];
  doc?: readonly [string, string];
  unit: (n: number) => string[];
  string?: (n: number) => string;
}

const C_BLOCK = ["/*", " *", " */"] as const;
const STYLES: Style[] = [
  {
    name: "TypeScript",
    extension: "ts",
    line: "//",
    block: ["/**", " *", " */"],
    unit: (n) => [
      `export function compute${n}(input: number, offset = ${n}): number {`,
      `  const value = input * ${n} + offset;`,
      `  if (value > LIMIT) return value - ${n};`,
      `  return helper(value, \`step-\${${n}}\`);`,
      `}`,
    ],
    string: (n) => `const url${n} = "https://example.com/api/${n}";`,
  },
  {
    name: "JavaScript",
    extension: "js",
    line: "//",
    block: ["/**", " *", " */"],
    unit: (n) => [
      `function compute${n}(input, offset = ${n}) {`,
      `  const value = input * ${n} + offset;`,
      `  return value > LIMIT ? value - ${n} : value;`,
      `}`,
      `module.exports.compute${n} = compute${n};`,
    ],
    string: (n) => `const url${n} = 'https://example.com/api/${n}';`,
  },
  {
    name: "Python",
    extension: "py",
    line: "#",
    doc: ['    """Computes the value for step ' + "N.", '    """'],
    unit: (n) => [
      `def compute_${n}(value, offset=${n}):`,
      `    result = value * ${n} + offset`,
      `    if result > LIMIT:`,
      `        return result - ${n}`,
      `    return result`,
    ],
    string: (n) => `URL_${n} = "https://example.com/api/${n}"`,
  },
  {
    name: "Go",
    extension: "go",
    line: "//",
    block: C_BLOCK,
    unit: (n) => [
      `func compute${n}(v int) int {`,
      `\tresult := v*${n} + offset`,
      `\tif result > limit {`,
      `\t\treturn result - ${n}`,
      `\t}`,
      `\treturn result`,
      `}`,
    ],
    string: (n) => `var url${n} = "https://example.com/api/${n}"`,
  },
  {
    name: "Rust",
    extension: "rs",
    line: "//",
    block: C_BLOCK,
    unit: (n) => [
      `pub fn compute_${n}(v: i64) -> i64 {`,
      `    let result = v * ${n} + OFFSET;`,
      `    if result > LIMIT { return result - ${n}; }`,
      `    result`,
      `}`,
    ],
    string: (n) => `const URL_${n}: &str = "https://example.com/api/${n}";`,
  },
  {
    name: "Java",
    extension: "java",
    line: "//",
    block: ["/**", " *", " */"],
    unit: (n) => [
      `    public int compute${n}(int v) {`,
      `        int result = v * ${n} + offset;`,
      `        return result > limit ? result - ${n} : result;`,
      `    }`,
    ],
    string: (n) => `    static final String URL_${n} = "https://example.com/api/${n}";`,
  },
  {
    name: "C",
    extension: "c",
    line: "//",
    block: C_BLOCK,
    unit: (n) => [
      `int compute_${n}(int v) {`,
      `    int result = v * ${n} + OFFSET;`,
      `    return result > LIMIT ? result - ${n} : result;`,
      `}`,
    ],
    string: (n) => `static const char *url_${n} = "https://example.com/api/${n}";`,
  },
  {
    name: "C++",
    extension: "cpp",
    line: "//",
    block: C_BLOCK,
    unit: (n) => [
      `auto compute${n}(int v) -> int {`,
      `    auto result = v * ${n} + kOffset;`,
      `    return result > kLimit ? result - ${n} : result;`,
      `}`,
    ],
    string: (n) => `const std::string kUrl${n} = "https://example.com/api/${n}";`,
  },
  {
    name: "C#",
    extension: "cs",
    line: "//",
    block: C_BLOCK,
    unit: (n) => [
      `    public int Compute${n}(int v)`,
      `    {`,
      `        var result = v * ${n} + Offset;`,
      `        return result > Limit ? result - ${n} : result;`,
      `    }`,
    ],
    string: (n) => `    const string Url${n} = "https://example.com/api/${n}";`,
  },
  {
    name: "Ruby",
    extension: "rb",
    line: "#",
    unit: (n) => [
      `def compute_${n}(value, offset = ${n})`,
      `  result = value * ${n} + offset`,
      `  return result - ${n} if result > LIMIT`,
      `  result`,
      `end`,
    ],
    string: (n) => `URL_${n} = "https://example.com/api/${n}"`,
  },
  {
    name: "Shell",
    extension: "sh",
    line: "#",
    unit: (n) => [
      `compute_${n}() {`,
      `  local value=$(( $1 * ${n} + OFFSET ))`,
      `  echo "result: $value"`,
      `}`,
    ],
    string: (n) => `export URL_${n}="https://example.com/api/${n}"`,
  },
  {
    name: "SQL",
    extension: "sql",
    line: "--",
    block: C_BLOCK,
    unit: (n) => [
      `SELECT id, name, value`,
      `FROM table_${n}`,
      `WHERE value > ${n};`,
      `INSERT INTO log_${n} (id, note) VALUES (${n}, 'note ${n}');`,
    ],
  },
  {
    name: "CSS",
    extension: "css",
    block: C_BLOCK,
    unit: (
      n,
    ) => [`.item-${n} {`, `  margin: ${n % 40}px;`, `  color: #${(n * 4099) % 0xffffff}`, `}`],
  },
  {
    name: "YAML",
    extension: "yaml",
    line: "#",
    unit: (
      n,
    ) => [`service_${n}:`, `  image: "registry.example.com/app:${n}"`, `  replicas: ${n % 5}`],
  },
  {
    name: "Markdown",
    extension: "md",
    unit: (
      n,
    ) => [
      `## Section ${n}`,
      ``,
      `Text about item ${n}, with \`code\` and a [link](https://x.test/${n}).`,
      `- point ${n}`,
    ],
  },
];

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generateFile(style: Style, random: () => number, targetLines: number): string {
  const out: string[] = [];
  let n = 0;
  while (out.length < targetLines) {
    n++;
    const roll = random();
    if (style.block && roll < 0.15) {
      out.push(`${style.block[0]} Block comment for unit ${n}.`);
      for (let k = 0; k < 1 + Math.floor(random() * 4); k++) {
        out.push(`${style.block[1]} Detail ${k} of unit ${n}.`);
      }
      out.push(style.block[2]);
    } else if (style.line && roll < 0.45) {
      out.push(`${style.line} Comment about unit ${n}.`);
    }
    const unit = style.unit(n);
    if (style.line && random() < 0.2) unit[1] += `  ${style.line} trailing note ${n}`;
    if (style.doc && random() < 0.5) {
      unit.splice(1, 0, style.doc[0].replace("N", `${n}`), style.doc[1]);
    }
    out.push(...unit);
    if (style.string && random() < 0.3) out.push(style.string(n));
    if (random() < 0.8) out.push(random() < 0.1 ? "    " : "");
  }
  return out.join("\n") + "\n";
}

/** How big a generated corpus is: total size, or a file count. */
export interface CorpusSize {
  /** Stop once this many megabytes are written. */
  sizeMb?: number;
  /** Stop once this many files are written. */
  files?: number;
  /** Lines per file, smallest and largest. @default {[100, 800]} */
  lines?: [number, number];
}

/** Writes a deterministic corpus under `dir` (seeded; the same every run). */
export async function generateCorpus(dir: string, size: CorpusSize): Promise<void> {
  const random = mulberry32(42);
  let bytes = 0;
  let index = 0;
  const encoder = new TextEncoder();
  const [fewest, most] = size.lines ?? [100, 800];
  while (
    (size.sizeMb === undefined || bytes < size.sizeMb * 1e6) &&
    (size.files === undefined || index < size.files)
  ) {
    const style = STYLES[index % STYLES.length]!;
    const sub = `${dir}/${style.name.toLowerCase().replace(/[^a-z]/g, "_")}/pkg_${index % 7}`;
    await Deno.mkdir(sub, { recursive: true });
    const data = encoder.encode(
      generateFile(style, random, fewest + Math.floor(random() * (most - fewest))),
    );
    await Deno.writeFile(`${sub}/file_${index}.${style.extension}`, data);
    bytes += data.length;
    index++;
  }
}
