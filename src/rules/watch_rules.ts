/**
 * Watches rule folders and reports batches of changed rule files. Used by
 * the MCP server (resource notifications) and `rules watch` (live
 * validation).
 *
 * @module
 */
import { join, relative, sep } from "node:path";
import { discoverRuleFiles, RULES_DIR } from "./discover_rules.ts";

const STRUCTURAL = new Set<string>(["create", "remove", "rename"]);

/** One batch of changes. */
export interface RuleChangeBatch {
  /** Workspace-relative paths of changed rule-like files (.mdc, .mdc.md, .md). */
  paths: string[];
  /** Whether files were created or removed (the list of rules changed). */
  listChanged: boolean;
}

/** Options of {@linkcode watchRules}. */
export interface WatchRulesOptions {
  /** Stops watching when aborted. */
  signal: AbortSignal;
  /** Called once per batch of changes. */
  onChange: (batch: RuleChangeBatch) => void | Promise<void>;
  /** Quiet time that closes a batch, in ms. @default {20} */
  debounceMs?: number;
  /** Called once the first watcher is in place: changes from then on are seen. */
  onReady?: () => void;
}

/**
 * Watches `.cursor/rules` (created later too) and nested rule folders until
 * the signal aborts.
 *
 * Requires `--allow-read` on the root.
 *
 * @param root Real absolute workspace root.
 * @param options Signal, callback and debounce.
 * @returns Resolves when watching has stopped.
 */
export async function watchRules(root: string, options: WatchRulesOptions): Promise<void> {
  const { signal, onChange, debounceMs = 20, onReady } = options;
  let ready = false;
  while (!signal.aborted) {
    const dirs = await watchedDirs(root);
    const watcher = Deno.watchFs(dirs.map((dir) => join(root, dir)), { recursive: true });
    if (!ready) {
      ready = true;
      onReady?.();
    }
    const stop = (): void => watcher.close();
    signal.addEventListener("abort", stop, { once: true });
    // Aborted while the folders were being listed: the listener above never fires.
    if (signal.aborted) stop();
    let pending = new Map<string, Deno.FsEvent["kind"]>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let rewatch = false;
    const flush = async (): Promise<void> => {
      timer = undefined;
      const batch = pending;
      pending = new Map();
      const paths = [...batch.keys()].filter((path) =>
        /\.(mdc|md)$/.test(path) && !path.startsWith(".cursor/.trash/")
      );
      const listChanged = [...batch.values()].some((kind) => STRUCTURAL.has(kind));
      if (listChanged && [...batch.keys()].some((path) => !/\.(mdc|md)$/.test(path))) {
        rewatch = true;
      }
      if (paths.length > 0) await onChange({ paths: paths.sort(), listChanged });
      if (rewatch) watcher.close(); // a folder appeared or vanished: watch the new set
    };
    try {
      for await (const event of watcher) {
        for (const path of event.paths) {
          const rel = relative(root, path).split(sep).join("/");
          // A create/remove/rename anywhere in the batch sticks: later modify
          // and access (close-write) events of the same file must not hide it.
          if (!STRUCTURAL.has(pending.get(rel) ?? "none")) pending.set(rel, event.kind);
        }
        if (timer !== undefined) clearTimeout(timer);
        timer = setTimeout(flush, debounceMs);
      }
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      signal.removeEventListener("abort", stop);
    }
    if (pending.size > 0) await flush();
  }
}

/** The folders to watch: the root rules folder if present (else `.cursor` or the root, to see it appear), and nested ones. */
async function watchedDirs(root: string): Promise<string[]> {
  const exists = (dir: string): Promise<boolean> =>
    Deno.stat(join(root, dir)).then((info) => info.isDirectory, () => false);
  const dirs = new Set<string>();
  if (await exists(RULES_DIR)) dirs.add(RULES_DIR);
  else dirs.add((await exists(".cursor")) ? ".cursor" : ".");
  for (const file of await discoverRuleFiles(root)) {
    if (file.scope !== "") dirs.add(`${file.scope}/${RULES_DIR}`);
  }
  return [...dirs];
}
