/**
 * Private: JavaScript and TypeScript imports for the code safety scan. Reads
 * `import … from`, `import "…"`, `import(…)` and `require(…)`: binds local
 * names to the modules the detectors follow (child_process, vm, fs,
 * node-serialize), and reports risky modules and computed module names.
 *
 * @module
 */
import { type ScanContext, words } from "./_scan_context.ts";

const FS_MODULES = new Set(["fs", "fs/promises", "fs-extra", "graceful-fs"]);
const NET_MODULES = new Set(words(`
  net http https http2 dgram tls axios node-fetch undici got ws superagent socket.io-client
`));
const FFI_MODULES = new Set(["ffi-napi", "ffi", "node-ffi", "ref-napi", "koffi", "bindings"]);
const SERIAL_MODULES = new Set(["node-serialize", "funcster"]);
const BOUND_MODULES = new Set(["child_process", "vm", "fs", ...SERIAL_MODULES]);

/** Normalises an import specifier: `node:fs` → `fs`, `npm:ws@8/x` → `ws/x`. */
function moduleName(spec: string): string {
  return spec.replace(/^(?:node:|npm:|jsr:)/, "").replace(
    /^(@[^\/@]+\/[^\/@]+|[^\/@]+)@[^\/]*/,
    "$1",
  );
}

/** Names bound by `const x = require(…)`, `const { a, b: c } = …`, `import x = require(…)`. */
function requireBindings(ctx: ScanContext, start: number): Array<[string, string]> {
  const before = ctx.mask.slice(Math.max(0, start - 400), start);
  const single = /(?:(?:const|let|var)\s+|import\s+)([\w$]+)\s*=\s*(?:await\s+)?$/.exec(before);
  if (single) return [["", single[1]!]];
  const named = /(?:const|let|var)\s*\{([^{}]*)\}\s*=\s*(?:await\s+)?$/.exec(before);
  if (!named) return [];
  return named[1]!.split(",").flatMap((part): Array<[string, string]> => {
    const [imported, local] = part.split(":").map((s) => s.replace(/=.*$/s, "").trim());
    if (!imported) return [];
    return [[imported, local || imported]];
  });
}

/** Names bound by an import clause: `x`, `* as x`, `{ a, b as c }`. */
function clauseBindings(clause: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const head = /^\s*([\w$]+)\s*(?:,|$)/.exec(clause);
  if (head && head[1] !== "type") out.push(["", head[1]!]);
  const star = /\*\s*as\s+([\w$]+)/.exec(clause);
  if (star) out.push(["", star[1]!]);
  const braces = /\{([^}]*)\}/.exec(clause);
  for (const part of braces?.[1]?.split(",") ?? []) {
    const m = /^\s*(?:type\s+)?([\w$]+)(?:\s+as\s+([\w$]+))?\s*$/.exec(part);
    if (m) out.push([m[1]!, m[2] ?? m[1]!]);
  }
  return out;
}

function noteModule(
  ctx: ScanContext,
  spec: string,
  start: number,
  end: number,
  bound: Array<[string, string]>,
): void {
  const name = moduleName(spec);
  const base = name.startsWith("@") ? name.split("/").slice(0, 2).join("/") : name.split("/")[0]!;
  const family = FS_MODULES.has(name) || FS_MODULES.has(base) ? "fs" : base;
  ctx.modules.add(family);
  if (BOUND_MODULES.has(family)) {
    for (const [imported, local] of bound) {
      ctx.bindings.set(local, imported === "" ? family : `${family}.${imported}`);
    }
  }
  if (family === "child_process") {
    ctx.report(
      "subprocess/child-process",
      start,
      end,
      "Imports child_process, which runs programs",
    );
  } else if (family === "vm") {
    ctx.report("dynamic-code/vm", start, end, "Imports node:vm, which runs code it is given");
  } else if (NET_MODULES.has(family)) {
    ctx.report("network/node-module", start, end, `Imports ${family}, a network module`);
  } else if (FFI_MODULES.has(family) || name.endsWith(".node")) {
    ctx.report("ffi/node-ffi", start, end, `Loads native code (${name})`);
  } else if (SERIAL_MODULES.has(family)) {
    ctx.report(
      "deserialization/node-serialize",
      start,
      end,
      `Imports ${family}, whose unserialize runs code`,
    );
  }
}

const IMPORT_TRIGGER = /\b(?:import|require)\b/g;
const IMPORT_CLAUSE = /import\s+(?:type\s+)?([^;"'`()]{0,1000}?)\bfrom\s*(?=["'])/y;

/** Reads imports and requires: binds names, reports dangerous modules and computed names. */
export function collectImports(ctx: ScanContext): void {
  for (const m of ctx.mask.matchAll(IMPORT_TRIGGER)) {
    const start = m.index;
    if (ctx.receiverOf(start) !== undefined) continue;
    const after = ctx.skipSpace(start + m[0].length);
    const next = ctx.mask.charCodeAt(after);
    if (next === 40) {
      const { args, close } = ctx.args(after);
      if (ctx.isDeclaration(start, close)) continue;
      const spec = ctx.literalOf(args[0]);
      if (spec !== undefined) {
        noteModule(ctx, spec, start, args[0]!.end, requireBindings(ctx, start));
      } else if (args[0] !== undefined) {
        ctx.report(
          "dynamic-code/dynamic-import",
          start,
          close + 1,
          `${m[0]}() loads a module whose name is computed at run time`,
          { severity: "warning" },
        );
      }
    } else if (m[0] === "import" && next !== 46) {
      const side = ctx.stringAt(after);
      if (side !== undefined) {
        noteModule(ctx, ctx.text(side), start, side.end, []);
        continue;
      }
      const clause = ctx.matchAt(IMPORT_CLAUSE, start);
      const span = clause && ctx.stringAt(start + clause[0].length);
      if (span) noteModule(ctx, ctx.text(span), start, span.end, clauseBindings(clause[1]!));
    }
  }
}
