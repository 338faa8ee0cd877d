/**
 * Reads and parses every rule of a workspace. A malformed file becomes a
 * rule with a decode problem, never an exception, so one bad file never
 * blocks listing the others.
 *
 * @module
 */
import { join } from "node:path";
import { discoverRuleFiles, type RuleFile } from "./discover_rules.ts";
import { decodeRuleBytes, type ParsedRule, parseRule, type RuleDiagnostic } from "./parse_rule.ts";
import { type RuleType, ruleTypeOf } from "./rule_type.ts";

/** Files bigger than this are not read (a rule this size is a mistake). */
export const MAX_RULE_BYTES = 4 * 1024 * 1024;

/** One rule file, read and parsed. */
export interface LoadedRule extends RuleFile {
  /** The parse, or undefined when the bytes could not be decoded or read. */
  parsed: ParsedRule | undefined;
  /** Why the file could not be parsed. */
  problem?: RuleDiagnostic;
  /** The derived rule type (manual when unparsed). */
  type: RuleType;
  /** Size in bytes. */
  bytes: number;
}

/** All rule-like files of a workspace. */
export interface RuleSet {
  /** `.mdc` rules, sorted by path. */
  rules: LoadedRule[];
  /** Other files in rules folders: v1 drafts and plain `.md`. */
  strays: RuleFile[];
}

/** Options of {@linkcode loadRuleSet}. */
export interface LoadRuleSetOptions {
  /** Stops when aborted. */
  signal?: AbortSignal;
  /** Reports progress (files read so far, total). */
  progress?: (done: number, total: number) => void;
  /** Files read at once. @default {32} */
  concurrency?: number;
}

/**
 * Discovers, reads and parses every rule.
 *
 * Requires `--allow-read` on the root.
 *
 * @param root Real absolute workspace root.
 * @param options Signal, progress and concurrency.
 * @returns The rule set.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadRuleSet } from "./load_rules.ts";
 * const root = await Deno.makeTempDir({ prefix: "codegen_lab_" });
 * await Deno.mkdir(`${root}/.cursor/rules`, { recursive: true });
 * await Deno.writeTextFile(`${root}/.cursor/rules/ts.mdc`, "---\nglobs: *.ts\n---\nUse strict.\n");
 * const { rules } = await loadRuleSet(root);
 * assert.equal(rules[0]!.type, "auto-attached");
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export async function loadRuleSet(
  root: string,
  options: LoadRuleSetOptions = {},
): Promise<RuleSet> {
  const { signal, progress, concurrency = 32 } = options;
  const files = await discoverRuleFiles(root, signal ? { signal } : {});
  const ruleFiles = files.filter((file) => file.kind === "rule");
  const rules: LoadedRule[] = new Array(ruleFiles.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < ruleFiles.length) {
      signal?.throwIfAborted();
      const index = next++;
      rules[index] = await loadRule(root, ruleFiles[index]!);
      if (++done % 200 === 0) progress?.(done, ruleFiles.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ruleFiles.length) }, worker));
  progress?.(ruleFiles.length, ruleFiles.length);
  return { rules, strays: files.filter((file) => file.kind !== "rule") };
}

/**
 * Reads and parses one rule file.
 *
 * @param root Real absolute workspace root.
 * @param file The file.
 * @returns The loaded rule; read and decode failures are in `problem`.
 */
export async function loadRule(root: string, file: RuleFile): Promise<LoadedRule> {
  const absolute = join(root, file.path);
  let bytes: Uint8Array;
  try {
    const info = await Deno.stat(absolute);
    if (info.size > MAX_RULE_BYTES) {
      return unparsed(file, info.size, {
        code: "rule-too-large",
        message:
          `Rule file is ${info.size} bytes, over the ${MAX_RULE_BYTES}-byte limit; it was not read`,
        hint: "Split it into smaller rules; Cursor advises keeping each rule under 500 lines",
      });
    }
    bytes = await Deno.readFile(absolute);
  } catch (error) {
    return unparsed(file, 0, {
      code: "rule-unreadable",
      message: `Cannot read the rule: ${(error as Error).message}`,
      hint: "Check the file's permissions, or remove it if it is a broken link",
    });
  }
  const decoded = decodeRuleBytes(bytes);
  if ("diagnostic" in decoded) {
    return {
      ...file,
      parsed: undefined,
      problem: decoded.diagnostic,
      type: "manual",
      bytes: bytes.length,
    };
  }
  const parsed = parseRule(decoded.text);
  return { ...file, parsed, type: ruleTypeOf(parsed), bytes: bytes.length };
}

function unparsed(
  file: RuleFile,
  bytes: number,
  problem: Omit<RuleDiagnostic, "severity" | "line" | "column">,
): LoadedRule {
  return {
    ...file,
    parsed: undefined,
    problem: { ...problem, severity: "error", line: 1, column: 1 },
    type: "manual",
    bytes,
  };
}
