/**
 * Private: the JavaScript and TypeScript detectors. Imports are read first
 * (they bind local names to modules); then one regex over the code mask finds
 * every trigger word, and the word's handler checks its context.
 *
 * @module
 */
import { escapeRegExp, evalLike, type ScanContext, words, writeFinding } from "./_scan_context.ts";
import { collectImports } from "./_scan_js_imports.ts";

type Handler = (ctx: ScanContext, start: number, end: number, name: string) => number | void;

const GLOBALS = new Set(["window", "globalThis", "self", "global"]);
const CP_FUNCS = new Set(words(`
  exec execSync execFile execFileSync spawn spawnSync fork
`));
const CP_SHELL_FUNCS = new Set(["exec", "execSync"]);
const CP_DISTINCT = new Set(["execSync", "execFileSync", "spawnSync"]);
const CP_RECEIVERS = new Set(["child_process", "childProcess", "cp"]);
const FS_WRITE = words(`
  writeFile writeFileSync appendFile appendFileSync createWriteStream unlink unlinkSync rm
  rmSync rmdir rmdirSync rename renameSync mkdir mkdirSync chmod chmodSync chown chownSync
  symlink symlinkSync link linkSync copyFile copyFileSync cp cpSync truncate truncateSync
  outputFile remove removeSync emptyDir
`);
const TWO_PATHS = new Set(words(`
  rename renameSync symlink symlinkSync link linkSync copyFile copyFileSync cp cpSync
`));
const FS_RECEIVERS = new Set(["fs", "fsp", "fse", "fsPromises", "promises", "fsExtra"]);
const VM_FUNCS = new Set(words(`
  runInNewContext runInThisContext runInContext compileFunction Script
`));
const BUILTINS = new Set(words(`
  Object Array String Number Boolean Function Promise RegExp Date Map Set Symbol Error
`));
const DENO_WRITE = new Set(words(`
  writeFile writeFileSync writeTextFile writeTextFileSync remove removeSync rename renameSync
  mkdir mkdirSync chmod chmodSync chown chownSync symlink symlinkSync link linkSync truncate
  truncateSync create createSync copyFile copyFileSync utime utimeSync
`));
const DENO_NET = new Set(words(`
  connect connectTls listen listenTls listenDatagram serve startTls resolveDns
  createHttpClient connectQuic
`));
/** After a member chain: an assignment (`=`, `+=`…, not `==` or `=>`). */
const ASSIGN_CHAIN =
  /(?:\s*(?:\??\.\s*[\w$]+|\[[^\]\n]*\]))*\s*(?:\*\*|<<|>>>?|&&|\|\||\?\?|[-+*\/%&|^])?=(?![=>])/y;
const MEMBER = /\s*\??\.\s*([\w$]+)/y;

function callee(ctx: ScanContext, start: number, end: number): string {
  return ctx.mask.slice(ctx.receiverOf(start)?.start ?? start, end).replace(/\s|\?/g, "");
}

function isGlobalCall(ctx: ScanContext, start: number): boolean {
  const receiver = ctx.receiverOf(start);
  return receiver === undefined || GLOBALS.has(receiver.word);
}

const onEval: Handler = (ctx, start, end) => {
  if (!isGlobalCall(ctx, start)) return;
  const open = ctx.callOpen(end);
  if (open < 0) return;
  const { args, close } = ctx.args(open);
  if (!ctx.isDeclaration(start, close)) {
    evalLike(ctx, "dynamic-code/eval", start, end, args[0], "eval()");
  }
};

const onFunction: Handler = (ctx, start, end) => {
  if (!isGlobalCall(ctx, start)) return;
  const open = ctx.callOpen(end);
  if (open < 0) return;
  const { args, close } = ctx.args(open);
  if (ctx.isDeclaration(start, close) || args.length === 0) return;
  const from = ctx.wordBefore(start) === "new" ? ctx.prevAt(start) - 2 : start;
  evalLike(
    ctx,
    "dynamic-code/function-constructor",
    from,
    end,
    args[args.length - 1],
    "Function()",
  );
};

const onTimer: Handler = (ctx, start, end, name) => {
  if (!isGlobalCall(ctx, start)) return;
  const open = ctx.callOpen(end);
  if (open < 0) return;
  const first = ctx.args(open).args[0];
  if (first === undefined || ctx.stringAt(first.start) === undefined) return;
  evalLike(ctx, "dynamic-code/string-timer", start, end, first, `${name}() with a string`);
};

const onVm: Handler = (ctx, start, end, name) => {
  const receiver = ctx.receiverOf(start);
  const bound = receiver === undefined
    ? ctx.bindings.get(name) === `vm.${name}`
    : receiver.word === "vm" || ctx.bindings.get(receiver.word) === "vm";
  if (!bound) return;
  ctx.report("dynamic-code/vm", start, end, `${callee(ctx, start, end)} runs code it is given`);
};

const onChildProcess: Handler = (ctx, start, end, name) => {
  const receiver = ctx.receiverOf(start);
  const ok = receiver === undefined
    ? ctx.bindings.get(name) === `child_process.${name}` || CP_DISTINCT.has(name)
    : receiver.word === "Bun"
    ? name.startsWith("spawn")
    : CP_RECEIVERS.has(receiver.word) || ctx.bindings.get(receiver.word) === "child_process" ||
      CP_DISTINCT.has(name);
  if (!ok) return;
  const open = ctx.callOpen(end);
  if (open < 0) return;
  const { args, close } = ctx.args(open);
  if (ctx.isDeclaration(start, close)) return;
  const what = `${callee(ctx, start, end)}()`;
  ctx.report("subprocess/child-process", start, end, `${what} runs another program`);
  if (CP_SHELL_FUNCS.has(name) && ctx.classify(args[0]) === "interpolated") {
    ctx.report(
      "shell-injection/interpolated-command",
      start,
      end,
      `${what} runs a shell command built from strings`,
    );
  }
};

const onFsWrite: Handler = (ctx, start, end, name) => {
  const receiver = ctx.receiverOf(start);
  const ok = receiver === undefined
    ? ctx.bindings.get(name) === `fs.${name}`
    : FS_RECEIVERS.has(receiver.word) || ctx.bindings.get(receiver.word) === "fs";
  if (!ok) return;
  const open = ctx.callOpen(end);
  if (open < 0) return;
  const { args, close } = ctx.args(open);
  if (ctx.isDeclaration(start, close)) return;
  const paths = args.slice(0, TWO_PATHS.has(name) ? 2 : 1);
  writeFinding(ctx, "fs-write/node", start, end, `${callee(ctx, start, end)}()`, paths);
};

const onDeno: Handler = (ctx, start, end) => {
  if (ctx.receiverOf(start) !== undefined) return;
  const m = ctx.matchAt(MEMBER, end);
  if (!m) return;
  const member = m[1]!;
  const stop = end + m[0].length;
  const what = `Deno.${member}`;
  const open = ctx.callOpen(stop);
  const args = open < 0 ? [] : ctx.args(open).args;
  if (member === "Command" || member === "run") {
    const program = ctx.literalOf(args[0]);
    const runs = program === undefined ? "another program" : `"${program}"`;
    ctx.report("subprocess/deno-command", start, stop, `${what} runs ${runs}`);
  } else if (DENO_NET.has(member)) {
    ctx.report("network/deno-net", start, stop, `${what}() opens network access`);
  } else if (DENO_WRITE.has(member) && open >= 0) {
    const paths = args.slice(0, /^(?:rename|symlink|link|copyFile)/.test(member) ? 2 : 1);
    writeFinding(ctx, "fs-write/deno", start, stop, `${what}()`, paths);
  } else if ((member === "open" || member === "openSync") && open >= 0) {
    const options = args[1] && ctx.mask.slice(args[1].start, args[1].end);
    if (options && /\b(?:write|append|create|truncate|createNew)\s*:\s*true\b/.test(options)) {
      writeFinding(ctx, "fs-write/deno", start, stop, `${what}()`, args.slice(0, 1));
    }
  } else if (member === "env") {
    ctx.report("env/read", start, stop, "Deno.env reads or changes environment variables");
  } else if (member === "dlopen") {
    ctx.report("ffi/dlopen", start, stop, "Deno.dlopen() loads a native library");
  }
  return stop;
};

const onProcess: Handler = (ctx, start, end) => {
  if (!isGlobalCall(ctx, start)) return;
  const m = ctx.matchAt(MEMBER, end);
  if (!m) return;
  const member = m[1]!;
  const stop = end + m[0].length;
  if (member === "env") {
    ctx.report("env/read", start, stop, "process.env reads or changes environment variables");
  } else if (member === "dlopen") {
    ctx.report("ffi/dlopen", start, stop, "process.dlopen() loads a native addon");
  } else if (member === "binding" || member === "_linkedBinding") {
    ctx.report("ffi/dlopen", start, stop, `process.${member}() reaches Node internals`);
  }
  return stop;
};

const onFetch: Handler = (ctx, start, end) => {
  if (!isGlobalCall(ctx, start)) return;
  const open = ctx.callOpen(end);
  if (open < 0) return;
  const { args, close } = ctx.args(open);
  if (ctx.isDeclaration(start, close)) return;
  const host = /^[a-z][\w+.-]*:\/\/([^\/?#\s]+)/i.exec(ctx.literalOf(args[0]) ?? "")?.[1];
  ctx.report(
    "network/fetch",
    start,
    end,
    `fetch() makes a network request${host ? ` to ${host}` : ""}`,
  );
};

const onWebSocket: Handler = (ctx, start, end, name) => {
  if (!isGlobalCall(ctx, start) || ctx.wordBefore(start) !== "new") return;
  if (name === "XMLHttpRequest") {
    ctx.report("network/xhr", start, end, "XMLHttpRequest makes a network request");
  } else ctx.report("network/websocket", start, end, `${name} opens a network connection`);
};

const onProto: Handler = (ctx, start, end) => {
  if (ctx.receiverOf(start) === undefined || !ctx.matchAt(ASSIGN_CHAIN, end)) return;
  ctx.report(
    "prototype-pollution/proto-key",
    start,
    end,
    "Writes through __proto__, changing a shared prototype",
  );
};

const onPrototype: Handler = (ctx, start, end) => {
  const receiver = ctx.receiverOf(start);
  if (receiver === undefined || !(BUILTINS.has(receiver.word) || receiver.word === "constructor")) {
    return;
  }
  const before = ctx.mask.slice(Math.max(0, receiver.start - 80), receiver.start);
  const defines = /\b(?:defineProperty|defineProperties|assign|setPrototypeOf)\s*\(\s*$/.test(
    before,
  );
  if (!defines && !ctx.matchAt(ASSIGN_CHAIN, end)) return;
  const what = receiver.word === "constructor"
    ? "a constructor's prototype"
    : `${receiver.word}.prototype`;
  ctx.report(
    "prototype-pollution/prototype-write",
    receiver.start,
    end,
    `Changes ${what}, which other objects share`,
  );
};

const FROM_CHAR_CODE = /\s*\.\s*fromCharCode\s*(?=\()/y;

const onString: Handler = (ctx, start, end) => {
  const m = ctx.matchAt(FROM_CHAR_CODE, end);
  if (!m || !isGlobalCall(ctx, start)) return;
  const stop = end + m[0].length;
  let { args } = ctx.args(stop);
  const spread = args.length === 1 &&
    /^\.\.\.\s*\[/.test(ctx.mask.slice(args[0]!.start, args[0]!.end));
  if (spread) args = ctx.args(ctx.mask.indexOf("[", args[0]!.start)).args;
  if (args.length < 20) return;
  ctx.report(
    "obfuscation/char-codes",
    start,
    stop,
    `String.fromCharCode() with ${args.length} codes`,
  );
};

const onUnserialize: Handler = (ctx, start, end) => {
  if (!ctx.modules.has("node-serialize") && !ctx.modules.has("funcster")) return;
  if (ctx.callOpen(end) < 0) return;
  ctx.report(
    "deserialization/node-serialize",
    start,
    end,
    "unserialize() runs functions embedded in the data",
  );
};

const FOR_HEAD =
  /^\s*(?:const|let|var)\s+(?:([\w$]+)|\[\s*([\w$]+)[^\]]*\])\s+(in|of)\s+([\s\S]*)$/;
const MERGE_GUARD =
  /["'`](?:__proto__|constructor|prototype)["'`]|Object\s*\.\s*create\s*\(\s*null\s*\)|\b(?:isSafeKey|isPrototypePolluted|safeKey)\b/;

/** The offset of the `;` or line break that ends a statement starting at `from`. */
function statementEnd(mask: string, from: number): number {
  const limit = Math.min(mask.length, from + 2000);
  let i = from;
  while (i < limit && mask.charCodeAt(i) !== 59 && mask.charCodeAt(i) !== 10) i++;
  return i;
}

const onFor: Handler = (ctx, start, end) => {
  if (!ctx.parsesJson) return;
  const open = ctx.callOpen(end);
  if (open < 0) return;
  const { close } = ctx.args(open);
  const head = FOR_HEAD.exec(ctx.mask.slice(open + 1, close));
  if (!head) return;
  if (
    head[3] === "of" &&
    !/^\s*Object\s*\.\s*(?:keys|entries|getOwnPropertyNames)\s*\(/.test(head[4]!)
  ) return;
  const key = head[1] ?? head[2]!;
  const bodyStart = ctx.skipSpace(close + 1);
  const bodyEnd = ctx.mask.charCodeAt(bodyStart) === 123
    ? ctx.args(bodyStart).close
    : statementEnd(ctx.mask, bodyStart);
  const body = ctx.mask.slice(bodyStart, bodyEnd);
  if (!new RegExp(`\\[\\s*${escapeRegExp(key)}\\s*\\]\\s*=(?![=>])`).test(body)) return;
  if (MERGE_GUARD.test(ctx.code.slice(start, bodyEnd))) return;
  ctx.report(
    "prototype-pollution/unsafe-merge",
    start,
    close + 1,
    `Loop assigns [${key}] from parsed data without rejecting __proto__`,
  );
};

const SHELL_TRUE = /\s*:\s*true\b/y;

const onShell: Handler = (ctx, start, end) => {
  if (!ctx.matchAt(SHELL_TRUE, end)) return;
  const call = ctx.enclosingCall(start);
  const name = call?.callee.split(".").pop() ?? "";
  if (
    call === undefined ||
    !(CP_FUNCS.has(name) || CP_FUNCS.has(ctx.bindings.get(name)?.split(".")[1] ?? ""))
  ) return;
  const kind = ctx.classify(ctx.args(call.open).args[0]);
  if (kind === "interpolated") {
    ctx.report(
      "shell-injection/shell-true",
      start,
      end,
      `${call.callee}() with shell: true runs a command built from strings`,
    );
  } else if (kind === "dynamic") {
    ctx.report(
      "shell-injection/shell-true",
      start,
      end,
      `${call.callee}() with shell: true runs a command from a variable`,
      { severity: "warning" },
    );
  }
};

const HANDLERS = new Map<string, Handler>([
  ["eval", onEval],
  ["Function", onFunction],
  ["setTimeout", onTimer],
  ["setInterval", onTimer],
  ["Deno", onDeno],
  ["process", onProcess],
  ["fetch", onFetch],
  ["WebSocket", onWebSocket],
  ["WebSocketStream", onWebSocket],
  ["XMLHttpRequest", onWebSocket],
  ["__proto__", onProto],
  ["prototype", onPrototype],
  ["String", onString],
  ["unserialize", onUnserialize],
  ["for", onFor],
  ["shell", onShell],
  ...[...CP_FUNCS].map((name): [string, Handler] => [name, onChildProcess]),
  ...[...VM_FUNCS].map((name): [string, Handler] => [name, onVm]),
  ...FS_WRITE.filter((name) => !CP_FUNCS.has(name)).map((
    name,
  ): [string, Handler] => [name, onFsWrite]),
]);
const TRIGGER_SOURCE = [...HANDLERS.keys()].join("|");
const TRIGGER = new RegExp(`\\b(?:${TRIGGER_SOURCE})\\b`, "g");

/** Handles a local name bound to an import (`import { exec as run } from "child_process"`). */
function boundHandler(ctx: ScanContext, name: string): [Handler, string] | undefined {
  const target = ctx.bindings.get(name);
  const imported = target?.split(".")[1];
  if (imported === undefined) return undefined;
  const handler = HANDLERS.get(imported);
  return handler === undefined ? undefined : [handler, imported];
}

/** Runs every JavaScript/TypeScript detector over a lexed text. */
export function scanJs(ctx: ScanContext): void {
  collectImports(ctx);
  const aliases = [...ctx.bindings.keys()].filter((name) =>
    !HANDLERS.has(name) && boundHandler(ctx, name)
  );
  const trigger = aliases.length === 0
    ? new RegExp(TRIGGER)
    : new RegExp(`\\b(?:${TRIGGER_SOURCE}|${aliases.map(escapeRegExp).join("|")})\\b`, "g");
  const mask = ctx.mask;
  for (let m = trigger.exec(mask); m !== null; m = trigger.exec(mask)) {
    const word = m[0];
    const start = m.index;
    if (start > 0 && mask.charCodeAt(start - 1) === 36) continue; // `$eval`
    const end = start + word.length;
    const bound = HANDLERS.has(word) ? undefined : boundHandler(ctx, word);
    const next = bound
      ? bound[0](ctx, start, end, bound[1])
      : HANDLERS.get(word)!(ctx, start, end, word);
    if (typeof next === "number" && next > end) trigger.lastIndex = next;
  }
  scanStringKeys(ctx);
}

const STRING_KEY = /\[\s*(["'`])(__proto__|constructor|prototype)\1\s*\]/g;
const THEN_PROTOTYPE = /^\s*(?:\??\.\s*prototype\b|\[\s*(["'`])prototype\1\s*\])/;

/** `x["__proto__"].y = …`, `x["constructor"]["prototype"].y = …` */
function scanStringKeys(ctx: ScanContext): void {
  for (const m of ctx.code.matchAll(STRING_KEY)) {
    const start = m.index;
    if (ctx.mask.charCodeAt(start) !== 91) continue;
    const end = start + m[0].length;
    if (m[2] === "__proto__") {
      if (ctx.matchAt(ASSIGN_CHAIN, end)) {
        ctx.report(
          "prototype-pollution/proto-key",
          start,
          end,
          'Writes through ["__proto__"], changing a shared prototype',
        );
      }
      continue;
    }
    let after = end;
    if (m[2] === "constructor") {
      const then = THEN_PROTOTYPE.exec(ctx.code.slice(end, end + 80));
      if (!then) continue;
      after = end + then[0].length;
    } else if (!/\.\s*constructor\s*$/.test(ctx.mask.slice(Math.max(0, start - 40), start))) {
      continue;
    }
    if (ctx.matchAt(ASSIGN_CHAIN, after)) {
      ctx.report(
        "prototype-pollution/prototype-write",
        start,
        after,
        "Changes a constructor's prototype, which other objects share",
      );
    }
  }
}
