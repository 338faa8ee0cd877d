/**
 * Private: the rule table of the code safety scan. `scan_code.ts` publishes it
 * as `SAFETY_RULES`; the detectors and the allow-list look rules up by id.
 *
 * @module
 */
import { SECRET_KINDS } from "../analysis/mod.ts";
import type { CodeLanguage, SafetyRule, Severity } from "./scan_code.ts";

const JS: readonly CodeLanguage[] = ["typescript", "javascript"];
const PY: readonly CodeLanguage[] = ["python"];
const ALL: readonly CodeLanguage[] = ["typescript", "javascript", "python"];

function rule(
  id: string,
  severity: Severity,
  languages: readonly CodeLanguage[],
  title: string,
  description: string,
  hint: string,
): SafetyRule {
  return { id, title, severity, languages, description, hint };
}

const NO_EVAL = "Call the code directly, or parse data with JSON.parse / ast.literal_eval";
const WORKSPACE_WRITE =
  "Write only inside the workspace with a relative path; run with --allow-write=<dir> to enforce it";

/** Every rule, in report order. */
export const RULES: readonly SafetyRule[] = [
  rule(
    "dynamic-code/eval",
    "error",
    ALL,
    "eval() call",
    "Runs a string as code. A constant string is a warning; a string built at run time is an error.",
    NO_EVAL,
  ),
  rule(
    "dynamic-code/function-constructor",
    "error",
    JS,
    "Function constructor",
    "`new Function(…)` or `Function(…)` compiles a string into a function, as eval does.",
    "Write the function in the source and pass data to it as arguments",
  ),
  rule(
    "dynamic-code/string-timer",
    "error",
    JS,
    "String passed to setTimeout/setInterval",
    "A string first argument to setTimeout or setInterval is evaluated as code.",
    "Pass a function instead: setTimeout(() => work(), ms)",
  ),
  rule(
    "dynamic-code/exec",
    "error",
    PY,
    "exec() call",
    "Runs a string as Python code. A constant string is a warning; anything else an error.",
    NO_EVAL,
  ),
  rule(
    "dynamic-code/compile",
    "error",
    PY,
    "compile() of source code",
    "Compiles a string into a code object that can then be run. A constant string is a warning.",
    NO_EVAL,
  ),
  rule(
    "dynamic-code/dynamic-import",
    "error",
    ALL,
    "Import of a computed module name",
    "`__import__(…)`, `importlib.import_module(x)`, `import(x)` or `require(x)` loads a module " +
      "whose name is computed at run time (Python `__import__` of a constant name is a warning; " +
      "JavaScript `import(x)`/`require(x)` is a warning).",
    "Import modules by their literal name so reviewers and tools can see what is loaded",
  ),
  rule(
    "dynamic-code/vm",
    "error",
    JS,
    "node:vm code execution",
    "Imports node:vm or runs code with vm.runInNewContext/runInThisContext/Script; node:vm is " +
      "not a security boundary.",
    "Do not run generated or user-supplied code with node:vm; use a separate, sandboxed process",
  ),
  rule(
    "subprocess/deno-command",
    "error",
    JS,
    "Deno.Command / Deno.run",
    "Starts another program.",
    "Avoid running programs; if one is needed, use fixed arguments and --allow-run=<program>",
  ),
  rule(
    "subprocess/child-process",
    "error",
    JS,
    "child_process",
    "Imports node:child_process or calls exec/execSync/spawn/execFile/fork (or Bun.spawn).",
    "Avoid running programs; if one is needed, use execFile/spawn with an argument array",
  ),
  rule(
    "subprocess/python-subprocess",
    "error",
    PY,
    "subprocess",
    "Calls subprocess.run/call/check_output/Popen/getoutput… to start another program.",
    "Avoid running programs; if one is needed, pass an argument list without shell=True",
  ),
  rule(
    "subprocess/os-exec",
    "error",
    PY,
    "os.system / os.popen / os.exec* / pty.spawn",
    "Runs a program through os.system, os.popen, os.exec*, os.spawn*, os.fork or pty.spawn.",
    "Avoid running programs; if one is needed, use subprocess.run with an argument list",
  ),
  rule(
    "network/fetch",
    "warning",
    JS,
    "fetch() call",
    "Makes an HTTP request with fetch().",
    "Check the URL is expected; run with --allow-net=<host> to allow only that host",
  ),
  rule(
    "network/deno-net",
    "warning",
    JS,
    "Deno network API",
    "Opens a connection or a server: Deno.connect, connectTls, listen, listenTls, " +
      "listenDatagram, serve, startTls, resolveDns, createHttpClient.",
    "Check the host and port are expected; run with --allow-net=<host:port> to allow only those",
  ),
  rule(
    "network/websocket",
    "warning",
    JS,
    "WebSocket",
    "Opens a WebSocket connection.",
    "Check the URL is expected; run with --allow-net=<host> to allow only that host",
  ),
  rule(
    "network/xhr",
    "warning",
    JS,
    "XMLHttpRequest",
    "Makes an HTTP request with XMLHttpRequest.",
    "Check the URL is expected; run with --allow-net=<host> to allow only that host",
  ),
  rule(
    "network/node-module",
    "warning",
    JS,
    "Network module import",
    "Imports a network module: net, http, https, http2, dgram, tls, or a client such as axios, " +
      "node-fetch, undici, got or ws.",
    "Check the hosts it talks to; run with --allow-net=<host> to allow only those",
  ),
  rule(
    "network/python-socket",
    "warning",
    PY,
    "socket",
    "Opens a raw socket (socket.socket, socket.create_connection…).",
    "Check the host and port are expected, and run the code without network access if possible",
  ),
  rule(
    "network/python-http",
    "warning",
    PY,
    "HTTP client or server",
    "Makes HTTP requests or serves HTTP: urllib.request, requests, httpx, aiohttp, urllib3, " +
      "http.client, http.server.",
    "Check the URL is expected, and run the code without network access if possible",
  ),
  rule(
    "fs-write/deno",
    "warning",
    JS,
    "Deno file write",
    "Writes, removes, renames or changes files with Deno.writeFile, writeTextFile, remove, " +
      "rename, mkdir, chmod, symlink… An error when the path is absolute, starts with ~ or " +
      "contains .., a warning otherwise.",
    WORKSPACE_WRITE,
  ),
  rule(
    "fs-write/node",
    "warning",
    JS,
    "node:fs file write",
    "Writes, removes or changes files with fs.writeFile*, appendFile*, unlink, rm, rmdir, " +
      "rename, mkdir, chmod, symlink, copyFile, createWriteStream… An error when the path is " +
      "absolute, starts with ~ or contains .., a warning otherwise.",
    WORKSPACE_WRITE,
  ),
  rule(
    "fs-write/python",
    "warning",
    PY,
    "Python file write",
    "Writes or removes files: open(…, 'w'/'a'/'x'/'+'), shutil.rmtree/move/copy*, os.remove, " +
      "os.unlink, os.rename, os.makedirs…, pathlib .write_text/.write_bytes/.unlink/.mkdir… " +
      "An error when the path is absolute, starts with ~ or contains .., a warning otherwise.",
    WORKSPACE_WRITE,
  ),
  rule(
    "env/read",
    "warning",
    ALL,
    "Environment variable access",
    "Reads or changes environment variables (Deno.env, process.env, os.environ, os.getenv), " +
      "where credentials often live.",
    "Pass configuration explicitly; run with --allow-env=<NAME> to allow only the variables needed",
  ),
  rule(
    "env/sensitive-file",
    "error",
    ALL,
    "Credentials or system file path",
    "Names a file that holds credentials or accounts: ~/.ssh, id_rsa, ~/.aws, ~/.gnupg, " +
      ".netrc, .pgpass, ~/.kube/config, ~/.docker/config.json, /etc/passwd, /etc/shadow. A " +
      ".env file is a warning.",
    "Do not read credential files from generated code; pass the one value needed explicitly",
  ),
  rule(
    "ffi/dlopen",
    "error",
    JS,
    "Native library loading",
    "Loads native code with Deno.dlopen or process.dlopen, or reaches Node internals with " +
      "process.binding; native code bypasses every runtime permission.",
    "Do not load native libraries from generated code",
  ),
  rule(
    "ffi/node-ffi",
    "error",
    JS,
    "FFI module or native addon",
    "Imports an FFI module (ffi-napi, ffi, ref-napi, koffi, bindings) or a native `.node` addon.",
    "Do not load native code from generated code",
  ),
  rule(
    "ffi/python",
    "error",
    PY,
    "ctypes / cffi",
    "Uses ctypes or cffi to call native code, which bypasses Python's safety checks.",
    "Do not load native libraries from generated code",
  ),
  rule(
    "deserialization/pickle",
    "error",
    PY,
    "pickle load",
    "pickle.load/loads/Unpickler (also cPickle, _pickle, dill) runs arbitrary code from the data.",
    "Use json (or another data-only format) for data from outside the program",
  ),
  rule(
    "deserialization/marshal",
    "error",
    PY,
    "marshal load",
    "marshal.load/loads is not safe for untrusted data.",
    "Use json (or another data-only format) for data from outside the program",
  ),
  rule(
    "deserialization/yaml-load",
    "error",
    PY,
    "Unsafe YAML load",
    "yaml.load/load_all without Loader=SafeLoader (or CSafeLoader/BaseLoader), and " +
      "yaml.unsafe_load, can build arbitrary Python objects.",
    "Use yaml.safe_load(…) or pass Loader=yaml.SafeLoader",
  ),
  rule(
    "deserialization/shelve",
    "error",
    PY,
    "shelve",
    "shelve.open stores and loads values with pickle.",
    "Use json or sqlite3 for data that may come from outside the program",
  ),
  rule(
    "deserialization/jsonpickle",
    "error",
    PY,
    "jsonpickle decode",
    "jsonpickle.decode/loads can build arbitrary Python objects.",
    "Use json.loads and build the objects explicitly",
  ),
  rule(
    "deserialization/node-serialize",
    "error",
    JS,
    "node-serialize",
    "Imports node-serialize (or funcster), whose unserialize() runs functions embedded in the data.",
    "Use JSON.parse and build the objects explicitly",
  ),
  rule(
    "shell-injection/interpolated-command",
    "error",
    ALL,
    "Command line built from strings",
    "A command string built by interpolation or concatenation is passed to a shell: exec, " +
      "execSync, os.system, os.popen, subprocess.getoutput.",
    "Pass the program and its arguments as an array (execFile/spawn, subprocess.run([...]))",
  ),
  rule(
    "shell-injection/shell-true",
    "error",
    ALL,
    "shell=True with a built command",
    "subprocess.*(…, shell=True) or spawn/execFile(…, { shell: true }) with a command built by " +
      "interpolation or concatenation (a variable is a warning).",
    "Drop shell=True and pass an argument list, e.g. subprocess.run(['ls', path])",
  ),
  rule(
    "shell-injection/sh-c",
    "error",
    ALL,
    "sh -c with a built command",
    "Runs `sh -c`/`bash -c` (or cmd /c) with a command built by interpolation or concatenation " +
      "(a variable is a warning).",
    "Run the program directly with an argument array instead of through a shell",
  ),
  rule(
    "prototype-pollution/proto-key",
    "error",
    JS,
    "__proto__ write",
    "Assigns through `__proto__` (`x.__proto__.y = …`, `x['__proto__'] = …`), which changes " +
      "the prototype shared by other objects.",
    "Use Object.create(null) or a Map for dictionaries, and reject the key __proto__",
  ),
  rule(
    "prototype-pollution/prototype-write",
    "error",
    JS,
    "Built-in prototype write",
    "Changes a built-in or a constructor's prototype: `Object.prototype.x = …`, " +
      "`x.constructor.prototype.y = …`, Object.defineProperty(Array.prototype, …).",
    "Do not change shared prototypes; use a helper function or a subclass",
  ),
  rule(
    "prototype-pollution/unsafe-merge",
    "warning",
    JS,
    "Unguarded merge of parsed keys",
    "A loop over an object's keys assigns `target[key] = …` without rejecting __proto__, " +
      "constructor and prototype, in a file that parses JSON (a heuristic).",
    "Skip the keys __proto__, constructor and prototype, or merge into Object.create(null)",
  ),
  rule(
    "obfuscation/base64-blob",
    "warning",
    ALL,
    "Long base64 string",
    "A string literal holds a base64 run of 200 characters or more, which can hide code.",
    "Decode it and review it; keep data in separate, named files",
  ),
  rule(
    "obfuscation/hex-blob",
    "warning",
    ALL,
    "Long hex string",
    "A string literal holds a hex run of 200 characters or more, which can hide code.",
    "Decode it and review it; keep data in separate, named files",
  ),
  rule(
    "obfuscation/escape-run",
    "warning",
    ALL,
    "Run of escape sequences",
    "A string literal holds 40 or more \\x, \\u or octal escapes in a row.",
    "Decode it and review it; write readable text in the source",
  ),
  rule(
    "obfuscation/char-codes",
    "warning",
    JS,
    "String.fromCharCode with many codes",
    "String.fromCharCode with 20 or more arguments builds text that no reviewer can read.",
    "Write the text as a readable string literal",
  ),
  rule(
    "obfuscation/decode-eval",
    "error",
    ALL,
    "Decoded string run as code",
    "Runs decoded text as code: eval/Function of atob(…) or Buffer.from(…, 'base64'), " +
      "exec/eval of base64.b64decode, zlib.decompress, codecs.decode or bytes.fromhex.",
    "Never run decoded data; decode it, review it and commit the plain source",
  ),
  ...SECRET_KINDS.map((kind) =>
    rule(
      `secret/${kind}`,
      "error",
      ALL,
      `Hard-coded secret (${kind})`,
      `The source holds a value that looks like a ${kind}.`,
      "Remove it, rotate it, and read it at run time from the environment or a secret store",
    )
  ),
];

/** The rules by id. */
export const RULES_BY_ID: ReadonlyMap<string, SafetyRule> = new Map(
  RULES.map((entry) => [entry.id, entry]),
);
