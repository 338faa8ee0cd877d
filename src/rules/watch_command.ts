/**
 * `codegen-lab rules watch`: validate once, then re-read only the changed
 * files and re-validate after every save, printing the problems.
 *
 * @module
 */
import type { OperationContext } from "../core/mod.ts";
import { limitsOf, loadRulesWithFiles, tokenCounter } from "./_context.ts";
import { existsSync } from "./_exists.ts";
import { renderProblems } from "./_render.ts";
import { classify, RULES_DIR } from "./discover_rules.ts";
import { loadRule } from "./load_rules.ts";
import { validateRuleSet } from "./validate_rules.ts";
import { watchRules } from "./watch_rules.ts";

/** Options of {@linkcode runRulesWatch}. */
export interface RulesWatchOptions {
  /** Writes a report (the CLI prints it to stdout). */
  write: (text: string) => void;
  /** Called after each validation with its duration, for tests. */
  onValidated?: (ms: number) => void;
}

/**
 * Watches and validates until `ctx.signal` aborts.
 *
 * @param ctx The operation context (root, config, signal, clock).
 * @param options Output.
 * @returns Resolves when stopped.
 */
export async function runRulesWatch(
  ctx: OperationContext,
  options: RulesWatchOptions,
): Promise<void> {
  // The real tokenizer: edits may push any rule over a limit while watching.
  const countTokens = await tokenCounter();
  let { set, files } = await loadRulesWithFiles(ctx);
  const report = (changed: readonly string[]): void => {
    const started = performance.now();
    const problems = validateRuleSet(set, {
      limits: limitsOf(ctx),
      files,
      countTokens,
      exists: (path) => files.has(path) || existsSync(ctx.root, path),
    });
    const ms = performance.now() - started;
    const time = ctx.now().toISOString().slice(11, 19);
    const what = changed.length === 0 ? "initial check" : `changed: ${changed.join(", ")}`;
    options.write(`[${time}] ${what}\n${renderProblems(problems, set.rules.length)}\n`);
    options.onValidated?.(ms);
  };
  // Report only once the watcher is in place, so no save after the first
  // report can be missed.
  const { promise: ready, resolve: onReady } = Promise.withResolvers<void>();
  const watching = watchRules(ctx.root, {
    signal: ctx.signal,
    onReady,
    onChange: async (batch) => {
      if (batch.listChanged) {
        // Files came or went: rediscover (cheap) and refresh the file list.
        ({ set, files } = await loadRulesWithFiles(ctx));
      } else {
        const rules = [...set.rules];
        for (const path of batch.paths) {
          const at = path.indexOf(`${RULES_DIR}/`);
          const file = classify(path, at <= 0 ? "" : path.slice(0, at - 1));
          const index = rules.findIndex((rule) => rule.path === path);
          if (file?.kind === "rule" && index !== -1) rules[index] = await loadRule(ctx.root, file);
        }
        set = { rules, strays: set.strays };
      }
      report(batch.paths);
    },
  });
  await Promise.race([ready, watching]);
  report([]);
  await watching;
}
