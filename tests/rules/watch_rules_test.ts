import assert from "node:assert/strict";
import { watchRules } from "../../src/rules/mod.ts";
import { makeWorkspace, removeWorkspace } from "../_support.ts";

// Regression: an abort that came while the watched folders were being listed
// was missed, so the watcher (and a server shutting down) waited forever.
Deno.test("watchRules: an abort right after the start still stops the watcher", async () => {
  const workspace = await makeWorkspace({
    ".cursor/rules/a.mdc": "---\nalwaysApply: true\n---\nA\n",
  });
  try {
    for (let i = 0; i < 20; i++) {
      const controller = new AbortController();
      const watching = watchRules(workspace, { signal: controller.signal, onChange: () => {} });
      controller.abort();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const outcome = await Promise.race([
        watching.then(() => "stopped"),
        new Promise<string>((resolve) => timer = setTimeout(() => resolve("still watching"), 3000)),
      ]);
      clearTimeout(timer);
      assert.equal(outcome, "stopped", `attempt ${i}`);
    }
  } finally {
    await removeWorkspace(workspace);
  }
});
