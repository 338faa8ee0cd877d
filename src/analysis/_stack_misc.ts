/**
 * Manifest readers for Rust, Go, the JVM, Ruby and PHP: `Cargo.toml`,
 * `go.mod`, `go.work`, `pom.xml`, `build.gradle(.kts)`, `Gemfile` and
 * `composer.json`.
 *
 * @module
 */
import {
  type Dep,
  dep,
  type ManifestFacts,
  noFacts,
  parseJsonc,
  record,
  signal,
  strings,
} from "./_stack_facts.ts";
import { parseTomlLite } from "./_toml_lite.ts";

const CARGO_SECTIONS = ["dependencies", "dev-dependencies", "build-dependencies"] as const;

/** Dependencies (also per target and of the workspace), clippy lints and workspace of a `Cargo.toml`. */
export function readCargoToml(text: string): ManifestFacts {
  const facts = noFacts();
  const doc = parseTomlLite(text);
  const workspace = record(doc.workspace);
  const sections: unknown[] = [...CARGO_SECTIONS.map((key) => doc[key]), workspace?.dependencies];
  for (const target of Object.values(record(doc.target) ?? {})) {
    sections.push(...CARGO_SECTIONS.map((key) => record(target)?.[key]));
  }
  for (const section of sections) {
    for (const [name, spec] of Object.entries(record(section) ?? {})) {
      const table = record(spec);
      const version = typeof spec === "string" ? spec : table?.version;
      // `web = { package = "actix-web", version = "4" }` renames a crate.
      const crate = typeof table?.package === "string" ? table.package : name;
      facts.deps.push(dep("cargo", crate, typeof version === "string" ? version : undefined));
    }
  }
  if (record(doc.lints)?.clippy !== undefined || record(workspace?.lints)?.clippy !== undefined) {
    facts.signals.push(signal("linters", "clippy"));
  }
  if (workspace) {
    facts.workspace = {
      tool: "cargo",
      members: [
        ...strings(workspace.members),
        ...strings(workspace.exclude).map((path) => `!${path}`),
      ],
    };
  }
  return facts;
}

/** Direct requirements (not `// indirect`) and the `go` version of a `go.mod`. */
export function readGoMod(text: string): ManifestFacts {
  const facts = noFacts();
  for (const [directive, args, raw] of goDirectives(text)) {
    if (directive === "go" && args[0]) facts.signals.push(signal("packageManagers", "go", args[0]));
    if (directive !== "require" || args.length < 2 || /\/\/\s*indirect\b/.test(raw)) continue;
    // Major-version suffixes name the same project: github.com/labstack/echo/v4.
    facts.deps.push(dep("go", args[0]!.replace(/\/v\d+$/, ""), args[1]));
  }
  return facts;
}

/** The `use` directories of a `go.work`. */
export function readGoWork(text: string): ManifestFacts {
  const facts = noFacts();
  const members = goDirectives(text).filter(([directive, args]) => directive === "use" && args[0]);
  facts.workspace = { tool: "go", members: members.map(([, args]) => args[0]!) };
  return facts;
}

/** `[directive, args, raw line]` for each line, `require ( … )` blocks flattened. */
function goDirectives(text: string): Array<[string, string[], string]> {
  const out: Array<[string, string[], string]> = [];
  let block: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const words = raw.replace(/\/\/.*$/, "").trim().split(/\s+/).filter((word) => word !== "");
    if (words.length === 0) continue;
    if (block !== undefined) {
      if (words[0] === ")") block = undefined;
      else out.push([block, words, raw]);
    } else if (words[1] === "(" || words[0]!.endsWith("(")) {
      block = words[0]!.replace(/\($/, "");
    } else {
      out.push([words[0]!, words.slice(1), raw]);
    }
  }
  return out;
}

/** `<dependency>`, `<parent>` and `<plugin>` coordinates of a `pom.xml`. */
export function readPom(text: string): ManifestFacts {
  const facts = noFacts();
  const xml = text.replace(/<!--[\s\S]*?-->/g, "");
  for (const match of xml.matchAll(/<(dependency|parent|plugin)>([\s\S]*?)<\/\1>/g)) {
    const body = match[2]!.replace(/<exclusions>[\s\S]*?<\/exclusions>/g, "");
    const tag = (name: string): string | undefined =>
      new RegExp(`<${name}>\\s*([^<]*?)\\s*</${name}>`).exec(body)?.[1];
    const artifact = tag("artifactId");
    if (!artifact) continue;
    const group = tag("groupId") ?? (match[1] === "plugin" ? "org.apache.maven.plugins" : "");
    facts.deps.push(dep("maven", `${group}:${artifact}`, tag("version")));
  }
  return facts;
}

const GRADLE_CONFIGURATIONS = [
  "implementation",
  "api",
  "compileOnly",
  "runtimeOnly",
  "testImplementation",
  "testCompileOnly",
  "testRuntimeOnly",
  "annotationProcessor",
  "developmentOnly",
  "kapt",
  "ksp",
  "compile",
  "testCompile",
].join("|");
const GRADLE_DEPENDENCY = new RegExp(
  `\\b(?:${GRADLE_CONFIGURATIONS})\\s*\\(?\\s*(?:(?:platform|enforcedPlatform)\\s*\\(\\s*)?` +
    `["']([^"':\\s]+):([^"':\\s]+)(?::([^"'\\s]+))?["']`,
  "g",
);
const GRADLE_PLUGIN =
  /\bid\s*\(?\s*["']([\w.-]+)["']\s*\)?(?:\s+version\s*\(?\s*["']([^"']+)["'])?/g;

/** `group:artifact:version` dependencies and plugin ids of a `build.gradle(.kts)`. */
export function readGradle(text: string): ManifestFacts {
  const facts = noFacts();
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  for (const [, group, artifact, version] of code.matchAll(GRADLE_DEPENDENCY)) {
    facts.deps.push(dep("maven", `${group}:${artifact}`, version));
  }
  for (const [, id, version] of code.matchAll(GRADLE_PLUGIN)) {
    // The marker artifact Gradle resolves a plugin id through.
    facts.deps.push(dep("maven", `${id}:${id}.gradle.plugin`, version));
  }
  return facts;
}

/** `gem "name", "spec", …` lines of a `Gemfile`; several specs are joined with ", ". */
export function readGemfile(text: string): ManifestFacts {
  const facts = noFacts();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*gem\s*\(?\s*["']([^"']+)["']((?:\s*,\s*["'][^"']*["'])*)/.exec(line);
    if (!match) continue;
    const specs = [...match[2]!.matchAll(/["']([^"']*)["']/g)].map((spec) => spec[1]!);
    facts.deps.push(dep("gem", match[1]!, specs.join(", ")));
  }
  return facts;
}

/** `require` and `require-dev` of a `composer.json`. */
export function readComposerJson(text: string): ManifestFacts {
  const facts = noFacts();
  const json = record(parseJsonc(text));
  const deps: Dep[] = [];
  for (const field of ["require", "require-dev"]) {
    for (const [name, spec] of Object.entries(record(json?.[field]) ?? {})) {
      deps.push(dep("composer", name.toLowerCase(), typeof spec === "string" ? spec : undefined));
    }
  }
  facts.deps.push(...deps);
  return facts;
}
