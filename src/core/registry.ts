/**
 * The operation registry: the single list both doors are generated from.
 *
 * @module
 */
import type { AnyOperation } from "./operation.ts";
import type { ToolGroup } from "./tool_groups.ts";
import { TOOL_GROUPS } from "./tool_groups.ts";

const NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * A mistake in how an operation, resource or prompt is declared: a bug in
 * Codegen Lab itself, never something a user can cause.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DefinitionError } from "./registry.ts";
 * assert.ok(new DefinitionError("x").name === "DefinitionError");
 * ```
 */
export class DefinitionError extends Error {
  /** @param message What is wrong with the declaration and how to fix it. */
  constructor(message: string) {
    super(message);
    this.name = "DefinitionError";
  }
}

/**
 * Holds operations by name, in registration order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { z } from "zod";
 * import { OperationRegistry } from "./registry.ts";
 * const registry = new OperationRegistry();
 * registry.add({
 *   name: "ping", title: "Ping", description: "Answers pong", group: "core",
 *   input: z.strictObject({}), output: z.object({ reply: z.string() }),
 *   effects: [], requiresApproval: false, handler: () => Promise.resolve({ reply: "pong" }),
 * });
 * assert.ok(registry.get("ping")?.title === "Ping");
 * ```
 */
export class OperationRegistry {
  readonly #operations = new Map<string, AnyOperation>();
  readonly #commands = new Map<string, string>();

  /**
   * Adds an operation after checking its declaration.
   *
   * @param operation The operation.
   * @returns This registry, for chaining.
   * @throws {DefinitionError} When the name is invalid or taken, the schemas
   * are not objects, a field lacks a description, or a writer is not marked
   * for approval.
   */
  add(operation: AnyOperation): this {
    const { name } = operation;
    if (!NAME_PATTERN.test(name)) {
      throw new DefinitionError(`Operation name "${name}" must match ${NAME_PATTERN}`);
    }
    if (this.#operations.has(name)) {
      throw new DefinitionError(`Operation "${name}" is registered twice; rename one of them`);
    }
    if (!TOOL_GROUPS.includes(operation.group as ToolGroup)) {
      throw new DefinitionError(`Operation "${name}" names unknown group "${operation.group}"`);
    }
    for (
      const [which, schema] of [["input", operation.input], ["output", operation.output]] as const
    ) {
      if (schema?.def?.type !== "object") {
        throw new DefinitionError(`Operation "${name}" ${which} schema must be a z.object()`);
      }
    }
    for (const [field, schema] of Object.entries(operation.input.shape)) {
      if (!(schema as { description?: string }).description) {
        throw new DefinitionError(
          `Operation "${name}" input field "${field}" needs .describe(): the text is the CLI help and the model's only guide`,
        );
      }
    }
    if (
      operation.effects.includes("write") && !operation.requiresApproval && operation.destructive
    ) {
      throw new DefinitionError(`Operation "${name}" is destructive and must set requiresApproval`);
    }
    const command = commandOf(operation);
    const holder = this.#commands.get(command);
    if (holder) {
      throw new DefinitionError(
        `Operations "${holder}" and "${name}" both use CLI command "${command}"`,
      );
    }
    this.#operations.set(name, operation);
    this.#commands.set(command, name);
    return this;
  }

  /**
   * @param name Operation name.
   * @returns The operation, or undefined.
   */
  get(name: string): AnyOperation | undefined {
    return this.#operations.get(name);
  }

  /**
   * @param groups Only these groups (default: all).
   * @returns Operations in registration order.
   */
  list(groups?: readonly ToolGroup[]): AnyOperation[] {
    const all = [...this.#operations.values()];
    return groups ? all.filter((operation) => groups.includes(operation.group)) : all;
  }
}

/**
 * The CLI command words of an operation.
 *
 * @param operation The operation.
 * @returns e.g. `rules list`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { commandOf } from "./registry.ts";
 * assert.ok(commandOf({ name: "rules_list" } as never) === "rules list");
 * ```
 */
export function commandOf(operation: Pick<AnyOperation, "name" | "cli">): string {
  return operation.cli?.command ?? operation.name.replaceAll("_", " ");
}
