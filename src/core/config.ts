/**
 * Configuration: defaults, then an optional `codegen-lab.json` at the
 * workspace root, then `CODEGEN_LAB_CONFIG_*` environment variables, each
 * validated with zod. Bad values get messages naming the file or variable.
 *
 * @module
 */
import { z } from "zod";
import { join } from "node:path";
import { ConfigError } from "./errors.ts";
import { LOG_LEVELS, type LogLevel } from "./logger.ts";
import { Secret } from "./secret.ts";
import { TOOL_GROUPS, type ToolGroup } from "./tool_groups.ts";
import { formatIssues } from "./zod_issues.ts";

/** File name of the optional config file at the workspace root. */
export const CONFIG_FILE = "codegen-lab.json";

/** Prefix of environment variables that set config values. */
export const ENV_PREFIX = "CODEGEN_LAB_CONFIG_";

const secretString: z.ZodType<Secret, string> = z.string().min(1).transform((value) =>
  new Secret(value)
);

const configSchema = z.strictObject({
  tools: z.array(z.enum([...TOOL_GROUPS, "all"])).optional()
    .describe("Tool groups the MCP server exposes (default: all but compat)"),
  logLevel: z.enum(LOG_LEVELS).default("warning")
    .describe("Lowest log level written to stderr"),
  llm: z.strictObject({
    baseUrl: z.url().optional().describe("OpenAI-compatible API base URL"),
    model: z.string().min(1).optional().describe("Model name"),
    apiKey: secretString.optional().describe("API key (never printed)"),
  }).default({}),
  sandbox: z.strictObject({
    timeoutMs: z.int().min(100).max(600_000).default(10_000)
      .describe("Wall-clock limit of one sandboxed run"),
    memoryMb: z.int().min(16).max(8192).default(256)
      .describe("Memory limit of one sandboxed run"),
    maxOutputBytes: z.int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024)
      .describe("Cap on captured stdout and stderr, each"),
    pythonPoolSize: z.int().min(0).max(8).default(1)
      .describe("Warm Pyodide workers kept by the MCP server"),
  }).default({ timeoutMs: 10_000, memoryMb: 256, maxOutputBytes: 1024 * 1024, pythonPoolSize: 1 }),
  rules: z.strictObject({
    descriptionMaxChars: z.int().min(20).default(200)
      .describe(
        "Descriptions longer than this get a warning (Cursor's picker shows about this much)",
      ),
    maxTokensWarning: z.int().min(100).default(2000).describe(
      "Rules above this many tokens get a warning",
    ),
    maxTokensError: z.int().min(100).default(5000).describe(
      "Rules above this many tokens are an error",
    ),
    maxLines: z.int().min(10).default(500).describe(
      "Rule bodies above this many lines get a warning",
    ),
  }).default({
    descriptionMaxChars: 200,
    maxTokensWarning: 2000,
    maxTokensError: 5000,
    maxLines: 500,
  }),
  analysis: z.strictObject({
    maxFileBytes: z.int().min(1024).default(1024 * 1024)
      .describe("Files larger than this are skipped and counted"),
  }).default({ maxFileBytes: 1024 * 1024 }),
});

/** The config in force, after defaults are applied. */
export interface Config {
  /** Tool groups the MCP server exposes; undefined means the default set. */
  tools?: Array<ToolGroup | "all">;
  /** Lowest log level written to stderr. */
  logLevel: LogLevel;
  /** The optional OpenAI-compatible LLM provider. */
  llm: { baseUrl?: string; model?: string; apiKey?: Secret };
  /** Limits of sandboxed runs. */
  sandbox: { timeoutMs: number; memoryMb: number; maxOutputBytes: number; pythonPoolSize: number };
  /** Rule validation limits. */
  rules: {
    descriptionMaxChars: number;
    maxTokensWarning: number;
    maxTokensError: number;
    maxLines: number;
  };
  /** Repository analysis settings. */
  analysis: { maxFileBytes: number };
}

/** The config schema. Every field has a default, so `{}` is a valid file. */
export const ConfigSchema: z.ZodType<Config> = configSchema;

/** Where each top-level value came from. */
export type ConfigSource = "default" | "file" | "env";

/** A loaded config and what set it. */
export interface LoadedConfig {
  /** The validated config. */
  config: Config;
  /** The config file that was read, if any (absolute path). */
  file: string | undefined;
  /** Environment variables that set a value. */
  envVariables: string[];
}

/** Reads environment variables; injected so tests need no real environment. */
export interface EnvReader {
  /** One variable's value, or undefined. */
  get(name: string): string | undefined;
  /** All variable names, when the reader may enumerate them. */
  names?(): string[];
}

/** Options of {@linkcode loadConfig}. */
export interface LoadConfigOptions {
  /** Environment reader. @default the process environment (never throws) */
  env?: EnvReader;
}

/**
 * Loads and validates the configuration of a workspace.
 *
 * @param root Absolute workspace root.
 * @param options Environment reader.
 * @returns The config, the file read and the variables used.
 * @throws {ConfigError} INVALID_CONFIG when the file or a variable is invalid.
 *
 * @example Defaults apply when nothing is set
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadConfig } from "./config.ts";
 * const { config } = await loadConfig(Deno.cwd(), { env: { get: () => undefined } });
 * assert.ok(config.sandbox.timeoutMs === 10_000);
 * ```
 */
export async function loadConfig(
  root: string,
  options: LoadConfigOptions = {},
): Promise<LoadedConfig> {
  const env = options.env ?? processEnv;
  const file = join(root, CONFIG_FILE);
  const fromFile = await readConfigFile(file);
  const raw: Record<string, unknown> = structuredClone(fromFile ?? {});
  const envVariables: string[] = [];

  const leaves = configLeaves();
  for (const leaf of leaves) {
    const value = env.get(leaf.variable);
    if (value === undefined) continue;
    setPath(raw, leaf.path, coerceEnvValue(leaf, value));
    envVariables.push(leaf.variable);
  }
  const toolsVariable = env.get("CODEGEN_LAB_TOOLS");
  if (toolsVariable !== undefined) {
    raw.tools = splitList(toolsVariable);
    envVariables.push("CODEGEN_LAB_TOOLS");
  }
  const known = new Set(leaves.map((leaf) => leaf.variable));
  for (const name of env.names?.() ?? []) {
    if (name.startsWith(ENV_PREFIX) && !known.has(name)) {
      throw new ConfigError(`Cannot use environment variable ${name}: it sets no known option`, {
        hint: `Known variables: ${[...known].join(", ")}`,
      });
    }
  }

  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = formatIssues(parsed.error);
    const within = (path: string, prefix: string): boolean =>
      path === prefix || path.startsWith(`${prefix}.`);
    const origin = issues.map((issue) => {
      const leaf = leaves.find((candidate) => within(issue.path, candidate.path.join(".")));
      if (leaf && envVariables.includes(leaf.variable)) return `${leaf.variable} (${issue.path})`;
      if (within(issue.path, "tools") && envVariables.includes("CODEGEN_LAB_TOOLS")) {
        return `CODEGEN_LAB_TOOLS (${issue.path})`;
      }
      return `${CONFIG_FILE} ${issue.path}`;
    });
    const details = issues.map((issue, i) => `  - ${origin[i]}: ${issue.message}`).join("\n");
    throw new ConfigError(`Invalid configuration:\n${details}`, {
      hint: `Fix the values above; see docs/configuration.md for every option and its range`,
      data: { issues },
    });
  }
  return { config: parsed.data, file: fromFile === undefined ? undefined : file, envVariables };
}

/** One settable leaf of the config and its environment variable. */
export interface ConfigLeaf {
  /** Path inside the config object. */
  path: string[];
  /** Environment variable name. */
  variable: string;
  /** JSON type of the value. */
  type: "string" | "integer" | "number" | "boolean" | "array";
  /** The field's description. */
  description: string;
}

let cachedLeaves: ConfigLeaf[] | undefined;

/**
 * Lists every config option with its environment variable, derived from the
 * schema so the two cannot drift apart.
 *
 * @returns One entry per leaf option.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configLeaves } from "./config.ts";
 * const leaf = configLeaves().find((l) => l.variable === "CODEGEN_LAB_CONFIG_SANDBOX_TIMEOUT_MS");
 * assert.ok(leaf?.type === "integer");
 * ```
 */
export function configLeaves(): ConfigLeaf[] {
  if (cachedLeaves) return cachedLeaves;
  const schema = z.toJSONSchema(ConfigSchema, { io: "input", unrepresentable: "any" }) as JsonNode;
  const leaves: ConfigLeaf[] = [];
  const visit = (node: JsonNode, path: string[]): void => {
    if (node.type === "object" && node.properties) {
      for (const [key, child] of Object.entries(node.properties)) visit(child, [...path, key]);
      return;
    }
    const variable = ENV_PREFIX + path.map(toSnake).join("_");
    const type = (node.type ?? "string") as ConfigLeaf["type"];
    leaves.push({ path, variable, type, description: node.description ?? "" });
  };
  visit(schema, []);
  cachedLeaves = leaves;
  return leaves;
}

interface JsonNode {
  type?: string;
  description?: string;
  properties?: Record<string, JsonNode>;
}

function toSnake(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}

function splitList(value: string): string[] {
  return value.split(",").map((part) => part.trim()).filter((part) => part !== "");
}

function coerceEnvValue(leaf: ConfigLeaf, value: string): unknown {
  switch (leaf.type) {
    case "integer":
    case "number":
      return value.trim() === "" || Number.isNaN(Number(value)) ? value : Number(value);
    case "boolean":
      return ({ true: true, "1": true, false: false, "0": false } as Record<string, boolean>)[
        value.trim().toLowerCase()
      ] ?? value;
    case "array":
      return splitList(value);
    default:
      return value;
  }
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node = (next && typeof next === "object" ? next : (node[key] = {})) as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

async function readConfigFile(file: string): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new ConfigError(`Cannot use ${CONFIG_FILE}: it must hold a JSON object`, {
        hint: 'Write the options as { "key": value } pairs, or delete the file to use defaults',
      });
    }
    return value as Record<string, unknown>;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const where = /line (\d+) column (\d+)/.exec(String(error));
    throw new ConfigError(
      `Cannot parse ${CONFIG_FILE}${where ? `:${where[1]}:${where[2]}` : ""}: ${
        (error as Error).message
      }`,
      { hint: "Fix the JSON syntax at that position (trailing commas and comments are not JSON)" },
    );
  }
}

const processEnv: EnvReader = {
  get(name) {
    try {
      return Deno.env.get(name);
    } catch {
      return undefined; // not allowed by --allow-env: treat as unset
    }
  },
  names() {
    return Deno.permissions.querySync({ name: "env" }).state === "granted"
      ? Object.keys(Deno.env.toObject())
      : [];
  },
};
