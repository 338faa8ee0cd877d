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
  /** Receives every workspace file seen while discovering (one walk serves both). */
  collectFiles?: Set<string>;
}

/**
 * Discovers, reads and parses every rule.
 *
 * Requires `--allow-read` on the root.
 *
 * @param root Real absolute workspace root.
 * @param options Signal, progress and a set to collect workspace files into.
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
  const { signal, progress, collectFiles } = options;
  const files = await discoverRuleFiles(root, {
    ...(signal ? { signal } : {}),
    ...(collectFiles ? { collectFiles } : {}),
  });
  const ruleFiles = files.filter((file) => file.kind === "rule");
  const rules: LoadedRule[] = [];
  for (const file of ruleFiles) {
    if (rules.length % 500 === 0 && rules.length > 0) {
      signal?.throwIfAborted();
      progress?.(rules.length, ruleFiles.length);
    }
    rules.push(loadRuleSync(root, file));
  }
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
export function loadRule(root: string, file: RuleFile): Promise<LoadedRule> {
  return Promise.resolve(loadRuleSync(root, file));
}

/**
 * Reads and parses one rule file synchronously. Rule files are small, and
 * open + fstat + read without the event loop is about three times faster
 * than the async calls for thousands of them (measured for bench/rules.ts).
 *
 * @param root Real absolute workspace root.
 * @param file The file.
 * @returns The loaded rule; read and decode failures are in `problem`.
 */
export function loadRuleSync(root: string, file: RuleFile): LoadedRule {
  let bytes: Uint8Array;
  try {
    using handle = Deno.openSync(join(root, file.path));
    const size = handle.statSync().size;
    if (size > MAX_RULE_BYTES) {
      return unparsed(file, size, {
        code: "rule-too-large",
        message:
          `Rule file is ${size} bytes, over the ${MAX_RULE_BYTES}-byte limit; it was not read`,
        hint: "Split it into smaller rules; Cursor advises keeping each rule under 500 lines",
      });
    }
    // One reused buffer instead of one allocation per file: with thousands of
    // rules the separate backing stores fragment the process heap (bench/rules.ts).
    if (readBuffer.length < size) {
      readBuffer = new Uint8Array(Math.max(size, readBuffer.length * 2));
    }
    let read = 0;
    while (read < size) {
      const count = handle.readSync(readBuffer.subarray(read, size));
      if (!count) break;
      read += count;
    }
    bytes = readBuffer.subarray(0, read);
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

let readBuffer = new Uint8Array(64 * 1024);

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
