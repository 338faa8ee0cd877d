/**
 * Start-up cost is a feature: src/main.ts must not statically import heavy
 * modules. This walks the static edges of `deno info --json` (dynamic edges
 * are marked isDynamic) and fails if they reach any of them.
 */
import assert from "node:assert/strict";
import { CONFIG, MAIN } from "./_support.ts";

/** Modules that must only ever be loaded with a dynamic import(). */
const HEAVY = [
  /\/src\/mcp\//, // the MCP door: only `serve` needs it
  /@modelcontextprotocol\/sdk/,
  /\/src\/sandbox\/_pyodide_child\.ts$/, // runs only in the sandbox child
  /npm:\/?pyodide@|registry\.npmjs\.org\/pyodide\//, // the package; our spawner is light
  /gpt-tokenizer/,
  /npm\/registry\.npmjs\.org\/typescript\//,
  /npm:\/?typescript@/,
];

interface ModuleInfo {
  specifier: string;
  dependencies?: Array<{ code?: { specifier?: string }; isDynamic?: boolean; npmPackage?: string }>;
}

Deno.test("src/main.ts reaches no heavy module through static imports", async () => {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", `--config=${CONFIG}`, MAIN],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  const info = JSON.parse(new TextDecoder().decode(output.stdout)) as {
    modules: ModuleInfo[];
    npmPackages?: Record<string, { name: string; dependencies: string[] }>;
  };
  const bySpecifier = new Map(info.modules.map((module) => [module.specifier, module]));
  const seen = new Set<string>();
  const queue = [
    info.modules.find((module) => module.specifier.endsWith("/src/main.ts"))!.specifier,
  ];
  while (queue.length > 0) {
    const specifier = queue.pop()!;
    if (seen.has(specifier)) continue;
    seen.add(specifier);
    for (const dependency of bySpecifier.get(specifier)?.dependencies ?? []) {
      if (dependency.isDynamic) continue;
      const target = dependency.code?.specifier ?? dependency.npmPackage;
      if (target) queue.push(target);
    }
  }
  const heavy = [...seen].filter((specifier) => HEAVY.some((pattern) => pattern.test(specifier)));
  assert.deepEqual(heavy, []);
  // Guard against the walk silently finding nothing.
  assert.ok([...seen].some((specifier) => specifier.endsWith("/src/cli/mod.ts")));
});
