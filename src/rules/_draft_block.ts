/**
 * Private helper of `convert_draft.ts`: reads the content of one v1
 * `<rule> … </rule>` block into typed parts. The content is parsed with YAML
 * (failsafe schema: every scalar stays a string, so `version: 1.0` stays
 * `1.0`); when YAML refuses it, the tolerant line reader of
 * `_draft_loose_yaml.ts` takes over and the fallback is reported.
 *
 * @module
 */
import { parseDocument } from "yaml";
import { readLooseYaml } from "./_draft_loose_yaml.ts";

/** One `filters` entry. */
export interface DraftFilter {
  /** `file_extension`, `content`, `event`, … (empty when missing). */
  type: string;
  /** The regex, unescaped as YAML reads it. */
  pattern: string;
}

/** One `conditions` entry of an action. */
export interface DraftCondition {
  /** The regex. */
  pattern: string;
  /** What to say when it matches. */
  message: string;
  /** `negated: true`: the condition holds when the pattern does not match. */
  negated: boolean;
}

/** One `actions` entry. */
export interface DraftAction {
  /** `suggest`, `reject`, … (empty when missing). */
  type: string;
  /** The message (Markdown), with an action `description` before it. */
  message: string;
  /** The conditions, in order. */
  conditions: DraftCondition[];
}

/** One `examples` entry. */
export interface DraftExample {
  /** The input text. */
  input: string;
  /** The output text. */
  output: string;
  /** An explicit `valid: false` / `type: invalid` marking, if any. */
  invalid: boolean | undefined;
}

/** Everything read from one `<rule>` block. */
export interface DraftBlock {
  /** 1-based line of `<rule>` in the draft. */
  line: number;
  /** The `name:` value, as written. */
  name: string;
  /** The `description:` value. */
  description: string;
  /** Filters, in order. */
  filters: DraftFilter[];
  /** Actions, in order. */
  actions: DraftAction[];
  /** Examples, in order. */
  examples: DraftExample[];
  /** `metadata` entries other than tags, as `[key, value]`, in order. */
  metadata: Array<[string, string]>;
  /** `metadata.tags`, in order. */
  tags: string[];
}

type Raw = Record<string, unknown>;

const KNOWN_KEYS = new Set([
  "name",
  "description",
  "filters",
  "actions",
  "examples",
  "metadata",
  "priority",
  "version",
  "tags",
]);

/**
 * Reads a `<rule>` block.
 *
 * @param content The lines between `<rule>` and `</rule>`, joined with `\n`.
 * @param line 1-based line of `<rule>` in the draft (for warnings).
 * @param warnings Where to add what could not be read.
 * @returns The block.
 */
export function readBlock(content: string, line: number, warnings: string[]): DraftBlock {
  const where = `the <rule> block on line ${line}`;
  const raw = readRaw(content, line, where, warnings);
  const block: DraftBlock = {
    line,
    name: scalar(raw.name),
    description: scalar(raw.description),
    filters: listOf(raw.filters).flatMap(filterOf),
    actions: [],
    examples: listOf(raw.examples).map(exampleOf),
    metadata: [],
    tags: [],
  };
  for (const [index, item] of listOf(raw.actions).entries()) {
    block.actions.push(actionOf(item, `action ${index + 1} of ${where}`, warnings));
  }
  const metadata: Raw = {
    ...pick(raw, ["priority", "version", "tags"]),
    ...recordOf(raw.metadata),
  };
  for (const [key, value] of Object.entries(metadata)) {
    if (key === "tags") block.tags = tagsOf(value);
    else if (isRecord(value)) {
      warnings.push(`ignored metadata.${key} of ${where}: it is not a value`);
    } else {
      const shown = Array.isArray(value)
        ? value.map(scalar).filter((item) => item !== "").join(", ")
        : scalar(value);
      if (shown !== "") block.metadata.push([key, shown]);
    }
  }
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) warnings.push(`ignored key ${JSON.stringify(key)} of ${where}`);
  }
  return block;
}

/**
 * YAML first, then the tolerant reader. The YAML package reads the
 * environment variables LOG_TOKENS and LOG_STREAM while parsing; without
 * permission to read them it cannot run, so the tolerant reader is used
 * directly (both read valid drafts alike; only the "not valid YAML" warning
 * is lost).
 */
function readRaw(content: string, line: number, where: string, warnings: string[]): Raw {
  if (content.trim() === "") {
    warnings.push(`${where} is empty`);
    return {};
  }
  if (yamlCanRun()) {
    try {
      const doc = parseDocument(content, { schema: "failsafe", uniqueKeys: false });
      if (doc.errors.length === 0) {
        const value: unknown = doc.toJS({ maxAliasCount: 50 });
        if (isRecord(value)) return value;
      } else {
        const at = doc.errors[0]!.linePos?.[0]?.line;
        const problem = at === undefined
          ? "is not valid YAML"
          : `is not valid YAML (error on line ${line + at})`;
        warnings.push(`${where} ${problem}; read it line by line`);
      }
    } catch (error) {
      if (!isPermissionError(error)) {
        warnings.push(`${where} is not valid YAML; read it line by line`);
      }
    }
  }
  const { value, skipped } = readLooseYaml(content);
  if (skipped.length > 0) {
    const lines = skipped.slice(0, 10).map((n) => String(line + n));
    const more = skipped.length > 10 ? `, and ${skipped.length - 10} more` : "";
    warnings.push(
      `could not read draft line${skipped.length > 1 ? "s" : ""} ${
        lines.join(", ")
      }${more} in ${where}; left ${skipped.length > 1 ? "them" : "it"} out`,
    );
  }
  return value;
}

/** Whether the YAML package may read the two environment variables it checks. */
function yamlCanRun(): boolean {
  try {
    return ["LOG_TOKENS", "LOG_STREAM"].every((variable) =>
      Deno.permissions.querySync({ name: "env", variable }).state === "granted"
    );
  } catch {
    return false;
  }
}

function isPermissionError(error: unknown): boolean {
  return error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied;
}

function isRecord(value: unknown): value is Raw {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function recordOf(value: unknown): Raw {
  return isRecord(value) ? value : {};
}

function pick(raw: Raw, keys: readonly string[]): Raw {
  const out: Raw = {};
  for (const key of keys) if (raw[key] !== undefined) out[key] = raw[key];
  return out;
}

function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === undefined || value === null || value === "") return [];
  return [value];
}

/** A one-line value: strings trimmed, lists joined with spaces. */
function scalar(value: unknown): string {
  if (typeof value === "string") return value.trim();
  if (Array.isArray(value)) return value.map(scalar).filter((part) => part !== "").join(" ");
  return "";
}

/** A regex: spaces are significant, so only a blank value counts as empty. */
function pattern(value: unknown): string {
  const text = typeof value === "string" ? value : scalar(value);
  return text.trim() === "" ? "" : text.replace(/^\n+|\n+$/g, "");
}

/** A multi-line value: strings as they are, lists one item per line. */
function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(text).filter((part) => part.trim() !== "").join("\n");
  return "";
}

function truthy(value: unknown): boolean {
  return /^(?:true|yes|on|1)$/i.test(scalar(value));
}

function filterOf(item: unknown): DraftFilter[] {
  if (isRecord(item)) {
    if ("type" in item || "pattern" in item) {
      return [{ type: scalar(item.type), pattern: pattern(item.pattern) }];
    }
    // The mapping form: `- file_extension: "\\.py$"`.
    return Object.entries(item).map(([type, value]) => ({ type, pattern: pattern(value) }));
  }
  const value = pattern(item);
  return value === "" ? [] : [{ type: "", pattern: value }];
}

function actionOf(item: unknown, where: string, warnings: string[]): DraftAction {
  if (!isRecord(item)) return { type: "", message: text(item), conditions: [] };
  const conditions = listOf(item.conditions).map((condition): DraftCondition => {
    const record = isRecord(condition) ? condition : { pattern: condition };
    return {
      pattern: pattern(record.pattern),
      message: text(record.message),
      negated: truthy(record.negated),
    };
  });
  if (pattern(item.pattern) !== "") {
    conditions.unshift({ pattern: pattern(item.pattern), message: "", negated: false });
  }
  const message = [text(item.description), text(item.message)].filter((part) => part.trim() !== "")
    .join("\n");
  const known = new Set(["type", "message", "conditions", "pattern", "description"]);
  for (const key of Object.keys(item)) {
    if (!known.has(key)) warnings.push(`ignored ${JSON.stringify(key)} of ${where}`);
  }
  return { type: scalar(item.type), message, conditions };
}

function exampleOf(item: unknown): DraftExample {
  if (!isRecord(item)) return { input: text(item), output: "", invalid: undefined };
  let invalid: boolean | undefined;
  const kind = scalar(item.type).toLowerCase();
  if (/^(?:invalid|bad|negative|wrong)$/.test(kind) || truthy(item.invalid)) invalid = true;
  else if (/^(?:valid|good|positive)$/.test(kind)) invalid = false;
  else if (item.valid !== undefined) invalid = !truthy(item.valid);
  const input = text(item.input ?? item.description ?? "");
  return { input, output: text(item.output), invalid };
}

function tagsOf(value: unknown): string[] {
  const items = Array.isArray(value)
    ? value.map(scalar)
    : scalar(value).replace(/^\[|\]$/g, "").split(",").map((tag) =>
      tag.trim().replace(/^["']|["']$/g, "")
    );
  return items.filter((tag) => tag !== "");
}
