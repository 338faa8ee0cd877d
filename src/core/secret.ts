/**
 * A wrapper for secret values (API keys, tokens) that never prints them:
 * `String()`, `JSON.stringify()` and `Deno.inspect()` all show `[redacted]`.
 *
 * @module
 */

const REDACTED = "[redacted]";

/**
 * Holds a secret string. Call {@linkcode Secret.reveal} only where the value
 * is sent to the service that needs it.
 *
 * @example Secrets do not leak into logs or JSON
 * ```ts
 * import assert from "node:assert/strict";
 * import { Secret } from "./secret.ts";
 * const key = new Secret("sk-live-123");
 * assert.ok(`${key}` === "[redacted]");
 * assert.ok(JSON.stringify({ key }) === '{"key":"[redacted]"}');
 * assert.ok(key.reveal() === "sk-live-123");
 * ```
 */
export class Secret {
  readonly #value: string;

  /** @param value The secret text. */
  constructor(value: string) {
    this.#value = value;
  }

  /** @returns The secret itself. Use only at the point of sending it. */
  reveal(): string {
    return this.#value;
  }

  /** @returns `[redacted]`. */
  toString(): string {
    return REDACTED;
  }

  /** @returns `[redacted]`. */
  toJSON(): string {
    return REDACTED;
  }

  /** Keeps `console.log` and `Deno.inspect` from showing the value. */
  [Symbol.for("Deno.customInspect")](): string {
    return `Secret(${REDACTED})`;
  }

  /** Same for Node's `util.inspect`, which npm code may use. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `Secret(${REDACTED})`;
  }
}
