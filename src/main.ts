/**
 * The `codegen-lab` executable. The only module that reads `Deno.args` and
 * calls `Deno.exit`; everything else returns values.
 *
 * @module
 */
import { processIo, runCli } from "./cli/mod.ts";

if (import.meta.main) {
  const controller = new AbortController();
  let interrupts = 0;
  const onInterrupt = (): void => {
    // First Ctrl-C cancels the running operation; a second one exits at once.
    if (++interrupts > 1) Deno.exit(130);
    controller.abort(new Error("interrupted"));
  };
  // SIGTERM (what process managers send) shuts a server down cleanly.
  const onTerminate = (): void => controller.abort(new Error("terminated"));
  Deno.addSignalListener("SIGINT", onInterrupt);
  Deno.addSignalListener("SIGTERM", onTerminate);
  const code = await runCli(Deno.args, processIo(controller.signal));
  Deno.removeSignalListener("SIGINT", onInterrupt);
  Deno.removeSignalListener("SIGTERM", onTerminate);
  Deno.exit(code);
}
