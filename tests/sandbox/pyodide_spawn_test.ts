import assert from "node:assert/strict";
import { waitForReadyFile } from "../../src/sandbox/_pyodide_spawn.ts";

// A child that dies while loading (on a fresh machine: Pyodide's own
// dependencies not cached) is reported at once, with the command that fixes it.
Deno.test("waitForReadyFile() reports a child that exited before it was ready", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const started = performance.now();
    await assert.rejects(
      waitForReadyFile(`${dir}/ready`, () => false, Promise.resolve({ code: 1 })),
      (error: Error & { hint?: string }) =>
        error.message === "Cannot start Pyodide: its child process exited while loading" &&
        /deno cache --no-config --no-lock npm:pyodide@/.test(error.hint ?? ""),
    );
    assert.ok(performance.now() - started < 5000);
    // A ready file written before the exit still counts as ready.
    await Deno.writeTextFile(`${dir}/ready`, "ready\n");
    await waitForReadyFile(`${dir}/ready`, () => false, Promise.resolve({ code: 0 }));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
