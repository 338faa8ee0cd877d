/**
 * Derives command-line arguments from an operation's input schema and turns
 * parsed flags back into a raw input object. Validation is not done here: the
 * raw object goes through the same zod check as an MCP call.
 *
 * @module
 */
import { z } from "zod";
import { type AnyOperation, UsageError } from "../core/mod.ts";

/** How one input field appears on the command line. */
export interface FieldSpec {
  /** Schema field name (camelCase). */
  name: string;
  /** Flag name (kebab-case), e.g. `include-ignored`. */
  flag: string;
  /** JSON type used to convert the text. */
  kind: "string" | "number" | "integer" | "boolean" | "array" | "json";
  /** Item kind for arrays. */
  itemKind?: "string" | "number" | "integer" | "json";
  /** Help text (the field's description plus allowed values and default). */
  help: string;
  /** Taken as a positional argument. */
  positional: boolean;
  /** Required (no default and not optional). */
  required: boolean;
  /** Default, for booleans that default to true (`--no-flag`). */
  defaultValue?: unknown;
  /** The literal text `null` sets the field to null (e.g. removes a key). */
  nullable?: boolean;
}

interface JsonNode {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  items?: JsonNode;
  anyOf?: JsonNode[];
  minimum?: number;
  maximum?: number;
}

/**
 * The JSON Schema of an operation's input, as MCP lists it.
 *
 * @param operation The operation.
 * @returns A draft-7 JSON Schema object.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { listFiles } from "../workspace/mod.ts";
 * import { inputJsonSchema } from "./flags.ts";
 * assert.ok(inputJsonSchema(listFiles).type === "object");
 * ```
 */
export function inputJsonSchema(operation: AnyOperation): Record<string, unknown> {
  return z.toJSONSchema(operation.input, {
    io: "input",
    target: "draft-7",
    unrepresentable: "any",
  }) as Record<
    string,
    unknown
  >;
}

/**
 * Describes each input field of an operation for the CLI.
 *
 * @param operation The operation.
 * @returns One spec per field, positional ones first in declared order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { listFiles } from "../workspace/mod.ts";
 * import { fieldSpecs } from "./flags.ts";
 * const limit = fieldSpecs(listFiles).find((f) => f.name === "limit");
 * assert.ok(limit?.flag === "limit" && limit.kind === "integer");
 * ```
 */
export function fieldSpecs(operation: AnyOperation): FieldSpec[] {
  const schema = inputJsonSchema(operation) as {
    properties?: Record<string, JsonNode>;
    required?: string[];
  };
  const positional = operation.cli?.positional ?? [];
  const specs = Object.entries(schema.properties ?? {}).map(([name, original]): FieldSpec => {
    const nonNull = original.anyOf?.filter((option) => option.type !== "null");
    const nullable = nonNull !== undefined && nonNull.length === 1 &&
      nonNull.length < original.anyOf!.length;
    const node: JsonNode = nullable
      ? { ...nonNull[0]!, description: original.description, default: original.default }
      : original;
    const kind = kindOf(node);
    const extras: string[] = [];
    const values = node.enum ?? node.items?.enum;
    if (values) extras.push(`one of: ${values.join(", ")}`);
    if (node.default !== undefined && kind !== "boolean") {
      extras.push(`default: ${JSON.stringify(node.default)}`);
    }
    if (kind === "array") extras.push("repeat the flag for several values");
    if (kind === "json") extras.push("JSON");
    if (nullable) extras.push(kind === "boolean" ? "--no-… to set false" : "'null' removes it");
    const help = [node.description ?? "", extras.length ? `(${extras.join("; ")})` : ""].join(" ")
      .trim();
    const itemKind = kind === "array" ? kindOf(node.items ?? {}) : undefined;
    return {
      name,
      flag: name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
      kind,
      ...(itemKind && itemKind !== "array" && itemKind !== "boolean" ? { itemKind } : {}),
      help,
      positional: positional.includes(name),
      required: (schema.required ?? []).includes(name) && node.default === undefined,
      ...(nullable ? { nullable } : {}),
      ...(node.default !== undefined ? { defaultValue: node.default } : {}),
    };
  });
  return [
    ...positional.map((name) => specs.find((spec) => spec.name === name)!).filter(Boolean),
    ...specs.filter((spec) => !spec.positional),
  ];
}

function kindOf(node: JsonNode): FieldSpec["kind"] {
  const type = Array.isArray(node.type) ? node.type.find((t) => t !== "null") : node.type;
  if (
    type === "string" || type === "number" || type === "integer" || type === "boolean" ||
    type === "array"
  ) {
    return type;
  }
  if (!type && node.enum?.every((v) => typeof v === "string")) return "string";
  return "json";
}

/**
 * Converts one command-line text to the field's JSON type. Text that does not
 * convert is passed through unchanged, so the schema check reports it.
 *
 * @param spec The field.
 * @param text The text (or texts, for arrays).
 * @returns The value for the raw input object.
 * @throws {UsageError} USAGE when a JSON field holds invalid JSON.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { convertFlag } from "./flags.ts";
 * const spec = { name: "limit", flag: "limit", kind: "integer", help: "", positional: false, required: false } as const;
 * assert.ok(convertFlag(spec, "20") === 20 && convertFlag(spec, "x") === "x");
 * ```
 */
export function convertFlag(spec: FieldSpec, text: unknown): unknown {
  if (
    spec.nullable &&
    (text === "null" || (Array.isArray(text) && text.length === 1 && text[0] === "null"))
  ) return null;
  if (spec.kind === "array") {
    const items = Array.isArray(text) ? text : [text];
    return items.map((item) => convertScalar(spec.itemKind ?? "string", item, spec));
  }
  return convertScalar(spec.kind, text, spec);
}

function convertScalar(kind: FieldSpec["kind"], text: unknown, spec: FieldSpec): unknown {
  if (typeof text !== "string") return text;
  switch (kind) {
    case "number":
    case "integer":
      return text.trim() !== "" && !Number.isNaN(Number(text)) ? Number(text) : text;
    case "json":
      try {
        return JSON.parse(text);
      } catch {
        throw new UsageError(`Cannot parse --${spec.flag}: it must be JSON`, {
          hint: `Quote the JSON for your shell, e.g. --${spec.flag} '{"key": "value"}'`,
        });
      }
    default:
      return text;
  }
}
