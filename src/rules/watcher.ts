/**
 * The rules watcher the MCP server runs: it turns rule file changes into
 * resource notifications (`resources/updated` for subscribed rule URIs,
 * `resources/list_changed` when rules appear or vanish).
 *
 * @module
 */
import type { Logger, ResourceEvents } from "../core/mod.ts";
import { classify, RULES_DIR } from "./discover_rules.ts";
import { ruleUris } from "./resources.ts";
import { watchRules } from "./watch_rules.ts";

/** What a background watcher gets from the server. */
export interface WatcherEnv {
  /** Workspace root. */
  root: string;
  /** Where to publish resource changes. */
  events: ResourceEvents;
  /** Stops the watcher. */
  signal: AbortSignal;
  /** Logging. */
  log: Logger;
}

/**
 * Publishes rule changes until the signal aborts.
 *
 * @param env Root, events, signal and logger.
 * @returns Resolves when stopped.
 */
export async function publishRuleChanges(env: WatcherEnv): Promise<void> {
  await watchRules(env.root, {
    signal: env.signal,
    onChange: (batch) => {
      for (const path of batch.paths) {
        const at = path.indexOf(`${RULES_DIR}/`);
        const scope = at <= 0 ? "" : path.slice(0, at - 1);
        const file = classify(path, scope);
        if (file?.kind === "rule") {
          for (const uri of ruleUris(file.name)) env.events.updated(uri);
        }
      }
      if (batch.listChanged) env.events.listChanged();
      env.log.debug("rule files changed", { paths: batch.paths });
    },
  }).catch((error) => env.log.warn(`Rule watcher stopped: ${(error as Error).message}`));
}
