import assert from "node:assert/strict";
import { denoExecutable } from "../../src/sandbox/deno_exec.ts";

Deno.test("denoExecutable() is the running Deno when not compiled", () => {
  assert.equal(Deno.build.standalone, false);
  assert.equal(denoExecutable(), Deno.execPath());
});
