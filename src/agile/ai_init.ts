/**
 * The `ai_init` operation.
 *
 * @module
 */
import { basename } from "node:path";
import { z } from "zod";
import {
  defineOperation,
  type Operation,
  resolveInWorkspace,
  writeFileAtomic,
} from "../core/mod.ts";
import { setFrontFields } from "./edit_agile_doc.ts";
import { AI_DIR } from "./story_ref.ts";
import { ARCH_TEMPLATE, fillTemplate, PRD_TEMPLATE, templateFiles } from "./templates.ts";

/** Where `ai_init` puts the template copies. */
export const TEMPLATES_DIR = ".cursor/templates";

const input = z.strictObject({
  name: z.string().trim().min(1).regex(/^[^\r\n]*$/, "must be one line").optional().describe(
    "Project name for the PRD and architecture titles (default: the workspace folder's name)",
  ),
});

const output = z.object({
  files: z.array(z.object({
    path: z.string(),
    action: z.enum(["created", "kept"]).describe("kept: it existed and was left untouched"),
  })).describe("Every file ai_init looks after"),
  created: z.int().describe("How many files were created"),
});

/**
 * Creates `.ai/` with a Draft PRD and architecture, and the templates in
 * `.cursor/templates/`; existing files are kept. Writes under the workspace root.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { invoke, testContext } from "../core/mod.ts";
 * import { aiInit } from "./ai_init.ts";
 * const root = await Deno.makeTempDir({ prefix: "codegen_lab_" });
 * const ctx = await testContext(root);
 * const out = await invoke(aiInit, { name: "Shop" }, ctx);
 * assert.equal(out.created, 5);
 * assert.equal((await invoke(aiInit, {}, ctx)).created, 0);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export const aiInit: Operation<typeof input, typeof output> = defineOperation({
  name: "ai_init",
  title: "Start the .ai/ workflow",
  description:
    "Set up the Agile workflow: create .ai/ with a Draft PRD (.ai/prd.md) and architecture (.ai/arch.md), and the PRD, architecture and story templates in .cursor/templates/. Existing files are never changed, so running it again is safe.",
  group: "agile",
  input,
  output,
  effects: ["read", "write"],
  requiresApproval: true,
  idempotent: true,
  cli: {
    command: "ai init",
    examples: [
      { command: "ai init", description: "Create .ai/ and the templates" },
      {
        command: "ai init --name 'Order service'",
        description: "With a project name in the titles",
      },
    ],
    render: (out) =>
      `${out.files.map((file) => `${file.action.padEnd(7)} ${file.path}`).join("\n")}\n${
        out.created === 0 ? "Nothing to do: everything was there" : `Created ${out.created} files`
      }`,
  },
  async handler(input, ctx) {
    const name = input.name ?? basename(ctx.root);
    const wanted: Array<[string, string]> = [
      ...Object.entries(templateFiles()).map(([file, text]): [string, string] => [
        `${TEMPLATES_DIR}/${file}`,
        text,
      ]),
      [`${AI_DIR}/prd.md`, titled(PRD_TEMPLATE, `${name} product requirements`)],
      [`${AI_DIR}/arch.md`, titled(ARCH_TEMPLATE, `${name} architecture`)],
    ];
    const files: Array<{ path: string; action: "created" | "kept" }> = [];
    await Deno.mkdir((await resolveInWorkspace(ctx.root, AI_DIR)).absolute, { recursive: true });
    for (const [path, text] of wanted) {
      const target = await resolveInWorkspace(ctx.root, path);
      const exists = await Deno.lstat(target.absolute).then(() => true, () => false);
      if (!exists) await writeFileAtomic(target.absolute, text);
      files.push({ path, action: exists ? "kept" : "created" });
    }
    return { files, created: files.filter((file) => file.action === "created").length };
  },
});

function titled(template: string, title: string): string {
  return setFrontFields(fillTemplate(template, { title }), { title });
}
