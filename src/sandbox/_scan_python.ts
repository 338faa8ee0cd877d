/**
 * Private: the Python detectors. Imports bind local names to dotted paths
 * (`from subprocess import run as r` binds `r` to `subprocess.run`); then one
 * regex over the code mask finds module names, bound names and builtins, and
 * each dotted chain (`os.system`, `yaml.load`) is judged with its arguments.
 *
 * @module
 */
import {
  escapeRegExp,
  evalLike,
  type Range,
  type ScanContext,
  words,
  writeFinding,
} from "./_scan_context.ts";

const MODULES = new Set(words(`
  subprocess os pty commands socket urllib urllib2 urllib3 requests httpx aiohttp http shutil
  ctypes cffi pickle cPickle _pickle dill marshal yaml shelve jsonpickle importlib builtins io
  codecs
`));
const BUILTIN_CALLS = new Set(["eval", "exec", "compile", "__import__", "open"]);
const PATH_METHODS = new Set(words(`
  write_text write_bytes unlink rmdir touch symlink_to hardlink_to mkdir
`));
const SUBPROCESS_CALLS = new Set(words(`
  run call check_call check_output Popen getoutput getstatusoutput
`));
const OS_EXEC = /^(?:system|popen|exec[lv]p?e?|spawn[lv]p?e?|posix_spawnp?|fork|forkpty)$/;
const OS_ENV = new Set(["environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"]);
const OS_WRITE = new Set(words(`
  remove unlink rmdir removedirs rename renames replace makedirs mkdir chmod chown lchown
  symlink link truncate
`));
const OS_TWO_PATHS = new Set(["rename", "renames", "replace", "symlink", "link"]);
const HTTP_CALLS = new Set(words(`
  get post put patch delete head options request stream Session session Client AsyncClient
`));
const SHUTIL_DEST = new Set(["copy", "copy2", "copyfile", "copytree", "unpack_archive"]);
const SHUTIL_FIRST = new Set(["rmtree", "chown", "make_archive"]);
const PICKLE = new Set(["pickle", "cPickle", "_pickle", "dill"]);
const SAFE_YAML_LOADER = /\b(?:CSafeLoader|SafeLoader|CBaseLoader|BaseLoader)\b/;
/** Modules whose `from … import *` brings in a risky capability. */
const STAR_RULES = new Map([
  ["subprocess", "subprocess/python-subprocess"],
  ["pty", "subprocess/os-exec"],
  ["socket", "network/python-socket"],
  ["ctypes", "ffi/python"],
  ["cffi", "ffi/python"],
  ["pickle", "deserialization/pickle"],
  ["cPickle", "deserialization/pickle"],
  ["dill", "deserialization/pickle"],
  ["marshal", "deserialization/marshal"],
  ["shelve", "deserialization/shelve"],
]);
const IMPORT_LINE =
  /^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import[ \t]*(\([^)]{0,2000}\)|[^\n;]*)|import[ \t]+([^\n;]*))/gm;

/** Binds `import m as x` and `from m import a as b` names; reports risky star imports. */
function collectImports(ctx: ScanContext): void {
  for (const m of ctx.mask.matchAll(IMPORT_LINE)) {
    if (m[1] !== undefined) {
      const module = m[1];
      const root = module.split(".")[0]!;
      if (!MODULES.has(root)) continue;
      for (const part of m[2]!.replace(/[()\\]/g, " ").split(",")) {
        const name = /^\s*(\*|\w+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
        if (!name) continue;
        if (name[1] === "*") {
          const ruleId = STAR_RULES.get(root);
          const at = m.index + m[0].indexOf("from");
          if (ruleId) {
            ctx.report(
              ruleId,
              at,
              m.index + m[0].length,
              `from ${module} import * brings in ${module}`,
            );
          }
        } else ctx.bindings.set(name[2] ?? name[1]!, `${module}.${name[1]}`);
      }
    } else {
      for (const part of m[3]!.split(",")) {
        const name = /^\s*([\w.]+)\s+as\s+(\w+)\s*$/.exec(part);
        if (name && MODULES.has(name[1]!.split(".")[0]!)) ctx.bindings.set(name[2]!, name[1]!);
      }
    }
  }
}

function positional(ctx: ScanContext, args: readonly Range[], index: number): Range | undefined {
  const arg = args[index];
  return arg === undefined || ctx.isKwarg(arg) ? undefined : arg;
}

function interpolatedCommand(
  ctx: ScanContext,
  start: number,
  end: number,
  what: string,
  arg: Range | undefined,
): void {
  if (ctx.classify(arg) !== "interpolated") return;
  ctx.report(
    "shell-injection/interpolated-command",
    start,
    end,
    `${what} runs a shell command built from strings`,
  );
}

/** Judges a builtin call (`eval`, `exec`, `compile`, `__import__`, `open`) at `start`. */
function builtin(ctx: ScanContext, start: number, end: number, name: string): void {
  const open = ctx.callOpen(end);
  if (open < 0) return;
  const { args, close } = ctx.args(open);
  if (ctx.isDeclaration(start, close)) return;
  const first = positional(ctx, args, 0) ?? ctx.kwarg(args, name === "open" ? "file" : "source");
  if (name === "eval" || name === "exec" || name === "compile") {
    const ruleId = name === "eval" ? "dynamic-code/eval" : `dynamic-code/${name}`;
    evalLike(ctx, ruleId, start, end, first, `${name}()`);
  } else if (name === "__import__") {
    const literal = ctx.classify(first) === "literal";
    ctx.report(
      "dynamic-code/dynamic-import",
      start,
      end,
      literal
        ? "__import__() imports a module by a string name"
        : "__import__() imports a module whose name is computed at run time",
      literal ? { severity: "warning" } : {},
    );
  } else if (name === "open") {
    const mode = ctx.literalOf(positional(ctx, args, 1) ?? ctx.kwarg(args, "mode"));
    if (mode !== undefined && /[wax+]/.test(mode)) {
      writeFinding(ctx, "fs-write/python", start, end, `open(…, "${mode}")`, [first]);
    }
  }
}

/** Judges a dotted chain such as `os.system` or `yaml.load`, reached at `start`. */
function qualified(
  ctx: ScanContext,
  start: number,
  end: number,
  names: readonly string[],
  written: string,
): void {
  const [root = "", a1 = "", a2 = ""] = names;
  const open = ctx.callOpen(end);
  const { args, close } = open < 0 ? { args: [], close: end } : ctx.args(open);
  const call = open >= 0 && !ctx.isDeclaration(start, close);
  const resolved = names.join(".");
  const what = written === resolved ? resolved : `${written} (${resolved})`;
  const fn = written === resolved ? `${resolved}()` : `${written}() (${resolved})`;
  const first = positional(ctx, args, 0);
  switch (root) {
    case "subprocess":
      if (!call || !SUBPROCESS_CALLS.has(a1)) return;
      ctx.report("subprocess/python-subprocess", start, end, `${fn} runs another program`);
      if (a1.startsWith("get")) interpolatedCommand(ctx, start, end, `${fn}`, first);
      return;
    case "os":
      if (OS_ENV.has(a1)) {
        ctx.report("env/read", start, end, `${what} reads or changes environment variables`);
      } else if (!call) return;
      else if (OS_EXEC.test(a1)) {
        ctx.report("subprocess/os-exec", start, end, `${fn} runs another program`);
        if (a1 === "system" || a1 === "popen") interpolatedCommand(ctx, start, end, `${fn}`, first);
      } else if (OS_WRITE.has(a1)) {
        writeFinding(
          ctx,
          "fs-write/python",
          start,
          end,
          `${fn}`,
          args.slice(0, OS_TWO_PATHS.has(a1) ? 2 : 1),
        );
      } else if (a1 === "open") {
        const flags = args[1] && ctx.mask.slice(args[1].start, args[1].end);
        if (flags && /O_(?:WRONLY|RDWR|CREAT|APPEND|TRUNC)/.test(flags)) {
          writeFinding(ctx, "fs-write/python", start, end, `${fn}`, [first]);
        }
      }
      return;
    case "pty":
    case "commands":
      if (!call || !(a1 === "spawn" || a1.startsWith("get"))) return;
      ctx.report("subprocess/os-exec", start, end, `${fn} runs another program`);
      if (root === "commands") interpolatedCommand(ctx, start, end, `${fn}`, first);
      return;
    case "socket":
      if (call && a1 !== "") {
        ctx.report("network/python-socket", start, end, `${fn} uses a network socket`);
      }
      return;
    case "urllib":
    case "urllib2":
    case "urllib3":
    case "requests":
    case "httpx":
    case "aiohttp":
    case "http": {
      const target = root === "urllib" && a1 === "request" || root === "http" ? a2 : a1;
      const network = root === "requests" || root === "httpx"
        ? HTTP_CALLS.has(a1)
        : root === "http"
        ? /^(?:HTTPS?Connection|HTTPServer|ThreadingHTTPServer)$/.test(a2)
        : root === "aiohttp"
        ? /^(?:ClientSession|request)$/.test(a1)
        : /^(?:urlopen|urlretrieve|Request|build_opener|PoolManager|ProxyManager|request|HTTPConnectionPool|HTTPSConnectionPool)$/
          .test(target);
      if (call && network) {
        ctx.report("network/python-http", start, end, `${fn} makes network requests`);
      }
      return;
    }
    case "shutil":
      if (!call) return;
      if (a1 === "move") {
        writeFinding(ctx, "fs-write/python", start, end, `${fn}`, args.slice(0, 2));
      } else if (SHUTIL_DEST.has(a1)) {
        writeFinding(ctx, "fs-write/python", start, end, `${fn}`, [positional(ctx, args, 1)]);
      } else if (SHUTIL_FIRST.has(a1)) {
        writeFinding(ctx, "fs-write/python", start, end, `${fn}`, [first]);
      }
      return;
    case "ctypes":
    case "cffi":
      if (a1 !== "" && (root === "ctypes" || a1 === "FFI")) {
        ctx.report("ffi/python", start, end, `${what} calls native code`);
      }
      return;
    case "marshal":
      if (call && /^loads?$/.test(a1)) {
        ctx.report("deserialization/marshal", start, end, `${fn} is not safe for untrusted data`);
      }
      return;
    case "yaml":
      if (!call) return;
      if (/^unsafe_load(?:_all)?$/.test(a1)) {
        ctx.report(
          "deserialization/yaml-load",
          start,
          end,
          `${fn} can build arbitrary Python objects`,
        );
      } else if (/^load(?:_all)?$/.test(a1)) {
        const loader = positional(ctx, args, 1) ?? ctx.kwarg(args, "Loader");
        if (
          loader === undefined || !SAFE_YAML_LOADER.test(ctx.mask.slice(loader.start, loader.end))
        ) {
          ctx.report(
            "deserialization/yaml-load",
            start,
            end,
            `${fn} without Loader=SafeLoader can build arbitrary Python objects`,
          );
        }
      }
      return;
    case "shelve":
      if (call && a1 === "open") {
        ctx.report("deserialization/shelve", start, end, `${fn} loads values with pickle`);
      }
      return;
    case "jsonpickle":
      if (call && /^(?:decode|loads|Unpickler)$/.test(a1)) {
        ctx.report(
          "deserialization/jsonpickle",
          start,
          end,
          `${fn} can build arbitrary Python objects`,
        );
      }
      return;
    case "importlib":
      if (call && a1 === "import_module" && ctx.classify(first) !== "literal") {
        ctx.report(
          "dynamic-code/dynamic-import",
          start,
          end,
          `${fn} imports a module whose name is computed at run time`,
        );
      }
      return;
    case "builtins":
    case "io":
    case "codecs":
      if (BUILTIN_CALLS.has(a1) && (root === "builtins" || a1 === "open")) {
        builtin(ctx, start, end, a1);
      }
      return;
    default:
      if (PICKLE.has(root) && call && /^(?:loads?|Unpickler)$/.test(a1)) {
        ctx.report("deserialization/pickle", start, end, `${fn} runs code from the data it loads`);
      }
  }
}

/** `p.write_text(…)`, `Path.home().joinpath(…).unlink()`… */
function pathMethod(ctx: ScanContext, start: number, end: number, name: string): void {
  const receiver = ctx.receiverOf(start);
  if (receiver === undefined || receiver.word === "os" || receiver.word === "shutil") return;
  const open = ctx.callOpen(end);
  if (open < 0) return;
  const lineStart = ctx.mask.lastIndexOf("\n", start) + 1;
  writeFinding(ctx, "fs-write/python", start, end, `.${name}()`, [{
    start: lineStart,
    end: start,
  }]);
}

const SHELL_TRUE = /\s*=\s*True\b/y;

function shellTrue(ctx: ScanContext, start: number, end: number): void {
  if (!ctx.matchAt(SHELL_TRUE, end)) return;
  const call = ctx.enclosingCall(start);
  if (call === undefined) return;
  const first = positional(ctx, ctx.args(call.open).args, 0);
  const kind = ctx.classify(first);
  const stop = end + ctx.matchAt(SHELL_TRUE, end)![0].length;
  if (kind === "interpolated") {
    ctx.report(
      "shell-injection/shell-true",
      start,
      stop,
      `${call.callee}(…, shell=True) runs a command built from strings`,
    );
  } else if (kind === "dynamic") {
    ctx.report(
      "shell-injection/shell-true",
      start,
      stop,
      `${call.callee}(…, shell=True) runs a command from a variable`,
      { severity: "warning" },
    );
  }
}

const CHAIN = /(?:\s*\.\s*[A-Za-z_]\w*)*/y;
const TRIGGER_SOURCE = [...MODULES, ...BUILTIN_CALLS, ...PATH_METHODS, "shell"].join("|");
const TRIGGER = new RegExp(`\\b(?:${TRIGGER_SOURCE})\\b`, "g");

/** Runs every Python detector over a lexed text. */
export function scanPython(ctx: ScanContext): void {
  collectImports(ctx);
  const extra = [...ctx.bindings.keys()].filter((name) => !MODULES.has(name));
  const trigger = extra.length === 0
    ? new RegExp(TRIGGER)
    : new RegExp(`\\b(?:${TRIGGER_SOURCE}|${extra.map(escapeRegExp).join("|")})\\b`, "g");
  const mask = ctx.mask;
  for (let m = trigger.exec(mask); m !== null; m = trigger.exec(mask)) {
    const word = m[0];
    const start = m.index;
    const end = start + word.length;
    const bound = ctx.bindings.get(word);
    if (bound === undefined && word === "shell") {
      shellTrue(ctx, start, end);
      continue;
    }
    if (bound === undefined && PATH_METHODS.has(word)) {
      pathMethod(ctx, start, end, word);
      continue;
    }
    const receiver = ctx.receiverOf(start);
    if (receiver !== undefined) continue;
    if (bound === undefined && BUILTIN_CALLS.has(word)) {
      builtin(ctx, start, end, word);
      continue;
    }
    const chain = ctx.matchAt(CHAIN, end)!;
    const stop = end + chain[0].length;
    const names = chain[0].split(".").map((part) => part.trim()).slice(1);
    const written = ctx.mask.slice(start, stop).replace(/\s/g, "");
    qualified(ctx, start, stop, [...(bound ?? word).split("."), ...names], written);
    trigger.lastIndex = stop;
  }
}
