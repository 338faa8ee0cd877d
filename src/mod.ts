/**
 * Codegen Lab as a library: the operation catalogue and the core it is built
 * on. Run operations with `invoke()`; serve them with `./mcp`; run the CLI
 * with `./cli`.
 *
 * @example List the operations
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildCatalog } from "./mod.ts";
 * assert.ok(buildCatalog().operations.list().some((operation) => operation.name === "list_files"));
 * ```
 *
 * @module
 */
export { buildCatalog, type Catalog } from "./catalog.ts";
export * from "./core/mod.ts";
