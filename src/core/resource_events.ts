/**
 * A hub for "this resource changed" events. Watchers (e.g. of rule files)
 * publish into it; each MCP session forwards the events its client cares
 * about as `notifications/resources/updated` and `…/list_changed`.
 *
 * @module
 */

/** Listener for resource events. */
export interface ResourceEventListener {
  /** A resource's content changed. */
  updated?(uri: string): void;
  /** The set of resources changed (added or removed). */
  listChanged?(): void;
}

/**
 * Publishes resource changes to any number of listeners.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ResourceEvents } from "./resource_events.ts";
 * const events = new ResourceEvents();
 * const seen: string[] = [];
 * const stop = events.listen({ updated: (uri) => seen.push(uri) });
 * events.updated("cursor-rule://a");
 * stop();
 * events.updated("cursor-rule://b");
 * assert.ok(seen.join() === "cursor-rule://a");
 * ```
 */
export class ResourceEvents {
  readonly #listeners = new Set<ResourceEventListener>();

  /**
   * @param listener Callbacks.
   * @returns A function that removes the listener.
   */
  listen(listener: ResourceEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** @param uri The resource whose content changed. */
  updated(uri: string): void {
    for (const listener of this.#listeners) listener.updated?.(uri);
  }

  /** Announces that resources were added or removed. */
  listChanged(): void {
    for (const listener of this.#listeners) listener.listChanged?.();
  }
}
