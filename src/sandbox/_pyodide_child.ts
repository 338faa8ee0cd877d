/**
 * Private: the child program of the Python sandbox, one Pyodide interpreter
 * that runs one job and exits. `run_python.ts` spawns it (flags and the
 * reason for each are listed there) as
 *
 * ```sh
 * deno run … _pyodide_child.ts <pyodide dir> <ready file> [--snapshot=<file>] [--keep-globals]
 * deno run … _pyodide_child.ts <pyodide dir> <ready file> --make-snapshot=<file>
 * ```
 *
 * with read access to `<pyodide dir>` (and the snapshot) and write access to
 * `<ready file>` (and, for `--make-snapshot`, the snapshot) only.
 *
 * 1. Loads Pyodide with `indexURL` = `<pyodide dir>`: about 5 s from scratch,
 *    under 1 s from a memory snapshot (`--snapshot`, Pyodide's `_loadSnapshot`).
 *    `--make-snapshot` loads from scratch, writes the snapshot of the fresh
 *    interpreter, then `ready` to `<ready file>`, and exits (no job).
 * 2. Deletes the globals that reach the outside (`Deno`, `process`, `fetch`,
 *    `Worker`, …; skipped with `--keep-globals`, which tests pass to prove the
 *    permission wall alone holds), writes `ready` to `<ready file>` (or
 *    `error <message>` when loading failed) and then revokes its read and
 *    write permissions, so the snippet runs with no permission at all.
 * 3. Reads one JSON {@linkcode PythonJob} from stdin until EOF and runs it,
 *    streaming the program's stdout and stderr to its own. Output past
 *    `maxOutputBytes` ends the run (like the host's cap, but with a result).
 * 4. Writes the frame `\0RESULT <nonce> <json>\n` to stderr, `<json>` being a
 *    {@linkcode PythonJobResult}, and exits (status 0 when `ok`). The nonce
 *    lives only in a local variable, never in Python's reach, so the
 *    snippet cannot forge a frame.
 *
 * `WebAssembly.Memory#grow` is capped so the process stays under the job's
 * `memoryMb`: a Python memory bomb ends in `MemoryError` before the host's RSS
 * watchdog has to kill the process.
 *
 * @module
 */

// The child runs with --no-config, so it has no import map: full specifier.
// deno-lint-ignore no-import-prefix
import { loadPyodide } from "npm:pyodide@314.0.7";

/** One job, as the host writes it to stdin. */
export interface PythonJob {
  /** The Python source. */
  code: string;
  /** Text served to `sys.stdin`. */
  stdin?: string;
  /** `run` executes, `compile` only compiles, `test` also runs `test_*` functions. */
  mode: "run" | "compile" | "test";
  /** Random token echoed in the result frame. */
  nonce: string;
  /** Cap on each of stdout and stderr, in bytes. */
  maxOutputBytes: number;
  /** Memory limit of the whole process, in MiB (caps wasm memory growth). */
  memoryMb: number;
}

/** The JSON in the result frame. */
export interface PythonJobResult {
  /** True when the snippet ran (and every test passed) without an exception. */
  ok: boolean;
  /** The uncaught exception or syntax error, lines and columns 1-based. */
  error?: { type: string; message: string; line?: number; column?: number };
  /** Per-test results, in definition order (mode `test`). */
  tests?: Array<{ name: string; passed: boolean; message?: string }>;
  /** Status the snippet asked for with `sys.exit()`, if any. */
  exitCode?: number;
  /** The stream that went past `maxOutputBytes`, if one did. */
  truncated?: "stdout" | "stderr";
}

const HARNESS = `
import ast, builtins, inspect, json, linecache, sys, traceback

_FILE = "<snippet>"

def _cgl_line(tb):
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == _FILE:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line

def _cgl_error(e, tb):
    if isinstance(e, SyntaxError):
        err = {"type": type(e).__name__, "message": str(e.msg)[:1000]}
        if e.lineno:
            err["line"] = e.lineno
        if e.offset:
            err["column"] = e.offset
        return err
    err = {"type": type(e).__name__, "message": str(e)[:1000]}
    line = _cgl_line(tb)
    if line:
        err["line"] = line
    return err

def _cgl_print(e, tb):
    sys.stdout.flush()
    traceback.print_exception(type(e), e, tb)
    sys.stderr.flush()

def _cgl_test_message(e):
    if isinstance(e, AssertionError):
        text = str(e)
        if text:
            return text[:1000]
        line = _cgl_line(e.__traceback__)
        source = linecache.getline(_FILE, line).strip() if line else ""
        return (source or "assert")[:1000] + (f" (line {line})" if line else "")
    return f"{type(e).__name__}: {e}"[:1000]

async def _cgl_main(code, mode):
    linecache.cache[_FILE] = (len(code), None, code.splitlines(True), _FILE)
    flags = 0 if mode == "compile" else ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
    try:
        compiled = compile(code, _FILE, "exec", flags=flags, dont_inherit=True)
    except (SyntaxError, ValueError) as e:
        if mode != "compile":
            _cgl_print(e, None)
        return json.dumps({"ok": False, "error": _cgl_error(e, None)})
    if mode == "compile":
        return json.dumps({"ok": True})
    scope = {"__name__": "__main__", "__builtins__": builtins}
    result = {"ok": True}
    try:
        value = eval(compiled, scope)
        if inspect.iscoroutine(value):
            await value
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        if status != 0 and not isinstance(e.code, int):
            print(e.code, file=sys.stderr)
        result = {"ok": status == 0, "exitCode": status}
        if status != 0:
            result["error"] = {"type": "SystemExit", "message": str(e.code)[:1000]}
    except BaseException as e:
        tb = e.__traceback__.tb_next if e.__traceback__ else None
        _cgl_print(e, tb)
        result = {"ok": False, "error": _cgl_error(e, tb)}
    if mode == "test" and result["ok"]:
        tests = []
        for name, fn in list(scope.items()):
            if not (name.startswith("test_") and inspect.isfunction(fn)):
                continue
            if len(tests) >= 500:
                break
            try:
                value = fn()
                if inspect.iscoroutine(value):
                    await value
                tests.append({"name": name[:200], "passed": True})
            except BaseException as e:
                tests.append({"name": name[:200], "passed": False, "message": _cgl_test_message(e)})
        result["tests"] = tests
        result["ok"] = all(t["passed"] for t in tests)
    sys.stdout.flush()
    sys.stderr.flush()
    return json.dumps(result)
`;

const WARM_UP = `import sys
print("warm-up")
print("warm-up", file=sys.stderr)
def test_warm_up():
    assert 1 == 2
`;

/** Globals deleted before the job (defence in depth; the permissions are the wall). */
const OUTSIDE_GLOBALS = [
  "Deno",
  "process",
  "require",
  "fetch",
  "WebSocket",
  "WebSocketStream",
  "EventSource",
  "Worker",
  "navigator",
  "caches",
  "localStorage",
  "sessionStorage",
  "BroadcastChannel",
];

const MIB = 1024 * 1024;
const encoder = new TextEncoder();

interface SyncWriter {
  writeSync(p: Uint8Array): number;
}

function writeAll(file: SyncWriter, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) offset += file.writeSync(bytes.subarray(offset));
}

async function readAll(
  stdinFile: { read(p: Uint8Array): Promise<number | null> },
): Promise<string> {
  const chunks: Uint8Array[] = [];
  const buffer = new Uint8Array(64 * 1024);
  let size = 0;
  for (;;) {
    const n = await stdinFile.read(buffer);
    if (n === null) break;
    chunks.push(buffer.slice(0, n));
    size += n;
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return new TextDecoder().decode(all);
}

/** The length of `bytes` without a trailing incomplete UTF-8 sequence. */
function utf8Boundary(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let i = end - 1; i >= 0 && i >= end - 4; i--) {
    const byte = bytes[i] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return i + need > end ? i : end;
  }
  return end;
}

/** Caps wasm memory growth so the whole process stays under `memoryMb`. */
function capWasmMemory(memoryMb: number, wasmBytes: number, rss: number): void {
  const outside = rss - wasmBytes;
  const budget = memoryMb * MIB - outside - 16 * MIB;
  const grow = WebAssembly.Memory.prototype.grow;
  Object.defineProperty(WebAssembly.Memory.prototype, "grow", {
    configurable: false,
    writable: false,
    value: function cappedGrow(this: WebAssembly.Memory, delta: number): number {
      if (this.buffer.byteLength + delta * 65536 > budget) {
        throw new RangeError("WebAssembly.Memory.grow(): sandbox memory limit reached");
      }
      return grow.call(this, delta);
    },
  });
}

function describe(e: unknown): { type: string; message: string } {
  const error = e instanceof Error ? e : new Error(String(e));
  return { type: error.name, message: error.message.slice(0, 1000) };
}

/** Loads Pyodide, waits for one job, runs it and exits. */
async function serve(): Promise<void> {
  // Everything the child needs from Deno, captured before the globals go.
  const stdoutFile = Deno.stdout;
  const stderrFile = Deno.stderr;
  const stdinFile = Deno.stdin;
  const exit = Deno.exit.bind(Deno);
  const memoryUsage = Deno.memoryUsage.bind(Deno);
  const [indexURL = "", readyFile = "", ...flags] = Deno.args;

  // 1. Load (trusted code only so far).
  const option = (name: string): string | undefined =>
    flags.find((flag) => flag.startsWith(`--${name}=`))?.slice(name.length + 3);
  const snapshotIn = option("snapshot");
  const snapshotOut = option("make-snapshot");
  let pyodide: Awaited<ReturnType<typeof loadPyodide>>;
  let main: (code: string, mode: string) => Promise<string>;
  try {
    const snapshotBytes = snapshotIn === undefined ? undefined : Deno.readFileSync(snapshotIn);
    pyodide = await loadPyodide({
      indexURL,
      env: { HOME: "/home/pyodide" },
      ...(snapshotBytes === undefined ? {} : { _loadSnapshot: snapshotBytes }),
      ...(snapshotOut === undefined ? {} : { _makeSnapshot: true }),
    });
    // Pyodide keeps a reference to the snapshot: free its 30 MB now.
    snapshotBytes?.buffer.transfer(0);
    pyodide.runPython(HARNESS);
    if (snapshotOut !== undefined) {
      const snapshot = (pyodide as unknown as { makeMemorySnapshot(): Uint8Array })
        .makeMemorySnapshot();
      Deno.writeFileSync(snapshotOut, snapshot);
      Deno.writeTextFileSync(readyFile, "ready\n");
      Deno.exit(0);
    }
    // A snapshot carries its maker's state: give this process its own seed.
    pyodide.runPython("import random; random.seed()");
    main = pyodide.globals.get("_cgl_main");
    // Run each path of the harness once, output discarded, so the first job
    // does not pay for first-time imports and code paths.
    const sink = { isatty: false, write: (buffer: Uint8Array): number => buffer.length };
    pyodide.setStdout(sink);
    pyodide.setStderr(sink);
    await main(WARM_UP, "test");
    await main("raise ValueError('warm-up')", "run");
    await main("def f(:", "compile");
  } catch (e) {
    const { type, message } = describe(e);
    Deno.writeTextFileSync(readyFile, `error ${type}: ${message.split("\n", 1)[0]}\n`);
    Deno.exit(1);
  }

  // 2. Harden, signal readiness, drop every permission.
  const permissions = Deno.permissions;
  const writeTextFileSync = Deno.writeTextFileSync.bind(Deno);
  if (!flags.includes("--keep-globals")) {
    for (const name of OUTSIDE_GLOBALS) Reflect.deleteProperty(globalThis, name);
  }
  writeTextFileSync(readyFile, "ready\n");
  permissions.revokeSync({ name: "write" });
  permissions.revokeSync({ name: "read" });

  // 3. One job.
  const job = JSON.parse(await readAll(stdinFile)) as PythonJob;

  function finish(result: PythonJobResult): never {
    writeAll(stderrFile, encoder.encode(`\0RESULT ${job.nonce} ${JSON.stringify(result)}\n`));
    return exit(result.ok ? 0 : result.exitCode ?? 1);
  }

  function cappedWriter(
    file: SyncWriter,
    name: "stdout" | "stderr",
  ): { isatty: boolean; write(buffer: Uint8Array): number } {
    let written = 0;
    return {
      isatty: false,
      write(buffer: Uint8Array): number {
        const room = job.maxOutputBytes - written;
        if (buffer.length <= room) {
          writeAll(file, buffer);
          written += buffer.length;
          return buffer.length;
        }
        writeAll(file, buffer.subarray(0, utf8Boundary(buffer.subarray(0, room))));
        return finish({
          ok: false,
          error: {
            type: "OutputLimitExceeded",
            message: `${name} went past ${job.maxOutputBytes} bytes`,
          },
          truncated: name,
        });
      },
    };
  }

  const stdinBytes = encoder.encode(job.stdin ?? "");
  let stdinOffset = 0;
  pyodide.setStdin({
    isatty: false,
    read(buffer: Uint8Array): number {
      const n = Math.min(buffer.length, stdinBytes.length - stdinOffset);
      buffer.set(stdinBytes.subarray(stdinOffset, stdinOffset + n));
      stdinOffset += n;
      return n;
    },
  });
  pyodide.setStdout(cappedWriter(stdoutFile, "stdout"));
  pyodide.setStderr(cappedWriter(stderrFile, "stderr"));
  const internals = pyodide as unknown as {
    _module: { HEAP8: Int8Array };
    _api: { on_fatal?: (e: unknown) => void };
  };
  capWasmMemory(job.memoryMb, internals._module.HEAP8.length, memoryUsage().rss);

  // A Pyodide fatal error (say a denied permission inside `os.system`) leaves
  // the interpreter unusable and its promises pending: report it and exit.
  internals._api.on_fatal = (e) => {
    finish({ ok: false, error: describe(e) });
  };

  // 4. Result.
  try {
    finish(JSON.parse(await main(job.code, job.mode)) as PythonJobResult);
  } catch (e) {
    finish({ ok: false, error: describe(e) });
  }
}

if (import.meta.main) await serve();
