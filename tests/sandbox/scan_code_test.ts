import assert from "node:assert/strict";
import fc from "fast-check";
import { SECRET_KINDS } from "../../src/analysis/mod.ts";
import { UsageError } from "../../src/core/mod.ts";
import { parseSafetyAllowList } from "../../src/sandbox/safety_allowlist.ts";
import {
  type CodeLanguage,
  languageOfPath,
  SAFETY_RULES,
  type SafetyFinding,
  scanCode,
} from "../../src/sandbox/scan_code.ts";
import { findingsToSarif, formatFindingsText } from "../../src/sandbox/scan_report.ts";

const TS: CodeLanguage = "typescript";
const JS: CodeLanguage = "javascript";
const PY: CodeLanguage = "python";

/** A finding as `[ruleId, line, column, severity]`. */
type Hit = [string, number, number, string];

function hits(code: string, language: CodeLanguage, ruleId: string): Hit[] {
  return scanCode(code, language)
    .filter((finding) => finding.ruleId === ruleId)
    .map((finding) => [finding.ruleId, finding.line, finding.column, finding.severity]);
}

interface Case {
  /** What the code does. */
  name: string;
  language: CodeLanguage;
  code: string;
  /** Every finding of the rule, in order. */
  expect: Array<[line: number, column: number, severity: string]>;
}

/** Positive and negative cases per rule id; a negative case expects []. */
const CASES: Record<string, Case[]> = {
  "dynamic-code/eval": [
    {
      name: "a JS eval of input",
      language: JS,
      code: "const x = 1;\n  eval(code);\n",
      expect: [[2, 3, "error"]],
    },
    {
      name: "a constant JS eval",
      language: TS,
      code: 'eval("1 + 1");',
      expect: [[1, 1, "warning"]],
    },
    { name: "window.eval", language: JS, code: "window.eval(src)", expect: [[1, 8, "error"]] },
    {
      name: "a Python eval in an f-string",
      language: PY,
      code: 'p = f"{eval(z)}"\n',
      expect: [[1, 8, "error"]],
    },
    {
      name: "a constant Python eval",
      language: PY,
      code: 'x = eval("1 + 1")',
      expect: [[1, 5, "warning"]],
    },
    {
      name: "eval in comments, strings, templates and regexes",
      language: TS,
      code:
        "// eval(a)\n/* eval(b) */\nconst s = \"eval(c)\" + 'eval(d)' + `eval(${e})`;\nconst r = /eval\\(/;\n",
      expect: [],
    },
    {
      name: "member calls and declarations",
      language: JS,
      code: "page.eval(x);\n$eval(x);\nfunction eval2() {}\nclass A { eval(x) { return x; } }\n",
      expect: [],
    },
    {
      name: "Python comments, docstrings and literal_eval",
      language: PY,
      code: '# eval(x)\n"""eval(x)"""\nf"{{eval(x)}}"\nast.literal_eval(x)\n',
      expect: [],
    },
  ],
  "dynamic-code/function-constructor": [
    {
      name: "new Function",
      language: JS,
      code: 'const f = new Function("a", "return a" + b);',
      expect: [[1, 11, "error"]],
    },
    {
      name: "Function() of a constant",
      language: TS,
      code: 'const g = Function("return this")();',
      expect: [[1, 11, "warning"]],
    },
    {
      name: "Function as a type or value",
      language: TS,
      code: "const F: Function = f;\nif (x instanceof Function) {}\n// new Function(x)\n",
      expect: [],
    },
  ],
  "dynamic-code/string-timer": [
    {
      name: "a constant string",
      language: JS,
      code: 'setTimeout("tick()", 100);',
      expect: [[1, 1, "warning"]],
    },
    {
      name: "a concatenated string",
      language: JS,
      code: 'setInterval("f(" + x + ")", 5);',
      expect: [[1, 1, "error"]],
    },
    { name: "a function", language: JS, code: "setTimeout(() => tick(), 100);", expect: [] },
  ],
  "dynamic-code/exec": [
    { name: "exec of input", language: PY, code: "exec(code)\n", expect: [[1, 1, "error"]] },
    {
      name: "exec of a constant",
      language: PY,
      code: 'exec("print(1)")\n',
      expect: [[1, 1, "warning"]],
    },
    {
      name: "comments and other exec methods",
      language: PY,
      code: "# exec(code)\ndb.exec(query)\ncursor.execute(q)\n",
      expect: [],
    },
  ],
  "dynamic-code/compile": [
    {
      name: "compile of input",
      language: PY,
      code: 'c = compile(src, "<x>", "exec")',
      expect: [[1, 5, "error"]],
    },
    { name: "re.compile", language: PY, code: 'pattern = re.compile(r"\\d+")', expect: [] },
  ],
  "dynamic-code/dynamic-import": [
    {
      name: "__import__ of a computed name",
      language: PY,
      code: "m = __import__(name)",
      expect: [[1, 5, "error"]],
    },
    {
      name: "__import__ of a constant",
      language: PY,
      code: 'm = __import__("os")',
      expect: [[1, 5, "warning"]],
    },
    {
      name: "importlib of a computed name",
      language: PY,
      code: "importlib.import_module(mod)",
      expect: [[1, 1, "error"]],
    },
    {
      name: "JS import() and require of computed names",
      language: JS,
      code: "await import(modName);\nrequire(name);\n",
      expect: [[1, 7, "warning"], [2, 1, "warning"]],
    },
    {
      name: "constant names",
      language: JS,
      code: 'await import("./x.ts");\nrequire("./y");\n',
      expect: [],
    },
    {
      name: "importlib of a constant",
      language: PY,
      code: 'importlib.import_module("json")',
      expect: [],
    },
  ],
  "dynamic-code/vm": [
    {
      name: "node:vm import and call",
      language: JS,
      code: 'import vm from "node:vm";\nvm.runInNewContext(code, {});\n',
      expect: [[1, 1, "error"], [2, 4, "error"]],
    },
    {
      name: "a variable named vm",
      language: JS,
      code: 'import { join } from "node:path";\nconst vm = new ViewModel();\nvm.render();\n',
      expect: [],
    },
  ],
  "subprocess/deno-command": [
    {
      name: "Deno.Command",
      language: TS,
      code: 'const p = new Deno.Command("git", { args: ["status"] });',
      expect: [[1, 15, "error"]],
    },
    {
      name: "Deno.run",
      language: TS,
      code: 'Deno.run({ cmd: ["ls"] });',
      expect: [[1, 1, "error"]],
    },
    {
      name: "in a comment and a string",
      language: TS,
      code: '// Deno.Command\nconst s = "Deno.Command";',
      expect: [],
    },
  ],
  "subprocess/child-process": [
    {
      name: "require and execSync",
      language: JS,
      code: 'const { execSync } = require("child_process");\nexecSync("ls");\n',
      expect: [[1, 22, "error"], [2, 1, "error"]],
    },
    {
      name: "a namespace import",
      language: TS,
      code: 'import * as cp from "node:child_process";\ncp.spawn("ls", ["-l"]);\n',
      expect: [[1, 1, "error"], [2, 4, "error"]],
    },
    { name: "Bun.spawn", language: TS, code: 'Bun.spawn(["ls"]);', expect: [[1, 5, "error"]] },
    {
      name: "regex exec and an unrelated spawn",
      language: JS,
      code: 'const re = /x/;\nre.exec("s"); // execSync("ls")\nfunction spawn() {}\nspawn();\n',
      expect: [],
    },
  ],
  "subprocess/python-subprocess": [
    {
      name: "subprocess.run",
      language: PY,
      code: 'import subprocess\nsubprocess.run(["ls", "-l"])\n',
      expect: [[2, 1, "error"]],
    },
    {
      name: "an aliased import",
      language: PY,
      code: 'from subprocess import check_output as co\nco(["ls"])\n',
      expect: [[2, 1, "error"]],
    },
    {
      name: "names, constants and strings",
      language: PY,
      code: 'subprocess_count = 1\np = subprocess.PIPE\ns = "subprocess.run()"\n',
      expect: [],
    },
  ],
  "subprocess/os-exec": [
    { name: "os.system", language: PY, code: 'os.system("ls")', expect: [[1, 1, "error"]] },
    {
      name: "os.execvp and pty.spawn",
      language: PY,
      code: 'os.execvp("ls", ["ls"])\npty.spawn("/bin/sh")\n',
      expect: [[1, 1, "error"], [2, 1, "error"]],
    },
    {
      name: "os.path and a comment",
      language: PY,
      code: 'os.path.join(a, b)\n# os.system("x")\nos.getcwd()\n',
      expect: [],
    },
  ],
  "network/fetch": [
    {
      name: "fetch",
      language: TS,
      code: "const r = await fetch(url);",
      expect: [[1, 17, "error".replace("error", "warning")]],
    },
    {
      name: "globalThis.fetch",
      language: TS,
      code: 'globalThis.fetch("https://x.test/a");',
      expect: [[1, 12, "warning"]],
    },
    {
      name: "a method, its declaration and a comment",
      language: TS,
      code:
        "this.fetch(url);\nclass A {\n  async fetch(request: Request) {\n    return request;\n  }\n}\n// fetch(url)\n",
      expect: [],
    },
  ],
  "network/deno-net": [
    {
      name: "Deno.serve",
      language: TS,
      code: 'Deno.serve((req) => new Response("hi"));',
      expect: [[1, 1, "warning"]],
    },
    {
      name: "Deno.listen",
      language: TS,
      code: "const l = Deno.listen({ port: 80 });",
      expect: [[1, 11, "warning"]],
    },
    { name: "a string", language: TS, code: 'const serve = "Deno.serve";', expect: [] },
  ],
  "network/websocket": [
    {
      name: "new WebSocket",
      language: TS,
      code: 'const ws = new WebSocket("wss://x.test");',
      expect: [[1, 16, "warning"]],
    },
    { name: "the type only", language: TS, code: "let ws: WebSocket | undefined;", expect: [] },
  ],
  "network/xhr": [
    {
      name: "new XMLHttpRequest",
      language: JS,
      code: "const req = new XMLHttpRequest();",
      expect: [[1, 17, "warning"]],
    },
    { name: "instanceof", language: JS, code: "if (x instanceof XMLHttpRequest) {}", expect: [] },
  ],
  "network/node-module": [
    {
      name: "node:http and axios",
      language: JS,
      code: 'import http from "node:http";\nconst axios = require("axios");\n',
      expect: [[1, 1, "warning"], [2, 15, "warning"]],
    },
    {
      name: "other modules",
      language: JS,
      code: 'import path from "node:path";\nimport { http } from "./my-http.ts";\n',
      expect: [],
    },
  ],
  "network/python-socket": [
    {
      name: "socket.socket",
      language: PY,
      code: "s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)",
      expect: [[1, 5, "warning"]],
    },
    {
      name: "names and exceptions",
      language: PY,
      code: 'socket_path = "/tmp/x"\ntry:\n    pass\nexcept socket.timeout:\n    pass\n',
      expect: [],
    },
  ],
  "network/python-http": [
    {
      name: "requests, urllib and http.client",
      language: PY,
      code:
        'requests.post(url, json=data)\nurllib.request.urlopen(url)\nc = http.client.HTTPSConnection("x")\n',
      expect: [[1, 1, "warning"], [2, 1, "warning"], [3, 5, "warning"]],
    },
    {
      name: "parsing and exceptions",
      language: PY,
      code: "urllib.parse.quote(s)\nerr = requests.exceptions.Timeout\nhttpx.Timeout(5)\n",
      expect: [],
    },
  ],
  "fs-write/deno": [
    {
      name: "a relative write",
      language: TS,
      code: 'await Deno.writeTextFile("out.txt", s);',
      expect: [[1, 7, "warning"]],
    },
    {
      name: "absolute, parent and home paths",
      language: TS,
      code: 'Deno.remove("/etc/hosts");\nDeno.mkdir("../up");\nDeno.writeFile(`~/x`, d);\n',
      expect: [[1, 1, "error"], [2, 1, "error"], [3, 1, "error"]],
    },
    { name: "a read", language: TS, code: 'await Deno.readTextFile("in.txt");', expect: [] },
  ],
  "fs-write/node": [
    {
      name: "a named import",
      language: TS,
      code: 'import { writeFileSync } from "node:fs";\nwriteFileSync("a.txt", s);\n',
      expect: [[2, 1, "warning"]],
    },
    {
      name: "fs.rmSync of the root",
      language: JS,
      code: 'fs.rmSync("/", { recursive: true });',
      expect: [[1, 4, "error"]],
    },
    {
      name: "reads and other objects",
      language: JS,
      code: 'fs.readFileSync("a.txt");\nlist.rm(x);\nother.unlink();\n',
      expect: [],
    },
  ],
  "fs-write/python": [
    {
      name: "open for writing",
      language: PY,
      code: 'open("out.txt", "w")\nwith open("/etc/x", mode="a") as f:\n    pass\n',
      expect: [[1, 1, "warning"], [2, 6, "error"]],
    },
    {
      name: "shutil, os and pathlib",
      language: PY,
      code:
        'shutil.rmtree("build")\nos.remove("../x")\nPath("out.txt").write_text(s)\nPath("/tmp/x").unlink()\n',
      expect: [[1, 1, "warning"], [2, 1, "error"], [3, 17, "warning"], [4, 16, "error"]],
    },
    {
      name: "reads and strings",
      language: PY,
      code: 'open("a.txt", "rb")\nopen("a.txt")\ns = "open(\'x\', \'w\')"\n',
      expect: [],
    },
  ],
  "env/read": [
    {
      name: "process.env and Deno.env",
      language: TS,
      code: 'const h = process.env.HOME;\nDeno.env.get("X");\n',
      expect: [[1, 11, "warning"], [2, 1, "warning"]],
    },
    {
      name: "os.environ and os.getenv",
      language: PY,
      code: 'a = os.environ["X"]\nb = os.getenv("Y")\n',
      expect: [[1, 5, "warning"], [2, 5, "warning"]],
    },
    {
      name: "a local env object and a string",
      language: TS,
      code: 'const env = { HOME: "x" };\nenv.HOME;\nconst s = "process.env.X";\n',
      expect: [],
    },
  ],
  "env/sensitive-file": [
    {
      name: "an SSH key",
      language: JS,
      code: 'fs.readFileSync("/home/me/.ssh/id_rsa");',
      expect: [[1, 17, "error"]],
    },
    {
      name: "AWS credentials and /etc/shadow",
      language: PY,
      code: 'open(os.path.expanduser("~/.aws/credentials"))\nopen("/etc/shadow")\n',
      expect: [[1, 25, "error"], [2, 6, "error"]],
    },
    {
      name: "a .env file",
      language: PY,
      code: 'load_dotenv(".env")',
      expect: [[1, 13, "warning"]],
    },
    {
      name: "comments, templates and process.env",
      language: JS,
      code: '// ~/.ssh/id_rsa\nconst t = ".env.example";\nprocess.env.X;\n',
      expect: [],
    },
  ],
  "ffi/dlopen": [
    {
      name: "Deno.dlopen and process.dlopen",
      language: TS,
      code: 'Deno.dlopen("libc.so.6", {});\nprocess.dlopen(mod, "x.node");\n',
      expect: [[1, 1, "error"], [2, 1, "error"]],
    },
    { name: "a variable", language: TS, code: "const dlopen = 1;", expect: [] },
  ],
  "ffi/node-ffi": [
    {
      name: "ffi-napi and a .node addon",
      language: JS,
      code:
        'const ffi = require("ffi-napi");\nconst addon = require("./build/Release/addon.node");\n',
      expect: [[1, 13, "error"], [2, 15, "error"]],
    },
    { name: "a JS module", language: JS, code: 'const addon = require("./addon.js");', expect: [] },
  ],
  "ffi/python": [
    {
      name: "ctypes and cffi",
      language: PY,
      code: 'lib = ctypes.CDLL("libc.so.6")\nffi = cffi.FFI()\n',
      expect: [[1, 7, "error"], [2, 7, "error"]],
    },
    {
      name: "an import and a comment",
      language: PY,
      code: "import ctypes\n# ctypes.CDLL\n",
      expect: [],
    },
  ],
  "deserialization/pickle": [
    {
      name: "pickle.loads and dill.load",
      language: PY,
      code: "obj = pickle.loads(data)\ndill.load(f)\n",
      expect: [[1, 7, "error"], [2, 1, "error"]],
    },
    {
      name: "dumps and json",
      language: PY,
      code: "pickle.dumps(obj)\njson.loads(s)\n",
      expect: [],
    },
  ],
  "deserialization/marshal": [
    {
      name: "marshal.loads",
      language: PY,
      code: "code = marshal.loads(b)",
      expect: [[1, 8, "error"]],
    },
    { name: "marshal.dumps", language: PY, code: "marshal.dumps(x)", expect: [] },
  ],
  "deserialization/yaml-load": [
    {
      name: "without a loader and with the unsafe ones",
      language: PY,
      code: "yaml.load(f)\nyaml.load(f, Loader=yaml.Loader)\nyaml.unsafe_load(f)\n",
      expect: [[1, 1, "error"], [2, 1, "error"], [3, 1, "error"]],
    },
    {
      name: "safe loaders",
      language: PY,
      code:
        "yaml.safe_load(f)\nyaml.load(f, Loader=yaml.SafeLoader)\nyaml.load(f, yaml.CSafeLoader)\n",
      expect: [],
    },
  ],
  "deserialization/shelve": [
    {
      name: "shelve.open",
      language: PY,
      code: 'db = shelve.open("db")',
      expect: [[1, 6, "error"]],
    },
    { name: "a name", language: PY, code: "shelve_path = 1", expect: [] },
  ],
  "deserialization/jsonpickle": [
    {
      name: "jsonpickle.decode",
      language: PY,
      code: "obj = jsonpickle.decode(s)",
      expect: [[1, 7, "error"]],
    },
    { name: "jsonpickle.encode", language: PY, code: "s = jsonpickle.encode(o)", expect: [] },
  ],
  "deserialization/node-serialize": [
    {
      name: "require and unserialize",
      language: JS,
      code: 'const serialize = require("node-serialize");\nserialize.unserialize(payload);\n',
      expect: [[1, 19, "error"], [2, 11, "error"]],
    },
    {
      name: "JSON and another unserialize",
      language: JS,
      code: "JSON.parse(payload);\nx.unserialize(y);\n",
      expect: [],
    },
  ],
  "shell-injection/interpolated-command": [
    {
      name: "execSync of a template and exec of a concatenation",
      language: JS,
      code:
        'const { exec, execSync } = require("child_process");\nexecSync(`rm -rf ${dir}`);\nexec("ls " + dir);\n',
      expect: [[2, 1, "error"], [3, 1, "error"]],
    },
    {
      name: "os.system, os.popen and subprocess.getoutput",
      language: PY,
      code: 'os.system(f"rm {p}")\nos.popen("cat %s" % f)\nsubprocess.getoutput("ls " + d)\n',
      expect: [[1, 1, "error"], [2, 1, "error"], [3, 1, "error"]],
    },
    {
      name: "constant commands and variables",
      language: PY,
      code: 'os.system("ls -l")\nos.system(cmd)\n',
      expect: [],
    },
  ],
  "shell-injection/shell-true": [
    {
      name: "shell=True with an f-string and a variable",
      language: PY,
      code: 'subprocess.run(f"ls {d}", shell=True)\nsubprocess.call(cmd, shell=True)\n',
      expect: [[1, 27, "error"], [2, 22, "warning"]],
    },
    {
      name: "shell: true in spawn",
      language: JS,
      code: 'const { spawn } = require("child_process");\nspawn(cmd + " x", { shell: true });\n',
      expect: [[2, 21, "error"]],
    },
    {
      name: "argument lists, constants and shell=False",
      language: PY,
      code:
        'subprocess.run(["ls", d])\nsubprocess.run("ls -l", shell=True)\nsubprocess.run(f"ls {d}", shell=False)\n',
      expect: [],
    },
  ],
  "shell-injection/sh-c": [
    {
      name: "bash -c with an f-string",
      language: PY,
      code: 'subprocess.run(["bash", "-c", f"echo {x}"])',
      expect: [[1, 17, "error"]],
    },
    {
      name: "sh -c with a concatenation and a variable",
      language: JS,
      code: 'spawn("sh", ["-c", "ls " + dir]);\nDeno.Command("/bin/sh", { args: ["-c", cmd] });\n',
      expect: [[1, 7, "error"], [2, 14, "warning"]],
    },
    {
      name: "a constant command and grep -c",
      language: PY,
      code: 'subprocess.run(["sh", "-c", "ls -l"])\nsubprocess.run(["grep", "-c", f"{x}"])\n',
      expect: [],
    },
  ],
  "prototype-pollution/proto-key": [
    {
      name: "__proto__ writes",
      language: JS,
      code: 'obj.__proto__.isAdmin = true;\ntarget["__proto__"]["polluted"] = 1;\n',
      expect: [[1, 5, "error"], [2, 7, "error"]],
    },
    {
      name: "a null prototype, a comparison and a comment",
      language: JS,
      code: "const o = { __proto__: null };\nif (obj.__proto__ === x) {}\n// obj.__proto__.x = 1\n",
      expect: [],
    },
  ],
  "prototype-pollution/prototype-write": [
    {
      name: "built-in and constructor prototypes",
      language: JS,
      code:
        'Object.prototype.polluted = true;\na.constructor.prototype.x = 1;\nObject.defineProperty(Array.prototype, "last", {});\nx["constructor"]["prototype"].y = 2;\n',
      expect: [[1, 1, "error"], [2, 3, "error"], [3, 23, "error"], [4, 2, "error"]],
    },
    {
      name: "reads and user classes",
      language: JS,
      code:
        "Array.prototype.slice.call(arguments);\nFoo.prototype.bar = function () {};\nObject.prototype.hasOwnProperty.call(o, k) === true;\n",
      expect: [],
    },
  ],
  "prototype-pollution/unsafe-merge": [
    {
      name: "a for-in merge in a file that parses JSON",
      language: JS,
      code:
        "const input = JSON.parse(body);\nfunction merge(target, source) {\n  for (const key in source) {\n    target[key] = source[key];\n  }\n}\n",
      expect: [[3, 3, "warning"]],
    },
    {
      name: "a guarded merge, and one in a file without JSON.parse",
      language: JS,
      code:
        'const input = JSON.parse(body);\nfor (const [k, v] of Object.entries(src)) {\n  if (k === "__proto__" || k === "constructor") continue;\n  out[k] = v;\n}\n',
      expect: [],
    },
    {
      name: "no JSON.parse",
      language: JS,
      code: "for (const key in source) target[key] = source[key];\n",
      expect: [],
    },
  ],
  "obfuscation/base64-blob": [
    {
      name: "a 240-character base64 string",
      language: JS,
      code: `const blob = "${base64(180)}";`,
      expect: [[1, 15, "warning"]],
    },
    {
      name: "a short string and one in a comment",
      language: JS,
      code: `const s = "${base64(90)}";\n// ${base64(180)}\n`,
      expect: [],
    },
  ],
  "obfuscation/hex-blob": [
    {
      name: "a 240-character hex string",
      language: PY,
      code: `data = "${"0123456789abcdef".repeat(15)}"`,
      expect: [[1, 9, "warning"]],
    },
    {
      name: "a short hex string and a long word",
      language: PY,
      code: `a = "${"0123456789abcdef".repeat(10)}"\nb = "${"a".repeat(250)}"\nc = "${
        "0".repeat(250)
      }"\n`,
      expect: [],
    },
  ],
  "obfuscation/escape-run": [
    {
      name: "45 \\x escapes",
      language: PY,
      code: `shellcode = b"${"\\x90".repeat(45)}"`,
      expect: [[1, 15, "warning"]],
    },
    { name: "10 escapes", language: JS, code: `const s = "${"\\x41".repeat(10)}";`, expect: [] },
  ],
  "obfuscation/char-codes": [
    {
      name: "25 codes",
      language: JS,
      code: `const s = String.fromCharCode(${Array(25).fill(104).join(", ")});`,
      expect: [[1, 11, "warning"]],
    },
    {
      name: "5 codes",
      language: JS,
      code: "const s = String.fromCharCode(104, 105, 106, 107, 108);",
      expect: [],
    },
  ],
  "obfuscation/decode-eval": [
    {
      name: "eval of atob, directly and through a variable",
      language: JS,
      code: "eval(atob(payload));\nconst src = atob(p);\neval(src);\n",
      expect: [[1, 1, "error"], [3, 1, "error"]],
    },
    {
      name: "exec of b64decode",
      language: PY,
      code: "exec(base64.b64decode(blob))",
      expect: [[1, 1, "error"]],
    },
    {
      name: "decoding without running, and eval without decoding",
      language: JS,
      code: "const txt = atob(p);\nshow(txt);\neval(x);\n",
      expect: [],
    },
  ],
};

function base64(bytes: number): string {
  return btoa(String.fromCharCode(...Array.from({ length: bytes }, (_, i) => (i * 37 + 11) % 256)));
}

for (const [ruleId, cases] of Object.entries(CASES)) {
  Deno.test(`scanCode() ${ruleId}: ${cases.map((c) => c.name).join("; ")}`, () => {
    assert.ok(SAFETY_RULES.some((rule) => rule.id === ruleId), `${ruleId} is a rule`);
    assert.ok(cases.some((c) => c.expect.length > 0), "at least one positive case");
    assert.ok(cases.some((c) => c.expect.length === 0), "at least one negative case");
    for (const c of cases) {
      assert.deepEqual(
        hits(c.code, c.language, ruleId),
        c.expect.map(([line, column, severity]): Hit => [ruleId, line, column, severity]),
        c.name,
      );
    }
  });
}

Deno.test("scanCode() has cases for every rule but the secret ones", () => {
  const tested = new Set(Object.keys(CASES));
  const missing = SAFETY_RULES.filter((rule) =>
    !rule.id.startsWith("secret/") && !tested.has(rule.id)
  );
  assert.deepEqual(missing.map((rule) => rule.id), []);
});

// Fake secrets, built by concatenation so that secret scanners reading this file find no token.
const PEM_BODY = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n" +
  "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n" +
  "Pz1Xb4HsT2nqkT9w0kL8cJ3yV6mA5rQ2uF7dE1gH4iK9lN0oP3sR6tU8vW1xY2zA";
const SECRETS: Record<
  string,
  { language: CodeLanguage; code: string; secret: string; path?: string }
> = {
  "private-key": {
    language: JS,
    code: "const key = `-----BEGIN RSA PRIVATE KEY-----\n" + PEM_BODY +
      "\n-----END RSA PRIVATE KEY-----`;",
    secret: "VTLw7onLRnrq",
  },
  "aws-access-key-id": {
    language: JS,
    code: 'const id = "AKIA' + 'QWERTYUIOPASDFGH";',
    secret: "QWERTYUIOPASDFGH",
  },
  "aws-secret-access-key": {
    language: PY,
    code: 'aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG+' + 'bPxRfiCYzQ8wE1rT9u"',
    secret: "bPxRfiCYzQ8wE1rT9u",
  },
  "github-token": {
    language: TS,
    code: 'const t = "ghp_' + 'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";',
    secret: "aBcDeFgHiJkLmNoPqRsTuVwXyZ",
  },
  "anthropic-api-key": {
    language: PY,
    code: 'KEY = "sk-ant-' + 'api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"',
    secret: "AbCdEfGhIjKlMnOpQrStUvWxYz",
  },
  "openai-api-key": {
    language: PY,
    code: 'client = OpenAI(api_key="sk-proj-' + '4fT9aQ2mZ7xR1bN8cV3kL6pW0sD5hJ")',
    secret: "4fT9aQ2mZ7xR1bN8cV3kL6pW0sD5hJ",
  },
  "stripe-secret-key": {
    language: JS,
    code: 'stripe("sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc");',
    secret: "4eC39HqLyjWDarjtT1zdp7dc",
  },
  "slack-token": {
    language: JS,
    code: 'const slack = "xoxb-' + '123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";',
    secret: "AbCdEfGhIjKlMnOpQrStUvWx",
  },
  "slack-webhook": {
    language: JS,
    code: 'post("https://hooks.slack.com/services/T024BE7LD/B01AB2CD3EF/' +
      'aBcDeFgHiJkLmNoPqRsTuVwX");',
    secret: "aBcDeFgHiJkLmNoPqRsTuVwX",
  },
  "google-api-key": {
    language: TS,
    code: 'const maps = "AIza' + 'SyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI";',
    secret: "SyDdI0hCZtE6vySjMm",
  },
  jwt: {
    language: TS,
    code: 'const jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.' +
      'eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";',
    secret: "dozjgNryP4J3jVmNHl0w5N",
  },
  "npm-token": {
    language: JS,
    code: 'const npm = "npm_' + 'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";',
    secret: "aBcDeFgHiJkLmNoPqRsTuVwXyZ",
  },
  "database-url-password": {
    language: PY,
    code: 'DB = "postgres://admin:Xk9' + '#mQ2vL7p@db.example.com/app"',
    secret: "Xk9#mQ2vL7p",
  },
  "generic-secret": {
    language: TS,
    code: 'const password = "x9$Lq2' + '!vR7#mK4pZ";',
    secret: "x9$Lq2!vR7#mK4pZ",
  },
  "env-value": {
    language: PY,
    code: "SERVICE_ID=Zx81Qp0Lm" + "A77w",
    secret: "Zx81Qp0LmA77w",
    path: ".env",
  },
};

Deno.test("scanCode() reports each kind of hard-coded secret as secret/<kind> without echoing it", () => {
  assert.deepEqual(Object.keys(SECRETS).sort(), [...SECRET_KINDS].sort());
  for (const [kind, sample] of Object.entries(SECRETS)) {
    const findings = scanCode(
      sample.code,
      sample.language,
      sample.path ? { path: sample.path } : {},
    );
    const secret = findings.filter((finding) => finding.ruleId === `secret/${kind}`);
    assert.equal(secret.length, 1, `${kind}: ${JSON.stringify(findings)}`);
    assert.equal(secret[0]!.severity, "error");
    assert.equal(secret[0]!.line, 1, kind);
    for (const finding of findings) {
      assert.ok(
        !JSON.stringify(finding).includes(sample.secret),
        `${kind} echoed in ${finding.ruleId}`,
      );
    }
  }
});

Deno.test("scanCode() locates a secret exactly and masks it in the snippet", () => {
  const token = "ghp_" + "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";
  const findings = scanCode(`const a = 1;\nconst token = "${token}"; eval(token);\n`, TS);
  assert.deepEqual(findings.map((f) => [f.ruleId, f.line, f.column, f.endColumn]), [
    ["secret/github-token", 2, 16, 56],
    ["dynamic-code/eval", 2, 59, 63],
  ]);
  for (const finding of findings) {
    assert.equal(finding.snippet, 'const token = "[REDACTED:github-token]"; eval(token);');
  }
});

Deno.test("scanCode() maps snippets past a collapsed private key to the right line", () => {
  const code = "const key = `-----BEGIN RSA PRIVATE KEY-----\n" + PEM_BODY +
    "\n-----END RSA PRIVATE KEY-----`;\nconst x = 1;\neval(userInput);\n";
  const findings = scanCode(code, TS);
  assert.deepEqual(findings.map((f) => [f.ruleId, f.line, f.snippet]), [
    ["secret/private-key", 1, "const key = `-----BEGIN RSA PRIVATE KEY-----"],
    ["dynamic-code/eval", 7, "eval(userInput);"],
  ]);
});

Deno.test("scanCode() snippets are trimmed and cut at 160 characters", () => {
  const long = `    eval(x); // ${"y".repeat(300)}`;
  const [finding] = scanCode(long, JS);
  assert.equal(finding!.snippet.length, 160);
  assert.ok(finding!.snippet.startsWith("eval(x); // yyy") && finding!.snippet.endsWith("…"));
});

Deno.test("scanCode() counts columns in UTF-16 code units and handles CRLF", () => {
  assert.deepEqual(hits('const s = "😀é"; eval(x);', JS, "dynamic-code/eval"), [[
    "dynamic-code/eval",
    1,
    18,
    "error",
  ]]);
  const crlf = scanCode("a = 1\r\nos.system(cmd)\r\n", PY);
  assert.deepEqual(crlf.map((f) => [f.line, f.column, f.endColumn, f.snippet]), [[
    2,
    1,
    10,
    "os.system(cmd)",
  ]]);
});

Deno.test("scanCode() lexes nested templates, regex literals and division", () => {
  assert.deepEqual(hits("const t = `a ${ `b ${eval(x)}` } c`;", TS, "dynamic-code/eval"), [[
    "dynamic-code/eval",
    1,
    22,
    "error",
  ]]);
  assert.deepEqual(hits("const a = b / eval(c) / d;", TS, "dynamic-code/eval"), [[
    "dynamic-code/eval",
    1,
    15,
    "error",
  ]]);
  assert.deepEqual(
    hits("if (/eval(x)/.test(s)) run();\nreturn /fetch(/;", JS, "dynamic-code/eval"),
    [],
  );
  assert.deepEqual(hits("const u = '\\'eval(x)';\neval(y);", JS, "dynamic-code/eval"), [[
    "dynamic-code/eval",
    2,
    1,
    "error",
  ]]);
  assert.deepEqual(
    hits("#!/usr/bin/env -S deno run eval(x)\nconst a = 1;", TS, "dynamic-code/eval"),
    [],
  );
});

Deno.test("scanCode() lexes Python triple quotes, prefixes and nested f-strings", () => {
  const code = [
    "doc = '''",
    "eval(a)",
    "'''",
    'raw = r"\\"eval(b)"',
    "b = rb'eval(c)'",
    "f = f\"{d['k']} {eval(e)}\"",
    "g = f'''{'''eval(f)'''}'''",
  ].join("\n");
  assert.deepEqual(hits(code, PY, "dynamic-code/eval"), [["dynamic-code/eval", 6, 17, "error"]]);
});

Deno.test("scanCode() accepts allow-listed findings but keeps them, marked suppressed", () => {
  const allowList = parseSafetyAllowList(JSON.stringify({
    version: 1,
    suppress: [
      { rule: "network/fetch", path: "src/*.ts", justification: "calls our own API only" },
      { rule: "dynamic-code/eval", line: 2, justification: "evaluates a fixed build-time table" },
    ],
  }));
  const code = 'await fetch("/api");\neval(table);\neval(other);\n';
  const findings = scanCode(code, TS, { path: "src/client.ts", allowList });
  assert.deepEqual(findings.map((f) => [f.ruleId, f.line, f.suppressed?.justification]), [
    ["network/fetch", 1, "calls our own API only"],
    ["dynamic-code/eval", 2, "evaluates a fixed build-time table"],
    ["dynamic-code/eval", 3, undefined],
  ]);
  assert.equal(
    scanCode(code, TS, { allowList })[0]!.suppressed,
    undefined,
    "a path entry needs a path",
  );
});

Deno.test("scanCode() rejects an unknown language with a hint", () => {
  assert.throws(() => scanCode("x", "ruby" as CodeLanguage), (error: unknown) => {
    assert.ok(error instanceof UsageError);
    assert.equal(error.message, 'Cannot scan code in "ruby": the language is not supported');
    assert.match(error.hint ?? "", /typescript, javascript or python/);
    return true;
  });
});

Deno.test("languageOfPath() maps extensions to languages", () => {
  const cases: Array<[string, CodeLanguage | undefined]> = [
    ["a.ts", "typescript"],
    ["src/a.tsx", "typescript"],
    ["a.mts", "typescript"],
    ["a.cts", "typescript"],
    ["A.JS", "javascript"],
    ["a.jsx", "javascript"],
    ["a.mjs", "javascript"],
    ["dir.v2\\a.cjs", "javascript"],
    ["tool.py", "python"],
    ["README.md", undefined],
    ["Makefile", undefined],
    ["a.constructor", undefined],
  ];
  for (const [path, language] of cases) assert.equal(languageOfPath(path), language, path);
});

Deno.test("every rule has an id, title, description, hint and languages", () => {
  const ids = new Set<string>();
  for (const rule of SAFETY_RULES) {
    assert.match(rule.id, /^[a-z-]+\/[a-z0-9-]+$/);
    assert.ok(!ids.has(rule.id), `duplicate ${rule.id}`);
    ids.add(rule.id);
    assert.ok(rule.title && rule.description && rule.hint && rule.languages.length > 0, rule.id);
  }
});

Deno.test("formatFindingsText() prints one line per finding and a summary", () => {
  const allowList = parseSafetyAllowList(
    '{"version": 1, "suppress": [{"rule": "network/fetch", "justification": "calls our own API"}]}',
  );
  const findings = scanCode('eval(x);\nfetch("/api");\nDeno.env.get("A");\n', TS, { allowList });
  assert.equal(
    formatFindingsText(findings, "src/app.ts"),
    [
      "src/app.ts:1:1 error dynamic-code/eval: eval() runs a string built at run time as code (hint: Call the code directly, or parse data with JSON.parse / ast.literal_eval)",
      "src/app.ts:2:1 warning network/fetch: fetch() makes a network request (hint: Check the URL is expected; run with --allow-net=<host> to allow only that host) [suppressed: calls our own API]",
      "src/app.ts:3:1 warning env/read: Deno.env reads or changes environment variables (hint: Pass configuration explicitly; run with --allow-env=<NAME> to allow only the variables needed)",
      "1 errors, 1 warnings, 0 info (1 suppressed)",
      "",
    ].join("\n"),
  );
  assert.equal(formatFindingsText([], "a.ts"), "0 errors, 0 warnings, 0 info (0 suppressed)\n");
});

Deno.test("findingsToSarif() writes SARIF 2.1.0 with rules, locations and suppressions", () => {
  const allowList = parseSafetyAllowList(
    '{"version": 1, "suppress": [{"rule": "network/fetch", "path": "src/client.ts", "justification": "calls our own API"}]}',
  );
  const byPath = [
    {
      path: "src/client.ts",
      findings: scanCode('await fetch("/api");\neval(x);\n', TS, {
        path: "src/client.ts",
        allowList,
      }),
    },
    {
      path: "tools/run.py",
      findings: scanCode("import os\nos.system(cmd)\n", PY, { path: "tools/run.py", allowList }),
    },
  ];
  const log = JSON.parse(JSON.stringify(findingsToSarif(byPath, "0.1.0")));
  assert.equal(log.version, "2.1.0");
  assert.equal(log.$schema, "https://json.schemastore.org/sarif-2.1.0.json");
  assert.equal(log.runs.length, 1);
  const run = log.runs[0];
  assert.deepEqual(run.tool.driver.name, "codegen-lab");
  assert.deepEqual(run.tool.driver.version, "0.1.0");
  const ruleIds = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
  assert.deepEqual(ruleIds, ["dynamic-code/eval", "network/fetch", "subprocess/os-exec"]);
  assert.equal(run.tool.driver.rules[1].shortDescription.text, "fetch() call");
  assert.equal(run.results.length, 3);
  for (const result of run.results) {
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
    assert.ok(["error", "warning", "note"].includes(result.level));
    const location = result.locations[0].physicalLocation;
    assert.equal(typeof location.artifactLocation.uri, "string");
    assert.ok(location.region.startLine >= 1 && location.region.startColumn >= 1);
  }
  const [fetchResult, evalResult, systemResult] = run.results;
  assert.deepEqual(fetchResult.suppressions, [
    { kind: "external", status: "accepted", justification: "calls our own API" },
  ]);
  assert.equal(evalResult.suppressions, undefined);
  assert.deepEqual(systemResult.locations[0].physicalLocation, {
    artifactLocation: { uri: "tools/run.py", uriBaseId: "%SRCROOT%" },
    region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 10 },
  });
});

Deno.test("scanCode() never throws and keeps every position inside the text", () => {
  const pieces = fc.constantFrom(
    "eval(",
    "exec(",
    ")",
    "(",
    "[",
    "]",
    "{",
    "}",
    "`",
    "${",
    "'",
    '"',
    "'''",
    '"""',
    "f'",
    'r"',
    "/",
    "//",
    "/*",
    "*/",
    "#",
    "\\",
    "\n",
    "\r\n",
    " ",
    ",",
    "=",
    "__proto__",
    ".prototype.",
    "os.system(",
    "subprocess.run(",
    "shell=True",
    "shell: true",
    "require(",
    "import ",
    " from ",
    '"child_process"',
    "Deno.",
    "fetch(",
    "open(",
    '"w"',
    '"/etc/passwd"',
    "atob(",
    "for (const k in o) ",
    "o[k] = ",
    "JSON.parse",
    "String.fromCharCode(",
    "1,",
    '"sh", "-c", ',
    "\\x41",
    "é",
    "😀",
  );
  const text = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.array(pieces, { maxLength: 60 }).map((p) => p.join("")),
  );
  fc.assert(
    fc.property(
      text,
      fc.constantFrom<CodeLanguage>("typescript", "javascript", "python"),
      (code, language) => {
        const findings: SafetyFinding[] = scanCode(code, language, { path: "gen/snippet.ts" });
        const lines = code.split("\n");
        for (const finding of findings) {
          assert.ok(finding.line >= 1 && finding.line <= lines.length, JSON.stringify(finding));
          const length = lines[finding.line - 1]!.length;
          assert.ok(finding.column >= 1 && finding.column <= length + 1, JSON.stringify(finding));
          if (finding.endLine !== undefined) {
            assert.ok(finding.endLine >= finding.line && finding.endLine <= lines.length);
            assert.ok(
              finding.endColumn! >= 1 &&
                finding.endColumn! <= lines[finding.endLine - 1]!.length + 1,
            );
          }
          assert.ok(finding.snippet.length <= 160);
        }
      },
    ),
    { numRuns: 2000 },
  );
});
