/**
 * The `ai_validate` operation.
 *
 * @module
 */
import { z } from "zod";
import { defineOperation, type Operation } from "../core/mod.ts";
import { loadProject } from "./load_project.ts";
import { type AgileDiagnostic, validateProject } from "./validate_project.ts";

const input = z.strictObject({});

const output = z.object({
  diagnostics: z.array(z.object({
    file: z.string(),
    line: z.int(),
    column: z.int().optional(),
    code: z.string(),
    severity: z.enum(["error", "warning"]),
    message: z.string(),
    hint: z.string(),
  })).describe("Problems, by file and line"),
  files: z.int().describe("Documents checked"),
  errors: z.int(),
  warnings: z.int(),
});

/**
 * Checks `.ai/` for structural and workflow problems.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { invoke, testContext } from "../core/mod.ts";
 * import { aiValidate } from "./ai_validate.ts";
 * const root = await Deno.makeTempDir({ prefix: "codegen_lab_" });
 * const ctx = await testContext(root);
 * const out = await invoke(aiValidate, {}, ctx);
 * assert.equal(out.diagnostics[0]?.code, "no-ai-folder");
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export const aiValidate: Operation<typeof input, typeof output> = defineOperation({
  name: "ai_validate",
  title: "Validate .ai/",
  description:
    "Check .ai/: missing PRD, architecture or front-block fields, invalid statuses and numbers, broken dependency references and relative Markdown links, duplicate or skipped story numbers, and states the status machine forbids (a Done story with unticked items, an InProgress story while the PRD or architecture is Draft). Each diagnostic has file, line, code, severity and a hint. The CLI exits 1 when there are errors.",
  group: "agile",
  input,
  output,
  effects: ["read"],
  requiresApproval: false,
  cli: {
    command: "ai validate",
    examples: [{ command: "ai validate", description: "Check .ai/ (exit 1 on errors)" }],
    render: (out) =>
      [
        ...out.diagnostics.map(formatDiagnostic),
        `${out.files} files checked: ${out.errors} errors, ${out.warnings} warnings`,
      ].join("\n"),
    exitCode: (out) => (out.errors > 0 ? 1 : 0),
  },
  async handler(_input, ctx) {
    const project = await loadProject(ctx.root);
    const diagnostics = await validateProject(project, ctx.root);
    const files = project.stories.length + (project.prd ? 1 : 0) + (project.arch ? 1 : 0);
    return {
      diagnostics,
      files,
      errors: diagnostics.filter((d) => d.severity === "error").length,
      warnings: diagnostics.filter((d) => d.severity === "warning").length,
    };
  },
});

function formatDiagnostic(d: AgileDiagnostic): string {
  const where = d.column === undefined ? `${d.file}:${d.line}` : `${d.file}:${d.line}:${d.column}`;
  return `${where}: ${d.severity} ${d.code}: ${d.message}\n  hint: ${d.hint}`;
}
