/**
 * Resources and prompts, declared once like operations and served by the MCP
 * door (and listed by the CLI). Later capabilities fill these registries.
 *
 * @module
 */
import type { z } from "zod";
import { DefinitionError } from "./registry.ts";
import type { OperationContext } from "./operation.ts";
import type { ToolGroup } from "./tool_groups.ts";

/** The text of one resource read. */
export interface ResourceContent {
  /** The URI that was read. */
  uri: string;
  /** MIME type, e.g. application/json. */
  mimeType: string;
  /** The content. */
  text: string;
}

/** One concrete resource offered by a template's listing. */
export interface ResourceListing {
  /** Concrete URI. */
  uri: string;
  /** Short name. */
  name: string;
  /** What it is. */
  description?: string;
}

/** A resource: a fixed URI, or a URI template such as `cursor-rule://{name}`. */
export interface Resource {
  /** Registry name (unique). */
  name: string;
  /** Human title. */
  title: string;
  /** What it holds. */
  description: string;
  /** The group it belongs to; served only when the group is enabled. */
  group: ToolGroup;
  /** MIME type of its content. */
  mimeType: string;
  /** A fixed URI, or an RFC 6570 level-1 template with `{var}` parts. */
  uri: string;
  /** For templates: the concrete resources that exist now. */
  list?(ctx: OperationContext): Promise<ResourceListing[]>;
  /** For templates: completion of each variable. */
  complete?: Record<string, (value: string, ctx: OperationContext) => Promise<string[]>>;
  /** Reads it; `vars` holds the template variables (empty for fixed URIs). */
  read(uri: string, vars: Record<string, string>, ctx: OperationContext): Promise<ResourceContent>;
}

/** One message of a rendered prompt. */
export interface PromptMessage {
  /** Who speaks. */
  role: "user" | "assistant";
  /** The text. */
  text: string;
}

/** A prompt template with typed string arguments. */
export interface Prompt<Args extends z.ZodRawShape = z.ZodRawShape> {
  /** Unique name, e.g. `generate-cursor-rule`. */
  name: string;
  /** Human title. */
  title: string;
  /** What it is for. */
  description: string;
  /** The group it belongs to. */
  group: ToolGroup;
  /** Arguments; MCP passes prompt arguments as strings. */
  args: Args;
  /** Completion of each argument. */
  complete?: Partial<
    Record<keyof Args & string, (value: string, ctx: OperationContext) => Promise<string[]>>
  >;
  /** Renders the messages, filling in real project context. */
  render(args: z.output<z.ZodObject<Args>>, ctx: OperationContext): Promise<{
    description?: string;
    messages: PromptMessage[];
  }>;
}

/** Any resource. */
export type AnyResource = Resource;
/** Any prompt, types erased. */
// deno-lint-ignore no-explicit-any
export type AnyPrompt = Prompt<any>;

/**
 * Declares a resource (typed identity).
 *
 * @param resource The declaration.
 * @returns The same declaration.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defineResource } from "./resource_prompt.ts";
 * const r = defineResource({
 *   name: "hello", title: "Hello", description: "Greeting", group: "core",
 *   mimeType: "text/plain", uri: "hello://world",
 *   read: (uri) => Promise.resolve({ uri, mimeType: "text/plain", text: "hi" }),
 * });
 * assert.ok(r.uri === "hello://world");
 * ```
 */
export function defineResource(resource: Resource): Resource {
  return resource;
}

/**
 * Declares a prompt (typed identity).
 *
 * @typeParam Args The argument shape.
 * @param prompt The declaration.
 * @returns The same declaration.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { z } from "zod";
 * import { definePrompt } from "./resource_prompt.ts";
 * const p = definePrompt({
 *   name: "greet", title: "Greet", description: "Greets", group: "core",
 *   args: { who: z.string().describe("Name") },
 *   render: (args) => Promise.resolve({ messages: [{ role: "user", text: `Greet ${args.who}` }] }),
 * });
 * assert.ok(p.name === "greet");
 * ```
 */
export function definePrompt<Args extends z.ZodRawShape>(prompt: Prompt<Args>): Prompt<Args> {
  return prompt;
}

/**
 * A name-keyed registry that refuses duplicates.
 *
 * @typeParam T The entry type.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { NamedRegistry } from "./resource_prompt.ts";
 * const r = new NamedRegistry<{ name: string }>("prompt");
 * r.add({ name: "a" });
 * assert.ok(r.list().length === 1);
 * ```
 */
export class NamedRegistry<T extends { name: string; group?: ToolGroup }> {
  readonly #entries = new Map<string, T>();
  readonly #kind: string;

  /** @param kind What the entries are, for error messages. */
  constructor(kind: string) {
    this.#kind = kind;
  }

  /**
   * @param entry The entry to add.
   * @returns This registry.
   * @throws {DefinitionError} When the name is taken.
   */
  add(entry: T): this {
    if (this.#entries.has(entry.name)) {
      throw new DefinitionError(
        `The ${this.#kind} "${entry.name}" is registered twice; rename one of them`,
      );
    }
    this.#entries.set(entry.name, entry);
    return this;
  }

  /** @param name Entry name. @returns The entry or undefined. */
  get(name: string): T | undefined {
    return this.#entries.get(name);
  }

  /** @param groups Only entries of these groups (default: all). @returns Entries in order. */
  list(groups?: readonly ToolGroup[]): T[] {
    const all = [...this.#entries.values()];
    return groups
      ? all.filter((entry) => entry.group === undefined || groups.includes(entry.group))
      : all;
  }
}
